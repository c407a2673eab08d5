package io.jstrace.core;

import java.time.Instant;

/**
 * One observation of a stopped tracee, delivered to listeners while the tracee is
 * still stopped.
 */
public sealed interface TraceRecord permits SyscallEnter, SyscallExit, SignalStop, SignalExit, Exit, NewChild, Exec,
        Payload, IoBlindSpot, BreakpointHit {

    /** Process id (thread group id) of the tracee. */
    int pid();

    /** Thread id of the tracee: strace's "pid" column. */
    int tid();

    /** Wall-clock time the tracer observed the stop, in nanoseconds since the epoch. */
    long timestamp();

    /** {@link #timestamp()} as an {@code Instant}, not {@code null}. */
    default Instant time() {
        return Instant.ofEpochSecond(0, timestamp());
    }
}
