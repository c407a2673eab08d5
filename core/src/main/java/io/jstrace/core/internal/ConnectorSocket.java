package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Netlink.AF_NETLINK;
import static io.jstrace.core.internal.jnr.Netlink.CN_IDX_PROC;
import static io.jstrace.core.internal.jnr.Netlink.CN_MSG_SIZE;
import static io.jstrace.core.internal.jnr.Netlink.CN_VAL_PROC;
import static io.jstrace.core.internal.jnr.Netlink.EAGAIN;
import static io.jstrace.core.internal.jnr.Netlink.EFD_CLOEXEC;
import static io.jstrace.core.internal.jnr.Netlink.ENOBUFS;
import static io.jstrace.core.internal.jnr.Netlink.EPROTONOSUPPORT;
import static io.jstrace.core.internal.jnr.Netlink.MSG_DONTWAIT;
import static io.jstrace.core.internal.jnr.Netlink.NETLINK_CONNECTOR;
import static io.jstrace.core.internal.jnr.Netlink.NLMSG_DONE;
import static io.jstrace.core.internal.jnr.Netlink.NLMSG_HDRLEN;
import static io.jstrace.core.internal.jnr.Netlink.POLLIN;
import static io.jstrace.core.internal.jnr.Netlink.PROC_CN_MCAST_IGNORE;
import static io.jstrace.core.internal.jnr.Netlink.PROC_CN_MCAST_LISTEN;
import static io.jstrace.core.internal.jnr.Netlink.SOCKADDR_NL_SIZE;
import static io.jstrace.core.internal.jnr.Netlink.SOCK_CLOEXEC;
import static io.jstrace.core.internal.jnr.Netlink.SOCK_DGRAM;
import static io.jstrace.core.internal.jnr.Netlink.SOL_SOCKET;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUF;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUFFORCE;
import static io.jstrace.core.internal.jnr.Ptrace.EINTR;
import static io.jstrace.core.internal.jnr.Ptrace.EPERM;

