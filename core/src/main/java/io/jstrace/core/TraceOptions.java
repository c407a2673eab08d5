package io.jstrace.core;

import io.jstrace.syscalls.SyscallInfo;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a session traces. Immutable; {@code with*} methods return copies.
 *
 * @param followForks  trace children and threads created by tracees ({@code -f})
 * @param syscalls     which syscalls produce records; others are resumed without decoding
 * @param environment  the launched command's environment as {@code NAME=value} strings, in
 *                     order, or {@code null} for exactly the environment this JVM was given
 * @param inheritedFds the descriptors the launched command inherits; every other descriptor
 *                     of this JVM is closed in it (by default 0, 1 and 2)
 * @param measureCpuTime fill {@link SyscallExit#systemTime()} (strace's {@code -c} measure): the
 *                     tracee thread's CPU clock, read at both stops
 * @param seccompFilter stop only at the syscalls {@link #syscalls} selects (strace's
 *                     {@code --seccomp-bpf}): a launched command gets a seccomp filter that
 *                     lets every other syscall run without a stop. When nothing is selected
 *                     no syscall stops at all, launched or attached, and only fork, exec,
 *                     signal and exit events are reported; when everything is selected no
 *                     filter is installed (every syscall stops anyway). A filter outlives its
 *                     tracer (the selected syscalls would then fail with {@code ENOSYS}), so
 *                     once installed it implies {@link #killOnExit}. The fd table's and
 *                     payloads' syscalls stop too when those are asked for.
 * @param fdTable      keep every tracee's fd table ({@link Tracee#fds()}); off by default, and
 *                     then nothing is spent on it
 * @param detachOnExecve detach from a tracee when it has executed a program (strace's {@code -b execve}),
 *                     but for the launched command's own first one
 * @param killOnExit   the launched command and its descendants die with the tracer (strace's
 *                     {@code --kill-on-exit}: {@code PTRACE_O_EXITKILL}, and a detach request kills
 *                     them instead). Without it a launched command runs on untraced when the tracer
 *                     dies, as under strace, unless a seccomp filter was installed in it: a filter
 *                     would fail its calls with {@code ENOSYS}, so it implies this. Attached
 *                     processes are never killed.
 * @param payloadLimit deliver the bytes of every transfer ({@link TraceListener#onPayload}), at
 *                     most this many per record, and flag I/O syscalls cannot show
 *                     ({@link TraceListener#onBlindSpot}); -1 (the default) for none. Implies
 *                     {@code fdTable}.
 * @param tampering    what is done to the recorded syscalls (strace's {@code -e inject=}); {@link Tampering#NONE}
 * @param stackTraces  let listeners unwind a stopped thread's stack ({@link Tracee#stack()}, strace's {@code -k}):
 *                     the session then keeps every process's mappings, so the syscalls that change them
 *                     stop too under a seccomp filter
 */
public record TraceOptions(boolean followForks, Predicate<SyscallInfo> syscalls, List<String> environment,
        Set<Integer> inheritedFds, boolean measureCpuTime, boolean seccompFilter, boolean fdTable,
        int payloadLimit, boolean detachOnExecve, boolean killOnExit, Tampering tampering,
        boolean stackTraces) {

    /** Follow nothing, record every syscall, inherit the environment and standard streams. */
    public static TraceOptions defaults() {
        return new TraceOptions(false, s -> true, null, Set.of(0, 1, 2), false, false, false, -1, false, false,
                Tampering.NONE, false);
    }

    public TraceOptions withFollowForks(boolean follow) {
        return new TraceOptions(follow, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    public TraceOptions withSyscalls(Predicate<SyscallInfo> filter) {
        return new TraceOptions(followForks, filter, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    public TraceOptions withEnvironment(List<String> env) {
        return new TraceOptions(followForks, syscalls, env == null ? null : List.copyOf(env), inheritedFds,
                measureCpuTime, seccompFilter, fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    public TraceOptions withInheritedFds(Set<Integer> fds) {
        return new TraceOptions(followForks, syscalls, environment, Set.copyOf(fds), measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    public TraceOptions withMeasureCpuTime(boolean measure) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measure, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    public TraceOptions withSeccompFilter(boolean filter) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, filter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    /** Keeps (or not) every tracee's fd table. */
    public TraceOptions withFdTable(boolean keep) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter, keep,
                payloadLimit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    /**
     * Delivers payloads of at most {@code limit} bytes each (0: lengths only), with the fd
     * table they need; -1 for none.
     */
    public TraceOptions withPayloads(int limit) {
        if (limit < -1) throw new IllegalArgumentException("payload limit " + limit);
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable || limit >= 0, limit, detachOnExecve, killOnExit, tampering, stackTraces);
    }

    /** Detaches (or not) from each tracee at its execve, the launched command's first one aside. */
    public TraceOptions withDetachOnExecve(boolean detach) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detach, killOnExit, tampering, stackTraces);
    }

    /** Makes (or not) the launched command die with the tracer, as strace's {@code --kill-on-exit}. */
    public TraceOptions withKillOnExit(boolean kill) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, kill, tampering, stackTraces);
    }

    /** Tampers with the recorded syscalls as {@code t} says. */
    public TraceOptions withTampering(Tampering t) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, t, stackTraces);
    }

    /** Lets listeners unwind stacks ({@link Tracee#stack()}), or not. */
    public TraceOptions withStackTraces(boolean unwind) {
        return new TraceOptions(followForks, syscalls, environment, inheritedFds, measureCpuTime, seccompFilter,
                fdTable, payloadLimit, detachOnExecve, killOnExit, tampering, unwind);
    }

    /** Whether fd tables are kept: asked for, or needed by payloads. */
    public boolean keepsFdTable() {
        return fdTable || payloadLimit >= 0;
    }
}
