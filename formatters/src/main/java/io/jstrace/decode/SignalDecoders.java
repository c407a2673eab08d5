package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.arch.Aarch64;
import io.jstrace.core.SigInfo;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.Phase;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.SigactionFlags;
import io.jstrace.syscalls.xlat.SigaltstackFlags;
import io.jstrace.syscalls.xlat.SigprocmaskHow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Signal numbers, sets and actions (include/uapi/asm-generic/signal*.h); siginfo_t is {@link Siginfos}. */
final class SignalDecoders {
    private static final long SA_RESTORER = 0x04000000;
    /** The kernel's sigset_t on x86_64 and aarch64 (_NSIG / 8), and the word size. */
    private static final int NSIG_BYTES = 8, WORD = 8;
    private static final int STACK_T_SIZE = 24;

    private SignalDecoders() {}

    static Value signal(Call c, int i) {
        return signal(c.intArg(i));
    }

    /** Signal {@code n} by its name; a number no signal has alone, in every -X style (src/signal.c printsignal). */
    static Value signal(int n) {
        String name = n == 0 ? null : Signal.of(n).name();
        return name == null || name.equals(Integer.toString(n)) ? Value.dec(n) : new Value.Sym(n, name, Value.Base.SIGNED);
    }

    static Value how(Call c, int i) {
        return Numbers.named(SigprocmaskHow.XLAT, c.arg(i) & 0xffff_ffffL, "SIG_???");
    }

