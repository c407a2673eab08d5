package io.jstrace.core;

import io.jstrace.syscalls.Errno;

/**
 * A syscall-exit-stop.
 *
 * @param pid         process id
 * @param tid         thread id
 * @param timestamp   epoch nanoseconds
 * @param enter       the matching enter: arguments as they were at entry, never re-read
 * @param returnValue the raw return register: a negated errno on failure
 * @param duration    nanoseconds from the enter stop to this stop (wall clock)
 * @param systemTime  nanoseconds of CPU time the tracee thread ran between the two stops (in the
 *                    kernel, in this call), or -1 when not measured ({@link TraceOptions#measureCpuTime()})
 */
public record SyscallExit(int pid, int tid, long timestamp, SyscallEnter enter, long returnValue, long duration,
        long systemTime) implements TraceRecord {

    /** An exit whose system CPU time was not measured. */
    public SyscallExit(int pid, int tid, long timestamp, SyscallEnter enter, long returnValue, long duration) {
        this(pid, tid, timestamp, enter, returnValue, duration, -1);
    }

    /** The kernel reports failure as -errno in [-4095, -1] (include/linux/err.h: MAX_ERRNO). */
    public boolean failed() {
        return returnValue < 0 && returnValue >= -4095;
    }

    /** The error, or {@code null} when the syscall succeeded. */
    public Errno errno() {
        return failed() ? Errno.of((int) -returnValue) : null;
    }
}
