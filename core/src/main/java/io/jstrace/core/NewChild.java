package io.jstrace.core;

/**
 * A {@code PTRACE_EVENT_FORK}, {@code _VFORK} or {@code _CLONE} stop: the tracee created
 * {@code childTid}, which is now traced too.
 *
 * @param childPid the new child's process id ({@code == childTid} unless it is a thread)
 */
public record NewChild(int pid, int tid, long timestamp, int childTid, int childPid, Kind kind)
        implements TraceRecord {

    /** How the child was created. */
    public enum Kind { FORK, VFORK, CLONE }
}
