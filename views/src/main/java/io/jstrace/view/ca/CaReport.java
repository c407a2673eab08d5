package io.jstrace.view.ca;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one fetch found: the chain exactly as the server sent it, the path built from it
 * (with trust anchors and certificates fetched through AIA), whether JSSE trusts it and
 * why not, and the diagnosis. When the fetch failed, {@code error} says why in one line
 * and the lists are empty.
 *
 * @param target the server asked
 * @param address the address connected to ({@code 127.0.0.1:4433}), or null
 * @param error why there is no chain (unknown host, connection refused, timed out, handshake failure), or null
 * @param protocol the negotiated TLS version (TLSv1.3), or null
 * @param cipher the negotiated cipher suite, or null
 * @param handshakeNanos from the start of the TCP connect to the end of the handshake
 * @param sent the certificates in the server's Certificate message, in its order
 * @param path the leaf, then each issuer: sent, fetched through AIA or a trust anchor
 * @param end how the path ends
 * @param aia every caIssuers download made, in order
 * @param verdict JSSE's verdict on the chain as sent, and the reasons for a failure
 * @param diagnoses what is wrong or worth knowing about the chain, most serious first
 * @param saved what {@code -o} writes: the sent CA certificates (the leaf too with -all), and
 *     with -fetch-root the certificates AIA added
 */
public record CaReport(Target target, String address, String error, String protocol, String cipher,
        long handshakeNanos, List<X509Certificate> sent, List<Link> path, End end, List<AiaFetch> aia,
        Verdict verdict, List<Diagnosis> diagnoses, List<X509Certificate> saved) {

    /** A fetch that failed before the chain came. */
    static CaReport failed(Target target, String address, String error, long nanos) {
        return new CaReport(target, address, error, null, null, nanos, List.of(), List.of(), End.INCOMPLETE,
                List.of(), null, List.of(), List.of());
    }

    /** Whether the chain came. */
    public boolean fetched() {
        return error == null;
    }

    /** Where a certificate of the path came from. */
    public enum Origin { SENT, AIA, TRUST }

    /** How the path ends. */
    public enum End {
        /** at a self-signed certificate that is a trust anchor */
        TRUSTED_ROOT,
        /** at a certificate issued by a trust anchor (the anchor is the path's last element) */
        ANCHORED,
        /** at a self-signed certificate that is not a trust anchor */
        UNTRUSTED_ROOT,
        /** at a certificate whose issuer was neither sent, nor trusted, nor found through AIA */
        INCOMPLETE
    }

    /**
     * One certificate of the path.
     *
     * @param index its position in {@code sent}, or -1
     * @param url for AIA, the URL it came from
     */
    public record Link(X509Certificate cert, Origin origin, int index, String url) {
        /** {@code #2} for a sent certificate, {@code aia} or {@code trust} for the others. */
        public String label() {
            return switch (origin) {
                case SENT -> "#" + index;
                case AIA -> "aia";
                case TRUST -> "trust";
            };
        }
    }

    /**
     * One caIssuers download.
     *
     * @param subject the subject of the certificate whose AIA named the URL
     * @param certs what the body held (DER, PEM or PKCS#7), empty when it failed
     * @param error why it gave no issuer, or null
     */
    public record AiaFetch(String url, String subject, int bytes, long nanos, List<X509Certificate> certs,
            String error) {}

    /** Why a chain fails. */
    public enum Reason {
        UNTRUSTED_ROOT("untrusted root"),
        MISSING_INTERMEDIATE("missing intermediate"),
        UNKNOWN_ISSUER("unknown issuer"),
        EXPIRED("expired"),
        NOT_YET_VALID("not yet valid"),
        NAME_MISMATCH("name mismatch"),
        OTHER("rejected");

        public final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The JSON spelling: untrusted_root, ... */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The verification result.
     *
     * @param ok JSSE's PKIX trust manager accepts the chain as sent and the leaf is for the host
     * @param reasons why not (empty when ok)
     * @param jsse the trust manager's own message, or null when it accepted the chain
     */
    public record Verdict(boolean ok, List<Reason> reasons, String jsse) {}

    public enum Severity { ERROR, WARNING, INFO }

    /**
     * One finding.
     *
     * @param code wrong_order, missing_intermediate, root_sent, expiry, weak_key, ... (docs/jstrace-ca.schema.json)
     * @param cert the position in {@code sent} of the certificate it is about, or -1
     */
    public record Diagnosis(String code, Severity severity, int cert, String message) {}
}
