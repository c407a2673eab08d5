package io.jstrace.view.ca;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A certificate's Authority Information Access extension (RFC 5280 section 4.2.2.1,
 * id-pe-authorityInfoAccess 1.3.6.1.5.5.7.1.1): the URIs of its issuer's certificates
 * (caIssuers, 1.3.6.1.5.5.7.48.2) and of its OCSP responder (1.3.6.1.5.5.7.48.1).
 *
 * <pre>
 * AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
 * AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
 * GeneralName ::= CHOICE { ..., uniformResourceIdentifier [6] IA5String, ... }
 * </pre>
 *
 * Read with a DER walker of a few lines (X.690 section 8.1: tag, length, contents); a
 * malformed extension gives no URIs, never an exception.
 */
public record AccessDescriptions(List<String> caIssuers, List<String> ocsp) {
    static final String OID = "1.3.6.1.5.5.7.1.1";
    /** The contents of the OBJECT IDENTIFIERs 1.3.6.1.5.5.7.48.1 and .2 (X.690 section 8.19). */
    private static final byte[] OCSP = {0x2b, 6, 1, 5, 5, 7, 0x30, 1};
    private static final byte[] CA_ISSUERS = {0x2b, 6, 1, 5, 5, 7, 0x30, 2};
    private static final int SEQUENCE = 0x30, OCTET_STRING = 0x04, OBJECT_IDENTIFIER = 0x06, URI = 0x86;
    private static final AccessDescriptions NONE = new AccessDescriptions(List.of(), List.of());

    /** {@code cert}'s access descriptions; none when it has no such extension or it is malformed. */
    public static AccessDescriptions of(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(OID);
        return ext == null ? NONE : parse(ext);
    }

    /** The DER of the extension's value as getExtensionValue gives it: an OCTET STRING around the syntax. */
    static AccessDescriptions parse(byte[] der) {
        List<String> issuers = new ArrayList<>(), ocsp = new ArrayList<>();
        Tlv octets = Tlv.read(der, 0, der.length);
        if (octets == null || octets.tag != OCTET_STRING) return NONE;
        Tlv seq = Tlv.read(der, octets.start, octets.end);
        if (seq == null || seq.tag != SEQUENCE) return NONE;
        for (Tlv d = Tlv.read(der, seq.start, seq.end); d != null; d = Tlv.read(der, d.end, seq.end)) {
            if (d.tag != SEQUENCE) continue;
            Tlv method = Tlv.read(der, d.start, d.end);
            if (method == null || method.tag != OBJECT_IDENTIFIER) continue;
            Tlv location = Tlv.read(der, method.end, d.end);
            if (location == null || location.tag != URI) continue;
            byte[] oid = Arrays.copyOfRange(der, method.start, method.end);
            String uri = new String(der, location.start, location.end - location.start, StandardCharsets.US_ASCII);
            if (Arrays.equals(oid, CA_ISSUERS)) issuers.add(uri);
            else if (Arrays.equals(oid, OCSP)) ocsp.add(uri);
        }
        return new AccessDescriptions(List.copyOf(issuers), List.copyOf(ocsp));
    }

    /** One DER element: its tag (one byte: low tag numbers only) and where its contents lie. */
    private record Tlv(int tag, int start, int end) {
        /** The element at {@code at}, or {@code null} when none fits before {@code limit}. */
        static Tlv read(byte[] b, int at, int limit) {
            if (at + 2 > limit) return null;
            int tag = b[at] & 0xff, len = b[at + 1] & 0xff, p = at + 2;
            if (len >= 0x80) { // long form: the low bits count the length's bytes (X.690 8.1.3.5)
                int n = len & 0x7f;
                if (n == 0 || n > 3 || p + n > limit) return null; // indefinite, or absurd for an extension
                len = 0;
                for (int i = 0; i < n; i++) len = len << 8 | b[p++] & 0xff;
            }
            return p + len > limit ? null : new Tlv(tag, p, p + len);
        }
    }
}
