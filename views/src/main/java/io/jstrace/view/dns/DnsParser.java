package io.jstrace.view.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads DNS messages (RFC 1035 4.1, with EDNS's OPT of RFC 6891) by hand: the header, the
 * questions and every record, names decompressed with a guard against pointer loops,
 * the data of A, AAAA, CNAME, DNAME, NS, PTR, MX, TXT, SRV, SOA, SVCB, HTTPS and CAA as text
 * and of any other type as RFC 3597's {@code \# LEN HEX}. It never throws on its input: a
 * message that ends early, points outside itself or loops is returned with what could be
 * read and {@link DnsMessage#malformed()} set.
 */
public final class DnsParser {
    /** Compression pointers followed in one name before it counts as a loop. */
    static final int MAX_POINTERS = 64;
    /** RFC 1035 3.1: a name is at most 255 bytes on the wire. */
    static final int MAX_NAME = 255;
    private static final int MAX_RECORDS = 4096;

    private final byte[] b;
    private final int start;
    private final int end;
    private int pos;

    private DnsParser(byte[] b, int offset, int length) {
        this.b = b;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** The message in all of {@code bytes}. */
    public static DnsMessage parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    /** The message in {@code length} bytes of {@code bytes} from {@code offset}. */
    public static DnsMessage parse(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException(offset + "+" + length + " of " + bytes.length);
        }
        return new DnsParser(bytes, offset, length).message();
    }

    /** What went wrong, carried up from the point of failure. */
    private static final class Bad extends Exception {
        Bad(String why) {
            super(why, null, false, false);
        }
    }

    private DnsMessage message() {
        int id = 0, flags = 0;
        List<DnsMessage.Question> qs = new ArrayList<>();
        List<DnsRecord> an = new ArrayList<>(), ns = new ArrayList<>(), ar = new ArrayList<>();
        DnsMessage.Edns[] edns = {null};
        String malformed = null;
        try {
            if (end - start < 12) {
                if (end - start >= 2) id = u16(start);
                if (end - start >= 4) flags = u16(start + 2);
                throw new Bad("header: " + (end - start) + " of 12 bytes");
            }
            id = u16(start);
            flags = u16(start + 2);
            int qd = u16(start + 4), anCount = u16(start + 6), nsCount = u16(start + 8), arCount = u16(start + 10);
            pos = start + 12;
            for (int i = 0; i < qd; i++) {
                if (i >= MAX_RECORDS) throw new Bad("too many questions");
                String name = name();
                need(4, "question");
                qs.add(new DnsMessage.Question(name, DnsTypes.type(u16(pos)), DnsTypes.clazz(u16(pos + 2))));
                pos += 4;
            }
            section(anCount, an, null, "answer");
            section(nsCount, ns, null, "authority");
            section(arCount, ar, edns, "additional");
            if (pos != end) malformed = (end - pos) + " bytes after the last record";
        } catch (Bad e) {
            malformed = e.getMessage();
        }
        return new DnsMessage(id, flags, qs, an, ns, ar, edns[0], end - start, malformed);
    }

    private void section(int count, List<DnsRecord> into, DnsMessage.Edns[] edns, String what) throws Bad {
        for (int i = 0; i < count; i++) {
            if (i >= MAX_RECORDS) throw new Bad("too many " + what + " records");
            String name = name();
            need(10, what + " record");
            int type = u16(pos), clazz = u16(pos + 2);
            long ttl = u32(pos + 4);
            int rdlength = u16(pos + 8);
            pos += 10;
            need(rdlength, what + " " + DnsTypes.type(type) + " data");
            int rdEnd = pos + rdlength;
            if (type == 41 && edns != null) {
                if (edns[0] != null) throw new Bad("a second OPT record");
                if (!name.equals(".")) throw new Bad("OPT record not owned by the root");
                edns[0] = new DnsMessage.Edns(clazz, (int) (ttl >> 16) & 0xff, (ttl & 0x8000) != 0, (int) (ttl >>> 24));
                pos = rdEnd;
                continue;
            }
            String data = rdata(type, rdEnd);
            if (pos != rdEnd) throw new Bad(DnsTypes.type(type) + " data: " + (rdEnd - pos) + " bytes left over");
            // RFC 2181 8: a TTL with its top bit set counts as zero
            into.add(new DnsRecord(name, DnsTypes.type(type), DnsTypes.clazz(clazz), ttl > 0x7fffffffL ? 0 : ttl,
                    data));
        }
    }

    /** The record data from pos to rdEnd, leaving pos at its end (checked by the caller). */
    private String rdata(int type, int rdEnd) throws Bad {
        int len = rdEnd - pos;
        int at = pos;
        switch (type) {
            case 1: {
                if (len != 4) throw new Bad("A data of " + len + " bytes");
                pos = rdEnd;
                return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
            }
            case 28: {
                if (len != 16) throw new Bad("AAAA data of " + len + " bytes");
                pos = rdEnd;
                return ipv6(at);
            }
            case 2, 5, 12, 39: {
                String n = name(rdEnd);
                return n;
            }
            case 15: {
                needIn(2, rdEnd, "MX data");
                int pref = u16(pos);
                pos += 2;
                return pref + " " + name(rdEnd);
            }
            case 33: {
                needIn(6, rdEnd, "SRV data");
                String s = u16(pos) + " " + u16(pos + 2) + " " + u16(pos + 4);
                pos += 6;
                return s + " " + name(rdEnd);
            }
            case 6: {
                String m = name(rdEnd), r = name(rdEnd);
                needIn(20, rdEnd, "SOA data");
                String s = m + " " + r + " " + u32(pos) + " " + u32(pos + 4) + " " + u32(pos + 8) + " "
                        + u32(pos + 12) + " " + u32(pos + 16);
                pos += 20;
                return s;
            }
            case 16, 99: {
                StringBuilder s = new StringBuilder();
                while (pos < rdEnd) {
                    int l = b[pos] & 0xff;
                    needIn(1 + l, rdEnd, "TXT string");
                    if (s.length() > 0) s.append(' ');
                    quoted(s, pos + 1, l);
                    pos += 1 + l;
                }
                return s.toString();
            }
            case 64, 65:
                return svcb(rdEnd);
            case 257: {
                needIn(2, rdEnd, "CAA data");
                int flags = b[pos] & 0xff, tl = b[pos + 1] & 0xff;
                needIn(2 + tl, rdEnd, "CAA tag");
                StringBuilder s = new StringBuilder().append(flags).append(' ')
                        .append(new String(b, pos + 2, tl, java.nio.charset.StandardCharsets.ISO_8859_1)).append(' ');
                quoted(s, pos + 2 + tl, rdEnd - pos - 2 - tl);
                pos = rdEnd;
                return s.toString();
            }
            default:
                pos = rdEnd;
                return unknown(at, len);
        }
    }

    /** RFC 9460: priority, target, then each parameter (alpn, port, the address hints by name, others as keyN=HEX). */
    private String svcb(int rdEnd) throws Bad {
        needIn(2, rdEnd, "SVCB data");
        StringBuilder s = new StringBuilder().append(u16(pos));
        pos += 2;
        s.append(' ').append(name(rdEnd));
        while (pos < rdEnd) {
            needIn(4, rdEnd, "SVCB parameter");
            int key = u16(pos), l = u16(pos + 2);
            pos += 4;
            needIn(l, rdEnd, "SVCB parameter value");
            s.append(' ');
            int v = pos;
            switch (key) {
                case 1 -> {
                    s.append("alpn=");
                    for (int i = v; i < v + l; ) {
                        int n = b[i] & 0xff;
                        if (i + 1 + n > v + l) throw new Bad("SVCB alpn value");
                        if (i > v) s.append(',');
                        s.append(new String(b, i + 1, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                        i += 1 + n;
                    }
                }
                case 2 -> s.append("no-default-alpn");
                case 3 -> {
                    if (l != 2) throw new Bad("SVCB port value");
                    s.append("port=").append(u16(v));
                }
                case 4 -> {
                    if (l % 4 != 0) throw new Bad("SVCB ipv4hint value");
                    s.append("ipv4hint=");
                    for (int i = v; i < v + l; i += 4) {
                        if (i > v) s.append(',');
                        s.append(b[i] & 0xff).append('.').append(b[i + 1] & 0xff).append('.').append(b[i + 2] & 0xff)
                                .append('.').append(b[i + 3] & 0xff);
                    }
                }
                case 6 -> {
                    if (l % 16 != 0) throw new Bad("SVCB ipv6hint value");
                    s.append("ipv6hint=");
                    for (int i = v; i < v + l; i += 16) {
                        if (i > v) s.append(',');
                        s.append(ipv6(i));
                    }
                }
                default -> s.append("key").append(key).append('=').append(hex(v, l));
            }
            pos += l;
        }
        return s.toString();
    }

    /** A name at pos, pos moved past it (past its first pointer when compressed). */
    private String name() throws Bad {
        return name(end);
    }

    /** A name whose own bytes (up to its first pointer) must end by {@code limit}. */
    private String name(int limit) throws Bad {
        StringBuilder s = new StringBuilder();
        int p = pos, pointers = 0, wire = 0;
        boolean jumped = false;
        while (true) {
            if (p >= (jumped ? end : limit)) throw new Bad("name runs past the end");
            int l = b[p] & 0xff;
            if ((l & 0xc0) == 0xc0) {
                if (p + 1 >= (jumped ? end : limit)) throw new Bad("name pointer runs past the end");
                int target = ((l & 0x3f) << 8 | (b[p + 1] & 0xff)) + start;
                if (++pointers > MAX_POINTERS) throw new Bad("name compression loop");
                if (target >= end) throw new Bad("name pointer past the end");
                if (!jumped) pos = p + 2;
                jumped = true;
                p = target;
                continue;
            }
            if ((l & 0xc0) != 0) throw new Bad("name label type " + (l >> 6));
            wire += l + 1;
            if (wire > MAX_NAME) throw new Bad("name longer than 255 bytes");
            if (l == 0) {
                if (!jumped) pos = p + 1;
                break;
            }
            if (p + 1 + l > (jumped ? end : limit)) throw new Bad("name label runs past the end");
            if (s.length() > 0) s.append('.');
            label(s, p + 1, l);
            p += 1 + l;
        }
        return s.length() == 0 ? "." : s.toString();
    }

    /** A label's bytes as the zone-file style writes them: specials escaped with a backslash, others as \DDD. */
    private void label(StringBuilder s, int at, int l) {
        for (int i = at; i < at + l; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                s.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            } else if (c == '"' || c == '(' || c == ')' || c == '.' || c == ';' || c == '\\' || c == '@' || c == '$') {
                s.append('\\').append((char) c);
            } else {
                s.append((char) c);
            }
        }
    }

    /** A character-string in double quotes: {@code "} and {@code \} escaped, unprintables as \DDD. */
    private void quoted(StringBuilder s, int at, int l) {
        s.append('"');
        for (int i = at; i < at + l; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                s.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            } else if (c == '"' || c == '\\') {
                s.append('\\').append((char) c);
            } else {
                s.append((char) c);
            }
        }
        s.append('"');
    }

    private String ipv6(int at) {
        return ipv6(b, at);
    }

    /** RFC 5952: the 16 bytes at {@code at} in lower case, the longest run of two or more zero groups as {@code ::}. */
    static String ipv6(byte[] b, int at) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = (b[at + 2 * i] & 0xff) << 8 | (b[at + 2 * i + 1] & 0xff);
        int bestAt = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    private String unknown(int at, int len) {
        return len == 0 ? "\\# 0" : "\\# " + len + " " + hex(at, len);
    }

    private String hex(int at, int len) {
        return java.util.HexFormat.of().formatHex(b, at, at + len);
    }

    private void need(int n, String what) throws Bad {
        if (end - pos < n) throw new Bad(what + " runs past the end");
    }

    private void needIn(int n, int limit, String what) throws Bad {
        if (limit - pos < n) throw new Bad(what + " runs past its length");
    }

    private int u16(int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private long u32(int at) {
        return ((long) u16(at) << 16) | u16(at + 2);
    }
}
