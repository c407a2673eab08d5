package io.jstrace.core;

/** The tracee exited: strace's {@code +++ exited with N +++}. */
public record Exit(int pid, int tid, long timestamp, int status) implements TraceRecord {}
