package io.jstrace.core.internal;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;

/**
 * What the kernel tells about a socket by its inode: its protocol name (the
 * {@code system.sockprotoname} attribute of its /proc fd link) and, for AF_UNIX, its
 * peer and bound name through NETLINK_SOCK_DIAG (include/uapi/linux/unix_diag.h), as
 * strace's src/socketutils.c asks.
 */
public final class SockDiag {
    private static final int AF_NETLINK = 16, AF_UNIX = 1, SOCK_DGRAM = 2, SOCK_CLOEXEC = 02000000;
    private static final int NETLINK_SOCK_DIAG = 4, SOCK_DIAG_BY_FAMILY = 20, NLM_F_REQUEST = 1;
    private static final int NLMSG_HDRLEN = 16, UNIX_DIAG_REQ_SIZE = 24, UNIX_DIAG_MSG_SIZE = 16;
    private static final int UDIAG_SHOW_NAME = 0x1, UDIAG_SHOW_PEER = 0x4;
    private static final int UNIX_DIAG_NAME = 0, UNIX_DIAG_PEER = 2;
    private static final int BUFFER = 8192;

    /** An AF_UNIX socket: its peer's inode (0 if none), its bound name (empty if none; abstract: NUL first). */
    public record Unix(long inode, long peer, byte[] name, int type) {}

    /** An inet socket's endpoints: addresses in network order (4 or 16 bytes), ports in host order. */
    public record Inet(byte[] src, int sport, byte[] dst, int dport) {}

    /** A netlink socket: its protocol and port id. */
    public record Netlink(int protocol, long portId) {}

    private static final int NLM_F_DUMP = 0x300, NLMSG_DONE = 3, NLMSG_ERROR = 2;
    private static final int INET_DIAG_REQ_V2_SIZE = 56, INET_DIAG_MSG_INODE = 68;

    private SockDiag() {}

