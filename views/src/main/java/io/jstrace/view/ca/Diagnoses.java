package io.jstrace.view.ca;

import io.jstrace.view.ca.CaReport.AiaFetch;
import io.jstrace.view.ca.CaReport.Diagnosis;
import io.jstrace.view.ca.CaReport.End;
import io.jstrace.view.ca.CaReport.Link;
import io.jstrace.view.ca.CaReport.Origin;
import io.jstrace.view.ca.CaReport.Reason;
import io.jstrace.view.ca.CaReport.Severity;
import io.jstrace.view.ca.CaReport.Verdict;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The diagnosis of one chain, and the reasons behind JSSE's verdict, from the path built. */
final class Diagnoses {
    /** A certificate expiring sooner than this is a warning, not news. */
    static final Duration SOON = Duration.ofDays(30);

    private final List<X509Certificate> sent;
    private final ChainWalk walk;
    private final End end;
    private final String host;
    private final Instant now;
    private final List<Diagnosis> out = new ArrayList<>();

    Diagnoses(List<X509Certificate> sent, ChainWalk walk, End end, String host, Instant now) {
        this.sent = sent;
        this.walk = walk;
        this.end = end;
        this.host = host;
        this.now = now;
    }

    /** Every finding, errors first, then warnings, then the rest, each group in path order. */
    List<Diagnosis> all() {
        order();
        issuers();
        rootSent();
        extras();
        validity();
        name();
        weak();
        aiaFailures();
        out.sort(Comparator.comparing(Diagnosis::severity));
        return List.copyOf(out);
    }

    /**
     * JSSE's verdict ({@code jsse}: its trust manager's message, null when it accepted the
     * chain) with the reasons read off the path; a name mismatch fails the chain too.
     */
    Verdict verdict(String jsse) {
        Set<Reason> reasons = new LinkedHashSet<>();
        if (jsse != null) {
            if (missingIntermediate()) reasons.add(Reason.MISSING_INTERMEDIATE);
            else if (walk.sentEnd == End.INCOMPLETE && end == End.INCOMPLETE) reasons.add(Reason.UNKNOWN_ISSUER);
            if (end == End.UNTRUSTED_ROOT) reasons.add(Reason.UNTRUSTED_ROOT);
            for (Link l : walk.path) {
                if (now.isAfter(l.cert().getNotAfter().toInstant())) reasons.add(Reason.EXPIRED);
                if (now.isBefore(l.cert().getNotBefore().toInstant())) reasons.add(Reason.NOT_YET_VALID);
            }
            if (reasons.isEmpty()) reasons.add(Reason.OTHER);
        }
        if (!HostNames.matches(sent.get(0), host)) reasons.add(Reason.NAME_MISMATCH);
        return new Verdict(reasons.isEmpty(), List.copyOf(reasons), jsse);
    }

    /** The server stopped short and the first certificate AIA found is not a root: an intermediate it should have sent. */
    private boolean missingIntermediate() {
        Link first = firstFetched();
        return walk.sentEnd == End.INCOMPLETE && first != null && !Certificates.selfSigned(first.cert());
    }

    private Link firstFetched() {
        for (Link l : walk.path) if (l.origin() == Origin.AIA) return l;
        return null;
    }

    private void add(String code, Severity s, int cert, String message) {
        out.add(new Diagnosis(code, s, cert, message));
    }

