package io.jstrace.core;

import io.jstrace.syscalls.Signal;

/**
 * A signal-delivery-stop ({@code signal} is about to be delivered and is re-injected when
 * the tracer resumes the tracee), or with {@code groupStop} a group-stop: the tracee
 * stopped on a stop signal (strace: {@code --- stopped by SIGTSTP ---}).
 *
 * @param info the siginfo, or {@code null} for a group-stop or a tracee that vanished
 */
public record SignalStop(int pid, int tid, long timestamp, Signal signal, SigInfo info, boolean groupStop)
        implements TraceRecord {}
