package io.jstrace.core;

import io.jstrace.core.internal.ProcFs;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What /proc shows of one process at one moment: the view of a process that
 * {@link ProcConnector} reports only by number.
 *
 * <p>A process can exit, or exec again, between the reads that make up one
 * {@code ProcessInfo}; then the fields read after that are missing ({@code null}, -1 or
 * empty) and {@link #truncated()} is true.
 *
 * @param pid the process (or thread) id that was read
 * @param ppid the parent's process id (field 4 of /proc/PID/stat)
 * @param uid the real user id (/proc/PID/status), or -1 when it could not be read
 * @param gid the real group id (/proc/PID/status), or -1 when it could not be read
 * @param comm the command name, at most 15 bytes, not {@code null}
 * @param exe the program's path (readlink /proc/PID/exe), or {@code null} when it could
 *     not be read: a kernel thread, a zombie, another user's process without privilege
 * @param argv the arguments (/proc/PID/cmdline split at NULs, empty ones kept), empty
 *     for a kernel thread or a zombie; unmodifiable, not {@code null}
 * @param cwd the working directory (readlink /proc/PID/cwd), or {@code null} when it
 *     could not be read
 * @param startTimeNs when the process started, in {@code CLOCK_MONOTONIC} nanoseconds
 *     (the clock of {@link ProcEvent#timestampNs()}), to the clock tick (10 ms, usually)
 * @param truncated whether the process was gone before the last read, so that fields
 *     are missing, or its command line was longer than jstrace reads (128 KiB)
 */
public record ProcessInfo(
        int pid,
        int ppid,
        int uid,
        int gid,
        String comm,
        String exe,
        List<String> argv,
        String cwd,
        long startTimeNs,
        boolean truncated) {

    /** Copies {@code argv}; checks that {@code comm} and {@code argv} are not {@code null}. */
    public ProcessInfo {
        Objects.requireNonNull(comm, "comm");
        argv = List.copyOf(argv);
    }

    /**
     * Reads /proc/PID/{stat,status,cmdline,exe,cwd}.
     *
     * @return the process, or empty when there is no process {@code pid} (any more)
     */
    public static Optional<ProcessInfo> read(int pid) {
        return ProcFs.read(pid);
    }

    /**
     * The environment the process was started with (/proc/PID/environ), in its order; a
     * name given twice keeps its first value, as getenv(3) does.
     *
     * @return the variables, unmodifiable; empty when the process is gone, is a kernel
     *     thread, or its environment is not readable
     */
    public static Map<String, String> environ(int pid) {
        return ProcFs.environ(pid);
    }
}
