package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.PrctlOptions.*;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.ArchPrctlCodes;
import io.jstrace.syscalls.xlat.Capabilities;
import io.jstrace.syscalls.xlat.PrCapAmbient;
import io.jstrace.syscalls.xlat.PrDumpable;
import io.jstrace.syscalls.xlat.PrMceKill;
import io.jstrace.syscalls.xlat.PrMceKillPolicy;
import io.jstrace.syscalls.xlat.PrPacEnabledKeys;
import io.jstrace.syscalls.xlat.PrPacKeys;
import io.jstrace.syscalls.xlat.PrSetMm;
import io.jstrace.syscalls.xlat.PrSetVma;
import io.jstrace.syscalls.xlat.PrSpecCmds;
import io.jstrace.syscalls.xlat.PrSpecFlags;
import io.jstrace.syscalls.xlat.PrTsc;
import io.jstrace.syscalls.xlat.PrUnalignFlags;
import io.jstrace.syscalls.xlat.Secbits;
import io.jstrace.syscalls.xlat.SeccompMode;
import io.jstrace.syscalls.xlat.X86XfeatureMasks;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.List;
import java.util.Set;

/**
 * prctl(2) and arch_prctl(2) as strace 6.1 prints them (src/prctl.c): each option decides
 * how many arguments print and how. Getters that fill a pointer print it at exit
 * ({@code prctl(PR_GET_PDEATHSIG, [SIGUSR1])}), getters that return their answer print no
 * argument and, for some, the answer's name ({@code = 1 (SUID_DUMP_USER)}); options strace
 * does not decode print their four arguments in hex.
 */
final class Prctls {
    /** TASK_COMM_LEN (include/linux/sched.h): a task name and its NUL. */
    private static final int TASK_COMM_LEN = 16;

    // @formatter:off
    /** Options that take no argument, or return their answer: {@code prctl(PR_GET_DUMPABLE)}. */
    private static final Set<Long> NO_ARGUMENT = Set.of(PR_GET_KEEPCAPS, PR_GET_SECCOMP, PR_GET_TIMERSLACK,
            PR_GET_TIMING, PR_TASK_PERF_EVENTS_DISABLE, PR_TASK_PERF_EVENTS_ENABLE, PR_GET_DUMPABLE,
            PR_GET_SECUREBITS, PR_GET_FP_MODE);
    /** Getters whose second argument is a pointer the kernel fills: printed at exit. */
    private static final Set<Long> FILLED_AT_EXIT = Set.of(PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU,
            PR_GET_FPEXC, PR_GET_NAME, PR_GET_PDEATHSIG, PR_GET_TID_ADDRESS, PR_GET_TSC, PR_GET_UNALIGN);
    /** Setters with one argument. */
    private static final Set<Long> ONE_ARGUMENT = Set.of(PR_SET_CHILD_SUBREAPER, PR_SET_ENDIAN, PR_SET_FPEMU,
            PR_SET_FPEXC, PR_SET_KEEPCAPS, PR_SET_TIMING, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_CAPBSET_READ,
            PR_SET_NAME, PR_SET_PDEATHSIG, PR_SET_PTRACER, PR_SET_TIMERSLACK, PR_SET_TSC, PR_SET_SECUREBITS,
            PR_SET_UNALIGN, PR_GET_SPECULATION_CTRL);
    /** Options whose second argument prints as an unsigned number (then the rest in hex for some). */
    private static final Set<Long> UNSIGNED_SECOND = Set.of(PR_SET_CHILD_SUBREAPER, PR_SET_ENDIAN, PR_SET_FPEMU,
            PR_SET_FPEXC, PR_SET_KEEPCAPS, PR_SET_TIMING, PR_SET_NO_NEW_PRIVS, PR_SET_THP_DISABLE,
            PR_SET_IO_FLUSHER);
    // @formatter:on

    private Prctls() {}

    private static long option(Call c) {
        return c.arg(0) & 0xffff_ffffL;
    }

