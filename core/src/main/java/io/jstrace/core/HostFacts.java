package io.jstrace.core;

import io.jstrace.core.internal.ProcHost;
import java.util.Map;

/**
 * What decoders need to know about a tracee from the host rather than from its memory:
 * what its descriptors refer to, its working directory and name, what sock_diag says of
 * a socket. Every method has a default that knows nothing ({@code null}, -1, empty), so
 * a test's fake answers only what it is asked; {@link #of} reads the live system, and a
 * session's {@link Tracee#host()} answers from its {@link FdTable} first, without a /proc
 * read, where the table knows.
 */
public interface HostFacts {
    /** Knows nothing. */
    HostFacts NONE = new HostFacts() {};

    /**
     * The facts of thread {@code tid} of process {@code pid} read from the live system
     * (/proc, NETLINK_SOCK_DIAG), for callers with no {@link Tracee} (an attach, another
     * process's descriptor).
     */
    static HostFacts of(int pid, int tid) {
        return new ProcHost(pid, tid, null);
    }

    /**
     * What descriptor {@code fd} refers to, as readlink of /proc/TID/fd/FD gives it
     * ({@code /etc/passwd}, {@code socket:[123]}, {@code pipe:[9]}, {@code anon_inode:[pidfd]}),
     * or {@code null} when it is not open or cannot be read.
     */
    default String fdPath(int fd) {
        return null;
    }

    /**
     * Whether {@code link}, {@link #fdPath}'s answer ending in {@code " (deleted)"}, has that
     * suffix from the kernel, the file being unlinked, rather than in its name: strace 6.1's
     * test (src/pathtrace.c get_proc_pid_fd_path) that no file by that name is the one open.
     */
    default boolean fdUnlinked(int fd, String link) {
        return false;
    }

    /** The working directory (readlink /proc/TID/cwd), or {@code null}. */
    default String cwd() {
        return null;
    }

    /** The command name of task {@code tid} of jstrace's pid namespace (/proc/TID/comm), or {@code null}. */
    default String commOf(int tid) {
        return null;
    }

    /** The thread's command name (/proc/TID/comm, at most 15 bytes), or {@code null}. */
    default String comm() {
        return null;
    }

    /**
     * The lines of a text file as the process sees it from its own root and mount namespace
     * (/proc/PID/root/PATH: a process in a container or behind a bind mount has its own
     * {@code /etc/resolv.conf}), or empty when it cannot be read.
     */
    default java.util.List<String> rootFileLines(String path) {
        return java.util.List.of();
    }

    /**
     * The {@code Name: value} lines of /proc/TID/fdinfo/FD (fs/proc/fd.c seq_show, and the
     * file's own show_fdinfo: a pidfd's {@code Pid}, an eventfd's {@code eventfd-count}...),
     * by name in their order, values trimmed; empty when it cannot be read.
     */
    default Map<String, String> fdInfo(int fd) {
        return Map.of();
    }

    /** stat(2) of what {@code fd} refers to ({@code st_mode}, {@code st_rdev}), or {@code null}. */
    default FileStat fdStat(int fd) {
        return null;
    }

    /** {@code st_mode} and {@code st_rdev} of an open file. */
    record FileStat(int mode, long rdev) {
        /** S_IFCHR or S_IFBLK. */
        public boolean isDevice() {
            int t = mode & 0170000;
            return t == 0020000 || t == 0060000;
        }

        public boolean isBlockDevice() {
            return (mode & 0170000) == 0060000;
        }
    }

    /**
     * The protocol name the kernel gives socket {@code fd} ({@code TCP}, {@code UDPv6},
     * {@code UNIX-STREAM}, {@code NETLINK}...: its {@code system.sockprotoname}), or {@code null}.
     */
    default String socketProtocol(int fd) {
        return null;
    }

    /** See {@link Sockets#inet}. */
    default Sockets.Inet inetSocket(int family, int protocol, long inode) {
        return null;
    }

    /** See {@link Sockets#unix}. */
    default Sockets.Unix unixSocket(long inode) {
        return null;
    }

    /** See {@link Sockets#netlink}. */
    default Sockets.Netlink netlinkSocket(long inode) {
        return null;
    }

    /** See {@link Sockets#genericFamilies}. */
    default java.util.Map<Integer, String> genericNetlinkFamilies() {
        return java.util.Map.of();
    }

    /**
     * The number of the syscall the thread is blocked in (the first field of
     * /proc/TID/syscall), or -1 when it is running or it cannot be read. Asked on attach,
     * to name what a {@code restart_syscall} resumes.
     */
    default long blockedSyscall() {
        return -1;
    }

    /** net.core.optmem_max (/proc/sys/net/core/optmem_max), or -1 when it cannot be read. */
    default int optmemMax() {
        return -1;
    }

    /**
     * The number jstrace's own pid namespace gives the thread, process, process group or
     * session that this tracee knows as {@code id} in its namespace (pid_namespaces(7)):
     * {@code id} itself when they share the namespace, 0 when no process has it.
     */
    default int tracerPid(PidType type, int id) {
        return 0;
    }

    /** The same facts of another process {@code pid} (a pidfd's target), {@link #NONE} when not known. */
    default HostFacts process(int pid) {
        return NONE;
    }
}
