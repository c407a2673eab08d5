package io.jstrace.core;

import java.util.Objects;

/**
 * One connect(2) to an IPv4 or IPv6 address as the kernel's audit subsystem logged it at
 * the syscall's exit: who called it and the address it was given, read by the kernel
 * during the call (kernel/auditsc.c: __audit_sockaddr, the SOCKADDR record), so that a
 * process gone a millisecond later is still known by the socket it connected. A
 * non-blocking TCP connect is logged too, with {@code exit} -EINPROGRESS.
 *
 * @param pid the process (its thread-group id)
 * @param ppid its parent
 * @param uid the real user id
 * @param comm the command name
 * @param exe the executable, or {@code null}
 * @param fd the socket's descriptor (the call's first argument)
 * @param address the address connected to, not {@code null}
 * @param exit the call's return value: 0, or a negative errno
 * @param epochNanos when it was logged, to the millisecond
 */
public record AuditConnect(int pid, int ppid, int uid, String comm, String exe, int fd, OpenFile.Address address,
        int exit, long epochNanos) implements AuditEvent {
    public AuditConnect {
        Objects.requireNonNull(comm, "comm");
        Objects.requireNonNull(address, "address");
    }
}
