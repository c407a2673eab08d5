package io.jstrace.core;

/**
 * A new tracee: {@code tid} created {@code childTid} by fork, vfork or clone, and the child
 * is now traced too. Reported at the child's first stop, as strace reports it; the tracee
 * handle given with it is the child's.
 *
 * @param childPid the new child's process id ({@code == childTid} unless it is a thread)
 */
public record NewChild(int pid, int tid, long timestamp, int childTid, int childPid, Kind kind)
        implements TraceRecord {

    /** How the child was created. */
    public enum Kind { FORK, VFORK, CLONE }
}
