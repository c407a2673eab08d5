package io.jstrace.view.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AIA extension's DER, by hand from RFC 5280's ASN.1 and X.690; and bytes that are not one. */
class AccessDescriptionsTest {
    /** OCTET STRING { SEQUENCE { SEQUENCE { ocsp, [6] "http://o" }, SEQUENCE { caIssuers, [6] "http://c/i.der" } } } */
    private static final byte[] EXTENSION = HexFormat.of().parseHex("0434" + "3032"
            + "3014" + "06082b06010505073001" + "8608" + "687474703a2f2f6f"
            + "301a" + "06082b06010505073002" + "860e" + "687474703a2f2f632f692e646572");

    @Test
    void readsBothAccessMethods() {
        AccessDescriptions a = AccessDescriptions.parse(EXTENSION);
        assertEquals(List.of("http://c/i.der"), a.caIssuers());
        assertEquals(List.of("http://o"), a.ocsp());
    }

    @Test
    void longFormLengths() {
        // the same SEQUENCE with its length in the long form (0x81 0x32), as a DER writer must not but BER may
        byte[] b = HexFormat.of().parseHex("0435" + "308132" + HexFormat.of().formatHex(EXTENSION).substring(8));
        assertEquals(List.of("http://c/i.der"), AccessDescriptions.parse(b).caIssuers());
    }

    /** Every cut and every flipped byte of a real extension: no exception, only fewer URIs. */
    @Test
    void brokenBytesNeverThrow() {
        for (int n = 0; n < EXTENSION.length; n++) {
            AccessDescriptions.parse(java.util.Arrays.copyOf(EXTENSION, n));
        }
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = EXTENSION.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            AccessDescriptions a = AccessDescriptions.parse(b);
            assertTrue(a.caIssuers().size() + a.ocsp().size() <= 2);
        }
        byte[] noise = new byte[64];
        for (int i = 0; i < 5_000; i++) {
            random.nextBytes(noise);
            AccessDescriptions.parse(noise);
        }
    }

    @Test
    void certificatesThatDoNotParseAreACheckedException() {
        assertThrows(CertificateException.class, () -> Certificates.parse("not a certificate".getBytes()));
        assertThrows(CertificateException.class, () -> Certificates.parse(new byte[0]));
        assertThrows(CertificateException.class, () -> Certificates.parse(HexFormat.of().parseHex("3082ffff0000")));
        Random random = new Random(5280);
        byte[] noise = new byte[512];
        for (int i = 0; i < 2_000; i++) {
            random.nextBytes(noise);
            noise[0] = 0x30; // a SEQUENCE, to get past the first byte
            assertThrows(CertificateException.class, () -> Certificates.parse(noise));
        }
    }
}
