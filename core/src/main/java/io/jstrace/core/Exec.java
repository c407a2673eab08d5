package io.jstrace.core;

/**
 * A {@code PTRACE_EVENT_EXEC} stop: the tracee's execve succeeded. When a thread other
 * than the leader called it, the kernel gives it the leader's id: {@code formerTid}
 * is the id it had.
 */
public record Exec(int pid, int tid, long timestamp, int formerTid) implements TraceRecord {}