    /** The protocol name ({@code TCP}, {@code UNIX-STREAM}...) of socket {@code fd} of {@code tid}, or {@code null}. */
    public static String protocol(int tid, int fd) {
        try {
            LibC libc = Native.libc();
            NativeBuffer value = NativeBuffer.allocate(64);
            long n = libc.getxattr(ProcFs.pidDir(tid) + "/fd/" + fd, "system.sockprotoname", value, 64);
            if (n <= 0) return null;
            byte[] b = new byte[(int) n];
            value.get(0, b, 0, b.length);
            int len = 0;
            while (len < b.length && b[len] != 0) len++;
            return new String(b, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The AF_UNIX socket with inode {@code inode}, or {@code null} when the kernel does not say. */
    public static Unix unix(long inode) {
        try {
            LibC libc = Native.libc();
            int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
            if (fd < 0) return null;
            try {
                return query(libc, fd, inode);
            } finally {
                libc.close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The inet socket with {@code inode} among the {@code family} ({@code AF_INET},
     * {@code AF_INET6}) sockets of {@code protocol} ({@code IPPROTO_TCP}...): a dump of
     * them all in every state (struct inet_diag_req_v2, include/uapi/linux/inet_diag.h),
     * searched for the inode, as strace's inet_send_query does; {@code null} if absent.
     */
    public static Inet inet(int family, int protocol, long inode) {
        return inetDump(family, protocol, 0, -1, inode, INET_DIAG_MSG_INODE + 4,
                (b, m, at, end) -> inetMsg(b, at, family));
    }

    /**
     * The netlink socket with {@code inode}: its row of /proc/net/netlink
     * (net/netlink/af_netlink.c netlink_seq_show: sk Eth Pid Groups Rmem Wmem Dump Locks
     * Drops Inode), which lists the sockets netlink_diag dumps; {@code null} if absent.
     */
    public static Netlink netlink(long inode) {
        for (String[] row : ProcFs.table(java.nio.file.Path.of("/proc/net/netlink"))) {
            if (row.length < 10 || !row[9].equals(Long.toString(inode))) continue;
            try {
                return new Netlink(Integer.parseInt(row[1]), Long.parseLong(row[2]) & 0xffff_ffffL);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * A TCP socket's kernel counters (struct tcp_info, include/uapi/linux/tcp.h, from the
     * INET_DIAG_INFO attribute): its state (TCP_ESTABLISHED is 1...), bytes acked by the
     * peer and bytes received (tcpi_bytes_acked, tcpi_bytes_received: kernel 4.1+, -1 when
     * the kernel's tcp_info is shorter), retransmitted segments in all (tcpi_total_retrans),
     * the smoothed round-trip time and its variation in microseconds, and the owner's uid.
     */
    public record TcpInfo(int state, long bytesAcked, long bytesReceived, long totalRetrans, long rttUs,
            long rttVarUs, int uid) {}

    private static final int INET_DIAG_INFO = 2, INET_DIAG_MSG_SIZE = 72;

    /**
     * The TCP socket with {@code inode} among {@code family}'s, with its tcp_info: a dump of
     * every TCP socket of the family asking for INET_DIAG_INFO, searched for the inode;
     * {@code null} when absent (closed) or the kernel does not say.
     */
    public static TcpInfo tcpInfo(int family, long inode) {
        return inetDump(family, 6 /* IPPROTO_TCP */, 1 << (INET_DIAG_INFO - 1), ~(1 << 10) /* all but TCP_LISTEN */,
                inode, INET_DIAG_MSG_SIZE, (b, m, at, end) -> tcpMsg(m, at, end));
    }

    /** Reads the inet_diag_msg at {@code at} (its attributes up to {@code end}) of a dump's answer. */
    private interface InetMsg<T> {
        T read(byte[] b, java.nio.ByteBuffer m, int at, int end);
    }

    /**
     * A dump of {@code family}'s {@code protocol} sockets in {@code states} with the
     * {@code extensions} attributes asked for (struct inet_diag_req_v2,
     * include/uapi/linux/inet_diag.h), searched for {@code inode}: the first message of at
     * least {@code minLength} bytes with that inode, read by {@code read}; {@code null} when
     * none, or when the socket cannot be opened.
     */
    private static <T> T inetDump(int family, int protocol, int extensions, int states, long inode, int minLength,
            InetMsg<T> read) {
        try {
            LibC libc = Native.libc();
            int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
            if (fd < 0) return null;
            try {
                return inetDump(libc, fd, family, protocol, extensions, states, inode, minLength, read);
            } finally {
                libc.close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static <T> T inetDump(LibC libc, int fd, int family, int protocol, int extensions, int states, long inode,
            int minLength, InetMsg<T> read) {
        NativeBuffer buf = NativeBuffer.allocate(BUFFER);
        int len = NLMSG_HDRLEN + INET_DIAG_REQ_V2_SIZE;
        for (int k = 0; k < len; k += 4) buf.putInt(k, 0);
        buf.putInt(0, len);
        buf.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
        buf.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        buf.putInt(8, 1);
        buf.putByte(16, (byte) family);
        buf.putByte(17, (byte) protocol);
        buf.putByte(18, (byte) extensions);
        buf.putInt(20, states);
        if (libc.send(fd, buf, len, 0) != len) return null;
        T found = null;
        byte[] b = new byte[BUFFER];
        while (true) {
            long got = libc.recv(fd, buf, BUFFER, 0);
            if (got <= 0) return found;
            buf.get(0, b, 0, (int) got);
            java.nio.ByteBuffer m = java.nio.ByteBuffer.wrap(b, 0, (int) got).order(java.nio.ByteOrder.nativeOrder());
            for (int at = 0; at + NLMSG_HDRLEN <= got; ) {
                int msgLen = m.getInt(at), type = m.getShort(at + 4) & 0xffff;
                if (type == NLMSG_DONE || type == NLMSG_ERROR || msgLen < NLMSG_HDRLEN) return found;
                if (found == null && msgLen >= NLMSG_HDRLEN + minLength
                        && (m.getInt(at + NLMSG_HDRLEN + INET_DIAG_MSG_INODE) & 0xffff_ffffL) == inode) {
                    found = read.read(b, m, at + NLMSG_HDRLEN, at + Math.min(msgLen, (int) got - at));
                }
                at += (msgLen + 3) & ~3;
            }
        }
    }

    static TcpInfo tcpMsg(java.nio.ByteBuffer m, int at, int end) {
        int state = m.get(at + 1) & 0xff, uid = m.getInt(at + 64);
        long acked = -1, received = -1, retrans = -1, rtt = -1, rttVar = -1;
        for (int a = at + INET_DIAG_MSG_SIZE; a + 4 <= end; ) {
            int rtaLen = m.getShort(a) & 0xffff, type = m.getShort(a + 2) & 0xffff;
            if (rtaLen < 4 || a + rtaLen > end) break;
            int info = a + 4, infoLen = rtaLen - 4;
            if (type == INET_DIAG_INFO) {
                if (infoLen >= 104) {
                    rtt = m.getInt(info + 68) & 0xffff_ffffL;
                    rttVar = m.getInt(info + 72) & 0xffff_ffffL;
                    retrans = m.getInt(info + 100) & 0xffff_ffffL;
                }
                if (infoLen >= 136) {
                    acked = m.getLong(info + 120);
                    received = m.getLong(info + 128);
                }
            }
            a += (rtaLen + 3) & ~3;
        }
        return new TcpInfo(state, acked, received, retrans, rtt, rttVar, uid);
    }

    /** struct inet_diag_msg: family, state, timer, retrans, then inet_diag_sockid (ports and addresses big-endian). */
    static Inet inetMsg(byte[] b, int at, int family) {
        int size = family == 10 ? 16 : 4;
        int sport = ((b[at + 4] & 0xff) << 8) | (b[at + 5] & 0xff);
        int dport = ((b[at + 6] & 0xff) << 8) | (b[at + 7] & 0xff);
        byte[] src = java.util.Arrays.copyOfRange(b, at + 8, at + 8 + size);
        byte[] dst = java.util.Arrays.copyOfRange(b, at + 24, at + 24 + size);
        return new Inet(src, sport, dst, dport);
    }

    /** One unix_diag_req for the inode, with UDIAG_SHOW_NAME and UDIAG_SHOW_PEER; one answer back. */
    private static Unix query(LibC libc, int fd, long inode) {
        NativeBuffer buf = NativeBuffer.allocate(BUFFER);
        int len = NLMSG_HDRLEN + UNIX_DIAG_REQ_SIZE;
        buf.putInt(0, len);
        buf.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
        buf.putShort(6, (short) NLM_F_REQUEST);
        buf.putInt(8, 1);
        buf.putInt(12, 0);
        buf.putByte(16, (byte) AF_UNIX);
        buf.putByte(17, (byte) 0);
        buf.putShort(18, (short) 0);
        buf.putInt(20, -1); // udiag_states: all
        buf.putInt(24, (int) inode);
        buf.putInt(28, UDIAG_SHOW_NAME | UDIAG_SHOW_PEER);
        buf.putInt(32, -1); // udiag_cookie: INET_DIAG_NOCOOKIE
        buf.putInt(36, -1);
        if (libc.send(fd, buf, len, 0) != len) return null;
        long got = libc.recv(fd, buf, BUFFER, 0);
        if (got < NLMSG_HDRLEN + UNIX_DIAG_MSG_SIZE || buf.getShort(4) != SOCK_DIAG_BY_FAMILY) return null;
        byte[] b = new byte[(int) Math.min(got, buf.getInt(0))];
        buf.get(0, b, 0, b.length);
        return parse(b);
    }

    /** struct unix_diag_msg, then its rtattrs (4-byte aligned). */
    static Unix parse(byte[] b) {
        java.nio.ByteBuffer m = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder());
        long inode = m.getInt(NLMSG_HDRLEN + 4) & 0xffff_ffffL;
        int sockType = b[NLMSG_HDRLEN + 1] & 0xff;
        long peer = 0;
        byte[] name = new byte[0];
        int at = NLMSG_HDRLEN + UNIX_DIAG_MSG_SIZE;
        while (at + 4 <= b.length) {
            int rtaLen = m.getShort(at) & 0xffff, type = m.getShort(at + 2) & 0xffff;
            if (rtaLen < 4 || at + rtaLen > b.length) break;
            if (type == UNIX_DIAG_PEER && rtaLen >= 8) peer = m.getInt(at + 4) & 0xffff_ffffL;
            if (type == UNIX_DIAG_NAME) name = java.util.Arrays.copyOfRange(b, at + 4, at + rtaLen);
            at += (rtaLen + 3) & ~3;
        }
        return new Unix(inode, peer, name, sockType);
    }
}
