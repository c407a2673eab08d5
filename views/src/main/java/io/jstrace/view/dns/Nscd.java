package io.jstrace.view.dns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * glibc's name service cache daemon protocol, the host-lookup part (nscd/nscd-client.h):
 * a client connects to {@code /var/run/nscd/socket} and writes a {@code request_header}
 * (int32 version 2, int32 type, int32 key_len) and the key (a NUL-terminated name, or an
 * address for GETHOSTBYADDR); nscd answers in the client's byte order, a header that starts
 * with int32 version and int32 found and the data after it. GETAI's answer
 * ({@code ai_response_header}: version, found, naddrs, addrslen, canonlen, error) is
 * followed by the addresses back to back, one family byte per address, and the canonical
 * name; GETHOSTBYNAME's ({@code hst_response_header}: version, found, h_name_len,
 * h_aliases_cnt, h_addrtype, h_length, h_addr_list_cnt, error) by the name, the aliases'
 * lengths (uint32 each), the addresses, the aliases (nscd/hstcache.c). GETFDHST asks for
 * the cache's shared mapping instead, passed back with SCM_RIGHTS: the lookups that hit it
 * then read memory and make no syscall at all.
 *
 * @param type  the request type's name ({@code GETAI}, {@code GETHOSTBYNAME}, ...)
 * @param key   the name asked for, or the address for GETHOSTBYADDR(v6)
 * @param bytes the request's size, header included
 */
public record Nscd(String type, String key, int bytes) {
    /** The socket glibc's client connects to (nscd/nscd-client.h _PATH_NSCDSOCKET). */
    static final String SOCKET = "/var/run/nscd/socket";
    static final int VERSION = 2, HEADER = 12;
    /** The largest answer waited for: a header that announces more is not nscd's. */
    static final int MAX = 1 << 20;
    /** request_type, in its order; only the host requests are kept. */
    private static final String[] TYPES = {"GETPWBYNAME", "GETPWBYUID", "GETGRBYNAME", "GETGRBYGID", "GETHOSTBYNAME",
        "GETHOSTBYNAMEv6", "GETHOSTBYADDR", "GETHOSTBYADDRv6", "SHUTDOWN", "GETSTAT", "INVALIDATE", "GETFDPW",
        "GETFDGR", "GETFDHST", "GETAI", "INITGROUPS", "GETSERVBYNAME", "GETSERVBYPORT", "GETFDSERV", "GETNETGRENT",
        "INNETGR", "GETFDNETGR"};
    private static final int GETHOSTBYNAME = 4, GETHOSTBYADDRV6 = 7, GETFDHST = 13, GETAI = 14;

    /**
     * An answer: nscd's {@code found} (1 found, 0 not found, -1 this database is not
     * cached: the client resolves it itself), its h_errno when not found (netdb.h: 1
     * HOST_NOT_FOUND, 2 TRY_AGAIN, 3 NO_RECOVERY, 4 NO_DATA; nscd leaves 0 for a name
     * that does not exist), the addresses and the canonical name.
     */
    public record Answer(int found, int error, List<String> addresses, String canonical, int bytes) {
        /** The DNS rcode the answer stands for, as glibc's resolver maps one to the other; null when not cached. */
        public String rcode() {
            if (found == 1) return "NOERROR";
            if (found != 0) return null;
            return switch (error) {
                case 2 -> "SERVFAIL";
                case 3 -> "REFUSED";
                case 4 -> "NOERROR"; // NO_DATA: the name exists, with no address of that kind
                default -> "NXDOMAIN";
            };
        }
    }

    /** The host request at the start of {@code b}, or {@code null} when it is not one (or not whole yet). */
    static Nscd request(byte[] b) {
        if (b.length < HEADER) return null;
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int version = h.getInt(0), type = h.getInt(4), keyLen = h.getInt(8);
        if (version != VERSION || !isHostRequest(type) || keyLen < 0 || keyLen > b.length - HEADER) return null;
        String key = type == GETHOSTBYADDRV6 || type == GETHOSTBYADDRV6 - 1
                ? address(b, HEADER, keyLen) : cString(b, HEADER, keyLen);
        return new Nscd(TYPES[type], key, HEADER + keyLen);
    }

    private static boolean isHostRequest(int type) {
        return type >= GETHOSTBYNAME && type <= GETHOSTBYADDRV6 || type == GETFDHST || type == GETAI;
    }

    /** Whether this request is answered with a descriptor rather than data. */
    boolean wantsMapping() {
        return type.equals("GETFDHST");
    }

    /** The answer at the start of {@code b}, or {@code null} while it is not whole. */
    Answer answer(byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        if (type.equals("GETAI")) {
            if (b.length < 24) return null;
            int found = h.getInt(4), naddrs = h.getInt(8), addrslen = h.getInt(12), canonlen = h.getInt(16);
            long end = 24L + addrslen + naddrs + canonlen;
            if (found != 1) return new Answer(found, h.getInt(20), List.of(), null, 24);
            if (naddrs < 0 || addrslen < 0 || canonlen < 0 || end > MAX) return new Answer(1, 0, List.of(), null, b.length);
            if (b.length < end) return null;
            List<String> addrs = new ArrayList<>();
            for (int i = 0, at = 24; i < naddrs; i++) {
                int len = b[24 + addrslen + i] == 10 ? 16 : 4; // AF_INET6, AF_INET
                if (at + len > 24 + addrslen) break;
                addrs.add(address(b, at, len));
                at += len;
            }
            return new Answer(1, 0, addrs, cString(b, 24 + addrslen + naddrs, canonlen), (int) end);
        }
        if (b.length < 32) return null;
        int found = h.getInt(4), nameLen = h.getInt(8), aliases = h.getInt(12), length = h.getInt(20),
                count = h.getInt(24);
        if (found != 1) return new Answer(found, h.getInt(28), List.of(), null, 32);
        long addrs = 32L + nameLen + 4L * aliases;
        if (nameLen < 0 || aliases < 0 || count < 0 || (length != 4 && length != 16) || addrs > MAX) {
            return new Answer(1, 0, List.of(), null, b.length); // not a hostent nscd would write: skip it
        }
        if (b.length < addrs) return null;
        long aliasBytes = 0;
        for (int i = 0; i < aliases; i++) aliasBytes += h.getInt(32 + nameLen + 4 * i) & 0xffffffffL;
        long end = addrs + (long) count * length + aliasBytes;
        if (end > MAX) return new Answer(1, 0, List.of(), null, b.length);
        if (b.length < end) return null;
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) list.add(address(b, (int) addrs + i * length, length));
        return new Answer(1, 0, list, cString(b, 32, nameLen), (int) end);
    }

    private static String cString(byte[] b, int at, int len) {
        int end = at;
        while (end < at + len && b[end] != 0) end++;
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static String address(byte[] b, int at, int len) {
        if (len == 4) return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
        if (len == 16) return DnsParser.ipv6(b, at);
        return java.util.HexFormat.of().formatHex(b, at, at + len);
    }
}