import io.jstrace.core.ProcEvent;
import io.jstrace.core.TraceException;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A netlink socket bound to the process-events connector's multicast group, and an
 * eventfd that wakes a reader blocked in poll(2) when the socket is closed.
 *
 * <p>One thread reads at a time; {@link #close()} may come from any thread. The thread
 * that is last to use the descriptors closes them, so none is closed under a poll.
 */
public final class ConnectorSocket implements AutoCloseable {
    /**
     * How much the kernel may queue for us (it doubles the value): 5000 processes are
     * 15000 events (fork, exec, exit), which take some 330 bytes each in the queue.
     */
    private static final int RECEIVE_BUFFER = 16 << 20;
    private static final int DATAGRAM_MAX = 8192;
    private static final long ACK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String FAILURE = "Cannot listen to process events: ";

    private final LibC libc;
    private final int socket;
    private final int eventfd;
    private final NativeBuffer datagram;
    private final byte[] bytes = new byte[DATAGRAM_MAX];
    private final NativeBuffer pollfds;
    private final ProcEventDecoder decoder = new ProcEventDecoder();
    private final Queue<ProcEvent> pending = new ArrayDeque<>();
    private final Object reader = new Object();
    private final Object state = new Object();
    private volatile boolean closed;
    private boolean reading;
    private boolean released;
    private volatile long overruns;

    private ConnectorSocket(LibC libc, int socket, int eventfd) {
        this.libc = libc;
        this.socket = socket;
        this.eventfd = eventfd;
        this.datagram = NativeBuffer.allocate(DATAGRAM_MAX);
        this.pollfds = NativeBuffer.allocate(16);
        pollfds.putInt(0, socket);
        pollfds.putShort(4, POLLIN);
        pollfds.putInt(8, eventfd);
        pollfds.putShort(12, POLLIN);
    }

    /**
     * Opens the socket, joins the group and asks the kernel to send events
     * ({@code PROC_CN_MCAST_LISTEN}), waiting for its acknowledgement.
     */
    public static ConnectorSocket open() throws TraceException {
        LibC libc = Native.libc();
        int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR);
        if (fd < 0) throw failure(Native.errno());
        int efd = -1;
        try {
            growReceiveBuffer(libc, fd);
            bind(libc, fd);
            efd = libc.eventfd(0, EFD_CLOEXEC);
            if (efd < 0) throw failure(Native.errno());
            ConnectorSocket s = new ConnectorSocket(libc, fd, efd);
            s.listen();
            return s;
        } catch (TraceException | RuntimeException e) {
            libc.close(fd);
            if (efd >= 0) libc.close(efd);
            throw e;
        }
    }

    /** {@code Cannot listen to process events: Operation not permitted (needs root or CAP_NET_ADMIN)}. */
    static TraceException failure(int errno) {
        String hint = switch (errno) {
            case EPERM -> " (needs root or CAP_NET_ADMIN)";
            case EPROTONOSUPPORT -> " (needs a kernel with CONFIG_CONNECTOR and CONFIG_PROC_EVENTS)";
            default -> "";
        };
        return new TraceException(FAILURE + Errors.message(errno) + hint);
    }

    /** SO_RCVBUFFORCE passes net.core.rmem_max but needs CAP_NET_ADMIN; SO_RCVBUF is capped by it. */
    private static void growReceiveBuffer(LibC libc, int fd) {
        NativeBuffer size = NativeBuffer.allocate(4);
        size.putInt(0, RECEIVE_BUFFER);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) < 0) {
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, size, 4);
        }
    }

    /** struct sockaddr_nl: the kernel picks our port id; we join group CN_IDX_PROC. */
    private static void bind(LibC libc, int fd) throws TraceException {
        NativeBuffer addr = NativeBuffer.allocate(SOCKADDR_NL_SIZE);
        addr.putShort(0, (short) AF_NETLINK);
        addr.putShort(2, (short) 0);
        addr.putInt(4, 0);
        addr.putInt(8, CN_IDX_PROC);
        if (libc.bind(fd, addr, SOCKADDR_NL_SIZE) < 0) throw failure(Native.errno());
    }

    /**
     * Sends PROC_CN_MCAST_LISTEN and waits for the acknowledgement the kernel multicasts
     * back with our ack + 1 (drivers/connector/cn_proc.c: cn_proc_ack). Events
     * that come first are kept for {@link #next()}. The kernel answers nothing to a
     * process outside the initial PID and user namespaces.
     */
    private void listen() throws TraceException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int seq = random.nextInt(), ack = random.nextInt();
        decoder.expectAck(ack);
        if (!send(PROC_CN_MCAST_LISTEN, seq, ack)) throw failure(Native.errno());
        long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        while (decoder.ackError() < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (!pending.isEmpty() || overruns > 0) return; // events flow: the answer was crowded out
                send(PROC_CN_MCAST_IGNORE, 0, 0); // before 6.6 the kernel keeps counting a listener until told
                throw new TraceException(FAILURE + "no answer from the kernel (needs CONFIG_PROC_EVENTS"
                        + " and the initial PID and user namespaces)");
            }
            if (await((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)))) receive();
        }
        if (decoder.ackError() != 0) throw failure(decoder.ackError());
    }

    /** nlmsghdr, cn_msg and the 4-byte enum proc_cn_mcast_op (the form every kernel accepts). */
    private boolean send(int op, int seq, int ack) {
        int len = NLMSG_HDRLEN + CN_MSG_SIZE + 4;
        NativeBuffer m = NativeBuffer.allocate(len);
        m.putInt(0, len);
        m.putShort(4, (short) NLMSG_DONE);
        m.putShort(6, (short) 0);
        m.putInt(8, seq);
        m.putInt(12, 0);
        m.putInt(16, CN_IDX_PROC);
        m.putInt(20, CN_VAL_PROC);
        m.putInt(24, seq);
        m.putInt(28, ack);
        m.putShort(32, (short) 4);
        m.putShort(34, (short) 0);
        m.putInt(36, op);
        while (true) {
            if (libc.send(socket, m, len, 0) == len) return true;
            if (Native.errno() != EINTR) return false;
        }
    }

    /**
     * The next event, waiting for it; {@code null} once {@link #close()} was called.
     *
     * @throws TraceException when the socket fails (not on overruns: they are counted)
     */
    public ProcEvent next() throws TraceException {
        synchronized (reader) {
            synchronized (state) {
                if (closed) return null;
                reading = true;
            }
            try {
                while (true) {
                    if (closed) return null;
                    ProcEvent e = pending.poll();
                    if (e != null) return e;
                    if (!receive()) await(-1);
                }
            } finally {
                synchronized (state) {
                    reading = false;
                    if (closed) release();
                }
            }
        }
    }

    /** The socket's descriptor, for a single reader that polls it with others and reads with {@link #nextNow()}. */
    public int fd() {
        return socket;
    }

    /**
     * The next event without waiting; {@code null} when none is there now. For a reader
     * that never calls {@link #next()} and closes this only when it has stopped reading.
     */
    public ProcEvent nextNow() throws TraceException {
        while (true) {
            ProcEvent e = pending.poll();
            if (e != null || !receive()) return e;
        }
    }

    /** Waits up to {@code timeoutMillis} (-1: forever); true when the socket has data, false on timeout or close. */
    private boolean await(int timeoutMillis) throws TraceException {
        pollfds.putShort(6, (short) 0);
        pollfds.putShort(14, (short) 0);
        int n = libc.poll(pollfds, 2, timeoutMillis);
        if (n < 0) {
            int e = Native.errno();
            if (e != EINTR) throw new TraceException("Cannot read process events: poll: " + Errors.message(e));
        }
        return n > 0 && !closed && pollfds.getShort(6) != 0;
    }

    /**
     * Reads one datagram without blocking and decodes its events into {@link #pending}.
     * One datagram has been one event so far (cn_netlink_send_mult sends one message per
     * skb), but every netlink message in it is decoded.
     *
     * @return false when there was nothing to read
     */
    private boolean receive() throws TraceException {
        long n = libc.recv(socket, datagram, DATAGRAM_MAX, MSG_DONTWAIT);
        if (n < 0) {
            int e = Native.errno();
            if (e == EAGAIN) return false;
            if (e == EINTR) return true;
            if (e == ENOBUFS) { // the kernel dropped datagrams; the decoder sees the gap
                overruns = overruns + 1;
                return true;
            }
            throw new TraceException("Cannot read process events: " + Errors.message(e));
        }
        int len = (int) Math.min(n, DATAGRAM_MAX);
        datagram.get(0, bytes, 0, len);
        decoder.decode(ByteBuffer.wrap(bytes), len, pending);
        return true;
    }

    /** Events the kernel sent that never arrived (gaps in its per-CPU sequence numbers). */
    public long lost() {
        return decoder.lost();
    }

    /** How many times the kernel reported that the receive buffer overran (ENOBUFS). */
    public long overruns() {
        return overruns;
    }

    /** Stops listening and wakes a blocked {@link #next()}, which then returns {@code null}. Idempotent. */
    @Override
    public void close() {
        synchronized (state) {
            if (closed) return;
            closed = true;
            if (reading) {
                libc.eventfd_write(eventfd, 1);
            } else {
                release();
            }
        }
    }

    /** PROC_CN_MCAST_IGNORE, then the descriptors; with {@link #state} held, once. */
    private void release() {
        if (released) return;
        released = true;
        send(PROC_CN_MCAST_IGNORE, 0, 0);
        libc.close(socket);
        libc.close(eventfd);
    }
}
