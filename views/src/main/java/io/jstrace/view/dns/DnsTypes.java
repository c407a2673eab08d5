package io.jstrace.view.dns;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Mnemonics of DNS types, classes and rcodes (IANA's DNS parameters registry). */
public final class DnsTypes {
    private static final Map<Integer, String> TYPES = new HashMap<>();
    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
        "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI"};

    static {
        Object[] t = {1, "A", 2, "NS", 5, "CNAME", 6, "SOA", 12, "PTR", 13, "HINFO", 15, "MX", 16, "TXT", 28, "AAAA",
            33, "SRV", 35, "NAPTR", 39, "DNAME", 41, "OPT", 43, "DS", 46, "RRSIG", 47, "NSEC", 48, "DNSKEY", 50, "NSEC3",
            52, "TLSA", 64, "SVCB", 65, "HTTPS", 99, "SPF", 252, "AXFR", 251, "IXFR", 255, "ANY", 257, "CAA"};
        for (int i = 0; i < t.length; i += 2) {
            TYPES.put((Integer) t[i], (String) t[i + 1]);
            BY_NAME.put((String) t[i + 1], (Integer) t[i]);
        }
    }

    private DnsTypes() {}

    /** {@code A}, {@code AAAA}, ..., {@code TYPE65280}. */
    public static String type(int type) {
        String s = TYPES.get(type);
        return s != null ? s : "TYPE" + type;
    }

    /** The number of a type mnemonic ({@code aaaa}, {@code TYPE28} too), or -1. */
    public static int typeNumber(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        Integer v = BY_NAME.get(n);
        if (v != null) return v;
        if (n.startsWith("TYPE")) {
            try {
                int x = Integer.parseInt(n.substring(4));
                return x >= 0 && x <= 65535 ? x : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code IN}, {@code CH}, {@code HS}, {@code NONE}, {@code ANY}, else {@code CLASS9}. */
    public static String clazz(int c) {
        return switch (c) {
            case 1 -> "IN";
            case 3 -> "CH";
            case 4 -> "HS";
            case 254 -> "NONE";
            case 255 -> "ANY";
            default -> "CLASS" + c;
        };
    }

    /** {@code NOERROR}, {@code NXDOMAIN}, ..., {@code BADVERS} (16), else {@code RCODE23}. */
    public static String rcode(int r) {
        if (r >= 0 && r < RCODES.length) return RCODES[r];
        if (r == 16) return "BADVERS";
        return "RCODE" + r;
    }
}
