package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Audit.AUDIT_GET;
import static io.jstrace.core.internal.jnr.Audit.AUDIT_SET;
import static io.jstrace.core.internal.jnr.Audit.NETLINK_AUDIT;
import static io.jstrace.core.internal.jnr.Audit.NLM_F_ACK;
import static io.jstrace.core.internal.jnr.Audit.NLM_F_REQUEST;
import static io.jstrace.core.internal.jnr.Audit.SOCK_RAW;
import static io.jstrace.core.internal.jnr.Audit.STATUS_SIZE;
import static io.jstrace.core.internal.jnr.Netlink.AF_NETLINK;
import static io.jstrace.core.internal.jnr.Netlink.EAGAIN;
import static io.jstrace.core.internal.jnr.Netlink.ENOBUFS;
import static io.jstrace.core.internal.jnr.Netlink.MSG_DONTWAIT;
import static io.jstrace.core.internal.jnr.Netlink.NLMSG_ERROR;
import static io.jstrace.core.internal.jnr.Netlink.NLMSG_HDRLEN;
import static io.jstrace.core.internal.jnr.Netlink.POLLIN;
import static io.jstrace.core.internal.jnr.Netlink.SOCKADDR_NL_SIZE;
import static io.jstrace.core.internal.jnr.Netlink.SOCK_CLOEXEC;
import static io.jstrace.core.internal.jnr.Netlink.SOL_SOCKET;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUF;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUFFORCE;
import static io.jstrace.core.internal.jnr.Ptrace.EINTR;

import io.jstrace.core.TraceException;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A netlink socket to the audit subsystem (kernel/audit.c), as auditd holds it: requests
 * that the kernel acknowledges (the status, rules), and the records it sends to the
 * process registered as the audit daemon. Not thread-safe: one thread uses it.
 *
 * <p>The kernel sets a record's {@code nlmsg_len} to the length of its text alone, not
 * counting the 16-byte header (audit_log_end, kept so for auditd); requests and
 * acknowledgements have the usual length.
 */
public final class AuditSocket implements AutoCloseable {
    /** Records of a storm of execs (seven of some 300 bytes each) queue here while we parse. */
    private static final int RECEIVE_BUFFER = 8 << 20;
    public static final int DATAGRAM_MAX = 16 << 10;
    /** Types from here on are records (include/uapi/linux/audit.h AUDIT_FIRST_EVENT). */
    private static final int AUDIT_FIRST_EVENT = 1300;
    private static final long ACK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LibC libc;
    private final int fd;
    private final NativeBuffer datagram = NativeBuffer.allocate(DATAGRAM_MAX);
    /** Records that came while a request waited for its acknowledgement, oldest first. */
    private final ArrayDeque<byte[]> early = new ArrayDeque<>();
    private final NativeBuffer pollfd = NativeBuffer.allocate(8);
    private int seq;
    private long overruns;

