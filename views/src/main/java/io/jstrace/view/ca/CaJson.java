package io.jstrace.view.ca;

import io.jstrace.render.JsonWriter;
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

/** A fetched chain as one JSON object per line, as docs/jstrace-ca.schema.json describes. */
public final class CaJson implements Renderer<CaReport> {
    @Override
    public String line(CaReport r) {
        JsonWriter w = new JsonWriter(new StringBuilder(4096));
        w.beginObject().member("host", r.target().host()).member("port", r.target().port());
        w.member("starttls", r.target().starttls() == null ? null : r.target().starttls().toString());
        w.member("address", r.address()).member("error", r.error());
        w.member("tls_version", r.protocol()).member("cipher", r.cipher());
        w.name("handshake_ms").number(String.format(Locale.ROOT, "%.3f", r.handshakeNanos() / 1e6));
        Instant now = Instant.now();
        w.name("chain").beginArray();
        for (int i = 0; i < r.sent().size(); i++) certificate(w, i, r.sent().get(i), now);
        w.endArray();
        w.name("path").beginArray();
        for (Link l : r.path()) {
            w.beginObject().member("origin", l.origin().name().toLowerCase(Locale.ROOT));
            w.name("cert");
            if (l.index() < 0) w.nullValue();
            else w.value(l.index());
            w.member("subject", l.cert().getSubjectX500Principal().getName())
                    .member("sha256", Certificates.sha256(l.cert())).member("url", l.url());
            if (l.origin() != CaReport.Origin.SENT) w.member("pem", Certificates.pem(l.cert()));
            w.endObject();
        }
        w.endArray();
        w.member("end", r.fetched() ? r.end().name().toLowerCase(Locale.ROOT) : null);
        w.name("aia").beginArray();
        for (AiaFetch f : r.aia()) {
            w.beginObject().member("url", f.url()).member("for", f.subject()).member("bytes", f.bytes());
            w.name("ms").number(String.format(Locale.ROOT, "%.3f", f.nanos() / 1e6));
            w.name("certificates").beginArray();
            for (X509Certificate c : f.certs()) w.value(c.getSubjectX500Principal().getName());
            w.endArray().member("error", f.error()).endObject();
        }
        w.endArray();
        w.name("verify");
        if (r.verdict() == null) {
            w.nullValue();
        } else {
            w.beginObject().member("ok", r.verdict().ok()).name("reasons").beginArray();
            for (CaReport.Reason reason : r.verdict().reasons()) w.value(reason.code());
            w.endArray().member("jsse", r.verdict().jsse()).endObject();
        }
        w.name("diagnoses").beginArray();
        for (Diagnosis d : r.diagnoses()) {
            w.beginObject().member("code", d.code()).member("severity", d.severity().name().toLowerCase(Locale.ROOT));
            w.name("cert");
            if (d.cert() < 0) w.nullValue();
            else w.value(d.cert());
            w.member("message", d.message()).endObject();
        }
        w.endArray();
        w.name("saved").beginArray();
        for (X509Certificate c : r.saved()) w.value(Certificates.sha256(c));
        w.endArray();
        return w.endObject().out().toString();
    }

    private static void certificate(JsonWriter w, int index, X509Certificate c, Instant now) {
        AccessDescriptions aia = AccessDescriptions.of(c);
        w.beginObject().member("index", index).member("subject", c.getSubjectX500Principal().getName())
                .member("issuer", c.getIssuerX500Principal().getName())
                .member("serial", c.getSerialNumber().toString(16))
                .member("not_before", c.getNotBefore().toInstant().toString())
                .member("not_after", c.getNotAfter().toInstant().toString())
                .member("days_left", Duration.between(now, c.getNotAfter().toInstant()).toDays())
                .member("sha256", Certificates.sha256(c)).member("key_algorithm", Certificates.keyAlgorithm(c))
                .member("key_bits", Certificates.keyBits(c)).member("signature_algorithm", c.getSigAlgName())
                .member("is_ca", Certificates.isCa(c)).member("self_signed", Certificates.selfSigned(c));
        strings(w.name("san"), sans(c));
        strings(w.name("aia_ca_issuers"), aia.caIssuers());
        strings(w.name("ocsp"), aia.ocsp());
        w.member("pem", Certificates.pem(c)).endObject();
    }

    /** The dNSName and iPAddress subjectAltNames. */
    private static List<String> sans(X509Certificate c) {
        List<String> all = new ArrayList<>(Certificates.altNames(c, 2));
        all.addAll(Certificates.altNames(c, 7));
        return all;
    }

    private static void strings(JsonWriter w, List<String> values) {
        w.beginArray();
        for (String v : values) w.value(v);
        w.endArray();
    }
}
