package io.jstrace.core.internal;

import io.jstrace.arch.Arch;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;

/** What the tracer knows of one tracee thread. Touched only by the tracer thread. */
final class ThreadState implements Tracee {
    final int tid;
    int pid;
    final TraceeMemory memory;
    Arch arch;
    /** The launch prelude: records stay hidden until the target's execve. */
    boolean hidden;
    /** The prelude in the target's execve: its stack is the prelude's, not the command's. */
    boolean execingCommand;
    /** In a syscall: the enter record, or {@code null}. */
    SyscallEnter enter;
    /** The enter was filtered out: its exit is not reported either. */
    boolean enterSuppressed;
    long enterNanos;
    /** The process's system CPU time at the enter stop, in ns, when measured. */
    long enterSystemTime;
    /** In group-stop, resumed with PTRACE_LISTEN. */
    boolean listening;
    /**
     * Runs under a seccomp filter of its own making besides ours: every syscall must stop
     * (PTRACE_SYSCALL), since a call its filter fails (SECCOMP_RET_ERRNO, ...) would never
     * reach ours (kernel/seccomp.c: the filters' strictest action wins, and ptrace's own
     * syscall-enter-stop comes before them).
     */
    boolean ownFilter;
    /** Detaching: the next stop detaches it. */
    boolean detaching;
    /**
     * A new child not yet reported: strace reports a child at its first stop, which may
     * come before or after its parent's PTRACE_EVENT_FORK/CLONE stop.
     */
    boolean unannounced;
    /** The creating thread and how, once its event stop is seen (0 before). */
    int parentPid, parentTid;
    io.jstrace.core.NewChild.Kind kind = io.jstrace.core.NewChild.Kind.CLONE;

    /** Tampering: per syscall, the countdowns of its injection ({@link Tamperer}), once it has one. */
    java.util.Map<String, int[]> countdowns;
    /** The injection acting on the current call, or {@code null}. */
    io.jstrace.core.Injection injecting;
    /** What it did to the call so far. */
    java.util.Set<io.jstrace.core.SyscallExit.Tampered> tampered = java.util.Set.of();
    /** The signal to resume the next syscall stop with (an injected signal), or 0. */
    int signalOnResume;
    /** Held in its stop until this System.nanoTime (an injected delay), or 0. */
    long heldUntil;
    /** The signal to resume it with once it is let go. */
    int heldSignal;

    /** The session's fd tables, or {@code null} when it keeps none. */
    FdTracker fdTracker;
    /** The session's unwinder, or {@code null} when it unwinds no stacks. */
    Unwinder unwinder;
    private ProcHost host;

    ThreadState(int tid, int pid, Arch arch, TraceeMemory memory) {
        this.tid = tid;
        this.pid = pid;
        this.arch = arch;
        this.memory = memory;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int tid() {
        return tid;
    }

    @Override
    public Arch arch() {
        return arch;
    }

    @Override
    public TraceeMemory memory() {
        return memory;
    }

    @Override
    public io.jstrace.core.FdTable fds() {
        return fdTracker == null ? io.jstrace.core.FdTable.NONE : fdTracker.table(pid, tid);
    }

    @Override
    public io.jstrace.core.HostFacts host() {
        if (host == null || host.pid() != pid) host = new ProcHost(pid, tid, fdTracker);
        return host;
    }

    @Override
    public io.jstrace.core.StackTrace stack() {
        return unwinder == null || execingCommand ? io.jstrace.core.StackTrace.NONE : unwinder.unwind(this);
    }
}
