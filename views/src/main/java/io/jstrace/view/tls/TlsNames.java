package io.jstrace.view.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Names of protocol versions and cipher suites; {@code 0x%04x} for a value without one. */
public final class TlsNames {
    /** RFC 8446 section 5.1 (legacy_record_version), RFC 5246, RFC 4346, RFC 2246, RFC 6101. */
    private static final Map<Integer, String> VERSIONS = Map.of(0x0304, "TLSv1.3", 0x0303, "TLSv1.2",
            0x0302, "TLSv1.1", 0x0301, "TLSv1", 0x0300, "SSLv3");
    /** cipher-suites.tsv: code point in hex, IANA name. */
    private static final Map<Integer, String> SUITES = load("cipher-suites.tsv");

    private TlsNames() {}

    private static Map<Integer, String> load(String resource) {
        Map<Integer, String> m = new HashMap<>();
        try (InputStream in = TlsNames.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t");
                m.put(Integer.parseInt(f[0], 16), f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }

    /** {@code TLSv1.3} (OpenSSL's spelling, as s_client and curl print it), or {@code 0x7f1c}. */
    public static String version(int v) {
        return v < 0 ? null : VERSIONS.getOrDefault(v, hex(v));
    }

    /** The IANA name ({@code TLS_AES_256_GCM_SHA384}), or {@code 0x1337}. */
    public static String cipher(int v) {
        return v < 0 ? null : SUITES.getOrDefault(v, hex(v));
    }

    static String hex(int v) {
        return String.format("0x%04x", v);
    }
}