    private AuditSocket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /** socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT), bound to the port id the kernel picks. */
    public static AuditSocket open() throws TraceException {
        LibC libc = Native.libc();
        int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
        if (fd < 0) throw failure("socket", Native.errno());
        NativeBuffer size = NativeBuffer.allocate(4);
        size.putInt(0, RECEIVE_BUFFER);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) < 0) {
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, size, 4);
        }
        NativeBuffer addr = NativeBuffer.allocate(SOCKADDR_NL_SIZE);
        addr.putShort(0, (short) AF_NETLINK);
        if (libc.bind(fd, addr, SOCKADDR_NL_SIZE) < 0) {
            int e = Native.errno();
            libc.close(fd);
            throw failure("bind", e);
        }
        return new AuditSocket(libc, fd);
    }

    static TraceException failure(String call, int errno) {
        return new TraceException("audit: " + call + ": " + Errors.message(errno));
    }

    /** The descriptor, for poll(2). */
    public int fd() {
        return fd;
    }

    /** AUDIT_GET: struct audit_status, {@link io.jstrace.core.internal.jnr.Audit#STATUS_SIZE} bytes. */
    public byte[] status() throws TraceException {
        byte[] reply = request(AUDIT_GET, new byte[0], AUDIT_GET);
        return Arrays.copyOf(reply, STATUS_SIZE);
    }

    /** AUDIT_SET with a struct audit_status whose mask says which fields to change. */
    public void set(byte[] status) throws TraceException {
        request(AUDIT_SET, status, -1);
    }

    /**
     * Sends a request with NLM_F_ACK and waits for the kernel's answer.
     *
     * @param replyType the message type of the data reply to return, or -1 for none
     * @return the reply's payload (empty for none)
     * @throws TraceException with the errno of a negative acknowledgement
     */
    public byte[] request(int type, byte[] payload, int replyType) throws TraceException {
        int n = ++seq;
        int len = NLMSG_HDRLEN + payload.length;
        NativeBuffer m = NativeBuffer.allocate(len);
        m.putInt(0, len);
        m.putShort(4, (short) type);
        m.putShort(6, (short) (NLM_F_REQUEST | NLM_F_ACK));
        m.putInt(8, n);
        m.put(NLMSG_HDRLEN, payload, 0, payload.length);
        while (libc.send(fd, m, len, 0) != len) {
            if (Native.errno() != EINTR) throw failure("send", Native.errno());
        }
        return answer(type, n, replyType);
    }

    /** The acknowledgement and, when one is expected, the reply: the kernel may send either first (audit_send_reply). */
    private byte[] answer(int type, int n, int replyType) throws TraceException {
        byte[] reply = replyType < 0 ? new byte[0] : null;
        boolean acked = false;
        long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            byte[] msg = receiveSocket();
            if (msg == null) {
                await(10);
                continue;
            }
            int t = u16(msg, 4);
            if (i32(msg, 8) != n) {
                early.add(msg);
                continue;
            }
            if (t == NLMSG_ERROR) {
                int errno = -i32(msg, NLMSG_HDRLEN);
                if (errno != 0) throw failure(name(type), errno);
                acked = true;
            } else if (t == replyType) {
                reply = Arrays.copyOfRange(msg, NLMSG_HDRLEN, msg.length);
            }
            if (acked && reply != null) return reply;
        }
        throw new TraceException("audit: " + name(type) + ": no answer from the kernel");
    }

    private static String name(int type) {
        return switch (type) {
            case AUDIT_GET -> "AUDIT_GET";
            case AUDIT_SET -> "AUDIT_SET";
            case io.jstrace.core.internal.jnr.Audit.AUDIT_ADD_RULE -> "AUDIT_ADD_RULE";
            case io.jstrace.core.internal.jnr.Audit.AUDIT_DEL_RULE -> "AUDIT_DEL_RULE";
            default -> Integer.toString(type);
        };
    }

    /**
     * The next message, without waiting: its header and text (a record's length fixed to
     * cover both); {@code null} when there is none now.
     */
    public byte[] receiveNow() throws TraceException {
        byte[] e = early.poll();
        return e != null ? e : receiveSocket();
    }

    /** A message from the socket itself, past {@link #early}; {@code null} when there is none now. */
    private byte[] receiveSocket() throws TraceException {
        while (true) {
            long n = libc.recv(fd, datagram, DATAGRAM_MAX, MSG_DONTWAIT);
            if (n >= 0) return message((int) n);
            int errno = Native.errno();
            if (errno == EAGAIN) return null;
            if (errno == ENOBUFS) {
                overruns++;
                continue;
            }
            if (errno != EINTR) throw failure("recv", errno);
        }
    }

    /** The datagram's first message; a record's nlmsg_len (its text alone) made whole. */
    private byte[] message(int n) {
        int len = Math.min(n, DATAGRAM_MAX);
        byte[] b = new byte[len];
        datagram.get(0, b, 0, len);
        int type = len >= NLMSG_HDRLEN ? u16(b, 4) : 0;
        if (type >= AUDIT_FIRST_EVENT && i32(b, 0) + NLMSG_HDRLEN <= len) {
            int whole = i32(b, 0) + NLMSG_HDRLEN;
            b = Arrays.copyOf(b, whole);
            b[0] = (byte) whole; b[1] = (byte) (whole >> 8); b[2] = (byte) (whole >> 16); b[3] = (byte) (whole >> 24);
        }
        return b;
    }

    /** Waits up to {@code millis} for a message (poll(2)); false on timeout. */
    public boolean await(int millis) {
        pollfd.putInt(0, fd);
        pollfd.putShort(4, POLLIN);
        pollfd.putShort(6, (short) 0);
        return libc.poll(pollfd, 1, millis) > 0;
    }

    /** Native-order fields of a message (netlink is in host order; x86_64 and aarch64 are little-endian). */
    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** Times the kernel dropped records because the receive buffer was full. */
    public long overruns() {
        return overruns;
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
