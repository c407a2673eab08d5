package io.jstrace.core;

import io.jstrace.core.internal.SocketMonitorSocket;
import java.time.Duration;
import java.util.List;

/**
 * Every socket on the machine (its network namespace), through NETLINK_SOCK_DIAG: a
 * {@link Snapshot} of every TCP, UDP and unix socket each interval (with TCP's counters,
 * INET_DIAG_INFO), and between them a {@link Destroyed} for each TCP and UDP socket the
 * kernel frees, with its last counters: the sock_diag destroy groups
 * ({@code SKNLGRP_INET_TCP_DESTROY}... of include/uapi/linux/sock_diag.h, multicast by
 * net/core/sock_diag.c sock_diag_broadcast_destroy), so that a connection that opens and
 * closes between two snapshots is still seen. The kernel sends no such notification for
 * unix sockets: one that lives less than an interval is missed.
 *
 * <p>A destroy notification says no inode and no owner (the socket has left every
 * descriptor by then): its {@link SocketInfo#cookie()} is what ties it to the socket a
 * snapshot showed.
 */
public final class SocketMonitor implements SystemSource<SocketMonitor.Event> {
    /** What the monitor reports. */
    public sealed interface Event permits Snapshot, Destroyed {
        /** When, in {@code CLOCK_MONOTONIC} nanoseconds ({@link System#nanoTime()}). */
        long timestampNs();
    }

    /** Every TCP, UDP (v4 and v6) and unix socket at one moment. */
    public record Snapshot(long timestampNs, List<SocketInfo> sockets) implements Event {
        public Snapshot {
            sockets = List.copyOf(sockets);
        }
    }

    /** A TCP or UDP socket the kernel freed, as it was last: no inode, no uid. */
    public record Destroyed(long timestampNs, SocketInfo socket) implements Event {}

    private final SocketMonitorSocket socket;

    private SocketMonitor(SocketMonitorSocket socket) {
        this.socket = socket;
    }

    /**
     * Joins the destroy groups; the first snapshot is taken at the first {@link #next()}.
     *
     * @param interval how often to take a snapshot (at least a millisecond)
     * @throws TraceException when the kernel refuses, with a one-line message
     */
    public static SocketMonitor open(Duration interval) throws TraceException {
        return new SocketMonitor(SocketMonitorSocket.open(Math.max(1, interval.toMillis())));
    }

    @Override
    public Event next() throws TraceException {
        return socket.next();
    }

    /** Destroy notifications lost: each time the kernel said the receive buffer overran counts one. */
    @Override
    public long lostEvents() {
        return socket.overruns();
    }

    @Override
    public void close() {
        socket.close();
    }
}
