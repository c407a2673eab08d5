package io.jstrace.core;

import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The session's syscall tampering: an {@link Injection} per syscall name, applied to the
 * calls the session records ({@link TraceOptions#syscalls}) that {@code applies} accepts too
 * (strace injects only into the calls it traces: syscall.c, syscall_entering_trace).
 * Calls are counted per thread and per syscall, from the thread's first one.
 */
public final class Tampering {
    /** Tampers with nothing. */
    public static final Tampering NONE = new Tampering(Map.of(), (e, t) -> true);

    private final Map<String, Injection> bySyscall;
    private final BiPredicate<SyscallEnter, Tracee> applies;

    /**
     * @param bySyscall what is done to each syscall, by name
     * @param applies   which of the recorded calls are tampered with (strace's {@code -P}); called
     *                  at the syscall-enter-stop, before any listener sees the call
     */
    public Tampering(Map<String, Injection> bySyscall, BiPredicate<SyscallEnter, Tracee> applies) {
        this.bySyscall = Map.copyOf(bySyscall);
        this.applies = applies;
    }

    public boolean isEmpty() {
        return bySyscall.isEmpty();
    }

    /** The injection for the syscall named {@code name}, or {@code null}. */
    public Injection of(String name) {
        return bySyscall.get(name);
    }

    /** Whether the call {@code e} of {@code tracee} is one to tamper with, its syscall having an injection. */
    public boolean applies(SyscallEnter e, Tracee tracee) {
        return applies.test(e, tracee);
    }
}
