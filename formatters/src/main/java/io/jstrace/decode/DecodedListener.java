package io.jstrace.decode;

import io.jstrace.core.SignalStop;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;

/**
 * A renderer or view fed by {@link SyscallDecoding}: each syscall decoded once, at its two
 * stops, and the session's other records as they come. Its {@code onSyscallEnter} and
 * {@code onSyscallExit} are not called; {@link #onSignal(SignalStop, Value, Tracee)} replaces
 * {@code onSignal}.
 */
public interface DecodedListener extends TraceListener {

    /** A syscall-enter-stop: the part of the call strace prints at entry ({@code exit} is null). */
    default void onEntry(DecodedSyscall entry, Tracee tracee) {}

    /** A syscall-exit-stop: the whole call. */
    default void onReturn(DecodedSyscall call, Tracee tracee) {}

    /** A signal-delivery-stop or group-stop, with its siginfo decoded ({@code null} when none came). */
    default void onSignal(SignalStop signal, Value siginfo, Tracee tracee) {}
}
