package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Netlink.EFD_CLOEXEC;
import static io.jstrace.core.internal.jnr.Netlink.POLLIN;
import static io.jstrace.core.internal.jnr.Ptrace.EINTR;

import io.jstrace.core.TraceException;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;

/**
 * A socket one thread reads, waiting in poll(2), and an eventfd that wakes that thread
 * when another closes it. The thread last to use the descriptors closes them, so none
 * is closed under a poll. What the sock_diag monitor and the packet capture share.
 */
final class WakeableSocket {
    private final LibC libc;
    final int fd;
    private final int eventfd;
    private final NativeBuffer pollfds = NativeBuffer.allocate(16);
    private final Runnable onRelease;
    private volatile boolean closed;
    private boolean reading, released;

    /** Takes {@code fd}; {@code onRelease} runs once, just before it is closed. */
    WakeableSocket(LibC libc, int fd, Runnable onRelease) throws TraceException {
        int efd = libc.eventfd(0, EFD_CLOEXEC);
        if (efd < 0) {
            int e = Native.errno();
            libc.close(fd);
            throw new TraceException("eventfd: " + Errors.message(e));
        }
        this.libc = libc;
        this.fd = fd;
        this.eventfd = efd;
        this.onRelease = onRelease;
        pollfds.putInt(0, fd);
        pollfds.putShort(4, POLLIN);
        pollfds.putInt(8, efd);
        pollfds.putShort(12, POLLIN);
    }

    /** Marks the start of a read; false when closed. */
    synchronized boolean enter() {
        if (closed) return false;
        reading = true;
        return true;
    }

    /** Marks the end of a read; releases the descriptors if closed meanwhile. */
    synchronized void leave() {
        reading = false;
        if (closed) release();
    }

    boolean closed() {
        return closed;
    }

    /**
     * Waits up to {@code timeoutMillis} (-1: forever) for data.
     *
     * @return true when the socket has data; false on timeout, a signal or close
     */
    boolean await(int timeoutMillis, String what) throws TraceException {
        pollfds.putShort(6, (short) 0);
        pollfds.putShort(14, (short) 0);
        int n = libc.poll(pollfds, 2, timeoutMillis);
        if (n < 0) {
            int e = Native.errno();
            if (e != EINTR) throw new TraceException(what + ": poll: " + Errors.message(e));
        }
        return n > 0 && !closed && pollfds.getShort(6) != 0;
    }

    /** Wakes a blocked reader, which then releases the descriptors; idempotent, any thread. */
    synchronized void close() {
        if (closed) return;
        closed = true;
        if (reading) libc.eventfd_write(eventfd, 1);
        else release();
    }

    private void release() {
        if (released) return;
        released = true;
        onRelease.run();
        libc.close(fd);
        libc.close(eventfd);
    }
}
