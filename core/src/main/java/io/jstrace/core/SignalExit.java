package io.jstrace.core;

import io.jstrace.syscalls.Signal;

/** The tracee was killed by {@code signal}: strace's {@code +++ killed by SIGKILL +++}. */
public record SignalExit(int pid, int tid, long timestamp, Signal signal, boolean coreDumped)
        implements TraceRecord {}
