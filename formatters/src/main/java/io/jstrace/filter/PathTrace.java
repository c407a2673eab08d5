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
import io.jstrace.syscalls.Category;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * strace's {@code -P PATH} (src/pathtrace.c pathtrace_match_set): only the syscalls that
 * name a selected path in a path argument, or pass a descriptor that refers to one (its
 * /proc/TID/fd link at syscall-enter-stop), reach the listener; the other records pass
 * through untouched. Paths compare byte for byte, as the tracee wrote them: a relative
 * path never matches. Like strace, most syscalls are judged by their first argument
 * alone (rename's new name does not count); the rows below are those it looks further
 * into, or not at all.
 */
public final class PathTrace implements TraceListener {
    /** PATH_MAX: the longest path strace reads. */
    private static final int PATH_MAX = 4096;

    /** The descriptor and path arguments strace checks, for the syscalls it does not judge by argument 0. */
    private record Probe(int[] fds, int[] paths) {}

    private static final java.util.Map<String, Probe> PROBES = new java.util.HashMap<>();

    static {
        // @formatter:off
        for (String s : List.of("dup2", "dup3", "kexec_file_load", "sendfile", "tee"))   probe(s, fds(0, 1), none());
        for (String s : List.of("execveat", "faccessat", "faccessat2", "fchmodat", "fchmodat2", "fchownat", "fspick",
                "newfstatat", "futimesat", "inotify_add_watch", "mkdirat", "mknodat", "mount_setattr",
                "name_to_handle_at", "open_tree", "openat", "openat2", "readlinkat", "statx", "unlinkat",
                "utimensat"))                                                              probe(s, fds(0), paths(1));
        for (String s : List.of("link", "mount", "pivot_root"))                           probe(s, none(), paths(0, 1));
        for (String s : List.of("quotactl", "symlink"))                                   probe(s, none(), paths(1));
        for (String s : List.of("linkat", "move_mount", "renameat", "renameat2"))        probe(s, fds(0, 2), paths(1, 3));
        probe("mmap",                                                                      fds(4), none());
        probe("symlinkat",                                                                 fds(1), paths(2));
        for (String s : List.of("copy_file_range", "splice"))                             probe(s, fds(0, 2), none());
        probe("epoll_ctl",                                                                 fds(2), none());
        probe("fanotify_mark",                                                             fds(3), paths(4));
        // they make descriptors rather than take them
        for (String s : List.of("bpf", "epoll_create", "epoll_create1", "eventfd", "eventfd2", "fanotify_init",
                "fsopen", "inotify_init", "inotify_init1", "io_uring_setup", "landlock_create_ruleset",
                "memfd_create", "memfd_secret", "mq_open", "perf_event_open", "pidfd_open", "pipe", "pipe2",
                "socket", "socketpair", "timerfd_create", "userfaultfd"))                probe(s, none(), none());
        // @formatter:on
    }

    private static void probe(String syscall, int[] fds, int[] paths) {
        PROBES.put(syscall, new Probe(fds, paths));
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
    boolean touches(SyscallEnter e, Tracee t) {
        switch (e.name()) {
            case "poll", "ppoll":
                return pollFdsMatch(t, e.args().raw(0), e.args().cUint(1));
            case "select", "pselect6":
                for (int k = 1; k <= 3; k++) {
                    if (fdSetMatches(t, e.args().raw(k), e.args().cInt(0))) return true;
                }
                return false;
            default:
                break;
        }
        Probe p = PROBES.get(e.name());
        if (p == null) return firstArgument(e, t);
        for (int i : p.fds()) {
            if (fdMatches(t.host(), e.args().cInt(i))) return true;
        }
        for (int i : p.paths()) {
            if (pathMatches(t.memory(), e.args().raw(i))) return true;
        }
        return false;
    }

    /**
     * strace's fallback: argument 0 as a path for the file syscalls, as a descriptor for
     * the descriptor and network ones; the others never match.
     */
    private boolean firstArgument(SyscallEnter e, Tracee t) {
        var s = e.syscall();
        if (s.args().isEmpty()) return false;
        boolean file = s.is(Category.FILE), desc = s.is(Category.DESC) || s.is(Category.NET);
        return switch (s.args().get(0).spec()) {
            case PATH -> file && pathMatches(t.memory(), e.args().raw(0));
            case FD, DIRFD -> (desc || file) && fdMatches(t.host(), e.args().cInt(0));
            default -> false;
        };
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
            if (fdMatches(t.host(), java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0))) return true;
        }
        return false;
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
