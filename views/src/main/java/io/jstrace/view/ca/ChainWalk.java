package io.jstrace.view.ca;

import io.jstrace.view.ca.CaReport.AiaFetch;
import io.jstrace.view.ca.CaReport.End;
import io.jstrace.view.ca.CaReport.Link;
import io.jstrace.view.ca.CaReport.Origin;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the path from the server's own certificate to a root (RFC 5280 section 6.1: each
 * certificate's issuer named by the next one's subject and its signature checked with
 * the next one's key): first from what the server sent, in whatever order it sent it;
 * then, when that stops short, through the caIssuers URLs of the certificate at the top
 * (AIA); last a trust anchor that issued the top.
 */
final class ChainWalk {
    private final List<X509Certificate> sent;
    private final List<X509Certificate> anchors;
    final List<Link> path = new ArrayList<>();
    final List<AiaFetch> fetches = new ArrayList<>();
    /** How the path of the sent certificates alone ends. */
    final End sentEnd;
    /** Why AIA stopped short of a root or an anchor (depth limit), or null. */
    String aiaStopped;

    ChainWalk(List<X509Certificate> sent, List<X509Certificate> anchors) {
        this.sent = sent;
        this.anchors = anchors;
        path.add(new Link(sent.get(0), Origin.SENT, 0, null));
        for (int j; !Certificates.selfSigned(top()) && (j = sentIssuer(top())) >= 0; ) {
            path.add(new Link(sent.get(j), Origin.SENT, j, null));
        }
        sentEnd = state();
    }

    X509Certificate top() {
        return path.get(path.size() - 1).cert();
    }

    /** The position in {@code sent} of a certificate not yet on the path that issued {@code c}; -1 if none. */
    private int sentIssuer(X509Certificate c) {
        for (int j = 0; j < sent.size(); j++) {
            if (!onPath(sent.get(j)) && Certificates.issuedBy(c, sent.get(j))) return j;
        }
        return -1;
    }

    private boolean onPath(X509Certificate c) {
        for (Link l : path) if (l.cert().equals(c)) return true;
        return false;
    }

    /** The trust anchor that issued {@code c}, or null. */
    private X509Certificate anchorFor(X509Certificate c) {
        for (X509Certificate a : anchors) if (Certificates.issuedBy(c, a)) return a;
        return null;
    }

    boolean trusted(X509Certificate c) {
        return anchors.contains(c); // X509Certificate.equals compares the encodings
    }

    private End state() {
        X509Certificate top = top();
        if (Certificates.selfSigned(top)) return trusted(top) ? End.TRUSTED_ROOT : End.UNTRUSTED_ROOT;
        return anchorFor(top) != null ? End.ANCHORED : End.INCOMPLETE;
    }

    /**
     * Follows caIssuers from the top until a self-signed certificate, or (unless
     * {@code toRoot}) a certificate a trust anchor issued, or {@code maxHops} downloads
     * that each added a certificate. A URL met again, or a certificate already on the
     * path, is a loop and is refused.
     */
    void followAia(AiaClient client, long deadline, boolean toRoot, int maxHops) {
        Set<String> urls = new HashSet<>();
        for (int hop = 0; ; hop++) {
            X509Certificate top = top();
            if (Certificates.selfSigned(top) || !toRoot && anchorFor(top) != null) return;
            if (hop == maxHops) {
                aiaStopped = "stopped after " + maxHops + " AIA downloads without reaching a root";
                return;
            }
            Link found = null;
            for (String url : AccessDescriptions.of(top).caIssuers()) {
                String subject = top.getSubjectX500Principal().getName();
                if (!urls.add(url)) {
                    fetches.add(new AiaFetch(url, subject, 0, 0, List.of(), "loop: this URL was fetched already"));
                    continue;
                }
                found = fetch(client, url, top, subject, deadline);
                if (found != null) break;
            }
            if (found == null) return;
            path.add(found);
        }
    }

    /** Downloads {@code url}; the link to the issuer of {@code top} it holds, or null (the reason recorded). */
    private Link fetch(AiaClient client, String url, X509Certificate top, String subject, long deadline) {
        long start = System.nanoTime();
        AiaClient.Download d = client.get(url, deadline);
        long nanos = System.nanoTime() - start;
        if (d.error() != null) {
            fetches.add(new AiaFetch(url, subject, 0, nanos, List.of(), d.error()));
            return null;
        }
        List<X509Certificate> certs;
        try {
            certs = Certificates.parse(d.body());
        } catch (CertificateException e) {
            fetches.add(new AiaFetch(url, subject, d.body().length, nanos, List.of(),
                    "not a certificate (DER, PEM or PKCS#7): " + e.getMessage()));
            return null;
        }
        String error = "none of its " + certs.size() + " certificate(s) issued " + subject;
        Link link = null;
        for (X509Certificate c : certs) {
            if (!Certificates.issuedBy(top, c)) continue;
            if (onPath(c)) {
                error = "loop: " + c.getSubjectX500Principal().getName() + " is already in the chain";
                break;
            }
            error = null;
            link = new Link(c, Origin.AIA, -1, url);
            break;
        }
        fetches.add(new AiaFetch(url, subject, d.body().length, nanos, certs, error));
        return link;
    }

    /** Ends the path with the trust anchor that issued its top, if there is one; how it ends. */
    End finish() {
        End end = state();
        if (end == End.ANCHORED) path.add(new Link(anchorFor(top()), Origin.TRUST, -1, null));
        return end;
    }
}
