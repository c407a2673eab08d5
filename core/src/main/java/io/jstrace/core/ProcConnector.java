package io.jstrace.core;

import io.jstrace.core.internal.ConnectorSocket;

/**
 * The kernel's process-events connector: every fork, exec and exit on the system, as
 * {@link ProcEvent}s, without tracing anything (netlink {@code NETLINK_CONNECTOR},
 * group {@code CN_IDX_PROC}; see include/uapi/linux/cn_proc.h).
 *
 * <p>One thread reads with {@link #next()}; any thread may {@link #close()}, which wakes
 * the reader. The kernel queues events for the reader in a large receive buffer; when it
 * overruns anyway, the events lost are counted ({@link #lostEvents()}) and show in the
 * stream as a {@link ProcEvent.Lost}, and reading goes on.
 *
 * <pre>{@code
 * try (ProcConnector connector = ProcConnector.open()) {
 *     for (ProcEvent e; (e = connector.next()) != null; ) {
 *         if (e instanceof ProcEvent.Exec exec) {
 *             ProcessInfo.read(exec.tgid()).ifPresent(p -> System.out.println(p.argv()));
 *         }
 *     }
 * }
 * }</pre>
 */
public final class ProcConnector implements SystemSource<ProcEvent> {
    private final ConnectorSocket socket;

    private ProcConnector(ConnectorSocket socket) {
        this.socket = socket;
    }

    /**
     * Subscribes to process events ({@code PROC_CN_MCAST_LISTEN}); events come from this
     * moment on.
     *
     * @return the open connector, not {@code null}
     * @throws TraceException when the kernel refuses, with a one-line message such as
     *     {@code Cannot listen to process events: Operation not permitted (needs root or
     *     CAP_NET_ADMIN)}; kernels before 6.6 require that capability
     */
    public static ProcConnector open() throws TraceException {
        return new ProcConnector(ConnectorSocket.open());
    }

    /**
     * The next event, waiting for it as long as it takes. Events of unknown kinds are
     * skipped. Call from one thread at a time.
     *
     * @return the event, or {@code null} once {@link #close()} has been called (then
     *     always)
     * @throws TraceException when reading from the kernel fails (not when events were lost)
     */
    @Override
    public ProcEvent next() throws TraceException {
        return socket.next();
    }

    /** Events lost so far, the sum of the {@link ProcEvent.Lost} counts delivered or about to be. */
    @Override
    public long lostEvents() {
        return socket.lost();
    }

    /** How many times the kernel said the receive buffer overran (ENOBUFS) and dropped events. */
    public long overruns() {
        return socket.overruns();
    }

    /**
     * Unsubscribes ({@code PROC_CN_MCAST_IGNORE}) and releases the socket. A {@link #next()}
     * blocked on another thread returns {@code null} at once. Safe from any thread;
     * calling it again does nothing.
     */
    @Override
    public void close() {
        socket.close();
    }
}
