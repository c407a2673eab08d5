package io.jstrace.view.ca;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** What the ca view asks of one X.509 certificate, with the JDK's own parser. */
public final class Certificates {
    private Certificates() {}

    /**
     * The certificates in {@code bytes}: DER, PEM (one or more blocks) or PKCS#7 certs-only
     * (RFC 5280 section 4.2.2.1 names DER and ".p7c" for caIssuers); the JDK's
     * CertificateFactory reads all three.
     *
     * @throws CertificateException when the bytes hold none of them
     */
    public static List<X509Certificate> parse(byte[] bytes) throws CertificateException {
        Collection<? extends java.security.cert.Certificate> certs;
        try {
            certs = factory().generateCertificates(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) { // the JDK's parser on hostile bytes: said, not thrown
            throw new CertificateException(e.toString(), e);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (var c : certs) if (c instanceof X509Certificate x) out.add(x);
        if (out.isEmpty()) throw new CertificateException("no certificate in " + bytes.length + " bytes");
        return out;
    }

    static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    /** {@code cert} as a PEM block (RFC 7468), lines of 64 characters, ending in a newline. */
    public static String pem(X509Certificate cert) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der(cert))
                + "\n-----END CERTIFICATE-----\n";
    }

    static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e); // it was decoded from these bytes
        }
    }

    /** The SHA-256 of the DER, in hex, as {@code openssl x509 -fingerprint -sha256} gives it (without colons). */
    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der(cert)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Whether {@code child} names {@code parent} as its issuer and carries its signature. */
    public static boolean issuedBy(X509Certificate child, X509Certificate parent) {
        if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) return false;
        return signedWith(child, parent.getPublicKey());
    }

    /** Whether {@code cert} is its own issuer: a root (RFC 5280 section 3.2, self-signed). */
    public static boolean selfSigned(X509Certificate cert) {
        return issuedBy(cert, cert);
    }

    private static boolean signedWith(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (Exception e) { // wrong key, unknown algorithm, bad signature: not issued by it
            return false;
        }
    }

    /** A certificate authority: basicConstraints cA (RFC 5280 section 4.2.1.9). */
    public static boolean isCa(X509Certificate cert) {
        return cert.getBasicConstraints() >= 0;
    }

    /** The key's algorithm: RSA, EC, DSA, Ed25519, ... */
    public static String keyAlgorithm(X509Certificate cert) {
        PublicKey k = cert.getPublicKey();
        String name = k.getAlgorithm();
        if (k instanceof java.security.interfaces.EdECKey e) return e.getParams().getName(); // Ed25519, Ed448
        return name;
    }

    /** The key's size in bits (RSA's modulus, EC's order, DSA's p); 0 when unknown. */
    public static int keyBits(X509Certificate cert) {
        PublicKey k = cert.getPublicKey();
        if (k instanceof RSAPublicKey r) return r.getModulus().bitLength();
        if (k instanceof ECPublicKey e) return e.getParams().getOrder().bitLength();
        if (k instanceof DSAPublicKey d) return d.getParams() == null ? 0 : d.getParams().getP().bitLength();
        return switch (keyAlgorithm(cert)) {
            case "Ed25519", "X25519" -> 255;
            case "Ed448", "X448" -> 448;
            default -> 0;
        };
    }

    /**
     * Whether the key is too small for today's clients: RSA and DSA below 2048 bits, EC below
     * 224 (NIST SP 800-57 part 1 rev. 5, table 2: 112-bit security at least).
     */
    public static boolean weakKey(X509Certificate cert) {
        int bits = keyBits(cert);
        return switch (keyAlgorithm(cert)) {
            case "RSA", "RSASSA-PSS", "DSA" -> bits < 2048;
            case "EC" -> bits < 224;
            default -> false;
        };
    }

    /** Whether the signature uses a broken hash: MD2, MD5 or SHA-1 (RFC 6151, RFC 9155; SHAttered). */
    public static boolean weakSignature(X509Certificate cert) {
        String s = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        return s.startsWith("MD2") || s.startsWith("MD5") || s.startsWith("SHA1") || s.equals("SHAWITHRSA")
                || s.startsWith("SHA-1");
    }

    /** The subjectAltName entries of one type (2 dNSName, 7 iPAddress), as the JDK renders them. */
    public static List<String> altNames(X509Certificate cert, int type) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> all = cert.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> n : all) if ((Integer) n.get(0) == type && n.get(1) instanceof String s) out.add(s);
            }
        } catch (CertificateException e) {
            // a malformed extension: no names
        }
        return out;
    }
}