    /**
     * A sigset_t of the syscall's size argument ({@code sigsetsize}, signalfd's
     * {@code sizemask}; 8 bytes, _NSIG / 8, when it has none). strace prints the address
     * when that size is larger than the kernel's sigset_t or smaller than a word
     * (src/signal.c), except rt_sigpending's, which may be any size up to it.
     */
    static Value sigset(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && !c.succeeded()) return new Addr(addr);
        long size = sigsetSize(c);
        long min = c.name().equals("rt_sigpending") ? 1 : WORD;
        if (size < min || size > NSIG_BYTES) return new Addr(addr);
        byte[] raw = c.memory().read(addr, (int) size);
        if (raw == null) return new Value.Unreadable(addr);
        return sigsetValue(raw);
    }

    private static long sigsetSize(Call c) {
        var args = c.enter().syscall().args();
        for (int k = 0; k < args.size(); k++) {
            String name = args.get(k).name();
            if (name.equals("sigsetsize") || name.equals("sizemask")) return c.arg(k);
        }
        return NSIG_BYTES;
    }

    /** rt_sigtimedwait's return value, the signal taken: {@code 10 (SIGUSR1)}. */
    static Value signalReturn(Call c) {
        int n = (int) c.ret();
        if (n <= 0) return null;
        return new Value.Noted(Value.dec(n), List.of(field("", new Value.Text(Signal.of(n).name()))));
    }

    /**
     * sigaltstack's uss and sigaltstack's uoss: stack_t (include/uapi/asm-generic/signal.h):
     * {@code {ss_sp=0x4ae6d0, ss_flags=SS_ONSTACK, ss_size=65536}}; the old stack only when
     * the call succeeded.
     */
    static Value sigaltstack(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && !c.succeeded()) return new Addr(addr);
        byte[] raw = c.memory().read(addr, STACK_T_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return stackT(raw);
    }

    /** ss_sp at 0, the int ss_flags at 8, ss_size at 16 (64-bit layouts). */
    static Value stackT(byte[] raw) {
        long flags = TraceeArrays.s32(raw, 8) & 0xffff_ffffL;
        return new Value.Struct(List.of(field("ss_sp", new Addr(TraceeArrays.u64(raw, 0))),
                field("ss_flags", Numbers.flags(SigaltstackFlags.XLAT, flags, "SS_???")),
                field("ss_size", new Value.Num(TraceeArrays.u64(raw, 16), Value.Base.UNSIGNED))), false);
    }

    /** A sigset_t's members, or its complement's when more than half are set (strace's sprintsigmask_n). */
    static Value.Sigset sigsetValue(byte[] raw) {
        int nsig = raw.length * 8;
        int set = 0;
        for (byte b : raw) set += Integer.bitCount(b & 0xff);
        boolean invert = set * 2 > nsig;
        List<Value.Sym> members = new ArrayList<>();
        for (int n = 1; n <= nsig; n++) {
            boolean bit = (raw[(n - 1) / 8] & (1 << ((n - 1) % 8))) != 0;
            if (bit == invert) continue;
            String name = Signal.of(n).name();
            members.add(new Value.Sym(n, name.startsWith("SIG") ? name.substring(3) : name, Value.Base.SIGNED));
        }
        return new Value.Sigset(invert, members);
    }

    /** The kernel's struct sigaction: handler, flags, restorer, mask (arch/x86/include/uapi/asm/signal.h). */
    static Value sigaction(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && !c.succeeded()) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 32);
        if (raw == null) return new Value.Unreadable(addr);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long handler = b.getLong(0), flags = b.getLong(8), restorer = b.getLong(16);
        List<Field> f = new ArrayList<>();
        f.add(field("sa_handler", handler == 0 ? new Value.Sym(0, "SIG_DFL")
                : handler == 1 ? new Value.Sym(1, "SIG_IGN") : new Addr(handler)));
        f.add(field("sa_mask", sigsetValue(java.util.Arrays.copyOfRange(raw, 24, 32))));
        f.add(field("sa_flags", Numbers.flags(SigactionFlags.XLAT, flags, "SA_???")));
        if ((flags & SA_RESTORER) != 0) f.add(field("sa_restorer", new Addr(restorer)));
        return new Value.Struct(f, false);
    }

    /**
     * rt_sigreturn takes no arguments: it restores the signal frame on the stack, and
     * strace prints the mask it restores, {@code {mask=[INT]}}. The frame's ucontext is at
     * the stack pointer on x86_64 (arch/x86/kernel/signal_64.c: regs->sp - sizeof(long) is
     * the frame, whose first word is pretcode), after a 128-byte siginfo on arm64
     * (arch/arm64/kernel/signal.c); uc_sigmask follows uc_mcontext on x86_64 and precedes
     * it on arm64.
     */
    static Value sigreturnFrame(Call c) {
        long sp = c.enter().stackPointer();
        long mask = c.arch() instanceof Aarch64 ? sp + 128 + 40 : sp + 40 + 256;
        byte[] raw = sp == 0 || !c.structs() ? null : c.memory().read(mask, 8);
        if (raw == null) return new Value.Struct(List.of(field("mask", new Addr(mask))), false);
        return new Value.Struct(List.of(field("mask", sigsetValue(raw))), false);
    }

    /** A siginfo_t argument: passed in (rt_sigqueueinfo) or filled by the kernel (waitid). */
    static Value siginfoArg(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (c.spec(i).phase() == Phase.EXIT && !c.succeeded()) return new Addr(addr);
        byte[] raw = c.memory().read(addr, SigInfo.SIZE);
        return raw == null ? new Value.Unreadable(addr)
                : Siginfos.siginfo(new SigInfo(raw), Siginfos.Ids.of(c));
    }

    static void register(SyscallDecoders.Registry r) {
        SyscallDecoder.ArgDecoder sigaction = Verbosity.struct(SignalDecoders::sigaction);
        r.add(SyscallDecoder.custom(1, sigaction, 2, sigaction), "rt_sigaction");
        r.add(SyscallDecoder.custom(0, SignalDecoders::how), "rt_sigprocmask");
        SyscallDecoder.ArgDecoder stack = Verbosity.struct(SignalDecoders::sigaltstack);
        r.add(SyscallDecoder.custom(0, stack, 1, stack), "sigaltstack");
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return signalReturn(c);
            }
        }, "rt_sigtimedwait");
    }
}
