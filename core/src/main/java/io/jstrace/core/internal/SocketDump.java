package io.jstrace.core.internal;

import io.jstrace.core.SocketInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Every socket of a kind, or one by its addresses, as NETLINK_SOCK_DIAG tells them
 * (SOCK_DIAG_BY_FAMILY requests: struct inet_diag_req_v2 of include/uapi/linux/inet_diag.h,
 * struct unix_diag_req of unix_diag.h), read into {@link SocketInfo}s; and the reading of
 * one inet_diag_msg, which the destroy notifications share.
 */
public final class SocketDump {
    private static final int NETLINK_SOCK_DIAG = 4, SOCK_DIAG_BY_FAMILY = 20;
    private static final int INET_DIAG_REQ_V2_SIZE = 56, INET_DIAG_MSG_SIZE = 72, UNIX_DIAG_REQ_SIZE = 24;
    private static final int UNIX_DIAG_MSG_SIZE = 16;
    /** enum of inet_diag.h: the attributes asked for by bit (1 << (N - 1)), and read. */
    private static final int INET_DIAG_INFO = 2, INET_DIAG_SHUTDOWN = 8;
    /** unix_diag.h: what to show, and the attributes. */
    private static final int UDIAG_SHOW_NAME = 0x1, UDIAG_SHOW_PEER = 0x4, UDIAG_SHOW_UID = 0x40;
    private static final int UNIX_DIAG_NAME = 0, UNIX_DIAG_PEER = 2, UNIX_DIAG_SHUTDOWN = 6, UNIX_DIAG_UID = 7;

    private SocketDump() {}

    /**
     * Every {@code family} ({@code AF_INET}, {@code AF_INET6}) socket of {@code protocol},
     * in every state, with TCP's counters; empty when the kernel refuses.
     */
    public static List<SocketInfo> inet(int family, int protocol) {
        byte[] req = inetRequest(family, protocol, -1);
        List<SocketInfo> all = new ArrayList<>();
        request(req, true, (m, at, len) -> all.add(inetMsg(m, at, len, protocol)));
        return all;
    }

    /** Every unix socket, with its name, peer, shutdown bits and owner. */
    public static List<SocketInfo> unix() {
        ByteBuffer r = ByteBuffer.allocate(UNIX_DIAG_REQ_SIZE).order(ByteOrder.nativeOrder());
        r.put(0, (byte) SocketInfo.AF_UNIX);
        r.putInt(4, -1); // udiag_states: all
        r.putInt(12, UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_UID);
        r.putInt(16, -1); // udiag_cookie: INET_DIAG_NOCOOKIE
        r.putInt(20, -1);
        List<SocketInfo> all = new ArrayList<>();
        request(r.array(), true, (m, at, len) -> all.add(unixMsg(m, at, len)));
        return all;
    }

    /**
     * The {@code protocol} socket whose local end is {@code local}:{@code localPort} and
     * whose peer is {@code remote}:{@code remotePort} (or, for UDP, an unconnected socket
     * bound there, as the kernel would deliver such a datagram), or {@code null}.
     * The kernel looks TCP up with the request's source as the local end
     * (net/ipv4/inet_diag.c inet_diag_find_one_icsk) and UDP with its destination as the
     * local end (net/ipv4/udp_diag.c udp_dump_one), so UDP's are swapped here.
     */
    public static SocketInfo find(int family, int protocol, byte[] local, int localPort, byte[] remote,
            int remotePort) {
        boolean udp = protocol == SocketInfo.IPPROTO_UDP;
        byte[] req = inetRequest(family, protocol, -1);
        ByteBuffer r = ByteBuffer.wrap(req);
        r.putShort(8, (short) (udp ? remotePort : localPort));
        r.putShort(10, (short) (udp ? localPort : remotePort));
        r.put(12, udp ? remote : local);
        r.put(28, udp ? local : remote);
        r.putInt(48, -1); // INET_DIAG_NOCOOKIE
        r.putInt(52, -1);
        SocketInfo[] found = new SocketInfo[1];
        request(req, false, (m, at, len) -> found[0] = inetMsg(m, at, len, protocol));
        return found[0];
    }

    /** struct inet_diag_req_v2 asking for INET_DIAG_INFO (TCP's counters) in {@code states}. */
    private static byte[] inetRequest(int family, int protocol, int states) {
        ByteBuffer r = ByteBuffer.allocate(INET_DIAG_REQ_V2_SIZE).order(ByteOrder.nativeOrder());
        r.put(0, (byte) family);
        r.put(1, (byte) protocol);
        r.put(2, (byte) (1 << (INET_DIAG_INFO - 1)));
        r.putInt(4, states);
        return r.array();
    }

    /** Sends {@code body} under a netlink header and hands each SOCK_DIAG_BY_FAMILY answer to {@code each}. */
    private static void request(byte[] body, boolean dump, NetlinkRequest.Reader each) {
        NetlinkRequest.send(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, dump, body, each);
    }

