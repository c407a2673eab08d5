package io.jstrace.core;

/**
 * Receives trace records on the tracer thread, while the tracee is stopped. Every method
 * has an empty default: implement what you need.
 *
 * <p>An {@code Exception} thrown here goes to the session's error handler and tracing
 * goes on; an {@code Error} ends the session after detaching.
 */
public interface TraceListener {

    /** A syscall-enter-stop. */
    default void onSyscallEnter(SyscallEnter enter, Tracee tracee) {}

    /** A syscall-exit-stop; {@code exit.enter()} holds the entry's arguments. */
    default void onSyscallExit(SyscallExit exit, Tracee tracee) {}

    /** A signal-delivery-stop. */
    default void onSignal(SignalStop signal, Tracee tracee) {}

    /** A tracee thread exited. Its memory is gone: {@code tracee} reads nothing. */
    default void onExit(Exit exit, Tracee tracee) {}

    /** A tracee thread was killed by a signal. */
    default void onSignalExit(SignalExit exit, Tracee tracee) {}

    /** A tracee created a child, which is now traced. */
    default void onNewChild(NewChild child, Tracee tracee) {}

    /** A tracee's execve succeeded. */
    default void onExec(Exec exec, Tracee tracee) {}

    /**
     * The bytes a transfer syscall moved, after its {@link #onSyscallExit}; only when the
     * session asks for them ({@link TraceOptions#withPayloads}).
     */
    default void onPayload(Payload payload, Tracee tracee) {}

    /**
     * A tracee set up I/O its syscalls will not show (io_uring, a mapped socket); only
     * when the session asks for payloads ({@link TraceOptions#withPayloads}).
     */
    default void onBlindSpot(IoBlindSpot spot, Tracee tracee) {}

    /**
     * A thread reached a breakpoint's function or returned from it; only for the
     * breakpoints the session was given ({@link TraceSession#addBreakpoint}).
     */
    default void onBreakpoint(BreakpointHit hit, Tracee tracee) {}

    /**
     * The session attached to process {@code pid}: every thread in {@code tids} ({@code -p}).
     * Called on the tracer thread before the threads are interrupted: they are still as
     * they were, each running or blocked in its syscall.
     */
    default void onAttach(int pid, java.util.List<Integer> tids) {}

    /**
     * The session detached from {@code tid}; {@code inSyscall} is the syscall it was in,
     * or {@code null}.
     */
    default void onDetach(int pid, int tid, SyscallEnter inSyscall) {}

    /**
     * Process {@code pid} became a tracee unasked, as a child cloned with CLONE_PTRACE while
     * children are not followed (ptrace(2): the tracer of the caller traces it too), and was
     * detached at its first stop, as strace does ("Detached unknown pid").
     */
    default void onUnknownDetached(int pid) {}

    /**
     * A child of jstrace that it does not trace ended: one cloned with CLONE_PARENT by an
     * untraced-children tracee, or inherited; strace says "Exit of unknown pid N ignored".
     */
    default void onUnknownExit(int pid) {}

    /**
     * A listener that hands every record, whatever its kind, to {@code each}: for a
     * consumer of the whole stream (a queue, a log) rather than of some kinds.
     */
    static TraceListener ofRecords(java.util.function.Consumer<? super TraceRecord> each) {
        return new TraceListener() {
            @Override public void onSyscallEnter(SyscallEnter r, Tracee t) { each.accept(r); }
            @Override public void onSyscallExit(SyscallExit r, Tracee t) { each.accept(r); }
            @Override public void onSignal(SignalStop r, Tracee t) { each.accept(r); }
            @Override public void onExit(Exit r, Tracee t) { each.accept(r); }
            @Override public void onSignalExit(SignalExit r, Tracee t) { each.accept(r); }
            @Override public void onNewChild(NewChild r, Tracee t) { each.accept(r); }
            @Override public void onExec(Exec r, Tracee t) { each.accept(r); }
            @Override public void onPayload(Payload r, Tracee t) { each.accept(r); }
            @Override public void onBlindSpot(IoBlindSpot r, Tracee t) { each.accept(r); }
            @Override public void onBreakpoint(BreakpointHit r, Tracee t) { each.accept(r); }
        };
    }
}
