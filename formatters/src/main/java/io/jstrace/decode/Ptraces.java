package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.PtraceRequests.*;

import io.jstrace.arch.Aarch64;
import io.jstrace.core.SigInfo;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.NtDescriptorTypes;
import io.jstrace.syscalls.xlat.PtraceOptions;
import io.jstrace.syscalls.xlat.PtraceRequests;
import io.jstrace.syscalls.xlat.PtracePeeksiginfoFlags;
import io.jstrace.syscalls.xlat.PtraceRequestsX86;
import io.jstrace.syscalls.xlat.SeccompFilterFlags;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Requests whose data the kernel fills print it at exit (unless -e verbose leaves it out);
     * so does SETREGSET, whose iovec's length the kernel may change.
     */
    private static boolean dataAtExit(Call c) {
        long r = request(c);
        return c.structs() && (r == PTRACE_PEEKDATA || r == PTRACE_PEEKTEXT || r == PTRACE_PEEKUSER
                || r == PTRACE_GETEVENTMSG || r == PTRACE_GETREGSET || r == PTRACE_GETSIGINFO
                || r == PTRACE_GETSIGMASK || r == PTRACE_PEEKSIGINFO || r == PTRACE_SECCOMP_GET_FILTER
                || r == PTRACE_GET_SYSCALL_INFO || r == PTRACE_SECCOMP_GET_METADATA || r == PTRACE_SETREGSET);
    }

    static int entryArgs(Call c, int visible) {
        if (registers(c)) return readsRegisters(c) ? 2 : visible;
        return visible == 4 && dataAtExit(c) ? 3 : visible;
    }

    /** x86's PTRACE_GETREGS and PTRACE_GETFPREGS: the kernel fills data. */
    private static boolean readsRegisters(Call c) {
        long r = request(c);
        return r == PtraceRequestsX86.PTRACE_GETREGS || r == PtraceRequestsX86.PTRACE_GETFPREGS;
    }

    static Value arg(Call c, int i) {
        return switch (i) {
            case 0 -> requestValue(c);
            case 1 -> Value.dec(c.intArg(1));
            case 2 -> registers(c) ? registerData(c) : addr(c);
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
        if (r == PTRACE_PEEKSIGINFO) return c.structs() ? peeksiginfoArgs(c, a) : new Addr(a);
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

    /**
     * GETREGSET's and SETREGSET's one struct iovec, {@code {iov_base=..., iov_len=N}}, printed
     * at exit whether or not the call succeeded, with the length it had at entry {@code =>}
     * the one the kernel left when they differ.
     */
    private static Value iovec(Call c, long d) {
        if (d == 0) return new Addr(0);
        byte[] raw = c.memory().read(d, 16);
        if (raw == null) return new Value.Unreadable(d);
        long base = TraceeArrays.u64(raw, 0);
        long len = TraceeArrays.u64(raw, 8);
        Value shownLen = new Num(len, Base.UNSIGNED);
        RawStruct before = c.exit() != null ? RawStruct.atEntry(c, d, 16) : null;
        if (before != null && before.u64(8) != len) {
            shownLen = new Value.Changed(new Num(before.u64(8), Base.UNSIGNED), shownLen);
        }
        // SETREGSET's registers are what it passed in, as long as it said; GETREGSET's as long as the kernel says
        boolean set = request(c) == PTRACE_SETREGSET && before != null;
        Value regs = set ? regset(c, before.u64(0), before.u64(8)) : regset(c, base, len);
        return new Value.Struct(List.of(Value.field("iov_base", regs), Value.field("iov_len", shownLen)), false);
    }

    /** iov_base: x86_64's NT_PRSTATUS or NT_FPREGSET registers when they are there to read, else the address. */
    private static Value regset(Call c, long base, long len) {
        boolean read = x86(c) && c.structs() && (request(c) == PTRACE_SETREGSET || !TraceeArrays.exitFailed(c));
        long nt = c.arg(2);
        if (read && nt == NtDescriptorTypes.NT_PRSTATUS) return Regsets.prstatus(c, base, len);
        if (read && nt == NtDescriptorTypes.NT_FPREGSET) return Regsets.fpregset(c, base, len);
        return new Addr(base);
    }

    /**
     * x86's GETREGS/SETREGS (struct user_regs_struct) and GETFPREGS/SETFPREGS (struct
     * user_fpregs_struct), printed in addr's place: what SET passes in, what GET filled.
     */
    private static Value registerData(Call c) {
        long d = c.arg(3);
        long r = request(c);
        if (!c.structs() || readsRegisters(c) && TraceeArrays.exitFailed(c)) return new Addr(d);
        return r == PtraceRequestsX86.PTRACE_GETFPREGS || r == PtraceRequestsX86.PTRACE_SETFPREGS
                ? Regsets.fpregset(c, d, Regsets.FPREGSET_SIZE) : Regsets.prstatus(c, d, Regsets.PRSTATUS_SIZE);
    }

    /** The most siginfos PEEKSIGINFO's result prints under {@code -v}: a bound on what is read at once. */
    private static final int MAX_SIGINFOS = 4096;

    /** PEEKSIGINFO's struct ptrace_peeksiginfo_args: {@code {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=4}}. */
    private static Value peeksiginfoArgs(Call c, long a) {
        return RawStruct.struct(c, a, 16, s -> List.of(Value.field("off", s.unsigned64(0)),
                Value.field("flags", Numbers.flags(PtracePeeksiginfoFlags.XLAT, s.u32(8), "PTRACE_PEEKSIGINFO_???")),
                Value.field("nr", s.unsigned32(12))));
    }

    /** PEEKSIGINFO's result: as many siginfo_t as it returned, cut at {@code -s} of them unless {@code -v}. */
    private static Value siginfos(Call c, long d) {
        long n = c.ret();
        int shown = (int) Math.min(n, c.options().verbose() ? MAX_SIGINFOS : c.options().stringLimit());
        byte[] raw = shown == 0 ? new byte[0] : c.memory().read(d, shown * SigInfo.SIZE);
        if (raw == null) return new Value.Unreadable(d);
        List<Value> items = new ArrayList<>();
        for (int k = 0; k < shown; k++) {
            byte[] one = Arrays.copyOfRange(raw, k * SigInfo.SIZE, (k + 1) * SigInfo.SIZE);
            items.add(Siginfos.siginfo(new SigInfo(one), Siginfos.Ids.of(c)));
        }
        return new Value.Arr(items, n > shown);
    }

    /**
     * SECCOMP_GET_METADATA's struct seccomp_metadata (addr is its size): the filter_off passed
     * in, and once the call succeeded the flags the kernel filled in, as far as the returned
     * size reaches ({@code ???} when it ends before them, {@code ...} when it goes beyond).
     */
    private static Value seccompMetadata(Call c, long d) {
        if (Long.compareUnsigned(c.arg(2), 8) < 0) return new Addr(d);
        if (d == 0) return new Addr(0);
        byte[] off = c.memory().read(d, 8);
        if (off == null) return new Value.Unreadable(d);
        List<Value.Field> f = new ArrayList<>();
        f.add(Value.field("filter_off", new Num(TraceeArrays.u64(off, 0), Base.UNSIGNED)));
        long size = c.ret();
        if (c.succeeded() && size > 8) {
            byte[] flags = size < 16 ? null : c.memory().read(d + 8, 8);
            f.add(Value.field("flags", flags == null ? new Value.Text("???")
                    : Numbers.flags(SeccompFilterFlags.XLAT, TraceeArrays.u64(flags, 0), "SECCOMP_FILTER_FLAG_???")));
            return new Value.Struct(f, flags != null && size > 16);
        }
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
     * The peeks' word ({@code [0x...]}), GETEVENTMSG's ({@code [N]}), GETSIGINFO's siginfo,
     * PEEKSIGINFO's siginfos, GET_SYSCALL_INFO's and SECCOMP_GET_METADATA's structs;
     * the address otherwise, and when the call failed.
     */
    private static Value filled(Call c, long r, long d) {
        boolean peek = r == PTRACE_PEEKDATA || r == PTRACE_PEEKTEXT || r == PTRACE_PEEKUSER;
        if (r == PTRACE_SECCOMP_GET_METADATA) return seccompMetadata(c, d);
        if (!peek && r != PTRACE_GETEVENTMSG && r != PTRACE_GETSIGINFO && r != PTRACE_GET_SYSCALL_INFO
                && r != PTRACE_PEEKSIGINFO) {
            return new Addr(d);
        }
        if (d == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(d);
        if (r == PTRACE_GET_SYSCALL_INFO) return PtraceSyscallInfo.info(c, d);
        if (r == PTRACE_PEEKSIGINFO) return siginfos(c, d);
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

            /** GETREGSET's and SETREGSET's iovec as it was, to print {@code iov_len=old => new}. */
            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                long r = request(c);
                if ((r == PTRACE_GETREGSET || r == PTRACE_SETREGSET) && c.arg(3) != 0) keep.keep(c.arg(3), 16);
            }
        }, "ptrace");
    }
}
