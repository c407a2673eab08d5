package io.jstrace.view.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate is for the name the client dialled (RFC 6125 section 6, as
 * browsers and the JDK apply it): an IP address against the iPAddress subjectAltNames; a
 * DNS name against the dNSName ones, case-insensitively, a wildcard standing for exactly one
 * whole left-most label; the subject's CN only when there is no dNSName at all.
 */
public final class HostNames {
    private static final int DNS = 2, IP = 7;

    private HostNames() {}

    /** Whether {@code host} is an IPv4 or IPv6 literal (no lookup is made). */
    public static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]+(\\.[0-9]+){3}");
    }

    /** Whether {@code cert} is valid for {@code host}. */
    public static boolean matches(X509Certificate cert, String host) {
        if (isAddress(host)) {
            InetAddress want = literal(host);
            for (String a : Certificates.altNames(cert, IP)) if (want != null && want.equals(literal(a))) return true;
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        List<String> names = Certificates.altNames(cert, DNS);
        if (names.isEmpty()) names = commonNames(cert);
        for (String n : names) if (dnsMatch(n.toLowerCase(Locale.ROOT), h)) return true;
        return false;
    }

    /** The names {@code cert} is for, to show beside a mismatch: the dNSName and iPAddress SANs, or the CN. */
    public static List<String> names(X509Certificate cert) {
        List<String> out = new ArrayList<>(Certificates.altNames(cert, DNS));
        out.addAll(Certificates.altNames(cert, IP));
        return out.isEmpty() ? commonNames(cert) : out;
    }

    private static boolean dnsMatch(String pattern, String host) {
        if (!pattern.startsWith("*.")) return pattern.equals(host);
        int dot = host.indexOf('.');
        // "*.example.com" covers "a.example.com", never "example.com" nor "a.b.example.com"
        return dot > 0 && host.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
    }

    private static List<String> commonNames(X509Certificate cert) {
        try {
            List<String> out = new ArrayList<>();
            for (Rdn r : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) out.add(r.getValue().toString());
            }
            return out;
        } catch (InvalidNameException e) {
            return List.of();
        }
    }

    private static InetAddress literal(String s) {
        String a = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!isAddress(a)) return null;
        try {
            return InetAddress.getByName(a); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
