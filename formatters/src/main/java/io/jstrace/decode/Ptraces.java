package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.PtraceRequests.*;

import io.jstrace.arch.Aarch64;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.NtDescriptorTypes;
import io.jstrace.syscalls.xlat.PtraceOptions;
import io.jstrace.syscalls.xlat.PtraceRequests;
import io.jstrace.syscalls.xlat.PtraceRequestsX86;
import java.util.ArrayList;
import java.util.List;

/**
 * ptrace(2) as strace 6.1 prints it (src/process.c): the request decides which of pid,
 * addr and data print and how. PTRACE_TRACEME prints alone; PTRACE_ATTACH and the other
 * requests that ignore addr and data print the pid only; x86's register requests print
 * data in addr's place; the resuming requests' data is a signal, SEIZE's and SETOPTIONS'
 * the {@code PTRACE_O_*} options; the peeks print the word they read at exit.
 */
final class Ptraces {
    private Ptraces() {}

    private static long request(Call c) {
        return c.arg(0);
    }

    private static boolean x86(Call c) {
        return !(c.arch() instanceof Aarch64);
    }

    /** PTRACE_REQUEST: the generic requests, then the architecture's own. */
    static Value requestValue(Call c) {
        long r = request(c);
        String name = PtraceRequests.XLAT.name(r);
        if (name == null && x86(c)) name = PtraceRequestsX86.XLAT.name(r);
        return name != null ? new Value.Sym(r, name) : new Value.Commented(Value.hex(r), "PTRACE_???");
    }

    /** x86's PTRACE_GETREGS and friends: addr is ignored, data prints in its place. */
    private static boolean registers(Call c) {
        long r = request(c);
        return x86(c) && (r == PtraceRequestsX86.PTRACE_GETREGS || r == PtraceRequestsX86.PTRACE_SETREGS
                || r == PtraceRequestsX86.PTRACE_GETFPREGS || r == PtraceRequestsX86.PTRACE_SETFPREGS);
    }

    static int visibleArgs(Call c) {
        long r = request(c);
        if (r == PTRACE_TRACEME) return 1;
        if (r == PTRACE_ATTACH || r == PTRACE_INTERRUPT || r == PTRACE_KILL || r == PTRACE_LISTEN) return 2;
        return registers(c) ? 3 : 4;
    }

    /** Requests whose data the kernel fills print it at exit (unless -e verbose leaves it out). */
    private static boolean dataAtExit(Call c) {
        long r = request(c);
        return c.structs() && (r == PTRACE_PEEKDATA || r == PTRACE_PEEKTEXT || r == PTRACE_PEEKUSER
                || r == PTRACE_GETEVENTMSG || r == PTRACE_GETREGSET || r == PTRACE_GETSIGINFO
                || r == PTRACE_GETSIGMASK || r == PTRACE_PEEKSIGINFO || r == PTRACE_SECCOMP_GET_FILTER
                || r == PTRACE_GET_SYSCALL_INFO);
    }

    static int entryArgs(Call c, int visible) {
        return visible == 4 && dataAtExit(c) ? 3 : visible;
    }

    static Value arg(Call c, int i) {
        return switch (i) {
            case 0 -> requestValue(c);
            case 1 -> Value.dec(c.intArg(1));
            case 2 -> registers(c) ? new Addr(c.arg(3)) : addr(c);
            default -> data(c);
        };
    }

