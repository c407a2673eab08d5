package io.jstrace.decode;

import static io.jstrace.syscalls.FormatSpecifier.*;

import io.jstrace.syscalls.FormatSpecifier;
import java.util.EnumSet;
import java.util.Set;

/**
 * strace's {@code -e verbose=} and {@code -e raw=}. A syscall outside the verbose set prints
 * every structure, array and vector it would read from memory as the address (src/util.c
 * umoven_or_printaddr checks verbose(tcp) before it reads); strings and buffers still print.
 * A syscall in the raw set prints its arguments as hex numbers (src/syscall.c printargs).
 */
final class Verbosity {
    /** The specifiers decoded from a structure or array in memory. */
    private static final Set<FormatSpecifier> STRUCTS = EnumSet.of(
            OFFSET_PTR, STAT, STATFS, DIRENTS, PIPE_FDS, WRITE_IOVEC, READ_IOVEC, IOVEC, EXECVE_STRING_VECTOR,
            EXECVE_ENV, RUSAGE, RLIMIT, POST_RLIMIT, CAP_USER_HEADER, SIGSET, POST_SIGSET, SIGINFO, POST_SIGINFO,
            TIMESPEC, POST_TIMESPEC, TIMEVAL, POST_ITIMERVAL, ITIMERSPEC, POST_ITIMERSPEC, SOCKADDR, POST_SOCKADDR,
            POST_SOCKLEN, POLL_FDS, FD_SET, PSELECT6_SIG, EPOLL_EVENTS, POST_ID_PTR, SCHED_PARAM, POST_UINT_PTR);

    private Verbosity() {}

    /**
     * Argument {@code i} as {@code decoded}, or its address when its syscall is outside
     * {@code -e verbose=}. An empty array stays {@code []}: strace's print_array prints
     * that before it would read anything.
     */
    static Value apply(Call call, int i, Value decoded) {
        return STRUCTS.contains(call.spec(i)) ? struct(call, i, decoded) : decoded;
    }

    /**
     * Argument {@code i}, a structure or array read from memory, as {@code decoded}, or its
     * address when its syscall is outside {@code -e verbose=}; an empty array stays {@code []}.
     */
    static Value struct(Call call, int i, Value decoded) {
        if (call.structs()) return decoded;
        if (decoded instanceof Value.Arr a && a.items().isEmpty() && !a.truncated()) return decoded;
        return new Value.Addr(call.arg(i));
    }

    /**
     * {@code d} for a syscall's own ({@code CUSTOM}) argument that is a structure or array in
     * memory: what {@link #apply} does for the generic struct kinds ({@link #struct(Call, int, Value)}).
     */
    static SyscallDecoder.ArgDecoder struct(SyscallDecoder.ArgDecoder d) {
        return (c, i) -> struct(c, i, d.decode(c, i));
    }

    /**
     * An argument that is a pointer for some commands only (fcntl's, ioctl's): as
     * {@code decoded}, or its address when its syscall is outside {@code -e verbose=} and
     * decoding it read a structure.
     */
    static Value sometimes(Call call, int i, Value decoded) {
        if (call.structs()) return decoded;
        boolean read = decoded instanceof Value.Struct || decoded instanceof Value.Arr
                || decoded instanceof Value.Text t && t.text().startsWith("[");
        return read ? new Value.Addr(call.arg(i)) : decoded;
    }

    /** An argument of a raw syscall: the register in hex ({@code %#lx}), {@code 0} for zero. */
    static Value raw(Call call, int i) {
        return Value.hex(call.arg(i));
    }

    /** A raw syscall's successful return value, in hex. */
    static String rawResult(long r) {
        return r == 0 ? "0" : "0x" + Long.toHexString(r);
    }
}
