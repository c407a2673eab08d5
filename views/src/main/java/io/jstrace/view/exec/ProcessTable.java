package io.jstrace.view.exec;

import io.jstrace.core.AuditExec;
import io.jstrace.core.ExecFilename;
import io.jstrace.core.CgroupV2;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.ProcessTree;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the exec view knows of each process, from fork to exit, whichever backend feeds
 * it; turns execs and exits into {@link ExecEvent}s. Times are epoch nanoseconds.
 */
final class ProcessTable {
    /** One process. A child starts as a copy of its parent: same program, same name. */
    private static final class Proc {
        final int pid;
        int ppid;
        String comm;
        String filename;
        List<String> argv = List.of();
        long since;
        Map<String, String> environ = Map.of();
        int uid = -1, gid = -1;
        /** In the process tree the view is limited to (all of them without a -p filter). */
        boolean inTree;
        /** Its last exec passed the filters (or its parent's, for a fork): its exit is reported. */
        boolean reported;
        /** In the cgroup a filter names: as last read, or inherited at fork (fork keeps the cgroup). */
        Boolean inCgroup;

        Proc(int pid) {
            this.pid = pid;
        }
    }

    private final ExecSettings settings;
    private final Map<Integer, Proc> procs = new HashMap<>();

    ProcessTable(ExecSettings settings) {
        this.settings = settings;
    }

    /**
     * A process that was there before the view and is in its scope: the launched command's
     * parent, an attached process, the tree a system view is limited to.
     */
    void known(int pid, int ppid, String comm, List<String> argv, Map<String, String> environ, long since) {
        Proc p = procs.computeIfAbsent(pid, Proc::new);
        p.ppid = ppid;
        p.comm = comm;
        p.argv = List.copyOf(argv);
        p.environ = environ;
        p.since = since;
        p.inTree = true;
        p.reported = true;
    }

    /**
     * Makes {@code root} and its descendants now {@link #known}, with the times they started.
     *
     * @return their pids, parents first; empty when there is no process {@code root}
     */
    List<Integer> seed(int root) {
        long epoch = epochNow(), monotonic = System.nanoTime();
        List<Integer> pids = ProcessTree.of(root);
        for (int pid : pids) {
            ProcessInfo.read(pid).ifPresent(i -> known(pid, i.ppid(), i.comm(), i.argv(),
                    settings.environment() ? ProcessInfo.environ(pid) : Map.of(),
                    epoch - (monotonic - i.startTimeNs())));
        }
        return pids;
    }

    static long epochNow() {
        Instant n = Instant.now();
        return n.getEpochSecond() * 1_000_000_000L + n.getNano();
    }

    /**
     * {@code parent} forked {@code child}, or {@code child} is first seen at its exec and
     * this is its parent. The child starts as a copy of the parent.
     */
    void forked(int parent, int child, long time) {
        Proc p = procs.get(parent);
        Proc c = new Proc(child);
        c.ppid = parent;
        c.since = time;
        if (p != null) {
            c.comm = p.comm;
            c.filename = p.filename;
            c.argv = p.argv;
            c.environ = p.environ;
            c.uid = p.uid;
            c.gid = p.gid;
            c.inTree = p.inTree;
            c.reported = p.reported;
        } else {
            c.comm = comm(parent);
            c.inTree = settings.descendantsOf() < 0;
        }
        if (settings.cgroup() != null) {
            c.inCgroup = p != null && p.inCgroup != null ? p.inCgroup : CgroupV2.contains(settings.cgroup(), child);
        }
        procs.put(child, c);
    }

    /**
     * {@code pid} has just exec'd ({@code filename} as execve was given it, or {@code null}
     * to read it from the new program).
     *
     * @return the event, or {@code null} when the filters leave it out
     */
    ExecEvent exec(int pid, long time, String filename) {
        Optional<ProcessInfo> read = ProcessInfo.read(pid);
        if (!procs.containsKey(pid)) forked(read.map(ProcessInfo::ppid).orElse(0), pid, time);
        String path = filename != null ? filename : ExecFilename.read(pid);
        ProcessInfo info = read.orElse(null);
        // What could not be read is unknown now, not the parent's: the program changed.
        return execed(procs.get(pid), time, info == null ? null : new Program(info.uid(), info.gid(), info.comm(),
                info.argv(), path != null ? path : info.exe(), info.cwd()), read.isEmpty() || info.truncated() || path == null);
    }