    /**
     * x86_64's struct user (sys/user.h) by offset, as strace 6.1 names PTRACE_PEEKUSER's and
     * PTRACE_POKEUSER's addr: the registers up to SS, then the members after the register set.
     */
    private static final long[] USER_OFFSETS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120,
        128, 136, 144, 152, 160, 216, 224, 736, 744, 752, 760, 768, 776, 784, 792, 800, 808, 816, 848, 912};
    private static final String[] USER_NAMES = {"8*R15", "8*R14", "8*R13", "8*R12", "8*RBP", "8*RBX", "8*R11",
        "8*R10", "8*R9", "8*R8", "8*RAX", "8*RCX", "8*RDX", "8*RSI", "8*RDI", "8*ORIG_RAX", "8*RIP", "8*CS",
        "8*EFLAGS", "8*RSP", "8*SS", "offsetof(struct user, u_fpvalid)", "offsetof(struct user, i387)",
        "offsetof(struct user, u_tsize)", "offsetof(struct user, u_dsize)", "offsetof(struct user, u_ssize)",
        "offsetof(struct user, start_code)", "offsetof(struct user, start_stack)", "offsetof(struct user, signal)",
        "offsetof(struct user, reserved)", "offsetof(struct user, u_ar0)", "offsetof(struct user, u_fpstate)",
        "offsetof(struct user, magic)", "offsetof(struct user, u_comm)", "offsetof(struct user, u_debugreg)",
        "sizeof(struct user)"};

    /** The struct user member at or below {@code a}, plus the distance; the address past the struct. */
    static Value userOffset(Call c, long a) {
        int k = USER_OFFSETS.length - 1;
        while (k > 0 && Long.compareUnsigned(USER_OFFSETS[k], a) > 0) k--;
        long rest = a - USER_OFFSETS[k];
        if (!x86(c) || k == USER_OFFSETS.length - 1 && rest != 0) return new Addr(a);
        return new Value.Decoded(new Addr(a), new Value.Text(USER_NAMES[k] + (rest == 0 ? "" : "+" + rest)));
    }

    private static Value addr(Call c) {
        long r = request(c);
        long a = c.arg(2);
        if (r == PTRACE_PEEKUSER || r == PTRACE_POKEUSER) return userOffset(c, a);
        if (r == PTRACE_GETREGSET || r == PTRACE_SETREGSET) {
            return Numbers.named(NtDescriptorTypes.XLAT, a & 0xffff_ffffL, "NT_???");
        }
        if (r == PTRACE_GETSIGMASK || r == PTRACE_SETSIGMASK || r == PTRACE_SECCOMP_GET_FILTER
                || r == PTRACE_SECCOMP_GET_METADATA || r == PTRACE_GET_SYSCALL_INFO) {
            return new Num(a, Base.UNSIGNED);
        }
        return new Addr(a);
    }

    private static Value data(Call c) {
        long r = request(c);
        long d = c.arg(3);
        if (r == PTRACE_CONT || r == PTRACE_DETACH || r == PTRACE_SYSCALL || r == PTRACE_SINGLESTEP
                || x86(c) && (r == PtraceRequestsX86.PTRACE_SYSEMU || r == PtraceRequestsX86.PTRACE_SYSEMU_SINGLESTEP
                        || r == PtraceRequestsX86.PTRACE_SINGLEBLOCK)) {
            return signal(d);
        }
        if (r == PTRACE_SEIZE || r == PTRACE_SETOPTIONS || x86(c) && r == PtraceRequestsX86.PTRACE_OLDSETOPTIONS) {
            return Numbers.flags(PtraceOptions.XLAT, d, "PTRACE_O_???");
        }
        if (r == PTRACE_SETREGSET || r == PTRACE_GETREGSET && c.exit() != null && dataAtExit(c)) return iovec(c, d);
        if (r == PTRACE_SETSIGINFO) return c.structs() ? SignalDecoders.siginfoArg(c, 3) : new Addr(d);
        if (r == PTRACE_SETSIGMASK || r == PTRACE_GETSIGMASK && c.exit() != null && dataAtExit(c)) {
            return sigmask(c, d);
        }
        if (c.exit() != null && dataAtExit(c)) return filled(c, r, d);
        return new Addr(d);
    }

    /** strace's printsignal: a signal's name, or the number when it names none. */
    private static Value signal(long d) {
        return Long.compareUnsigned(d, 64) > 0 ? new Num(d, Base.UNSIGNED) : Prctls.signal(d);
    }

    /** x86_64's struct user_regs_struct (arch/x86/include/asm/user_64.h), as NT_PRSTATUS holds it. */
    private static final String[] REGS = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax",
        "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es",
        "fs", "gs"};

    /**
     * GETREGSET's and SETREGSET's one struct iovec, {@code {iov_base=0x..., iov_len=N}}:
     * strace prints it at GETREGSET's exit whether or not the call succeeded, and the
     * registers in iov_base for x86_64's NT_PRSTATUS when they are there to read.
     */
    private static Value iovec(Call c, long d) {
        if (d == 0) return new Addr(0);
        byte[] raw = c.memory().read(d, 16);
        if (raw == null) return new Value.Unreadable(d);
        long base = TraceeArrays.u64(raw, 0);
        long len = TraceeArrays.u64(raw, 8);
        boolean regs = x86(c) && c.arg(2) == NtDescriptorTypes.NT_PRSTATUS && c.structs()
                && (request(c) == PTRACE_SETREGSET || !TraceeArrays.exitFailed(c));
        return new Value.Struct(List.of(Value.field("iov_base", regs ? registers(c, base, len) : new Addr(base)),
                Value.field("iov_len", new Num(len, Base.UNSIGNED))), false);
    }

    /** {@code {r15=0x1, r14=0, ...}}: as many registers as {@code len} bytes hold. */
    private static Value registers(Call c, long base, long len) {
        int n = (int) Math.min(Long.divideUnsigned(len, 8), REGS.length);
        byte[] raw = n == 0 ? null : c.memory().read(base, 8 * n);
        if (raw == null) return new Addr(base);
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < n; k++) f.add(Value.field(REGS[k], Value.hex(TraceeArrays.u64(raw, 8 * k))));
        return new Value.Struct(f, false);
    }

    /**
     * GETSIGMASK's and SETSIGMASK's sigset_t, as long as addr says: {@code [CHLD]}; the
     * address for a size other than 1 to 8 bytes, or when GETSIGMASK failed.
     */
    private static Value sigmask(Call c, long d) {
        long size = c.arg(2);
        if (d == 0) return new Addr(0);
        if (size == 0 || Long.compareUnsigned(size, 8) > 0 || !c.structs()) return new Addr(d);
        if (request(c) == PTRACE_GETSIGMASK && TraceeArrays.exitFailed(c)) return new Addr(d);
        byte[] raw = c.memory().read(d, (int) size);
        return raw == null ? new Value.Unreadable(d) : SignalDecoders.sigsetValue(raw);
    }

    /**
     * The peeks' word ({@code [0x...]}), GETEVENTMSG's ({@code [N]}), GETSIGINFO's siginfo and
     * GET_SYSCALL_INFO's struct;
     * the address otherwise, and when the call failed.
     */
    private static Value filled(Call c, long r, long d) {
        boolean peek = r == PTRACE_PEEKDATA || r == PTRACE_PEEKTEXT || r == PTRACE_PEEKUSER;
        if (!peek && r != PTRACE_GETEVENTMSG && r != PTRACE_GETSIGINFO && r != PTRACE_GET_SYSCALL_INFO) {
            return new Addr(d);
        }
        if (d == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(d);
        if (r == PTRACE_GET_SYSCALL_INFO) return PtraceSyscallInfo.info(c, d);
        if (r == PTRACE_GETSIGINFO) return SignalDecoders.siginfoArg(c, 3);
        byte[] raw = c.memory().read(d, 8);
        if (raw == null) return new Value.Unreadable(d);
        long v = TraceeArrays.u64(raw, 0);
        return new Value.Arr(List.of(peek ? Value.hex(v) : new Num(v, Base.UNSIGNED)), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Ptraces.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Ptraces.visibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return Ptraces.entryArgs(c, visible);
            }
        }, "ptrace");
    }
}
