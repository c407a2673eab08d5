package io.jstrace.core;

import io.jstrace.syscalls.Errno;
import java.util.Set;

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
 * @param tampered    what the session's {@link Tampering} did to this call; empty for an untouched one
 */
public record SyscallExit(int pid, int tid, long timestamp, SyscallEnter enter, long returnValue, long duration,
        long systemTime, Set<Tampered> tampered) implements TraceRecord {

    /** What tampering did to a call (strace prints it after the return value: {@code (INJECTED)}). */
    public enum Tampered {
        /** The call was skipped and its return value set. */
        RETURN_VALUE,
        /**
         * The value set is a success, whatever it looks like: strace's {@code retval=}, even
         * of a value in the errno range ({@link #failed} is then false).
         */
        SUCCESS_VALUE,
        /** Memory its arguments point to was written. */
        ARGUMENTS,
        /** The thread was held at its entry or exit. */
        DELAYED
    }

    public SyscallExit {
        tampered = tampered.isEmpty() ? Set.of() : Set.copyOf(tampered);
    }

    /** An exit no tampering touched. */
    public SyscallExit(int pid, int tid, long timestamp, SyscallEnter enter, long returnValue, long duration,
            long systemTime) {
        this(pid, tid, timestamp, enter, returnValue, duration, systemTime, Set.of());
    }

    /** An exit whose system CPU time was not measured. */
    public SyscallExit(int pid, int tid, long timestamp, SyscallEnter enter, long returnValue, long duration) {
        this(pid, tid, timestamp, enter, returnValue, duration, -1);
    }

    /** The kernel reports failure as -errno in [-4095, -1] (include/linux/err.h: MAX_ERRNO); a value set by retval= is none. */
    public boolean failed() {
        return returnValue < 0 && returnValue >= -4095 && !tampered.contains(Tampered.SUCCESS_VALUE);
    }

    /** The error, or {@code null} when the syscall succeeded. */
    public Errno errno() {
        return failed() ? Errno.of((int) -returnValue) : null;
    }
}
