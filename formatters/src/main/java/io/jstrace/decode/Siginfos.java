package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.HostFacts;
import io.jstrace.core.PidType;
import io.jstrace.core.SigInfo;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.ErrnoNames;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.AuditArch;
import io.jstrace.syscalls.xlat.SiCodes;
import io.jstrace.syscalls.xlat.SigbusCodes;
import io.jstrace.syscalls.xlat.SigchldCodes;
import io.jstrace.syscalls.xlat.SigsegvCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * siginfo_t (include/uapi/asm-generic/siginfo.h, 64-bit layout: si_signo, si_errno, si_code,
 * then the union at byte 16) as strace 6.1 prints it (src/printsiginfo.c): the signal, the
 * code, si_errno when set, then the union member the code says is there. A code of zero or
 * less was sent from user space: the sender (kill, tkill), a timer's id, overrun and value,
 * SI_SIGIO's band and descriptor, or for the other codes the sender and, when si_ptr is set,
 * the value. A positive code is the kernel's and the signal decides: SIGCHLD's child, the
 * faults' address (with SIGBUS's machine-check lsb, SIGSEGV's bounds or protection key),
 * SIGPOLL's band and descriptor, SIGSYS's seccomp report, or the sender and value when set.
 */
final class Siginfos {
    private static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17, SIGPOLL = 29,
            SIGSYS = 31;

    private Siginfos() {}

    /** How the ids a siginfo holds print: its si_pid (with {@code --pidns-translation}) and si_fd (with {@code -y}). */
    record Ids(IntFunction<Value> pid, IntFunction<Value> fd) {
        /** The ids of a syscall's tracee. */
        static Ids of(Call c) {
            return new Ids(pid -> Pids.pid(c, pid, PidType.TGID), fd -> FileDecoders.descriptor(c, fd));
        }

        /** The ids of a tracee the host describes, for a signal stop. */
        static Ids of(DecodeOptions options, HostFacts host) {
            return new Ids(pid -> Pids.pid(options, host, pid, PidType.TGID),
                    fd -> FileDecoders.descriptorOf(options, host, fd));
        }
    }

    /** A siginfo as strace prints it, also in {@code --- SIGCHLD {...} ---}. */
    static Value siginfo(SigInfo si, Ids ids) {
        List<Field> f = new ArrayList<>();
        int signo = si.signo();
        int code = si.code();
        if (signo == 0) return new Value.Struct(f, false); // waitid with WNOHANG and no child changed: {}
        f.add(field("si_signo", new Value.Sym(signo, Signal.of(signo).name(), Value.Base.SIGNED)));
        f.add(field("si_code", SigCodes.value(signo, code)));
        if (si.errno() != 0) f.add(field("si_errno", errno(si.errno())));
        if (code <= 0) fromUser(si, code, ids, f);
        else fromKernel(si, signo, code, ids, f);
        return new Value.Struct(f, false);
    }

    /** si_errno as strace's print_err: the errno's name, else the number unsigned. */
    static Value errno(int errno) {
        long v = errno & 0xffff_ffffL;
        String name = ErrnoNames.NAMES.name(v);
        return name == null ? new Value.Num(v, Value.Base.UNSIGNED) : new Value.Sym(v, name, Value.Base.UNSIGNED);
    }

    /** A code of zero or less: kill's, tkill's, a POSIX timer's, F_SETSIG's SI_SIGIO, sigqueue's and the rest. */
    private static void fromUser(SigInfo si, int code, Ids ids, List<Field> f) {
        if (code == SiCodes.SI_USER || code == SiCodes.SI_TKILL) {
            sender(si, ids, f);
        } else if (code == SiCodes.SI_TIMER) {
            f.add(field("si_timerid", Value.hex(si.unionInt(0) & 0xffff_ffffL)));
            f.add(field("si_overrun", Value.dec(si.unionInt(4))));
            value(si, f);
        } else if (code == SiCodes.SI_SIGIO) {
            poll(si, ids, f);
        } else {
            sender(si, ids, f);
            if (si.unionLong(8) != 0) value(si, f);
        }
    }

    private static void fromKernel(SigInfo si, int signo, int code, Ids ids, List<Field> f) {
        switch (signo) {
            case SIGCHLD -> child(si, code, ids, f);
            case SIGILL, SIGFPE, SIGTRAP -> f.add(field("si_addr", new Addr(si.unionLong(0))));
            case SIGBUS -> {
                f.add(field("si_addr", new Addr(si.unionLong(0))));
                if (code == SigbusCodes.BUS_MCEERR_AR || code == SigbusCodes.BUS_MCEERR_AO) {
                    f.add(field("si_addr_lsb", Value.hex(si.unionInt(8) & 0xffff))); // a short
                }
            }
            case SIGSEGV -> {
                f.add(field("si_addr", new Addr(si.unionLong(0))));
                if (code == SigsegvCodes.SEGV_BNDERR) {
                    f.add(field("si_lower", new Addr(si.unionLong(16))));
                    f.add(field("si_upper", new Addr(si.unionLong(24))));
                } else if (code == SigsegvCodes.SEGV_PKUERR) {
                    f.add(field("si_pkey", new Value.Num(si.unionInt(16) & 0xffff_ffffL, Value.Base.UNSIGNED)));
                }
            }
            case SIGPOLL -> {
                if (code <= 6) poll(si, ids, f); // POLL_IN .. POLL_HUP
            }
            case SIGSYS -> seccomp(si, f);
            default -> {
                if (si.unionInt(0) != 0 || si.unionInt(4) != 0) sender(si, ids, f);
                if (si.unionLong(8) != 0) value(si, f);
            }
        }
    }

    /** si_pid and si_uid. */
    private static void sender(SigInfo si, Ids ids, List<Field> f) {
        f.add(field("si_pid", ids.pid().apply(si.unionInt(0))));
        f.add(field("si_uid", Creds.id(si.unionInt(4))));
    }

    /** si_int and si_ptr, the two views of the sigval. */
    private static void value(SigInfo si, List<Field> f) {
        f.add(field("si_int", Value.dec(si.unionInt(8))));
        f.add(field("si_ptr", new Addr(si.unionLong(8))));
    }

    /** si_band (a long) and si_fd. */
    private static void poll(SigInfo si, Ids ids, List<Field> f) {
        f.add(field("si_band", Value.dec(si.unionLong(0))));
        f.add(field("si_fd", ids.fd().apply(si.unionInt(8))));
    }

    /** The sender, the status (an exit code or a signal) and the child's CPU times. */
    private static void child(SigInfo si, int code, Ids ids, List<Field> f) {
        sender(si, ids, f);
        int status = si.unionInt(8);
        f.add(field("si_status", code == SigchldCodes.CLD_EXITED ? Value.dec(status)
                : new Value.Sym(status, Signal.of(status).name(), Value.Base.SIGNED)));
        f.add(field("si_utime", Times.clockTicks(si.unionLong(16))));
        f.add(field("si_stime", Times.clockTicks(si.unionLong(24))));
    }

    /** SIGSYS from a seccomp filter: the call's address, its number and the audit arch. */
    private static void seccomp(SigInfo si, List<Field> f) {
        int arch = si.unionInt(12);
        f.add(field("si_call_addr", new Addr(si.unionLong(0))));
        f.add(field("si_syscall", SeccompIoctls.syscall(si.unionInt(8), arch)));
        f.add(field("si_arch", Numbers.named(AuditArch.XLAT, arch & 0xffff_ffffL, "AUDIT_ARCH_???")));
    }
}
