package io.jstrace.core;

/** A syscall the kernel's audit subsystem logged for jstrace: an exec or a connect. */
public sealed interface AuditEvent permits AuditExec, AuditConnect {
    /** The calling process (its thread-group id). */
    int pid();

    /** When it was logged, to the millisecond. */
    long epochNanos();
}
