package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Netlink.EAGAIN;
import static io.jstrace.core.internal.jnr.Netlink.ENOBUFS;
import static io.jstrace.core.internal.jnr.Netlink.MSG_DONTWAIT;
import static io.jstrace.core.internal.jnr.Netlink.SOL_SOCKET;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUF;
import static io.jstrace.core.internal.jnr.Netlink.SO_RCVBUFFORCE;
import static io.jstrace.core.internal.jnr.Ptrace.EINTR;

import io.jstrace.core.SocketInfo;
import io.jstrace.core.SocketMonitor;
import io.jstrace.core.TraceException;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A NETLINK_SOCK_DIAG socket in the four destroy groups, and the snapshots taken between
 * its notifications (see {@link SocketMonitor}). The notifications are read on a thread of
 * their own as the kernel sends them (from a workqueue right after the socket's last
 * reference went, net/core/sock.c __sk_free, sock_diag_broadcast_destroy), so that each is
 * stamped close to the socket's end however far behind the reader of {@link #next()} is;
 * the snapshots are taken on that reader's thread when they are due.
 */
public final class SocketMonitorSocket {
    private static final int AF_NETLINK = 16, SOCK_DGRAM = 2, SOCK_CLOEXEC = 02000000, NETLINK_SOCK_DIAG = 4;
    /** include/uapi/linux/netlink.h. */
    private static final int SOL_NETLINK = 270, NETLINK_ADD_MEMBERSHIP = 1;
    /** include/uapi/linux/sock_diag.h enum sknetlink_groups: INET_TCP, INET_UDP, INET6_TCP, INET6_UDP. */
    private static final int[] DESTROY_GROUPS = {1, 2, 3, 4};
    private static final int RECEIVE_BUFFER = 8 << 20, DATAGRAM_MAX = 64 * 1024;
    private static final String FAILURE = "Cannot watch sockets: ";

    private final LibC libc;
    private final WakeableSocket socket;
    private final long intervalNanos;
    private final NativeBuffer datagram = NativeBuffer.allocate(DATAGRAM_MAX);
    private final byte[] bytes = new byte[DATAGRAM_MAX];
    /**
     * Notifications read and not yet taken; bounded: beyond it the receiving thread waits
     * and the kernel's buffer holds the rest (their stamps then later).
     */
    private final BlockingQueue<Object> received = new ArrayBlockingQueue<>(4096);
    private static final Object END = new Object();
    private volatile TraceException failure;
    private long nextSnapshot = Long.MIN_VALUE;
    private volatile long overruns;

    private SocketMonitorSocket(LibC libc, WakeableSocket socket, long intervalMillis) {
        this.libc = libc;
        this.socket = socket;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        Thread t = new Thread(this::receiving, "jstrace-sock-diag");
        t.setDaemon(true);
        t.start();
    }

