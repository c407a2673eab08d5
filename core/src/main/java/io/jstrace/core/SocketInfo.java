package io.jstrace.core;

/**
 * One socket as NETLINK_SOCK_DIAG describes it: an inet socket's {@code struct
 * inet_diag_msg} (include/uapi/linux/inet_diag.h) with its {@code INET_DIAG_INFO} and
 * {@code INET_DIAG_SHUTDOWN} attributes, or a unix socket's {@code struct unix_diag_msg}
 * (include/uapi/linux/unix_diag.h) with its name, peer and owner.
 *
 * @param family     {@code AF_INET} (2), {@code AF_INET6} (10) or {@code AF_UNIX} (1)
 * @param protocol   {@code IPPROTO_TCP} (6), {@code IPPROTO_UDP} (17), 0 for unix
 * @param type       {@code SOCK_STREAM} (1), {@code SOCK_DGRAM} (2), {@code SOCK_SEQPACKET} (5)
 * @param state      the kernel's state: TCP's ({@code TCP_ESTABLISHED} is 1, {@code TCP_LISTEN}
 *                   10); a UDP socket is {@code TCP_ESTABLISHED} when connected, else
 *                   {@code TCP_CLOSE} (7); a unix socket's the same way
 * @param local      the local address in network order (4 or 16 bytes); a unix socket's bound
 *                   name (empty when none; an abstract name starts with a NUL)
 * @param localPort  the local port, 0 for unix
 * @param remote     the peer's address, all zeros when none; {@code null} for unix
 * @param remotePort the peer's port
 * @param inode      the socket's inode ({@code socket:[N]}); 0 in a destroy notification,
 *                   which the kernel sends after the socket left every descriptor
 * @param uid        the owner's user id, -1 when not said (a destroy notification)
 * @param cookie     the kernel's socket cookie (sock_gen_cookie): the one identity a
 *                   destroy notification shares with the dumps; 0 for unix
 * @param peerInode  a unix socket's peer's inode, 0 if none
 * @param shutdown   the sk_shutdown bits ({@code RCV_SHUTDOWN} 1: the peer's FIN came,
 *                   {@code SEND_SHUTDOWN} 2), -1 when not said
 * @param tcp        a TCP socket's counters, or {@code null}
 */
public record SocketInfo(int family, int protocol, int type, int state, byte[] local, int localPort, byte[] remote,
        int remotePort, long inode, int uid, long cookie, long peerInode, int shutdown, Tcp tcp) {

    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_SEQPACKET = 5;
    public static final int TCP_ESTABLISHED = 1, TCP_CLOSE = 7, TCP_LISTEN = 10, RCV_SHUTDOWN = 1;

    private static final String[] STATES = {"UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
        "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

    /**
     * A TCP socket's counters (struct tcp_info, include/uapi/linux/tcp.h), -1 each when
     * the kernel's tcp_info is too short to hold it.
     *
     * @param bytesSent     data bytes sent, retransmissions included (tcpi_bytes_sent, 4.19+)
     * @param bytesRetrans  data bytes retransmitted (tcpi_bytes_retrans, 4.19+)
     * @param bytesReceived sequence space received (tcpi_bytes_received): the data, and one
     *                      for the peer's FIN once it came
     * @param bytesAcked    sequence space the peer acknowledged (tcpi_bytes_acked): the data,
     *                      one for the SYN of a connecting side, one for our FIN
     * @param totalRetrans  segments retransmitted over the socket's life (tcpi_total_retrans)
     * @param rttUs         smoothed round-trip time in microseconds (tcpi_rtt)
     */
    public record Tcp(long bytesSent, long bytesRetrans, long bytesReceived, long bytesAcked, long totalRetrans,
            long rttUs) {

        /** Data bytes sent, each once: {@code bytesSent - bytesRetrans}, or -1 when not known. */
        public long dataSent() {
            return bytesSent < 0 || bytesRetrans < 0 ? -1 : bytesSent - bytesRetrans;
        }
    }

    /** The state's name as ss(8) and tcp_states.h spell it: {@code ESTABLISHED}, {@code LISTEN}... */
    public String stateName() {
        return state >= 0 && state < STATES.length ? STATES[state] : Integer.toString(state);
    }

    /** Whether this is an inet (v4 or v6) socket. */
    public boolean inet() {
        return family == AF_INET || family == AF_INET6;
    }

    /** Whether it has a peer address (an inet socket connected to a remote port). */
    public boolean connected() {
        if (remote == null) return peerInode != 0;
        return remotePort != 0;
    }
}
