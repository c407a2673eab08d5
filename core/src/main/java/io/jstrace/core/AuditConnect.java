package io.jstrace.core;

import java.util.Objects;

/**
 * One connect(2) to an IPv4 or IPv6 address, or one accept(2) of a connection from one, as
 * the kernel's audit subsystem logged it at the syscall's exit: who called it and the
 * address, read by the kernel during the call (kernel/auditsc.c: __audit_sockaddr, the
 * SOCKADDR record), so that a process gone a millisecond later is still known by the
 * socket it connected or accepted. A non-blocking TCP connect is logged too, with
 * {@code exit} -EINPROGRESS.
 *
 * @param pid the process (its thread-group id)
 * @param ppid its parent
 * @param uid the real user id
 * @param comm the calling thread's command name (a thread may have named itself: the
 *     process's own name is its main thread's)
 * @param program the last path component of the process's {@code argv[0]} (its PROCTITLE
 *     record), or {@code null}
 * @param exe the executable, or {@code null}
 * @param fd the socket's descriptor: a connect's first argument, the descriptor an accept returned
 * @param address the address connected to, or the peer accepted; not {@code null}
 * @param accept whether this is an accept
 * @param exit a connect's return value: 0, or a negative errno; 0 for an accept
 * @param epochNanos when it was logged, to the millisecond
 */
public record AuditConnect(int pid, int ppid, int uid, String comm, String program, String exe, int fd,
        OpenFile.Address address,
        boolean accept, int exit, long epochNanos) implements AuditEvent {
    public AuditConnect {
        Objects.requireNonNull(comm, "comm");
        Objects.requireNonNull(address, "address");
    }
}
