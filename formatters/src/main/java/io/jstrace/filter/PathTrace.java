package io.jstrace.filter;

import io.jstrace.core.Exec;
import io.jstrace.core.HostFacts;
import io.jstrace.core.Exit;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import io.jstrace.syscalls.Arg;
import io.jstrace.syscalls.Category;
import io.jstrace.syscalls.xlat.FsconfigCmds;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * strace's {@code -P PATH} (src/pathtrace.c pathtrace_match_set): only the syscalls that
 * name a selected path in a path argument, or pass a descriptor that refers to one (its
 * /proc/TID/fd link at syscall-enter-stop), reach the listener; the other records pass
 * through untouched. Paths compare byte for byte, as the tracee wrote them: a relative
 * path never matches. The arguments checked are those the catalogue types {@code FD},
 * {@code DIRFD} or {@code PATH}, in the syscalls of strace's file, descriptor and network
 * classes; {@link #EXCEPTIONS} lists where strace looks at other arguments, poll, ppoll,
 * select and pselect6 are checked by the descriptors in their arrays, and fsconfig by
 * its command.
 */
public final class PathTrace implements TraceListener {
    /** PATH_MAX: the longest path strace reads. */
    private static final int PATH_MAX = 4096;

    /** The descriptor and path arguments strace checks, where the catalogue's types do not say it. */
    private record Probe(int[] fds, int[] paths) {}

    private static final Map<String, Probe> EXCEPTIONS = new HashMap<>();

    static {
        // @formatter:off
        // one of two paths: rename's old name, symlink's new link (its target is any text)
        probe("rename",                                                                    none(), paths(0));
        probe("symlink",                                                                   none(), paths(1));
        probe("symlinkat",                                                                 fds(1), paths(2));
        // the descriptor added, not the epoll one; fanotify_mark's dirfd and path, not the group
        probe("epoll_ctl",                                                                 fds(2), none());
        probe("fanotify_mark",                                                             fds(3), paths(4));
        // they make descriptors: mq_open's name is a queue's, not a path; perf_event_open's group fd
        for (String s : List.of("mq_open", "perf_event_open"))                            probe(s, none(), none());
        // newer than strace 6.1, which judged them by their first argument: the dirfd alone
        for (String s : List.of("setxattrat", "getxattrat", "listxattrat", "removexattrat", "open_tree_attr",
                "file_getattr", "file_setattr"))                                           probe(s, fds(0), none());
        // @formatter:on
    }

    private static void probe(String syscall, int[] fds, int[] paths) {
        EXCEPTIONS.put(syscall, new Probe(fds, paths));
    }

    private static int[] fds(int... i) {
        return i;
    }

    private static int[] paths(int... i) {
        return i;
    }

    private static int[] none() {
        return new int[0];
    }

    private final Set<String> paths;
    private final TraceListener next;
    /** Threads stopped in a syscall that matched at entry. */
    private final Set<Integer> matched = new HashSet<>();

    /** @param paths the selected paths, each with its canonical form (see {@link #canonical}) */
    public PathTrace(Set<String> paths, TraceListener next) {
        this.paths = Set.copyOf(paths);
        this.next = next;
    }

    /**
     * The canonical form of {@code path} when it differs (strace's realpath(3) in
     * pathtrace_select_set, which selects both); {@code null} when it is the same or the
     * path does not resolve.
     */
    public static String canonical(String path) {
        try {
            String real = java.nio.file.Path.of(path).toRealPath().toString();
            return real.equals(path) ? null : real;
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    @Override
    public void onSyscallEnter(SyscallEnter e, Tracee t) {
        if (!touches(e, t)) return;
        matched.add(e.tid());
        next.onSyscallEnter(e, t);
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee t) {
        if (matched.remove(x.tid())) next.onSyscallExit(x, t);
    }

    /** Whether a path or descriptor argument of {@code e} refers to a selected path. */
    public boolean touches(SyscallEnter e, Tracee t) {
        switch (e.name()) {
            case "poll", "ppoll":
                return pollFdsMatch(t, e.args().raw(0), e.args().cUint(1));
            case "select", "pselect6":
                for (int k = 1; k <= 3; k++) {
                    if (fdSetMatches(t, e.args().raw(k), e.args().cInt(0))) return true;
                }
                return false;
            case "fsconfig":
                return fsconfigMatches(e, t);
            default:
                break;
        }
        Probe p = EXCEPTIONS.get(e.name());
        if (p == null) return typedArguments(e, t);
        for (int i : p.fds()) {
            if (fdMatches(t.host(), e.args().cInt(i))) return true;
        }
        for (int i : p.paths()) {
            if (pathMatches(t.memory(), e.args().raw(i))) return true;
        }
        return false;
    }

    /**
     * fsconfig by its command, not its context descriptor: the value's path and the aux dirfd
     * of FSCONFIG_SET_PATH and FSCONFIG_SET_PATH_EMPTY, the aux descriptor of FSCONFIG_SET_FD.
     */
    private boolean fsconfigMatches(SyscallEnter e, Tracee t) {
        long cmd = e.args().cUint(1);
        if (cmd == FsconfigCmds.FSCONFIG_SET_PATH || cmd == FsconfigCmds.FSCONFIG_SET_PATH_EMPTY) {
            return fdMatches(t.host(), e.args().cInt(4)) || pathMatches(t.memory(), e.args().raw(3));
        }
        return cmd == FsconfigCmds.FSCONFIG_SET_FD && fdMatches(t.host(), e.args().cInt(4));
    }

    /** Each {@code FD}, {@code DIRFD} and {@code PATH} argument of a file, descriptor or network syscall. */
    private boolean typedArguments(SyscallEnter e, Tracee t) {
        var s = e.syscall();
        if (!s.is(Category.FILE) && !s.is(Category.DESC) && !s.is(Category.NET)) return false;
        List<Arg> args = s.args();
        for (int i = 0; i < args.size(); i++) {
            boolean match = switch (args.get(i).spec()) {
                case FD, DIRFD -> fdMatches(t.host(), e.args().cInt(i));
                case PATH -> pathMatches(t.memory(), e.args().raw(i));
                default -> false;
            };
            if (match) return true;
        }
        return false;
    }

    private boolean pathMatches(TraceeMemory memory, long addr) {
        if (addr == 0) return false;
        TraceeMemory.CString s = memory.readString(addr, PATH_MAX);
        return s != null && s.ending() == TraceeMemory.CString.Ending.NUL
                && paths.contains(new String(s.bytes(), StandardCharsets.ISO_8859_1));
    }

    /** What the descriptor refers to, without the kernel's {@code " (deleted)"} (get_proc_pid_fd_path). */
    private boolean fdMatches(HostFacts host, int fd) {
        if (fd < 0) return false;
        String link = host.fdPath(fd);
        if (link == null) return false;
        return paths.contains(link) || link.endsWith(" (deleted)")
                && paths.contains(link.substring(0, link.length() - " (deleted)".length()));
    }

    /** poll and ppoll: each struct pollfd's fd (8 bytes each), at most 1024*1024 of them. */
    private boolean pollFdsMatch(Tracee t, long addr, long nfds) {
        int n = (int) Math.min(nfds, 1 << 20);
        for (int k = 0; k < n; k++) {
            byte[] b = t.memory().read(addr + 8L * k, 4);
            if (b == null) return false;
            if (fdMatches(t.host(), littleEndianInt(b))) return true;
        }
        return false;
    }

    /** A C int as x86_64 and aarch64 store it. */
    private static int littleEndianInt(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | b[3] << 24;
    }

    /** select and pselect6: each descriptor set in one of the three fd_sets. */
    private boolean fdSetMatches(Tracee t, long addr, int nfds) {
        if (addr == 0 || nfds <= 0) return false;
        int n = Math.min(nfds, 1 << 20);
        byte[] bits = t.memory().read(addr, ((n + 63) / 64) * 8);
        if (bits == null) return false;
        for (int fd = 0; fd < n; fd++) {
            if ((bits[fd >> 3] & (1 << (fd & 7))) != 0 && fdMatches(t.host(), fd)) return true;
        }
        return false;
    }

    @Override
    public void onSignal(SignalStop s, Tracee t) {
        next.onSignal(s, t);
    }

    @Override
    public void onExit(Exit x, Tracee t) {
        matched.remove(x.tid());
        next.onExit(x, t);
    }

    @Override
    public void onSignalExit(SignalExit x, Tracee t) {
        matched.remove(x.tid());
        next.onSignalExit(x, t);
    }

    @Override
    public void onNewChild(NewChild c, Tracee t) {
        next.onNewChild(c, t);
    }

    @Override
    public void onExec(Exec e, Tracee t) {
        if (matched.remove(e.formerTid())) matched.add(e.tid());
        next.onExec(e, t);
    }

    @Override
    public void onAttach(int pid, List<Integer> tids) {
        next.onAttach(pid, tids);
    }

    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        matched.remove(tid);
        next.onDetach(pid, tid, inSyscall);
    }
}
