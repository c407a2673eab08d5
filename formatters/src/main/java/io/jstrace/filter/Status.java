package io.jstrace.filter;

import io.jstrace.decode.DecodedSyscall;

/** The outcomes of a syscall that strace's {@code -e status=} (and {@code -z}, {@code -Z}) select. */
public enum Status {
    SUCCESSFUL, FAILED, UNFINISHED, UNAVAILABLE, DETACHED;

    /** A decoded call's outcome: it never returned, it failed, or it succeeded. */
    public static Status of(DecodedSyscall c) {
        if (!c.returned()) return UNFINISHED;
        return c.exit().failed() ? FAILED : SUCCESSFUL;
    }
}
