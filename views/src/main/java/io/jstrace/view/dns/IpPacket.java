package io.jstrace.view.dns;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 packet carrying UDP or TCP, as a packet capture hands it over (from
 * its IP header): the addresses, the ports, TCP's sequence number and flags, and where
 * the payload is (RFC 791, RFC 8200, RFC 768, RFC 9293). IPv6 extension headers are not
 * followed: such a packet is not read.
 *
 * @param family   {@code AF_INET} (2) or {@code AF_INET6} (10)
 * @param protocol {@code IPPROTO_UDP} (17) or {@code IPPROTO_TCP} (6)
 * @param seq      TCP's sequence number, unsigned
 * @param flags    TCP's flags ({@link #SYN}, {@link #FIN}, {@link #RST}), 0 for UDP
 * @param data     the whole packet; its payload is {@code data[offset, offset + length)}
 */
record IpPacket(int family, int protocol, byte[] src, int sport, byte[] dst, int dport, long seq, int flags,
        byte[] data, int offset, int length) {

    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, UDP = 17, TCP = 6;

    /** The packet in {@code b}, or {@code null} when it is not a whole UDP or TCP header over IPv4 or IPv6. */
    static IpPacket parse(byte[] b) {
        if (b.length < 1) return null;
        int version = (b[0] & 0xff) >> 4;
        int at, end, protocol, family, size;
        if (version == 4) {
            if (b.length < 20) return null;
            at = (b[0] & 0x0f) * 4;
            end = Math.min(b.length, u16(b, 2));
            protocol = b[9] & 0xff;
            family = 2;
            size = 4;
            if ((u16(b, 6) & 0x1fff) != 0) return null; // a later fragment
        } else if (version == 6) {
            if (b.length < 40) return null;
            at = 40;
            end = Math.min(b.length, 40 + u16(b, 4));
            protocol = b[6] & 0xff;
            family = 10;
            size = 16;
        } else {
            return null;
        }
        int srcAt = version == 4 ? 12 : 8, dstAt = version == 4 ? 16 : 24;
        byte[] src = Arrays.copyOfRange(b, srcAt, srcAt + size), dst = Arrays.copyOfRange(b, dstAt, dstAt + size);
        if (protocol == UDP) {
            if (end - at < 8) return null;
            int len = Math.min(u16(b, at + 4), end - at);
            return new IpPacket(family, UDP, src, u16(b, at), dst, u16(b, at + 2), 0, 0, b, at + 8, Math.max(0, len - 8));
        }
        if (protocol == TCP) {
            if (end - at < 20) return null;
            int header = ((b[at + 12] & 0xff) >> 4) * 4;
            if (header < 20 || at + header > end) return null;
            long seq = ((long) u16(b, at + 4) << 16) | u16(b, at + 6);
            return new IpPacket(family, TCP, src, u16(b, at), dst, u16(b, at + 2), seq, b[at + 13] & 0x3f, b,
                    at + header, end - at - header);
        }
        return null;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
