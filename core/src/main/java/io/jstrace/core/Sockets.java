package io.jstrace.core;

import io.jstrace.core.internal.SockDiag;

/**
 * What the kernel tells about a tracee's sockets, for strace's {@code -yy}: the
 * protocol of a descriptor and an AF_UNIX socket's peer and name. Safe from any thread;
 * a socket the kernel cannot describe (closed, or no permission) gives {@code null}.
 */
public final class Sockets {
    /**
     * An AF_UNIX socket.
     *
     * @param peer the inode of the socket it is connected to, 0 if none
     * @param name its bound name, empty if none; an abstract name starts with a NUL byte
     */
    public record Unix(long inode, long peer, byte[] name) {}

    /**
     * An inet socket's endpoints.
     *
     * @param src   the local address in network byte order, 4 or 16 bytes
     * @param dst   the peer's address, all 0 when it has none
     * @param sport the local port, {@code dport} the peer's
     */
    public record Inet(byte[] src, int sport, byte[] dst, int dport) {}

    /**
     * A netlink socket.
     *
     * @param protocol its netlink protocol ({@code NETLINK_ROUTE} is 0...)
     * @param portId   its port id, unsigned
     */
    public record Netlink(int protocol, long portId) {}

    /**
     * A TCP socket's counters as the kernel keeps them (struct tcp_info through
     * NETLINK_SOCK_DIAG's INET_DIAG_INFO).
     *
     * @param state         the TCP state: {@code ESTABLISHED}, {@code CLOSE_WAIT}, {@code SYN_SENT}...
     * @param bytesAcked    data bytes the peer acknowledged (tcpi_bytes_acked), -1 when not known
     * @param bytesReceived data bytes received (tcpi_bytes_received), -1 when not known
     * @param retransmits   segments retransmitted over its life (tcpi_total_retrans), -1 when not known
     * @param rttUs         smoothed round-trip time in microseconds (tcpi_rtt), -1 when not known
     * @param uid           the socket's owner
     */
    public record TcpInfo(String state, long bytesAcked, long bytesReceived, long retransmits, long rttUs, int uid) {}

    private static final String[] TCP_STATES = {"UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
        "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

    /**
     * The counters of the TCP socket with inode {@code inode} of {@code family}
     * ({@code AF_INET}, {@code AF_INET6}), or {@code null} when it is gone or the kernel
     * does not say. Ask before the last close: a closed socket is no longer listed.
     */
    public static TcpInfo tcpInfo(int family, long inode) {
        SockDiag.TcpInfo t = SockDiag.tcpInfo(family, inode);
        if (t == null) return null;
        String state = t.state() < TCP_STATES.length ? TCP_STATES[t.state()] : Integer.toString(t.state());
        return new TcpInfo(state, t.bytesAcked(), t.bytesReceived(), t.totalRetrans(), t.rttUs(), t.uid());
    }

    /** Address families and protocols for {@link #inet}. */
    public static final int AF_INET = 2, AF_INET6 = 10, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_UDPLITE = 136;

    private Sockets() {}

    /**
     * The inet socket with inode {@code inode} among {@code family}'s {@code protocol}
     * sockets, bound-only ones included (NETLINK_SOCK_DIAG inet_diag), or {@code null}.
     */
    public static Inet inet(int family, int protocol, long inode) {
        SockDiag.Inet i = SockDiag.inet(family, protocol, inode);
        return i == null ? null : new Inet(i.src(), i.sport(), i.dst(), i.dport());
    }

    /**
     * The protocol name the kernel gives socket {@code fd} of thread {@code tid}
     * ({@code TCP}, {@code UDPv6}, {@code UNIX-STREAM}, {@code NETLINK}...: the
     * {@code system.sockprotoname} attribute of its /proc link), or {@code null}.
     */
    public static String protocol(int tid, int fd) {
        return SockDiag.protocol(tid, fd);
    }

    /**
     * The netlink socket with inode {@code inode}, from /proc/net/netlink (the table
     * netlink_diag dumps; of the tracer's network namespace), or {@code null}.
     */
    public static Netlink netlink(long inode) {
        SockDiag.Netlink n = SockDiag.netlink(inode);
        return n == null ? null : new Netlink(n.protocol(), n.portId());
    }

    /**
     * The generic netlink families registered in the tracer's network namespace, their names
     * by id (the message types of NETLINK_GENERIC), asked of the kernel once.
     */
    public static java.util.Map<Integer, String> genericFamilies() {
        return GenericFamilies.BY_ID;
    }

    /** Asked on first use. */
    private static final class GenericFamilies {
        static final java.util.Map<Integer, String> BY_ID = java.util.Map.copyOf(
                io.jstrace.core.internal.GenericNetlink.families());
    }

    /**
     * The {@code protocol} ({@code IPPROTO_TCP}, {@code IPPROTO_UDP}) socket of
     * {@code family} whose local end is {@code local}:{@code localPort} and whose peer is
     * {@code remote}:{@code remotePort} (for UDP, also an unconnected socket bound there):
     * one NETLINK_SOCK_DIAG request by the addresses, its inode and owner's uid; or
     * {@code null} when there is none (any more).
     */
    public static SocketInfo find(int family, int protocol, byte[] local, int localPort, byte[] remote,
            int remotePort) {
        return io.jstrace.core.internal.SocketDump.find(family, protocol, local, localPort, remote, remotePort);
    }

    /** The AF_UNIX socket with inode {@code inode} (NETLINK_SOCK_DIAG), or {@code null}. */
    public static Unix unix(long inode) {
        SockDiag.Unix u = SockDiag.unix(inode);
        return u == null ? null : new Unix(u.inode(), u.peer(), u.name());
    }
}