    /**
     * Each SOCK_DIAG_BY_FAMILY message in {@code got} bytes of netlink messages, to
     * {@code each}; false at the dump's end (NLMSG_DONE or NLMSG_ERROR).
     */
    static boolean messages(ByteBuffer m, int got, NetlinkRequest.Reader each) {
        return NetlinkRequest.messages(m, got, SOCK_DIAG_BY_FAMILY, each);
    }

    /**
     * struct inet_diag_msg at {@code at} and its attributes up to {@code end}: family,
     * state, then inet_diag_sockid (ports and addresses big-endian, the cookie as two
     * native u32, low first: sock_diag_save_cookie), uid at 64, inode at 68.
     */
    public static SocketInfo inetMsg(ByteBuffer m, int at, int end, int protocol) {
        if (end - at < INET_DIAG_MSG_SIZE) return null;
        int family = m.get(at) & 0xff, state = m.get(at + 1) & 0xff;
        int size = family == SocketInfo.AF_INET6 ? 16 : 4;
        int sport = (m.get(at + 4) & 0xff) << 8 | (m.get(at + 5) & 0xff);
        int dport = (m.get(at + 6) & 0xff) << 8 | (m.get(at + 7) & 0xff);
        byte[] src = new byte[size], dst = new byte[size];
        m.get(at + 8, src);
        m.get(at + 24, dst);
        long cookie = (m.getInt(at + 44) & 0xffff_ffffL) | (long) m.getInt(at + 48) << 32;
        int uid = m.getInt(at + 64);
        long inode = m.getInt(at + 68) & 0xffff_ffffL;
        int shutdown = -1;
        SocketInfo.Tcp tcp = null;
        for (int a = at + INET_DIAG_MSG_SIZE; a + 4 <= end; ) {
            int rtaLen = m.getShort(a) & 0xffff, type = m.getShort(a + 2) & 0xffff;
            if (rtaLen < 4 || a + rtaLen > end) break;
            if (type == INET_DIAG_INFO && protocol == SocketInfo.IPPROTO_TCP) tcp = tcpInfo(m, a + 4, rtaLen - 4);
            if (type == INET_DIAG_SHUTDOWN && rtaLen >= 5) shutdown = m.get(a + 4) & 0xff;
            a += (rtaLen + 3) & ~3;
        }
        int type = protocol == SocketInfo.IPPROTO_TCP ? SocketInfo.SOCK_STREAM : SocketInfo.SOCK_DGRAM;
        return new SocketInfo(family, protocol, type, state, src, sport, dst, dport, inode, inode == 0 ? -1 : uid,
                cookie, 0, shutdown, tcp);
    }

    /** struct tcp_info (include/uapi/linux/tcp.h) at {@code at}, {@code len} bytes of it. */
    static SocketInfo.Tcp tcpInfo(ByteBuffer m, int at, int len) {
        long rtt = len >= 72 ? m.getInt(at + 68) & 0xffff_ffffL : -1;
        long retrans = len >= 104 ? m.getInt(at + 100) & 0xffff_ffffL : -1;
        long acked = len >= 128 ? m.getLong(at + 120) : -1;
        long received = len >= 136 ? m.getLong(at + 128) : -1;
        long sent = len >= 208 ? m.getLong(at + 200) : -1;
        long retransBytes = len >= 216 ? m.getLong(at + 208) : -1;
        return new SocketInfo.Tcp(sent, retransBytes, received, acked, retrans, rtt);
    }

    /** struct unix_diag_msg (family, type, state, pad, inode, cookie) and its attributes. */
    static SocketInfo unixMsg(ByteBuffer m, int at, int end) {
        if (end - at < UNIX_DIAG_MSG_SIZE) return null;
        int type = m.get(at + 1) & 0xff, state = m.get(at + 2) & 0xff;
        long inode = m.getInt(at + 4) & 0xffff_ffffL, peer = 0;
        byte[] name = new byte[0];
        int uid = -1, shutdown = -1;
        for (int a = at + UNIX_DIAG_MSG_SIZE; a + 4 <= end; ) {
            int rtaLen = m.getShort(a) & 0xffff, attr = m.getShort(a + 2) & 0xffff;
            if (rtaLen < 4 || a + rtaLen > end) break;
            switch (attr) {
                case UNIX_DIAG_NAME -> {
                    name = new byte[rtaLen - 4];
                    m.get(a + 4, name);
                }
                case UNIX_DIAG_PEER -> peer = rtaLen >= 8 ? m.getInt(a + 4) & 0xffff_ffffL : 0;
                case UNIX_DIAG_UID -> uid = rtaLen >= 8 ? m.getInt(a + 4) : -1;
                case UNIX_DIAG_SHUTDOWN -> shutdown = rtaLen >= 5 ? m.get(a + 4) & 0xff : -1;
                default -> { }
            }
            a += (rtaLen + 3) & ~3;
        }
        return new SocketInfo(SocketInfo.AF_UNIX, 0, type, state, name, 0, null, 0, inode, uid, 0, peer, shutdown,
                null);
    }
}
