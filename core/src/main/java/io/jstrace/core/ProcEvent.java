package io.jstrace.core;

/**
 * One message of the kernel's process-events connector ({@code struct proc_event} of
 * include/uapi/linux/cn_proc.h), as {@link ProcConnector#next()} returns it.
 *
 * <p>The kernel reports about tasks: {@code pid} is the thread id and {@code tgid} the
 * process id (thread group id), as in the kernel's own names. A new thread is a
 * {@link Fork} whose {@code childPid} differs from its {@code childTgid}, and every
 * thread's end is an {@link Exit}.
 *
 * <p>{@link #timestampNs()} is the kernel's {@code ktime_get_ns()}: {@code CLOCK_MONOTONIC}
 * nanoseconds, the clock of {@link System#nanoTime()} on Linux.
 */
public sealed interface ProcEvent
        permits ProcEvent.Fork, ProcEvent.Exec, ProcEvent.Uid, ProcEvent.Gid, ProcEvent.Sid, ProcEvent.Ptrace,
                ProcEvent.Comm, ProcEvent.Coredump, ProcEvent.Exit, ProcEvent.Lost, ProcEvent.Connect {

    /** When the kernel sent the event, in {@code CLOCK_MONOTONIC} nanoseconds. */
    long timestampNs();

    /** {@code PROC_EVENT_FORK}: a task created a process or a thread (fork, vfork, clone). */
    record Fork(int parentPid, int parentTgid, int childPid, int childTgid, long timestampNs) implements ProcEvent {
        /** Whether the child is a thread of an existing process rather than a new process. */
        public boolean isThread() {
            return childPid != childTgid;
        }
    }

    /**
     * {@code PROC_EVENT_EXEC}: an execve succeeded; the process now runs a new program.
     *
     * @param audit what the audit subsystem logged of this execve (argv, cwd, ids, as
     *     the kernel saw them during the call) when {@link ProcessEvents} could claim
     *     the audit socket, else {@code null}
     */
    record Exec(int pid, int tgid, long timestampNs, AuditExec audit) implements ProcEvent {
        /** The connector's event alone. */
        public Exec(int pid, int tgid, long timestampNs) {
            this(pid, tgid, timestampNs, null);
        }
    }

    /** {@code PROC_EVENT_UID}: the task's real or effective user id changed. */
    record Uid(int pid, int tgid, int ruid, int euid, long timestampNs) implements ProcEvent {}

    /** {@code PROC_EVENT_GID}: the task's real or effective group id changed. */
    record Gid(int pid, int tgid, int rgid, int egid, long timestampNs) implements ProcEvent {}

    /** {@code PROC_EVENT_SID}: the process became a session leader (setsid). */
    record Sid(int pid, int tgid, long timestampNs) implements ProcEvent {}

    /**
     * {@code PROC_EVENT_PTRACE}: a tracer attached to the task, or detached from it
     * (then {@code tracerPid} and {@code tracerTgid} are 0).
     */
    record Ptrace(int pid, int tgid, int tracerPid, int tracerTgid, long timestampNs) implements ProcEvent {
        /** Whether this is a detach. */
        public boolean detached() {
            return tracerPid == 0;
        }
    }

    /**
     * {@code PROC_EVENT_COMM}: the task's name changed (prctl(PR_SET_NAME) or a write to
     * /proc/PID/comm; execve changes it without this event).
     *
     * @param comm the new name, at most 15 bytes, not {@code null}
     */
    record Comm(int pid, int tgid, String comm, long timestampNs) implements ProcEvent {}

    /** {@code PROC_EVENT_COREDUMP}: the task began dumping core. */
    record Coredump(int pid, int tgid, int parentPid, int parentTgid, long timestampNs) implements ProcEvent {}

    /**
     * {@code PROC_EVENT_EXIT}: a task ended. Each thread of a process has its own event;
     * the process is gone with the one whose {@code pid} equals {@code tgid}.
     *
     * @param exitCode the task's wait status as the kernel sends it ({@code task->exit_code}):
     *     read it with {@link #exited()}, {@link #status()}, {@link #signal()} and
     *     {@link #coreDumped()}
     * @param exitSignal the signal the parent is sent ({@code SIGCHLD}, usually), or -1 for
     *     a thread; not the signal that killed the task
     */
    record Exit(int pid, int tgid, int exitCode, int exitSignal, long timestampNs) implements ProcEvent {
        /** Whether the task exited normally (WIFEXITED), rather than being killed by a signal. */
        public boolean exited() {
            return (exitCode & 0x7f) == 0;
        }

        /** The exit status (WEXITSTATUS): meaningful when {@link #exited()}. */
        public int status() {
            return (exitCode >> 8) & 0xff;
        }

        /** The signal that killed the task (WTERMSIG), or 0 when it {@link #exited()}. */
        public int signal() {
            return exitCode & 0x7f;
        }

        /** Whether the killing signal dumped core (WCOREDUMP). */
        public boolean coreDumped() {
            return (exitCode & 0x80) != 0;
        }
    }

    /**
     * Events the kernel sent but this connector never received: the receive buffer
     * overran (ENOBUFS) or the kernel could not allocate the message. The kernel numbers
     * its events per CPU; {@code count} is the size of the gap in CPU {@code cpu}'s numbers,
     * noticed at the first event received after it, whose time is {@code timestampNs}.
     */
    record Lost(int cpu, long count, long timestampNs) implements ProcEvent {}

    /**
     * Not the connector's: a connect(2) to an IPv4 or IPv6 address as the audit
     * subsystem logged it, delivered by {@link ProcessEvents} when asked for
     * ({@link ProcessEvents.Audited#CONNECTIONS}). {@code timestampNs} is when jstrace read
     * the record; the record's own time is {@link AuditConnect#epochNanos()}.
     */
    record Connect(AuditConnect audit, long timestampNs) implements ProcEvent {}
}