    /**
     * {@code pid} has just exec'd, as the audit subsystem logged it: everything the event
     * needs but the environment, with no /proc read.
     */
    ExecEvent exec(int pid, long time, AuditExec a) {
        if (!procs.containsKey(pid)) forked(a.ppid(), pid, time);
        return execed(procs.get(pid), time, new Program(a.uid(), a.gid(), a.comm(), a.argv(),
                a.filename() != null ? a.filename() : a.exe(), a.cwd()), false);
    }

    /** What an exec event says of the new program. */
    private record Program(int uid, int gid, String comm, List<String> argv, String filename, String cwd) {}

    private ExecEvent execed(Proc p, long time, Program n, boolean truncated) {
        String before = p.comm;
        p.uid = n != null ? n.uid() : -1;
        p.gid = n != null ? n.gid() : -1;
        p.comm = n != null ? n.comm() : null;
        p.argv = n != null ? n.argv() : List.of();
        p.filename = n != null ? n.filename() : null;
        p.since = time;
        Map<String, String> parentEnviron = p.environ;
        if (settings.environment()) p.environ = ProcessInfo.environ(p.pid);
        p.reported = accepts(p);
        if (!p.reported) return null;
        return new ExecEvent(ExecEvent.Kind.EXEC, instant(time), p.pid, p.ppid, p.uid, p.gid, before, p.filename, p.argv,
                settings.cwd() && n != null ? n.cwd() : null,
                settings.environment() ? changes(parentEnviron, p.environ) : null, truncated, null, null, null);
    }

    /** {@code pid}'s execve of {@code filename} failed with {@code errno}; {@code null} when filtered out. */
    ExecEvent failedExec(int pid, long time, String filename, List<String> argv, String errno) {
        if (!procs.containsKey(pid)) forked(ProcessInfo.read(pid).map(ProcessInfo::ppid).orElse(0), pid, time);
        Proc p = procs.get(pid);
        if (!p.inTree || settings.uid() >= 0 && p.uid != settings.uid()) return null;
        return new ExecEvent(ExecEvent.Kind.EXEC_FAILED, instant(time), pid, p.ppid, p.uid, p.gid, p.comm, filename,
                argv, null, null, false, errno, null, null);
    }

    /** {@code pid} ended; {@code null} when it was never in scope. */
    ExecEvent exit(int pid, long time, ExecEvent.ExitStatus status) {
        Proc p = procs.remove(pid);
        if (p == null || !p.reported) return null;
        return new ExecEvent(ExecEvent.Kind.EXIT, instant(time), pid, p.ppid, p.uid, p.gid, p.comm, p.filename,
                p.argv, null, null, false, null, status, Duration.ofNanos(Math.max(0, time - p.since)));
    }

    private boolean accepts(Proc p) {
        if (!p.inTree) return false;
        if (settings.uid() >= 0 && p.uid != settings.uid()) return false;
        if (settings.comm() != null && (p.comm == null || !settings.comm().matcher(p.comm).find())) return false;
        if (settings.cgroup() == null) return true;
        Boolean now = CgroupV2.contains(settings.cgroup(), p.pid);
        if (now != null) p.inCgroup = now;
        return Boolean.TRUE.equals(p.inCgroup);
    }

    private static ExecEvent.EnvironmentChanges changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> set = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) set.put(k, v);
        });
        List<String> unset = new ArrayList<>();
        for (String k : before.keySet()) if (!after.containsKey(k)) unset.add(k);
        return new ExecEvent.EnvironmentChanges(set, unset);
    }

    private static String comm(int pid) {
        return ProcessInfo.read(pid).map(ProcessInfo::comm).orElse(null);
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