    private static boolean filledAtExit(long option) {
        return FILLED_AT_EXIT.contains(option);
    }

    /** How many of prctl's five arguments strace prints for this option. */
    static int visibleArgs(Call c) {
        long o = option(c);
        if (NO_ARGUMENT.contains(o)) return 1;
        if (FILLED_AT_EXIT.contains(o) || ONE_ARGUMENT.contains(o)) return 2;
        if (o == PR_SET_SECCOMP && c.arg(1) == SeccompMode.SECCOMP_MODE_STRICT) return 2;
        if (o == PR_SET_SECCOMP && c.arg(1) == SeccompMode.SECCOMP_MODE_FILTER) return 3;
        if (o == PR_SET_SPECULATION_CTRL) return 3;
        return 5;
    }

    /** The getters that fill a pointer print it at exit. */
    static int entryArgs(Call c, int visible) {
        return filledAtExit(option(c)) ? 1 : visible;
    }

    /** prctl's argument {@code i} (1 to 4) as the option says. */
    static Value arg(Call c, int i) {
        if (i == 0) return Constants.format(c, 0);
        long o = option(c);
        long v = c.arg(i);
        if (i == 1 && filledAtExit(o)) return filled(c, o, v);
        if (o == PR_PAC_SET_ENABLED_KEYS && i <= 2) return Numbers.flags(PrPacEnabledKeys.XLAT, v, "PR_PAC_???");
        if (o == PR_PAC_RESET_KEYS && i == 1) return Numbers.flags(PrPacKeys.XLAT, v, "PR_PAC_???");
        if (i == 1) {
            Value second = second(c, o, v);
            if (second != null) return second;
        }
        if (i == 2 && o == PR_SET_SPECULATION_CTRL && PrSpecCmds.XLAT.name(c.arg(1)) != null) {
            return named(PrSpecFlags.XLAT, v, "PR_SPEC_???");
        }
        if (i == 2 && o == PR_CAP_AMBIENT && ambientTakesCap(c.arg(1))) return named(Capabilities.XLAT, v, "CAP_???");
        if (i == 2 && o == PR_MCE_KILL && c.arg(1) == PrMceKill.PR_MCE_KILL_SET) {
            return named(PrMceKillPolicy.XLAT, v, "PR_MCE_KILL_???");
        }
        if (o == PR_SET_VMA && c.arg(1) == PrSetVma.PR_SET_VMA_ANON_NAME) return vmaAnonName(c, i, v);
        if (o == PR_SET_SECCOMP && i == 2) return fprog(c, v);
        return Value.hex(v);
    }

    private static boolean ambientTakesCap(long op) {
        return op == PrCapAmbient.PR_CAP_AMBIENT_RAISE || op == PrCapAmbient.PR_CAP_AMBIENT_LOWER
                || op == PrCapAmbient.PR_CAP_AMBIENT_IS_SET;
    }

