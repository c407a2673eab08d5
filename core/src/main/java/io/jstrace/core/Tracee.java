package io.jstrace.core;

import io.jstrace.arch.Arch;

/**
 * A handle on one stopped tracee thread, given to listeners. It is valid only during
 * the callback: the tracee runs on when the callback returns.
 */
public interface Tracee {

    /** Process id (thread group id). */
    int pid();

    /** Thread id. */
    int tid();

    /** The architecture of the syscall that stopped it, not {@code null}. */
    Arch arch();

    /** Its memory, readable while it is stopped, not {@code null}. */
    TraceeMemory memory();

    /**
     * Its process's descriptors ({@link TraceOptions#withFdTable}); {@link FdTable#NONE}
     * when the session keeps no table.
     */
    default FdTable fds() {
        return FdTable.NONE;
    }

    /**
     * What the host knows of it: descriptors, working directory, name, sockets. By default
     * the live system's answers ({@link HostFacts#of}); a session answers from its fd table
     * first where that knows.
     */
    default HostFacts host() {
        return HostFacts.of(pid(), tid());
    }

    /**
     * Its user stack now, innermost frame first ({@link TraceOptions#withStackTraces});
     * {@link StackTrace#NONE} when the session was not asked for stacks or the registers
     * cannot be read. Unwinds at each call: ask once per stop.
     */
    default StackTrace stack() {
        return StackTrace.NONE;
    }
}
