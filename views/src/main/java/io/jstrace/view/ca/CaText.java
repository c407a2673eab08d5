package io.jstrace.view.ca;

import io.jstrace.view.Renderer;
import io.jstrace.view.ca.CaReport.AiaFetch;
import io.jstrace.view.ca.CaReport.Diagnosis;
import io.jstrace.view.ca.CaReport.Link;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fetched chain as text: the connection, every certificate as the server sent it, the
 * AIA downloads, the path, the verdict with its reasons, and the diagnosis. A failed
 * fetch is one line, {@code HOST:PORT: why}.
 */
public final class CaText implements Renderer<CaReport> {
    private final boolean insecure;

    /** @param insecure whether the verdict does not count (-insecure): said beside a failure */
    public CaText(boolean insecure) {
        this.insecure = insecure;
    }

    @Override
    public String line(CaReport r) {
        if (!r.fetched()) return r.target() + ": " + r.error();
        StringBuilder b = new StringBuilder();
        b.append(r.target());
        if (r.target().starttls() != null) b.append(" (starttls ").append(r.target().starttls()).append(')');
        if (!r.address().equals(r.target().toString())) b.append(" at ").append(r.address());
        b.append(": ").append(r.protocol()).append(", ").append(r.cipher()).append(", ")
                .append(r.handshakeNanos() / 1_000_000).append(" ms\n");
        b.append("chain received: ").append(r.sent().size()).append(" certificate(s), as sent\n");
        Instant now = Instant.now();
        for (int i = 0; i < r.sent().size(); i++) certificate(b, "#" + i, r.sent().get(i), now);
        for (AiaFetch f : r.aia()) {
            b.append("aia ").append(f.url()).append(": ");
            if (f.error() != null) b.append(f.error());
            else b.append(subjects(f.certs())).append(" (").append(f.bytes()).append(" bytes)");
            b.append(", ").append(f.nanos() / 1_000_000).append(" ms\n");
        }
        b.append("path: ");
        for (Link l : r.path()) {
            if (l != r.path().get(0)) b.append(" -> ");
            b.append(l.label());
            if (l.origin() != CaReport.Origin.SENT) b.append(' ').append(l.cert().getSubjectX500Principal().getName());
        }
        b.append(" (").append(r.end().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(")\n");
        CaReport.Verdict v = r.verdict();
        b.append("verify: ");
        if (v.ok()) {
            b.append("ok");
        } else {
            List<String> reasons = new ArrayList<>();
            for (CaReport.Reason reason : v.reasons()) reasons.add(reason.text);
            b.append("FAILED: ").append(String.join(", ", reasons));
            if (insecure) b.append(" (-insecure: not counted)");
            if (v.jsse() != null) b.append("\n  jsse: ").append(v.jsse());
        }
        b.append('\n');
        if (!r.diagnoses().isEmpty()) b.append("diagnosis:\n");
        for (Diagnosis d : r.diagnoses()) {
            b.append(String.format(Locale.ROOT, "  %-7s %s: %s%n", d.severity().name().toLowerCase(Locale.ROOT),
                    d.code(), d.message()));
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private static void certificate(StringBuilder b, String label, X509Certificate c, Instant now) {
        Instant to = c.getNotAfter().toInstant();
        String left = now.isAfter(to) ? "expired " + Diagnoses.days(Duration.between(to, now)) + " ago"
                : now.isBefore(c.getNotBefore().toInstant()) ? "not yet valid"
                : Diagnoses.days(Duration.between(now, to)) + " left";
        b.append("  ").append(label).append(' ').append(c.getSubjectX500Principal().getName()).append('\n');
        b.append("     issuer ").append(c.getIssuerX500Principal().getName());
        if (Certificates.selfSigned(c)) b.append(" (self-signed)");
        b.append('\n');
        b.append("     ").append(Certificates.keyAlgorithm(c)).append(' ').append(Certificates.keyBits(c)).append(", ")
                .append(c.getSigAlgName()).append(", ").append(Diagnoses.date(c.getNotBefore().toInstant()))
                .append(" to ").append(Diagnoses.date(to)).append(" (").append(left).append(")\n");
        b.append("     sha256 ").append(Certificates.sha256(c)).append('\n');
    }

    private static String subjects(List<X509Certificate> certs) {
        List<String> s = new ArrayList<>();
        for (X509Certificate c : certs) s.add(c.getSubjectX500Principal().getName());
        return String.join("; ", s);
    }
}
