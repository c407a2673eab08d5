package io.jstrace.core;

import static io.jstrace.core.internal.jnr.Netlink.EFD_CLOEXEC;
import static io.jstrace.core.internal.jnr.Netlink.POLLIN;

import io.jstrace.core.internal.AuditClaim;
import io.jstrace.core.internal.AuditRecords;
import io.jstrace.core.internal.AuditSocket;
import io.jstrace.core.internal.ConnectorSocket;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every fork, exec and exit on the machine ({@link ProcConnector}'s events), with each
 * exec completed by the audit subsystem's record of it ({@link ProcEvent.Exec#audit()})
 * when jstrace may use the audit socket: as root, with no audit daemon running; and, when
 * asked, every connect to an IPv4 or IPv6 address as the audit subsystem logged it
 * ({@link ProcEvent.Connect}, passed on as it is read). The
 * connector reports an exec by number only, and a short-lived program is often gone
 * before /proc can be read; the audit record carries its argv, cwd and ids, read by the
 * kernel during the call.
 *
 * <p>Both sockets are read on the caller's thread. Events come in the connector's order;
 * an exec waits at the head of the stream for its audit record (the kernel sends records
 * from a thread of its own, a little after the connector's event), at most
 * {@value #AUDIT_WAIT_MILLIS} ms, then goes on without it. Without the audit socket this
 * is the connector alone ({@link #auditRefusal()} says why).
 */
public final class ProcessEvents implements SystemSource<ProcEvent> {
    /** The syscalls whose audit records are asked for. */
    public enum Audited {
        /** execve and execveat: each exec completed by its record. */
        EXEC(AuditClaim.Topic.EXEC),
        /** connect to IPv4 and IPv6 addresses and accept from them: a {@link ProcEvent.Connect} each. */
        CONNECTIONS(AuditClaim.Topic.CONNECT, AuditClaim.Topic.ACCEPT);

        private final Set<AuditClaim.Topic> topics;

        Audited(AuditClaim.Topic... topics) {
            this.topics = Set.of(topics);
        }
    }

    static final int AUDIT_WAIT_MILLIS = 250;
    private static final long AUDIT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(AUDIT_WAIT_MILLIS);
    /** An audit record no connector event claimed within this long is dropped. */
    private static final long UNCLAIMED_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LibC libc = Native.libc();
    private final ConnectorSocket connector;
    private final AuditSocket audit;
    private final AuditClaim claim;
    /** Whether execs wait for their audit record: the audit socket is ours, with the exec rule. */
    private final boolean execsAudited;
    private final String auditRefusal;
    private final AuditRecords records = new AuditRecords();
    private final ArrayDeque<ProcEvent> queue = new ArrayDeque<>();
    /** Audit records not yet joined to their exec event, by pid, oldest first. */
    private final Map<Integer, ArrayDeque<AuditExec>> logged = new HashMap<>();
    private final int eventfd;
    private final NativeBuffer pollfds = NativeBuffer.allocate(24);
    private ProcEvent waiting;
    private long waitingSince;
    private long missed, added;
    private volatile boolean closed;
    private boolean reading, released;

    private ProcessEvents(ConnectorSocket connector, AuditSocket audit, AuditClaim claim, boolean execs,
            String refusal, int efd) {
        this.connector = connector;
        this.audit = audit;
        this.claim = claim;
        this.execsAudited = audit != null && execs;
        this.auditRefusal = refusal;
        this.eventfd = efd;
        pollfds.putInt(0, connector.fd());
        pollfds.putShort(4, POLLIN);
        pollfds.putInt(8, efd);
        pollfds.putShort(12, POLLIN);
        pollfds.putInt(16, audit == null ? -1 : audit.fd());
        pollfds.putShort(20, POLLIN);
    }

    /**
     * Subscribes to process events, and claims the audit socket for the records of
     * {@code audited} when that is not empty and it can (a refusal there is not an error:
     * see {@link #auditRefusal()}).
     *
     * @throws TraceException when the connector refuses (as {@link ProcConnector#open()})
     */
    public static ProcessEvents open(Set<Audited> audited) throws TraceException {
        ConnectorSocket c = ConnectorSocket.open();
        AuditSocket a = null;
        AuditClaim claim = null;
        String refusal = "not asked for";
        try {
            if (!audited.isEmpty()) {
                try {
                    a = AuditSocket.open();
                    Set<AuditClaim.Topic> topics = EnumSet.noneOf(AuditClaim.Topic.class);
                    for (Audited x : audited) topics.addAll(x.topics);
                    claim = AuditClaim.claim(a, topics);
                    refusal = null;
                } catch (TraceException e) {
                    refusal = e.getMessage();
                    if (a != null) a.close();
                    a = null;
                }
            }
            int efd = Native.libc().eventfd(0, EFD_CLOEXEC);
            if (efd < 0) throw new TraceException("eventfd: errno " + Native.errno());
            return new ProcessEvents(c, a, claim, audited.contains(Audited.EXEC), refusal, efd);
        } catch (TraceException | RuntimeException e) {
            if (claim != null) claim.close();
            if (a != null) a.close();
            c.close();
            throw e;
        }
    }

    /** Why execs come without their audit record and connects not at all ({@code audit: ...}), or {@code null} when they come. */
    public String auditRefusal() {
        return auditRefusal;
    }

    /** Execs that went on without their audit record because it did not come in time. */
    public long auditMissed() {
        return missed;
    }

    @Override
    public ProcEvent next() throws TraceException {
        synchronized (this) {
            if (closed) return null;
            reading = true;
        }
        try {
            while (!closed) {
                ProcEvent e = ready();
                if (e != null) return e;
                if (!drain()) await();
            }
            return null;
        } finally {
            synchronized (this) {
                reading = false;
                if (closed) release();
            }
        }
    }

    /** The head of the stream when it may go: anything but an exec still waiting for its record. */
    private ProcEvent ready() {
        ProcEvent h = queue.peek();
        if (h == null || !execsAudited || !(h instanceof ProcEvent.Exec x)) return queue.poll();
        AuditExec a = take(x.tgid());
        if (a != null) {
            queue.poll();
            waiting = null;
            return new ProcEvent.Exec(x.pid(), x.tgid(), x.timestampNs(), a);
        }
        long now = System.nanoTime();
        if (waiting != h) {
            waiting = h;
            waitingSince = now;
        } else if (now - waitingSince >= AUDIT_WAIT_NANOS) {
            missed++;
            waiting = null;
            return queue.poll();
        }
        return null;
    }

    private AuditExec take(int pid) {
        ArrayDeque<AuditExec> q = logged.get(pid);
        if (q == null) return null;
        AuditExec a = q.poll();
        if (q.isEmpty()) logged.remove(pid);
        return a;
    }

    /** Reads what both sockets have now; false when neither had anything. */
    private boolean drain() throws TraceException {
        boolean any = false;
        for (ProcEvent e; (e = connector.nextNow()) != null; ) {
            queue.add(e);
            any = true;
        }
        if (audit != null) {
            for (byte[] m; (m = audit.receiveNow()) != null; ) {
                any = true;
                AuditEvent a = records.accept(m);
                if (a instanceof AuditExec x) log(x);
                else if (a instanceof AuditConnect c) queue.add(new ProcEvent.Connect(c, System.nanoTime()));
            }
        }
        return any;
    }

    private void log(AuditExec a) {
        logged.computeIfAbsent(a.pid(), k -> new ArrayDeque<>(2)).add(a);
        if (++added % 1024 == 0) dropUnclaimed(a.epochNanos());
    }

    private void dropUnclaimed(long nowEpoch) {
        for (Iterator<ArrayDeque<AuditExec>> it = logged.values().iterator(); it.hasNext(); ) {
            ArrayDeque<AuditExec> q = it.next();
            while (!q.isEmpty() && nowEpoch - q.peek().epochNanos() > UNCLAIMED_NANOS) q.poll();
            if (q.isEmpty()) it.remove();
        }
    }

    /** poll(2) on both sockets and the wake-up, until one is readable or the waiting exec's time is up. */
    private void await() throws TraceException {
        int timeout = -1;
        if (waiting != null) {
            long left = AUDIT_WAIT_NANOS - (System.nanoTime() - waitingSince);
            timeout = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        int n = libc.poll(pollfds, audit == null ? 2 : 3, timeout);
        if (n < 0 && Native.errno() != io.jstrace.core.internal.jnr.Ptrace.EINTR) {
            throw new TraceException("Cannot read process events: poll: errno " + Native.errno());
        }
    }

    @Override
    public long lostEvents() {
        return connector.lost();
    }

    /** Stops: a blocked {@link #next()} returns {@code null}; the audit socket is given back as it was. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (reading) libc.eventfd_write(eventfd, 1);
            else release();
        }
    }

    private void release() {
        if (released) return;
        released = true;
        if (claim != null) claim.close();
        if (audit != null) audit.close();
        connector.close();
        libc.close(eventfd);
    }
}
