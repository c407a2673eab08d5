package io.jstrace.view.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * A ClientHello handshake message (RFC 8446 section 4.1.2; RFC 5246 section 7.4.1.2),
 * as far as it could be read: every list in wire order, GREASE values (RFC 8701)
 * included. A message cut short or otherwise malformed keeps what was read before the
 * fault, and says why in {@link #malformed()}.
 *
 * @param legacyVersion       {@code legacy_version} (0x0303 for TLS 1.2 and 1.3)
 * @param random              its 32 random bytes (what SSLKEYLOGFILE lines are keyed by)
 * @param sessionId           {@code legacy_session_id}
 * @param cipherSuites        the cipher suites offered
 * @param compressionMethods  the compression methods offered
 * @param extensions          the extension types, in order
 * @param sni                 the first host_name of server_name (RFC 6066 section 3), or {@code null}
 * @param alpn                the protocols offered in application_layer_protocol_negotiation (RFC 7301)
 * @param supportedVersions   supported_versions (RFC 8446 section 4.2.1), empty when absent
 * @param supportedGroups     supported_groups (RFC 8446 section 4.2.7; RFC 4492's elliptic_curves)
 * @param ecPointFormats      ec_point_formats (RFC 4492 section 5.1.2)
 * @param signatureAlgorithms signature_algorithms (RFC 8446 section 4.2.3)
 * @param malformed           why the message could not be read to its end, or {@code null}
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
        List<Integer> compressionMethods, List<Integer> extensions, String sni, List<String> alpn,
        List<Integer> supportedVersions, List<Integer> supportedGroups, List<Integer> ecPointFormats,
        List<Integer> signatureAlgorithms, String malformed) {

    static final int SERVER_NAME = 0, SUPPORTED_GROUPS = 10, EC_POINT_FORMATS = 11, SIGNATURE_ALGORITHMS = 13,
            ALPN = 16, PRE_SHARED_KEY = 41, SUPPORTED_VERSIONS = 43;

    /** The fields of a ClientHello as they are read, so that a fault keeps what came before it. */
    private static final class Fields {
        int legacyVersion = -1;
        byte[] random = new byte[0], sessionId = new byte[0];
        List<Integer> suites = List.of(), compression = List.of(), versions = List.of(), groups = List.of(),
                formats = List.of(), sigalgs = List.of();
        final List<Integer> extensions = new ArrayList<>();
        String sni;
        List<String> alpn = List.of();
    }

    /** Reads a ClientHello's body (the handshake header removed); never throws. */
    public static ClientHello parse(byte[] body) {
        Fields f = new Fields();
        String malformed = Wire.read(body, w -> read(w, f));
        return new ClientHello(f.legacyVersion, f.random, f.sessionId, List.copyOf(f.suites), List.copyOf(f.compression),
                List.copyOf(f.extensions), f.sni, List.copyOf(f.alpn), List.copyOf(f.versions), List.copyOf(f.groups),
                List.copyOf(f.formats), List.copyOf(f.sigalgs), malformed);
    }

    private static void read(Wire w, Fields f) {
        f.legacyVersion = w.u16("legacy_version");
        f.random = w.bytes(32, "random");
        f.sessionId = w.vec8("legacy_session_id").rest();
        f.suites = w.vec16("cipher_suites").u16s("cipher_suites");
        f.compression = w.vec8("legacy_compression_methods").u8s("legacy_compression_methods");
        if (!w.more()) return; // RFC 5246 7.4.1.2: a TLS 1.2 hello may end without extensions
        Wire exts = w.vec16("extensions");
        while (exts.more()) {
            int type = exts.u16("extension type");
            f.extensions.add(type);
            extension(type, exts.vec16("extension " + type), f);
        }
    }

    private static void extension(int type, Wire data, Fields f) {
        switch (type) {
            case SERVER_NAME -> {
                Wire list = data.vec16("server_name");
                while (list.more() && f.sni == null) {
                    int nameType = list.u8("server_name name_type");
                    Wire name = list.vec16("server_name HostName");
                    if (nameType == 0) f.sni = name.text();
                }
            }
            case ALPN -> {
                Wire list = data.vec16("application_layer_protocol_negotiation");
                List<String> names = new ArrayList<>();
                while (list.more()) names.add(list.vec8("ProtocolName").text());
                f.alpn = names;
            }
            case SUPPORTED_VERSIONS -> f.versions = data.vec8("supported_versions").u16s("supported_versions");
            case SUPPORTED_GROUPS -> f.groups = data.vec16("supported_groups").u16s("supported_groups");
            case EC_POINT_FORMATS -> f.formats = data.vec8("ec_point_formats").u8s("ec_point_formats");
            case SIGNATURE_ALGORITHMS -> f.sigalgs = data.vec16("signature_algorithms").u16s("signature_algorithms");
            default -> {}
        }
    }

    /**
     * Whether {@code v} is a GREASE value (RFC 8701 section 2): 0x0A0A, 0x1A1A, ... 0xFAFA
     * for 16-bit values.
     */
    public static boolean grease(int v) {
        return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
    }

    /** The highest version offered: supported_versions' highest non-GREASE value, else {@code legacy_version}. */
    public int highestVersion() {
        int best = -1;
        for (int v : supportedVersions) if (!grease(v) && v > best) best = v;
        return best >= 0 ? best : legacyVersion;
    }
}
