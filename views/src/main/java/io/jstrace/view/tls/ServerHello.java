package io.jstrace.view.tls;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A ServerHello handshake message (RFC 8446 section 4.1.3; RFC 5246 section 7.4.1.3), as
 * far as it could be read.
 *
 * @param legacyVersion     {@code legacy_version} (the negotiated version up to TLS 1.2)
 * @param sessionId         {@code legacy_session_id_echo}
 * @param cipherSuite       the cipher suite chosen, -1 when not read
 * @param selectedVersion   supported_versions' selected_version (TLS 1.3), -1 when absent
 * @param alpn              the protocol chosen in application_layer_protocol_negotiation, or {@code null}
 * @param preSharedKey      whether pre_shared_key is present: the server accepted a PSK (a
 *                          TLS 1.3 resumption, RFC 8446 section 4.2.11)
 * @param helloRetryRequest whether this is a HelloRetryRequest (its random is the SHA-256 of
 *                          "HelloRetryRequest", RFC 8446 section 4.1.3): a second ClientHello follows
 * @param malformed         why the message could not be read to its end, or {@code null}
 */
public record ServerHello(int legacyVersion, byte[] sessionId, int cipherSuite, int selectedVersion, String alpn,
        boolean preSharedKey, boolean helloRetryRequest, String malformed) {

    private static final byte[] HELLO_RETRY_RANDOM = HexFormat.of()
            .parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private static final class Fields {
        int legacyVersion = -1, cipherSuite = -1, selectedVersion = -1;
        byte[] sessionId = new byte[0];
        String alpn;
        boolean psk, hrr;
    }

    /** Reads a ServerHello's body (the handshake header removed); never throws. */
    public static ServerHello parse(byte[] body) {
        Fields f = new Fields();
        String malformed = Wire.read(body, w -> read(w, f));
        return new ServerHello(f.legacyVersion, f.sessionId, f.cipherSuite, f.selectedVersion, f.alpn, f.psk, f.hrr,
                malformed);
    }

    private static void read(Wire w, Fields f) {
        f.legacyVersion = w.u16("legacy_version");
        f.hrr = Arrays.equals(w.bytes(32, "random"), HELLO_RETRY_RANDOM);
        f.sessionId = w.vec8("legacy_session_id_echo").rest();
        f.cipherSuite = w.u16("cipher_suite");
        w.u8("legacy_compression_method");
        if (!w.more()) return;
        Wire exts = w.vec16("extensions");
        while (exts.more()) {
            int type = exts.u16("extension type");
            Wire data = exts.vec16("extension " + type);
            switch (type) {
                case ClientHello.SUPPORTED_VERSIONS -> f.selectedVersion = data.u16("supported_versions");
                case ClientHello.ALPN -> f.alpn = data.vec16("application_layer_protocol_negotiation")
                        .vec8("ProtocolName").text();
                case ClientHello.PRE_SHARED_KEY -> f.psk = true;
                default -> {}
            }
        }
    }

    /** The version negotiated: selected_version when present (TLS 1.3), else {@code legacy_version}. */
    public int version() {
        return selectedVersion >= 0 ? selectedVersion : legacyVersion;
    }
}
