package io.jstrace.core;

import java.util.List;
import java.util.Objects;

/**
 * One successful execve as the kernel's audit subsystem logged it at the syscall's exit:
 * the arguments read from the new program's stack before it ran a single instruction,
 * so that even a program gone a millisecond later has its command line (kernel/auditsc.c:
 * audit_log_execve_info). Text is as {@link TraceeText} makes it: UTF-8, other bytes
 * escaped.
 *
 * @param pid the process (its thread-group id: after exec the caller is the leader)
 * @param ppid its parent
 * @param uid the real user id
 * @param gid the real group id
 * @param comm the new program's command name
 * @param filename the path execve was given (its first PATH record), or {@code null}
 * @param exe the new program's executable, as the kernel resolved it, or {@code null}
 * @param argv the arguments, not {@code null}
 * @param cwd the working directory, or {@code null}
 * @param epochNanos when it was logged, to the millisecond
 */
public record AuditExec(int pid, int ppid, int uid, int gid, String comm, String filename, String exe,
        List<String> argv, String cwd, long epochNanos) implements AuditEvent {
    public AuditExec {
        argv = List.copyOf(argv);
        Objects.requireNonNull(comm, "comm");
    }
}
