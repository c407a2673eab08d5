package io.jstrace.core.internal;

import io.jstrace.core.AuditConnect;
import io.jstrace.core.OpenFile;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The connects the audit subsystem logged in the last seconds, by the address connected
 * to, for a socket found in traffic after its process had closed it: the connect that
 * made it is the one to that address, just before the traffic, that no other socket has
 * been tied to. When more than one process could have made it, none is named: a socket
 * is attributed exactly or not at all.
 *
 * <p>A socket tied to its holder some other way ({@link #tied}) takes its connect out of
 * the running, also when the record comes after. Not thread-safe: the owner locks.
 */
public final class ConnectLog {
    /** How long a connect may precede its socket's first packet; how long a tie waits for its record. */
    static final long WINDOW_NANOS = 2_000_000_000L;
    /** The audit's stamps are milliseconds, truncated: a record may say up to this much before its packet's stamp, never after. */
    static final long SLACK_NANOS = 2_000_000L;
    private static final int MAX = 4096;

    private final Map<OpenFile.Address, ArrayDeque<AuditConnect>> open = new HashMap<>();
    /** Sockets tied to their holder before their record came: {@code pid fd address} → when. */
    private final Map<String, Long> tied = new HashMap<>();
    private int size, added;

    /** A connect the audit subsystem logged. */
    public void add(AuditConnect c) {
        if (tied.remove(key(c.pid(), c.fd(), c.address())) != null) return;
        if (tied.remove(key(c.pid(), -1, c.address())) != null) return;
        if (++added % 256 == 0) expire(c.epochNanos());
        if (size >= MAX) {
            open.clear();
            size = 0;
        }
        open.computeIfAbsent(c.address(), k -> new ArrayDeque<>(2)).add(c);
        size++;
    }

    /**
     * The connect that made the socket whose first packet to {@code remote} was seen at
     * {@code epochNanos}, taken out of the log; {@code null} when there is none or more
     * than one process's.
     */
    public AuditConnect take(OpenFile.Address remote, long epochNanos) {
        ArrayDeque<AuditConnect> q = open.get(remote);
        if (q == null) return null;
        AuditConnect first = null;
        for (AuditConnect c : q) {
            long before = epochNanos - c.epochNanos();
            if (before > WINDOW_NANOS || before < -SLACK_NANOS) continue;
            if (first == null) first = c;
            else if (c.pid() != first.pid()) return null;
        }
        if (first != null) {
            q.remove(first);
            size--;
            if (q.isEmpty()) open.remove(remote);
        }
        return first;
    }

    /**
     * Process {@code pid}'s socket {@code fd}, connected to {@code remote}, was tied to it
     * otherwise; {@code fd} -1 when the descriptor is not known (a holder named by its TCP
     * state changes): its oldest connect to {@code remote} then.
     */
    public void tied(int pid, int fd, OpenFile.Address remote, long epochNanos) {
        ArrayDeque<AuditConnect> q = open.get(remote);
        if (q != null) {
            for (Iterator<AuditConnect> it = q.iterator(); it.hasNext(); ) {
                AuditConnect c = it.next();
                if (c.pid() == pid && (c.fd() == fd || fd < 0)) {
                    it.remove();
                    size--;
                    if (q.isEmpty()) open.remove(remote);
                    return;
                }
            }
        }
        if (tied.size() >= MAX) tied.clear();
        tied.put(key(pid, fd, remote), epochNanos);
    }

    /** Forgets connects and ties older than the window. */
    private void expire(long now) {
        for (Iterator<ArrayDeque<AuditConnect>> it = open.values().iterator(); it.hasNext(); ) {
            ArrayDeque<AuditConnect> q = it.next();
            while (!q.isEmpty() && now - q.peek().epochNanos() > WINDOW_NANOS) {
                q.poll();
                size--;
            }
            if (q.isEmpty()) it.remove();
        }
        tied.values().removeIf(t -> now - t > WINDOW_NANOS);
    }

    private static String key(int pid, int fd, OpenFile.Address a) {
        return pid + " " + fd + " " + a;
    }
}
