package io.jstrace.decode;

import io.jstrace.core.HostFacts;
import io.jstrace.core.Sockets;

/**
 * TCP, UDP and UDP-Lite sockets as strace's inet_parse_response prints what
 * NETLINK_SOCK_DIAG tells ({@code 127.0.0.1:47123->127.0.0.1:53760}, {@code [::1]:54197}
 * when the socket has no peer), addresses as inet_ntop(3) writes them.
 */
final class InetSockets {
    private InetSockets() {}

    /** {@code LOCAL[->PEER]} of the {@code protocol} socket with {@code inode}, or {@code null}. */
    static String find(HostFacts host, String protocol, long inode) {
        boolean v6 = protocol.endsWith("v6");
        int ipproto = switch (v6 ? protocol.substring(0, protocol.length() - 2) : protocol) {
            case "TCP" -> Sockets.IPPROTO_TCP;
            case "UDP" -> Sockets.IPPROTO_UDP;
            default -> Sockets.IPPROTO_UDPLITE;
        };
        Sockets.Inet s = host.inetSocket(v6 ? Sockets.AF_INET6 : Sockets.AF_INET, ipproto, inode);
        return s == null ? null : endpoints(s);
    }

    /** strace prints the peer when its port or its address is not zero. */
    static String endpoints(Sockets.Inet s) {
        String src = endpoint(s.src(), s.sport());
        boolean peer = s.dport() != 0;
        for (byte x : s.dst()) peer |= x != 0;
        return peer ? src + "->" + endpoint(s.dst(), s.dport()) : src;
    }

    private static String endpoint(byte[] addr, int port) {
        return (addr.length == 16 ? "[" + ntop6(addr) + "]" : ntop4(addr, 0)) + ":" + port;
    }
    static String ntop4(byte[] a, int from) {
        return (a[from] & 0xff) + "." + (a[from + 1] & 0xff) + "." + (a[from + 2] & 0xff) + "." + (a[from + 3] & 0xff);
    }

    /**
     * glibc's inet_ntop for AF_INET6 (RFC 5952): the longest run of two or more zero
     * groups as {@code ::}, hex groups without leading zeros, an IPv4 tail for
     * {@code ::a.b.c.d} and {@code ::ffff:a.b.c.d}.
     */
    static String ntop6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestBase = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestBase) {
                b.append(':');
                i += bestLen - 1;
                if (i == 7) b.append(':');
                continue;
            }
            if (i > 0) b.append(':');
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                return b.append(ntop4(a, 12)).toString();
            }
            b.append(Integer.toHexString(w[i]));
        }
        return b.toString();
    }
}