    /** The second argument of the options that pass a value in it; {@code null} for hex. */
    private static Value second(Call c, long o, long v) {
        if (UNSIGNED_SECOND.contains(o)) return new Num(v, Base.UNSIGNED);
        if (o == PR_SET_DUMPABLE) return named(PrDumpable.XLAT, v, "SUID_DUMP_???");
        if (o == PR_CAPBSET_DROP || o == PR_CAPBSET_READ) return named(Capabilities.XLAT, v, "CAP_???");
        if (o == PR_CAP_AMBIENT) return named(PrCapAmbient.XLAT, v, "PR_CAP_AMBIENT_???");
        if (o == PR_MCE_KILL) return named(PrMceKill.XLAT, v, "PR_MCE_KILL_???");
        if (o == PR_SET_NAME) return Strings.cStringWithin(c, v, TASK_COMM_LEN - 1);
        if (o == PR_SET_VMA) return named(PrSetVma.XLAT, v, "PR_SET_VMA_???");
        if (o == PR_SET_MM) return named(PrSetMm.XLAT, v & 0xffff_ffffL, "PR_SET_MM_???");
        if (o == PR_SET_PDEATHSIG) return Long.compareUnsigned(v, 128) > 0 ? new Num(v, Base.UNSIGNED) : signal(v);
        if (o == PR_SET_PTRACER) {
            return (int) v == -1 ? new Value.Sym(-1, "PR_SET_PTRACER_ANY", Base.SIGNED)
                    : Pids.pid(c, (int) v, PidType.TGID);
        }
        if (o == PR_SET_SECCOMP) return named(SeccompMode.XLAT, v, "SECCOMP_MODE_???");
        if (o == PR_SET_TIMERSLACK) return Value.dec(v);
        if (o == PR_SET_UNALIGN) return Numbers.flags(PrUnalignFlags.XLAT, v & 0xffff_ffffL, "PR_UNALIGN_???");
        if (o == PR_SET_SECUREBITS) return Numbers.flags(Secbits.XLAT, v, "SECBIT_???");
        if (o == PR_GET_SPECULATION_CTRL || o == PR_SET_SPECULATION_CTRL) return named(PrSpecCmds.XLAT, v, "PR_SPEC_???");
        if (o == PR_SET_TSC) return named(PrTsc.XLAT, v & 0xffff_ffffL, "PR_TSC_???");
        return null;
    }

    /** printxval64: the name, or hex with the comment. */
    private static Value named(io.jstrace.syscalls.xlat.Xlat table, long v, String unknown) {
        return Numbers.named(table, v, unknown);
    }

    /** strace's printsignal: the name, or the number when no signal has that number. */
    static Value signal(long v) {
        int n = (int) v;
        String name = Signal.of(n).name();
        return n <= 0 || !name.startsWith("SIG") ? Value.dec(n) : new Value.Sym(n, name, Base.SIGNED);
    }