    public static SocketMonitorSocket open(long intervalMillis) throws TraceException {
        LibC libc = Native.libc();
        int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        if (fd < 0) throw new TraceException(FAILURE + Errors.message(Native.errno()));
        NativeBuffer v = NativeBuffer.allocate(4);
        v.putInt(0, RECEIVE_BUFFER);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, v, 4) < 0) libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v, 4);
        // bound, so that the kernel picks a port id: an unbound socket's is 0, the kernel's own,
        // and net/netlink/af_netlink.c do_one_broadcast skips the sender's port id
        NativeBuffer addr = NativeBuffer.allocate(12);
        addr.putShort(0, (short) AF_NETLINK);
        if (libc.bind(fd, addr, 12) < 0) {
            int e = Native.errno();
            libc.close(fd);
            throw new TraceException(FAILURE + Errors.message(e));
        }
        for (int group : DESTROY_GROUPS) {
            v.putInt(0, group);
            if (libc.setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, v, 4) < 0) {
                int e = Native.errno();
                libc.close(fd);
                throw new TraceException(FAILURE + "sock_diag destroy group " + group + ": " + Errors.message(e));
            }
        }
        return new SocketMonitorSocket(libc, new WakeableSocket(libc, fd, () -> { }), intervalMillis);
    }

    /** The next event: a notification read, or the snapshot that is due; {@code null} once closed. */
    public SocketMonitor.Event next() throws TraceException {
        while (!socket.closed()) {
            long now = System.nanoTime();
            if (now - nextSnapshot >= 0 || nextSnapshot == Long.MIN_VALUE) {
                nextSnapshot = now + intervalNanos;
                return snapshot(now);
            }
            Object e;
            try {
                e = received.poll(nextSnapshot - now, TimeUnit.NANOSECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (e == END) break;
            if (e != null) return (SocketMonitor.Event) e;
        }
        if (failure != null) throw failure;
        return null;
    }

    /** The receiving thread: every notification as it comes, until the socket is closed. */
    private void receiving() {
        if (!socket.enter()) return;
        try {
            while (!socket.closed()) {
                if (!receive()) socket.await(-1, "Cannot watch sockets");
            }
        } catch (TraceException e) {
            failure = e;
        } finally {
            socket.leave();
            received.clear();
            received.offer(END);
        }
    }

    /**
     * Every socket listed now. The unix sockets first, so that {@code now} is when their
     * list began: one made before it and not listed was closed before the kernel walked its
     * table (UnixHolders.unlisted).
     */
    private static SocketMonitor.Snapshot snapshot(long now) {
        List<SocketInfo> all = new ArrayList<>(SocketDump.unix());
        for (int family : new int[] {SocketInfo.AF_INET, SocketInfo.AF_INET6}) {
            all.addAll(SocketDump.inet(family, SocketInfo.IPPROTO_TCP));
            all.addAll(SocketDump.inet(family, SocketInfo.IPPROTO_UDP));
        }
        all.removeIf(s -> s == null);
        return new SocketMonitor.Snapshot(now, all);
    }

    /** One datagram of notifications into {@link #pending}, without waiting; false when there was none. */
    private boolean receive() throws TraceException {
        long n = libc.recv(socket.fd, datagram, DATAGRAM_MAX, MSG_DONTWAIT);
        if (n < 0) {
            int e = Native.errno();
            if (e == EAGAIN) return false;
            if (e == EINTR) return true;
            if (e == ENOBUFS) {
                overruns = overruns + 1;
                return true;
            }
            throw new TraceException("Cannot watch sockets: " + Errors.message(e));
        }
        long now = System.nanoTime();
        int len = (int) Math.min(n, DATAGRAM_MAX);
        datagram.get(0, bytes, 0, len);
        ByteBuffer m = ByteBuffer.wrap(bytes, 0, len).order(ByteOrder.nativeOrder());
        SocketDump.messages(m, len, (b, at, end) -> {
            // the message's own INET_DIAG_PROTOCOL says TCP or UDP; the family's groups are apart
            SocketInfo s = SocketDump.inetMsg(b, at, end, protocolOf(b, at, end));
            if (s != null) hand(new SocketMonitor.Destroyed(now, s));
        });
        return true;
    }

    /** Queues {@code e} for {@link #next()}, waiting while the queue is full; dropped once closed. */
    private void hand(SocketMonitor.Event e) {
        try {
            while (!socket.closed() && !received.offer(e, 100, TimeUnit.MILLISECONDS)) {
                // full: next()'s reader is behind; the kernel's buffer holds what comes meanwhile
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
    }

    /** The INET_DIAG_PROTOCOL attribute (10, a u8) of a destroy notification; TCP when absent. */
    private static int protocolOf(ByteBuffer m, int at, int end) {
        for (int a = at + 72; a + 4 <= end; ) {
            int rtaLen = m.getShort(a) & 0xffff, type = m.getShort(a + 2) & 0xffff;
            if (rtaLen < 4 || a + rtaLen > end) break;
            if (type == 10 && rtaLen >= 5) return m.get(a + 4) & 0xff;
            a += (rtaLen + 3) & ~3;
        }
        return SocketInfo.IPPROTO_TCP;
    }

    public long overruns() {
        return overruns;
    }

    public void close() {
        socket.close();
    }
}
