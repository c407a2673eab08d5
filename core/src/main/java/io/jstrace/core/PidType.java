package io.jstrace.core;

/**
 * What a process id names: the kernel's {@code enum pid_type} (include/linux/pid.h), each
 * with the line of /proc/PID/status that gives its number in every pid namespace the
 * process can be seen from, outermost first (fs/proc/array.c, task_state).
 */
public enum PidType {
    /** a thread: {@code PIDTYPE_PID}, {@code NSpid}. */
    PID("NSpid:"),
    /** a process, a thread group: {@code PIDTYPE_TGID}, {@code NStgid}. */
    TGID("NStgid:"),
    /** a process group: {@code PIDTYPE_PGID}, {@code NSpgid}. */
    PGID("NSpgid:"),
    /** a session: {@code PIDTYPE_SID}, {@code NSsid}. */
    SID("NSsid:");

    private final String statusLine;

    PidType(String statusLine) {
        this.statusLine = statusLine;
    }

    /** The start of its /proc/PID/status line, {@code NSpid:}. */
    public String statusLine() {
        return statusLine;
    }
}
