package io.jstrace.view.net;

/**
 * One event of the net view: a connection opened (its connect's outcome known, or
 * accepted, or first seen), changed state, closed (the last descriptor of the last
 * duplicate closed, or the last process holding it gone: the full record with byte
 * counts), a socket started listening, or a process set up I/O the syscalls do not show.
 *
 * <p>A connection is a TCP or unix stream socket, a UDP (or unix datagram) socket per
 * peer it exchanged datagrams with, or a socketpair end. Byte and call counts are exact:
 * the sum of the transfer syscalls' return values on every descriptor that refers to the
 * socket, in every process, until the event.
 *
 * @param kind        what happened
 * @param timestamp   when, in nanoseconds since the epoch
 * @param pid         the process that opened it (that connected, accepted, created it, or
 *                    first used it), for every event of the connection
 * @param tid         that process's thread
 * @param comm        the process's command name, or {@code null}
 * @param uid         its real user id, -1 when not asked for ({@link NetView.Builder#withUser})
 * @param user        that user's name, or {@code null}
 * @param fd          the descriptor the event happened on (-1 for a process's end)
 * @param inode       the socket's inode ({@code socket:[N]}), 0 for a blind spot
 * @param proto       {@code tcp}, {@code udp}, {@code udplite}, {@code unix}, or {@code null}
 * @param family      {@code inet}, {@code inet6}, {@code unix}
 * @param type        {@code stream}, {@code dgram}, {@code seqpacket}
 * @param local       its own address ({@code 127.0.0.1:40312}, {@code [::1]:80}, a unix
 *                    path, {@code @abstract}), or {@code null} when it has none
 * @param remote      the peer's address, or {@code null} when not known (a unix socket's
 *                    unnamed peer)
 * @param peerInode   a unix socket's peer's inode (the other end's {@code inode}), else 0
 * @param direction   who opened it
 * @param state       {@code ESTABLISHED}, {@code SYN_SENT} (a non-blocking connect in
 *                    progress), {@code FAILED}, {@code LISTEN}, {@code SHUTDOWN_WR},
 *                    {@code SHUTDOWN_RD}, {@code SHUTDOWN}, {@code CLOSED}; for a TCP close
 *                    the kernel's state just before it when known ({@code CLOSE_WAIT}...)
 * @param error       the connection's error as a word ({@code refused}, {@code timed out},
 *                    {@code reset}, {@code unreachable}, ...) or {@code null}
 * @param errno       the errno name of that error ({@code ECONNREFUSED}), or {@code null}
 * @param connectMs   connect latency: from the connect's entry to its outcome (the
 *                    connect's return, or for a non-blocking connect the SO_ERROR read,
 *                    repeated connect or first transfer that showed it), or {@code null}
 * @param durationMs  for a close: from the open to the close, else {@code null}
 * @param txBytes     bytes sent so far
 * @param rxBytes     bytes received so far
 * @param txCalls     transfers that sent (syscalls; one per message of sendmmsg)
 * @param rxCalls     transfers that received
 * @param tcp         the kernel's TCP counters read just before the last close, or {@code null}
 * @param closeReason for a close: {@code close}, {@code exit} (the last holder ended),
 *                    {@code exec} (close-on-exec), {@code detach} (tracing ended first)
 * @param ioUring     whether the process uses io_uring (or a mapped socket): its transfers
 *                    may be missing from the counts
 * @param dnsName     the name this process's own DNS answers gave for the remote address,
 *                    or {@code null} (not filled yet)
 * @param detail      for a blind spot, what it is; for a state change, the syscall that showed it
 */
public record NetEvent(Kind kind, long timestamp, int pid, int tid, String comm, int uid, String user, int fd,
        long inode, String proto, String family, String type, String local, String remote, long peerInode, Direction direction,
        String state, String error, String errno, Double connectMs, Double durationMs, long txBytes, long rxBytes,
        long txCalls, long rxCalls, Tcp tcp, String closeReason, boolean ioUring, String dnsName, String detail) {

    /** What an event says. */
    public enum Kind {
        /** A connection opened, its outcome known (established or failed). */
        OPEN,
        /** A TCP-level state change seen in the syscalls (a connect in progress, its outcome, a shutdown). */
        STATE,
        /** A connection ended: the full record. */
        CLOSE,
        /** A socket started listening. */
        LISTEN,
        /** A process set up I/O its syscalls will not show (io_uring, a mapped socket). */
        BLIND_SPOT;

        /** The JSON name: {@code open}, {@code blind_spot}... */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Who opened a connection. */
    public enum Direction {
        /** It connected (or sent first). */
        OUT("→"),
        /** It accepted (or received first). */
        IN("←"),
        /** A listening socket. */
        LISTEN("•"),
        /** Not known: inherited, found open, or a socketpair end. */
        UNKNOWN("↔");

        private final String arrow;

        Direction(String arrow) {
            this.arrow = arrow;
        }

        /** tracep's arrow. */
        public String arrow() {
            return arrow;
        }

        /** The JSON name: {@code out}, {@code in}, {@code listen}, {@code unknown}. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The kernel's TCP counters (struct tcp_info).
     *
     * @param state         the kernel's TCP state
     * @param bytesAcked    data bytes the peer acknowledged, -1 when not known
     * @param bytesReceived data bytes received, -1 when not known
     * @param retransmits   segments retransmitted, -1 when not known
     * @param rttUs         smoothed round-trip time in microseconds, -1 when not known
     */
    public record Tcp(String state, long bytesAcked, long bytesReceived, long retransmits, long rttUs) {}

    /** Whether this is an outbound connection. */
    public boolean outbound() {
        return direction == Direction.OUT;
    }
}
