package io.jstrace.view.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Client fingerprints of a ClientHello, GREASE values (RFC 8701) left out wherever they
 * appear:
 * <ul>
 * <li>JA3 (Salesforce, github.com/salesforce/ja3): {@code SSLVersion,Ciphers,Extensions,
 *     EllipticCurves,EllipticCurvePointFormats}, decimal values joined by {@code -}, and
 *     the MD5 of that string;</li>
 * <li>JA4, the TLS client fingerprint only (FoxIO, technical_details/JA4.md):
 *     {@code t<version><d|i><ciphers><extensions><alpn>_<sha256 of the sorted ciphers>_<sha256
 *     of the sorted extensions without SNI and ALPN, then the signature algorithms>}.</li>
 * </ul>
 */
public final class Fingerprints {
    /** JA4's two characters for a version. */
    private static final Map<Integer, String> JA4_VERSIONS = Map.of(0x0304, "13", 0x0303, "12", 0x0302, "11",
            0x0301, "10", 0x0300, "s3", 0x0002, "s2", 0xfeff, "d1", 0xfefd, "d2", 0xfefc, "d3");

    private Fingerprints() {}

    private static List<Integer> noGrease(List<Integer> values) {
        List<Integer> v = new ArrayList<>(values.size());
        for (int x : values) if (!ClientHello.grease(x)) v.add(x);
        return v;
    }

    private static String decimal(List<Integer> values) {
        return noGrease(values).stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    /** The JA3 string. */
    public static String ja3(ClientHello h) {
        return h.legacyVersion() + "," + decimal(h.cipherSuites()) + "," + decimal(h.extensions()) + ","
                + decimal(h.supportedGroups()) + "," + decimal(h.ecPointFormats());
    }

    /** The JA3 fingerprint: the MD5 of {@link #ja3}, lower-case hex. */
    public static String ja3Md5(ClientHello h) {
        return HexFormat.of().formatHex(digest("MD5", ja3(h)));
    }

    /** The JA4 fingerprint of a ClientHello sent over TCP. */
    public static String ja4(ClientHello h) {
        List<Integer> suites = noGrease(h.cipherSuites()), exts = noGrease(h.extensions());
        String a = "t" + JA4_VERSIONS.getOrDefault(h.highestVersion(), "00")
                + (h.sni() != null || exts.contains(ClientHello.SERVER_NAME) ? "d" : "i")
                + count(suites.size()) + count(exts.size()) + alpnChars(h.alpn());
        List<Integer> hashed = new ArrayList<>(exts);
        hashed.removeIf(e -> e == ClientHello.SERVER_NAME || e == ClientHello.ALPN);
        String c = hex(sorted(hashed));
        List<Integer> sigalgs = noGrease(h.signatureAlgorithms());
        if (!sigalgs.isEmpty()) c += "_" + hex(sigalgs);
        return a + "_" + sha12(suites.isEmpty() ? null : hex(sorted(suites))) + "_"
                + sha12(hashed.isEmpty() ? null : c);
    }

    private static String count(int n) {
        return String.format("%02d", Math.min(n, 99));
    }

    /**
     * The first and last characters of the first ALPN value; {@code 00} without one; when
     * either is not alphanumeric, the first and last characters of the value's hex.
     */
    static String alpnChars(List<String> alpn) {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) return "00";
        String v = alpn.get(0);
        char first = v.charAt(0), last = v.charAt(v.length() - 1);
        if (alnum(first) && alnum(last)) return "" + first + last;
        String hex = HexFormat.of().formatHex(v.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alnum(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static List<Integer> sorted(List<Integer> v) {
        return v.stream().sorted().toList();
    }

    /** 4-digit lower-case hex values joined by commas. */
    private static String hex(List<Integer> v) {
        return v.stream().map(x -> String.format("%04x", x)).collect(Collectors.joining(","));
    }

    /** The first 12 hex digits of the SHA-256 of {@code s}; {@code 000000000000} for an empty list. */
    private static String sha12(String s) {
        return s == null ? "000000000000" : HexFormat.of().formatHex(digest("SHA-256", s)).substring(0, 12);
    }

    private static byte[] digest(String algorithm, String s) {
        try {
            return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