    private static String name(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    private static String name(Link l) {
        return l.label() + " " + name(l.cert());
    }

    /** RFC 8446 section 4.4.2: the sender's certificate first, each following one certifying the one before. */
    private void order() {
        for (int j = 1; j < sent.size(); j++) {
            if (Certificates.issuedBy(sent.get(j), sent.get(0))) {
                add("wrong_order", Severity.WARNING, 0, "#0 " + name(sent.get(0)) + " issued #" + j
                        + ": the server's own certificate must come first");
                return;
            }
        }
        List<Link> p = walk.path;
        for (int i = 0; i + 1 < p.size(); i++) {
            Link a = p.get(i), b = p.get(i + 1);
            if (a.origin() == Origin.SENT && b.origin() == Origin.SENT && b.index() != a.index() + 1) {
                add("wrong_order", Severity.WARNING, b.index(), name(b) + " issued " + name(a)
                        + " but was sent at position " + b.index() + ", not " + (a.index() + 1)
                        + ": send each issuer right after the certificate it issued");
                return;
            }
        }
    }

    private void issuers() {
        Link top = lastSent();
        if (missingIntermediate()) {
            Link first = firstFetched();
            String repair = switch (end) {
                case TRUSTED_ROOT, ANCHORED -> "AIA repairs it (" + first.url() + ")";
                case UNTRUSTED_ROOT -> "AIA finds it (" + first.url() + "), but the root is not trusted";
                default -> "AIA finds it (" + first.url() + ") but not the rest of the chain";
            };
            add("missing_intermediate", Severity.ERROR, top.index(), "the server did not send "
                    + name(first.cert()) + ", the issuer of " + name(top) + ": " + repair);
        } else if (walk.sentEnd == End.INCOMPLETE && end == End.INCOMPLETE) {
            X509Certificate t = walk.top();
            String aia = AccessDescriptions.of(t).caIssuers().isEmpty() ? "it names no caIssuers URL"
                    : walk.fetches.isEmpty() ? "AIA was not followed" : "AIA did not find it";
            add("unknown_issuer", Severity.ERROR, top.index(), "the issuer of " + name(walk.path.get(walk.path.size()
                    - 1)) + " (" + t.getIssuerX500Principal().getName() + ") was not sent and is not trusted; " + aia);
        }
        if (end == End.UNTRUSTED_ROOT) {
            Link root = walk.path.get(walk.path.size() - 1);
            add("untrusted_root", Severity.ERROR, root.index(), "the chain ends at " + name(root)
                    + ", a root that is not a trust anchor");
        }
        if (walk.aiaStopped != null) add("aia_depth", Severity.WARNING, -1, walk.aiaStopped);
    }

    private Link lastSent() {
        Link last = walk.path.get(0);
        for (Link l : walk.path) if (l.origin() == Origin.SENT) last = l;
        return last;
    }

    private void rootSent() {
        if (sent.size() < 2) return;
        for (int j = 0; j < sent.size(); j++) {
            if (Certificates.selfSigned(sent.get(j))) {
                add("root_sent", Severity.WARNING, j, "#" + j + " " + name(sent.get(j)) + " is a self-signed root:"
                        + " a client must have it already, so sending it only adds "
                        + Certificates.der(sent.get(j)).length + " bytes to every handshake");
            }
        }
    }

    private void extras() {
        for (int j = 1; j < sent.size(); j++) {
            boolean used = false;
            for (Link l : walk.path) used |= l.origin() == Origin.SENT && l.index() == j;
            if (!used) add("extra_certificate", Severity.WARNING, j, "#" + j + " " + name(sent.get(j))
                    + " is not part of the chain to #0");
        }
    }

    /** Each certificate's validity (RFC 5280 section 4.1.2.5), and when the chain as a whole expires. */
    private void validity() {
        Link first = null;
        for (Link l : walk.path) {
            Instant from = l.cert().getNotBefore().toInstant(), to = l.cert().getNotAfter().toInstant();
            if (now.isAfter(to)) {
                add("expired", Severity.ERROR, l.index(), name(l) + " expired " + days(Duration.between(to, now))
                        + " ago (" + date(to) + ")");
            } else if (now.isBefore(from)) {
                add("not_yet_valid", Severity.ERROR, l.index(), name(l) + " is valid only from " + date(from)
                        + " (in " + days(Duration.between(now, from)) + ")");
            } else if (l.origin() != Origin.TRUST && (first == null
                    || to.isBefore(first.cert().getNotAfter().toInstant()))) {
                first = l;
            }
        }
        if (first == null) return;
        Instant to = first.cert().getNotAfter().toInstant();
        Duration left = Duration.between(now, to);
        add("expiry", left.compareTo(SOON) < 0 ? Severity.WARNING : Severity.INFO, first.index(),
                "expires in " + days(left) + " (" + date(to) + "): " + name(first) + " is the first to expire");
    }

    private void name() {
        X509Certificate leaf = sent.get(0);
        if (HostNames.matches(leaf, host)) return;
        add("name_mismatch", Severity.ERROR, 0, "#0 is for " + String.join(", ", HostNames.names(leaf)) + ", not "
                + host);
    }

    private void weak() {
        for (Link l : walk.path) {
            X509Certificate c = l.cert();
            if (Certificates.weakKey(c)) {
                add("weak_key", Severity.WARNING, l.index(), name(l) + " has a " + Certificates.keyBits(c) + "-bit "
                        + Certificates.keyAlgorithm(c) + " key");
            }
            // a root's signature on itself is never checked (RFC 5280 section 6.1: the trust anchor is given)
            if (Certificates.weakSignature(c) && !Certificates.selfSigned(c)) {
                add("weak_signature", Severity.WARNING, l.index(), name(l) + " is signed with " + c.getSigAlgName());
            }
        }
    }

    private void aiaFailures() {
        for (AiaFetch f : walk.fetches) {
            if (f.error() != null) add("aia_failed", Severity.WARNING, -1, f.url() + ": " + f.error());
        }
    }

    /** "12 days", "1 day", "0 days" (whole days, rounded down). */
    static String days(Duration d) {
        long n = d.toDays();
        return n + (n == 1 ? " day" : " days");
    }

    static String date(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
