package io.jstrace.core;

import io.jstrace.core.internal.ConnectLog;
import io.jstrace.core.internal.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which process holds a socket, for the system-wide views: a process table kept by the
 * process-events connector ({@link #accept(ProcEvent)}: forks, execs, name and uid
 * changes, exits) and each process's sockets as its /proc/PID/fd links show them, read
 * when the process is new or has exec'd, and otherwise only when a socket no process is
 * known to hold turns up: never a /proc scan per event.
 *
 * <p>A socket whose holder was gone before its descriptors could be read has no owner
 * ({@code null}), unless the audit subsystem logged the connect that made it
 * ({@link ProcEvent.Connect}, {@link #connected}): the views say so. Reading another user's descriptors needs root
 * (CAP_SYS_PTRACE). Thread-safe: the connector's events may come on another thread than
 * the questions.
 */
public final class SocketOwners {
    /**
     * A socket's holder.
     *
     * @param pid  the process
     * @param fd   its lowest descriptor for the socket
     * @param comm its command name, or {@code null}
     * @param uid  its real user id, -1 when not known
     */
    public record Owner(int pid, int fd, String comm, int uid) {}

    private static final class Proc {
        String comm;
        int uid = -1;
        /** When it was forked or exec'd, or first read ({@link System#nanoTime()}). */
        long born = System.nanoTime();
        /** It held a socket someone asked about: likely to hold the next one. */
        boolean active;
        /** Read since it last forked off or exec'd (its descriptors are as read). */
        boolean fresh;
        Map<Long, Integer> sockets = Map.of();
    }

    private final Map<Integer, Proc> procs = new HashMap<>();
    /** inode → the pid found holding it. */
    private final Map<Long, Integer> holder = new HashMap<>();
    /** The connects and the accepts the audit subsystem logged, by the other end's address. */
    private final ConnectLog connects = new ConnectLog(), accepts = new ConnectLog();
    /** When the newest connect or accept record was made (epoch ns); whether they come at all. */
    private long newestRecord;
    private boolean auditing;
    /** How long after its time a question about a gone socket may wait for its record to come. */
    private static final long RECORD_PATIENCE_NANOS = 200_000_000L;
    /** The names of the processes that exited last, for the connects they made before (pid → comm). */
    private final Map<Integer, String> gone = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > 1024;
        }
    };
    private long scans;
    /** When every process was last read ({@link System#nanoTime()}). */
    private long lastFullScan = System.nanoTime() - FULL_SCAN_EVERY;
    /** How long a process counts as young, and how seldom every process may be read. */
    private static final long YOUNG = 2_000_000_000L, FULL_SCAN_EVERY = 2_000_000_000L;

    /** CAP_SYS_PTRACE (include/uapi/linux/capability.h): what reading another user's /proc/PID/fd takes. */
    private static final int CAP_SYS_PTRACE = 19;

    /**
     * Checks that this process may read every process's descriptors: its effective
     * capabilities (/proc/self/status CapEff) hold CAP_SYS_PTRACE, as root's do.
     *
     * @throws TraceException {@code PREFIX: needs root (CAP_SYS_PTRACE to read every process's descriptors)}
     */
    public static void checkPrivileges(String prefix) throws TraceException {
        for (String line : ProcFs.lines(Path.of("/proc/self/status"))) {
            if (!line.startsWith("CapEff:")) continue;
            try {
                long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                if ((caps & 1L << CAP_SYS_PTRACE) != 0) return;
            } catch (NumberFormatException e) {
                break;
            }
        }
        throw new TraceException(prefix + ": needs root (CAP_SYS_PTRACE to read every process's descriptors)");
    }

    /** Reads every process's descriptors once: what the machine holds now. */
    public synchronized void seed() {
        for (int pid : ProcFs.pids()) read(pid);
        for (Proc p : procs.values()) p.born -= YOUNG; // there before: not young
    }

    /** How many /proc/PID/fd directories have been read (for tests and benchmarks). */
    public synchronized long scans() {
        return scans;
    }

    /** One event of the process-events connector. */
    public synchronized void accept(ProcEvent e) {
        if (e instanceof ProcEvent.Fork f) {
            if (f.isThread()) return;
            Proc parent = procs.get(f.parentTgid()), child = new Proc();
            if (parent != null) {
                child.comm = parent.comm;
                child.uid = parent.uid;
                child.sockets = parent.sockets; // fork copies the descriptor table
            }
            procs.put(f.childTgid(), child);
            gone.remove(f.childTgid());
        } else if (e instanceof ProcEvent.Exec x) {
            Proc p = procs.computeIfAbsent(x.tgid(), k -> new Proc());
            p.fresh = false;
            p.born = System.nanoTime();
            p.comm = comm(x.tgid());
        } else if (e instanceof ProcEvent.Comm c) {
            Proc p = procs.get(c.tgid());
            if (p != null && c.pid() == c.tgid()) p.comm = c.comm();
        } else if (e instanceof ProcEvent.Uid u) {
            Proc p = procs.get(u.tgid());
            if (p != null) p.uid = u.ruid();
        } else if (e instanceof ProcEvent.Connect c) {
            (c.audit().accept() ? accepts : connects).add(c.audit());
            auditing = true;
            newestRecord = Math.max(newestRecord, c.audit().epochNanos());
            notifyAll();
            // its name now, while it likely runs: the record's is its calling thread's
            int pid = c.audit().pid();
            Proc p = procs.get(pid);
            if ((p == null || p.comm == null) && !gone.containsKey(pid)) {
                String comm = comm(pid);
                if (comm != null) procs.computeIfAbsent(pid, k -> new Proc()).comm = comm;
            }
        } else if (e instanceof ProcEvent.Exit x && x.pid() == x.tgid()) {
            Proc p = procs.remove(x.tgid());
            if (p != null) for (long inode : p.sockets.keySet()) holder.remove(inode, x.tgid());
            if (p != null && p.comm != null) gone.put(x.tgid(), p.comm);
        }
    }

    /** The process {@code pid}'s name as last known, or {@code null}. */
    public synchronized String comm(int pid, boolean read) {
        Proc p = procs.get(pid);
        if (p != null && p.comm != null) return p.comm;
        return read ? comm(pid) : null;
    }

    /**
     * Process {@code pid} as the holder of a socket whose descriptor is not known: named as
     * the table knows it (or knew it, when it has exited), else as /proc/PID/comm says (its
     * first thread's name), else {@code seen} (as the trace event's reader saw it: the
     * process's name while it ran, else the calling thread's, dig's {@code isc-net-0000});
     * its user when known.
     */
    public synchronized Owner process(int pid, String seen) {
        Proc p = procs.get(pid);
        String comm = p != null && p.comm != null ? p.comm : gone.get(pid);
        if (comm == null) comm = comm(pid);
        if (comm == null) comm = seen;
        return new Owner(pid, -1, comm, p == null ? -1 : p.uid);
    }

    /** The owner of socket {@code inode}, searching /proc when no process is known to hold it; {@code null} if none found. */
    public synchronized Owner owner(long inode) {
        Map<Long, Owner> found = owners(List.of(inode), true);
        return found.get(inode);
    }

    /**
     * The owners of {@code inodes}, found as cheaply as can be: processes known to hold
     * them; then the processes not read since they forked or exec'd; then the young ones
     * and those that held a socket asked about before; then every process, but not more
     * often than every two seconds: a socket not found is not in the answer, and may be asked
     * about again. With {@code remember}, the holders found are read first next time
     * (not for the sockets that were there before the view).
     */
    public synchronized Map<Long, Owner> owners(Collection<Long> inodes, boolean remember) {
        Map<Long, Owner> found = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        for (long inode : inodes) {
            Owner o = known(inode);
            if (o != null) found.put(inode, o);
            else missing.add(inode);
        }
        if (missing.isEmpty()) return found;
        Set<Integer> read = new HashSet<>();
        for (Map.Entry<Integer, Proc> e : List.copyOf(procs.entrySet())) {
            if (!e.getValue().fresh && read.add(e.getKey())) read(e.getKey());
        }
        collect(missing, found);
        long now = System.nanoTime();
        if (!missing.isEmpty()) {
            for (Map.Entry<Integer, Proc> e : List.copyOf(procs.entrySet())) {
                Proc p = e.getValue();
                if ((p.active || now - p.born < YOUNG) && read.add(e.getKey())) read(e.getKey());
            }
            collect(missing, found);
        }
        if (!missing.isEmpty() && now - lastFullScan >= FULL_SCAN_EVERY) {
            lastFullScan = now;
            for (int pid : ProcFs.pids()) read(pid);
            collect(missing, found);
        }
        for (Owner o : found.values()) {
            Proc p = procs.get(o.pid());
            if (p != null && remember) p.active = true;
        }
        return found;
    }

    /**
     * The holder of a socket gone before it could be looked up, by the connect the audit
     * subsystem logged for it: the one connect to {@code remote} in the seconds before
     * {@code epochNanos} (the socket's first packet) that no other socket was tied to;
     * {@code null} when there is none, or more than one process's.
     */
    public synchronized Owner connected(OpenFile.Address remote, long epochNanos) {
        return owner(await(connects, remote, epochNanos));
    }

    /**
     * The holder of an accepted socket gone before it could be looked up, by the accept the
     * audit subsystem logged for it: the one accept of a connection from {@code peer} (its
     * port included) in the seconds before {@code epochNanos}; {@code null} when there is none.
     */
    public synchronized Owner accepted(OpenFile.Address peer, long epochNanos) {
        return owner(await(accepts, peer, epochNanos));
    }

    /**
     * The record {@code log} holds for {@code peer}, waiting while none has come that was
     * made after {@code epochNanos}, but not beyond {@link #RECORD_PATIENCE_NANOS} after
     * it: the kernel queues the records in the order the calls return (kernel/audit.c, one
     * queue), so once a later one has come, the one for a call made before is there or never
     * will be. A question asked late (the caller behind) does not wait at all. The events
     * come on another thread ({@link #accept(ProcEvent)}).
     */
    private AuditConnect await(ConnectLog log, OpenFile.Address peer, long epochNanos) {
        for (;;) {
            AuditConnect c = log.take(peer, epochNanos);
            Instant now = Instant.now();
            long left = epochNanos + RECORD_PATIENCE_NANOS - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
            if (c != null || !auditing || newestRecord >= epochNanos || left <= 0) return c;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private Owner owner(AuditConnect c) {
        if (c == null) return null;
        // the record's comm is the calling thread's: the process's own, as the table knows it,
        // comes first, then what it was started as (the kernel names a process after the file
        // it exec'd, truncated to TASK_COMM_LEN - 1 bytes: include/linux/sched.h)
        Proc p = procs.get(c.pid());
        String started = c.program() == null ? c.comm()
                : c.program().substring(0, Math.min(15, c.program().length()));
        String comm = p != null && p.comm != null ? p.comm : gone.getOrDefault(c.pid(), started);
        return new Owner(c.pid(), c.fd(), comm, c.uid());
    }

    /**
     * A socket connected to {@code peer}, or accepted from it, was found held by {@code o}:
     * its connect or accept is not another's.
     */
    public synchronized void tied(Owner o, OpenFile.Address peer, boolean accepted, long epochNanos) {
        (accepted ? accepts : connects).tied(o.pid(), o.fd(), peer, epochNanos);
    }

    /**
     * Says whether the connects' and accepts' audit records will come ({@link ProcessEvents}
     * has the audit socket): only then does a question about a gone socket wait for its record.
     */
    public synchronized void auditing(boolean records) {
        auditing = records;
    }

    /** Forgets a socket that is gone. */
    public synchronized void forget(long inode) {
        holder.remove(inode);
    }

    private void collect(Set<Long> missing, Map<Long, Owner> found) {
        for (var it = missing.iterator(); it.hasNext(); ) {
            long inode = it.next();
            Owner o = known(inode);
            if (o == null) continue;
            found.put(inode, o);
            it.remove();
        }
    }

    private Owner known(long inode) {
        Integer pid = holder.get(inode);
        Proc p = pid == null ? null : procs.get(pid);
        Integer fd = p == null ? null : p.sockets.get(inode);
        return fd == null ? null : new Owner(pid, fd, p.comm, p.uid);
    }

    /** Reads {@code pid}'s descriptors; a process gone by then is dropped. */
    private void read(int pid) {
        scans++;
        Map<Long, Integer> sockets = ProcFs.socketInodes(pid);
        if (sockets == null) {
            procs.remove(pid);
            return;
        }
        Proc p = procs.computeIfAbsent(pid, k -> new Proc());
        if (p.comm == null) p.comm = comm(pid);
        if (p.uid < 0) p.uid = ProcFs.uid(pid);
        p.sockets = sockets;
        p.fresh = true;
        for (long inode : sockets.keySet()) {
            Integer before = holder.get(inode);
            if (before == null || !procs.containsKey(before) || !procs.get(before).sockets.containsKey(inode)) {
                holder.put(inode, pid);
            }
        }
    }

    private static String comm(int pid) {
        return ProcFs.text(Path.of("/proc", Integer.toString(pid), "comm"));
    }

}