    /**
     * PR_SET_SECCOMP's struct sock_fprog (include/uapi/linux/filter.h): {@code {len=3,
     * filter=0x7ffe...}}; strace 6.1 lists the BPF instructions only under {@code -v},
     * which this leaves as the address.
     */
    private static Value fprog(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        if (!c.structs()) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(Value.field("len", Value.dec(TraceeArrays.s32(raw, 0) & 0xffff)),
                Value.field("filter", new Addr(TraceeArrays.u64(raw, 8)))), false);
    }

    /** PR_SET_VMA_ANON_NAME's start address, length and name. */
    private static Value vmaAnonName(Call c, int i, long v) {
        return switch (i) {
            case 2 -> new Addr(v);
            case 3 -> new Num(v, Base.UNSIGNED);
            default -> Strings.cString(c, v, c.options().stringLimit());
        };
    }

    /** The getters' pointer at exit: {@code [1]}, {@code [SIGUSR1]}, {@code "name"}; the address on failure. */
    private static Value filled(Call c, long o, long addr) {
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        if (o == PR_GET_NAME) return Strings.cString(c, addr, Math.min(TASK_COMM_LEN, c.options().stringLimit()));
        if (!c.structs()) return new Addr(addr);
        int size = o == PR_GET_TID_ADDRESS ? 8 : 4;
        byte[] raw = c.memory().read(addr, size);
        if (raw == null) return new Value.Unreadable(addr);
        long v = size == 8 ? TraceeArrays.u64(raw, 0) : TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        Value item;
        if (o == PR_GET_PDEATHSIG) item = signal(v);
        else if (o == PR_GET_TID_ADDRESS) item = new Addr(v);
        else if (o == PR_GET_UNALIGN) item = Numbers.flags(PrUnalignFlags.XLAT, v, "PR_UNALIGN_???");
        else if (o == PR_GET_TSC) item = named(PrTsc.XLAT, v, "PR_TSC_???");
        else item = new Num(v, Base.UNSIGNED);
        return new Value.Arr(List.of(item), false);
    }

    /**
     * PR_GET_DUMPABLE's and PR_MCE_KILL_GET's result with its name, PR_GET_SECUREBITS' (when
     * not 0) and PR_GET_SPECULATION_CTRL's in hex with their flags; {@code null} otherwise.
     */
    static Value returnValue(Call c) {
        long o = option(c);
        long r = c.ret();
        if (o == PR_GET_SECUREBITS && r != 0) return Notes.notedUnlessRaw(Value.hex(r), Numbers.flags(Secbits.XLAT, r));
        if (o == PR_GET_SPECULATION_CTRL && PrSpecCmds.XLAT.name(c.arg(1)) != null) {
            return r == 0 ? Value.hex(0) : Notes.notedUnlessRaw(Value.hex(r), Numbers.flags(PrSpecFlags.XLAT, r));
        }
        io.jstrace.syscalls.xlat.Xlat table = o == PR_GET_DUMPABLE ? PrDumpable.XLAT
                : o == PR_MCE_KILL_GET ? PrMceKillPolicy.XLAT : null;
        if (table == null || table.name(r) == null) return null;
        return Notes.noted(Value.dec(r), new Value.Sym(r, table.name(r)));
    }

    // ---- arch_prctl

    private static boolean archGetter(long code) {
        return code == ArchPrctlCodes.ARCH_GET_FS || code == ArchPrctlCodes.ARCH_GET_GS;
    }

    /** ARCH_GET_CPUID takes no argument. */
    static int archVisibleArgs(Call c) {
        return (c.arg(0) & 0xffff_ffffL) == ArchPrctlCodes.ARCH_GET_CPUID ? 1 : 2;
    }

    /** The getters of the XSAVE features a process may use (arch/x86/kernel/fpu/xstate.c). */
    private static boolean xcompGetter(long code) {
        return code == ArchPrctlCodes.ARCH_GET_XCOMP_SUPP || code == ArchPrctlCodes.ARCH_GET_XCOMP_PERM
                || code == ArchPrctlCodes.ARCH_GET_XCOMP_GUEST_PERM;
    }

    /** ARCH_GET_FS, ARCH_GET_GS and ARCH_GET_XCOMP_* print what the kernel stored at exit. */
    static int archEntryArgs(Call c, int visible) {
        long code = c.arg(0) & 0xffff_ffffL;
        return archGetter(code) || xcompGetter(code) ? 1 : visible;
    }

    /**
     * An XSAVE feature mask as strace 6.1 prints it whatever -X says, but for raw: the value
     * with its XFEATURE_MASK_* names in a comment, {@code 0xe7 /* XFEATURE_MASK_FPSSE|... *\/}.
     */
    private static Value xfeatures(long v) {
        Value hex = Value.hex(v);
        if (v == 0) return hex;
        Xlat.Decomposed d = X86XfeatureMasks.XLAT.decompose(v);
        String names = String.join("|", d.names());
        if (d.remainder() != 0) names = d.names().isEmpty() ? "XFEATURE_MASK_???" : names + "|0x" + Long.toHexString(d.remainder());
        Value commented = new Value.Commented(hex, names);
        return new Value.Styled(commented, hex, commented);
    }

    /** arch_prctl's second argument: {@code [0x7f...]} or the feature mask for the getters, hex otherwise. */
    static Value archArg(Call c, int i) {
        if (i == 0) return Constants.format(c, 0);
        long addr = c.arg(1);
        long code = c.arg(0) & 0xffff_ffffL;
        boolean xcomp = xcompGetter(code);
        if (!archGetter(code) && !xcomp) return Value.hex(addr);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c) || !c.structs() && !xcomp) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        long v = TraceeArrays.u64(raw, 0);
        return new Value.Arr(List.of(xcomp ? xfeatures(v) : new Addr(v)), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Prctls.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Prctls.visibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return Prctls.entryArgs(c, visible);
            }

            @Override
            public Value returnValue(Call c) {
                return Prctls.returnValue(c);
            }
        }, "prctl");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return archArg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return archVisibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return archEntryArgs(c, visible);
            }
        }, "arch_prctl");
    }
}
