package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.PrctlOptions.*;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.Capabilities;
import io.jstrace.syscalls.xlat.PrCapAmbient;
import io.jstrace.syscalls.xlat.PrDumpable;
import io.jstrace.syscalls.xlat.PrFpMode;
import io.jstrace.syscalls.xlat.PrMceKill;
import io.jstrace.syscalls.xlat.PrMceKillPolicy;
import io.jstrace.syscalls.xlat.PrPacEnabledKeys;
import io.jstrace.syscalls.xlat.PrPacKeys;
import io.jstrace.syscalls.xlat.PrSchedCoreCmds;
import io.jstrace.syscalls.xlat.PrSchedCorePidtypes;
import io.jstrace.syscalls.xlat.PrSetMm;
import io.jstrace.syscalls.xlat.PrSetVma;
import io.jstrace.syscalls.xlat.PrSmeVlFlags;
import io.jstrace.syscalls.xlat.PrSpecCmds;
import io.jstrace.syscalls.xlat.PrSpecFlags;
import io.jstrace.syscalls.xlat.PrSpecSetFlags;
import io.jstrace.syscalls.xlat.PrSudCmds;
import io.jstrace.syscalls.xlat.PrSveVlFlags;
import io.jstrace.syscalls.xlat.PrTaggedAddrMteTcf;
import io.jstrace.syscalls.xlat.PrTsc;
import io.jstrace.syscalls.xlat.PrUnalignFlags;
import io.jstrace.syscalls.xlat.Secbits;
import io.jstrace.syscalls.xlat.SeccompMode;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.List;
import java.util.Set;

/**
 * prctl(2) (kernel/sys.c) as strace 6.1 prints it (src/prctl.c): each option decides how
 * many arguments print and how. Getters that fill a pointer print it at exit
 * ({@code prctl(PR_GET_PDEATHSIG, [SIGUSR1])}), getters that return their answer print no
 * argument and, for some, the answer's name ({@code = 1 (SUID_DUMP_USER)}) or its bits in
 * hex ({@code = 0x3 (PR_FP_MODE_FR|PR_FP_MODE_FRE)}); options strace does not decode print
 * their four arguments in hex.
 */
final class Prctls {
    /** TASK_COMM_LEN (include/linux/sched.h): a task name and its NUL. */
    private static final int TASK_COMM_LEN = 16;

    // @formatter:off
    /** Options that take no argument, or return their answer: {@code prctl(PR_GET_DUMPABLE)}. */
    private static final Set<Long> NO_ARGUMENT = Set.of(PR_GET_KEEPCAPS, PR_GET_SECCOMP, PR_GET_TIMERSLACK,
            PR_GET_TIMING, PR_TASK_PERF_EVENTS_DISABLE, PR_TASK_PERF_EVENTS_ENABLE, PR_GET_DUMPABLE,
            PR_GET_SECUREBITS, PR_GET_FP_MODE, PR_SVE_GET_VL, PR_SME_GET_VL);
    /** Getters whose second argument is a pointer the kernel fills: printed at exit. */
    private static final Set<Long> FILLED_AT_EXIT = Set.of(PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU,
            PR_GET_FPEXC, PR_GET_NAME, PR_GET_PDEATHSIG, PR_GET_TID_ADDRESS, PR_GET_TSC, PR_GET_UNALIGN);
    /** Setters with one argument. */
    private static final Set<Long> ONE_ARGUMENT = Set.of(PR_SET_CHILD_SUBREAPER, PR_SET_ENDIAN, PR_SET_FPEMU,
            PR_SET_FPEXC, PR_SET_KEEPCAPS, PR_SET_TIMING, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_CAPBSET_READ,
            PR_SET_NAME, PR_SET_PDEATHSIG, PR_SET_PTRACER, PR_SET_TIMERSLACK, PR_SET_TSC, PR_SET_SECUREBITS,
            PR_SET_UNALIGN, PR_GET_SPECULATION_CTRL, PR_SET_FP_MODE, PR_SVE_SET_VL, PR_SME_SET_VL);
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
        if (schedCoreGet(c)) return 4;
        return filledAtExit(option(c)) ? 1 : visible;
    }

    /** PR_SCHED_CORE_GET: the kernel stores the cookie where the fifth argument points. */
    private static boolean schedCoreGet(Call c) {
        return option(c) == PR_SCHED_CORE && (c.arg(1) & 0xffff_ffffL) == PrSchedCoreCmds.PR_SCHED_CORE_GET;
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
            return named(PrSpecSetFlags.XLAT, v, "PR_SPEC_???");
        }
        if (o == PR_SCHED_CORE) return schedCore(c, i, v);
        if (o == PR_SET_SYSCALL_USER_DISPATCH) return syscallUserDispatch(i, v);
        if (i == 2 && o == PR_CAP_AMBIENT && ambientTakesCap(c.arg(1))) return named(Capabilities.XLAT, v, "CAP_???");
        if (i == 2 && o == PR_MCE_KILL && c.arg(1) == PrMceKill.PR_MCE_KILL_SET) {
            return named(PrMceKillPolicy.XLAT, v, "PR_MCE_KILL_???");
        }
        if (o == PR_SET_VMA && c.arg(1) == PrSetVma.PR_SET_VMA_ANON_NAME) return vmaAnonName(c, i, v);
        if (o == PR_SET_SECCOMP && i == 2) return ClassicBpf.seccompFprog(c, v);
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
        if (o == PR_SET_FP_MODE) return Numbers.flags(PrFpMode.XLAT, v & 0xffff_ffffL, "PR_FP_MODE_???");
        if (o == PR_SVE_SET_VL) return vectorLength(PrSveVlFlags.XLAT, PrSveVlFlags.PR_SVE_VL_LEN_MASK, v);
        if (o == PR_SME_SET_VL) return vectorLength(PrSmeVlFlags.XLAT, PrSmeVlFlags.PR_SME_VL_LEN_MASK, v);
        if (o == PR_SET_TAGGED_ADDR_CTRL) return Notes.decoded(Value.hex(v), taggedAddrCtrl(v));
        return null;
    }

    /**
     * PR_SCHED_CORE's command, pid, scope ({@code 0x1 /* PIDTYPE_TGID *\/} under every
     * {@code -X} but raw) and the cookie's address; PR_SCHED_CORE_GET's cookie at exit.
     */
    private static Value schedCore(Call c, int i, long v) {
        return switch (i) {
            case 1 -> named(PrSchedCoreCmds.XLAT, v & 0xffff_ffffL, "PR_SCHED_CORE_???");
            case 2 -> Pids.ofKernelType(c, (int) v, c.intArg(3));
            case 3 -> Notes.verboseUnlessRaw(named(PrSchedCorePidtypes.XLAT, v & 0xffff_ffffL, "PIDTYPE_???"));
            default -> schedCoreGet(c) ? cookie(c, v) : new Addr(v);
        };
    }

    /** The 64-bit cookie PR_SCHED_CORE_GET stored: {@code [0xdeadc0debadc0ded]}; the address on failure. */
    private static Value cookie(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.hex(TraceeArrays.u64(raw, 0))), false);
    }

    /** PR_SET_SYSCALL_USER_DISPATCH's mode, offset, length and selector's address. */
    private static Value syscallUserDispatch(int i, long v) {
        return switch (i) {
            case 1 -> named(PrSudCmds.XLAT, v, "PR_SYS_DISPATCH_???");
            case 4 -> new Addr(v);
            default -> Value.hex(v);
        };
    }

    /**
     * An SVE or SME vector length with its flags, as strace 6.1 prints it: the length in
     * hex after the flags' names ({@code PR_SVE_VL_INHERIT|0xea57}, unnamed flag bits in
     * hex: {@code 0x10000|0}); {@code -X verbose} prints the whole value with that in a
     * comment, {@code -X raw} the whole value; a length without flags is just the length.
     */
    private static Value vectorLength(Xlat flags, long lengthMask, long v) {
        String text = vectorLengthFlags(flags, lengthMask, v);
        return text == null ? Value.hex(v) : Notes.decoded(Value.hex(v), new Value.Text(text));
    }

    /** {@code PR_SVE_SET_VL_ONEXEC|0xff}, or {@code null} when no flag bit is set. */
    private static String vectorLengthFlags(Xlat flags, long lengthMask, long v) {
        long bits = v & ~lengthMask;
        if (bits == 0) return null;
        return Notes.render(Numbers.flags(flags, bits), XlatStyle.ABBREV) + "|" + hexText(v & lengthMask);
    }

    private static String hexText(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /**
     * The tagged-address control (arm64, Documentation/arm64/tagged-address-abi.rst and
     * memory-tagging-extension.rst) as strace 6.1 names it: whether the ABI is enabled,
     * the tag check fault mode, the tag inclusion mask and any other bits,
     * {@code PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0xcafe<<PR_MTE_TAG_SHIFT|0x57a80000}.
     */
    private static Value taggedAddrCtrl(long v) {
        long enable = PrTaggedAddrMteTcf.PR_TAGGED_ADDR_ENABLE, tcf = PrTaggedAddrMteTcf.PR_MTE_TCF_MASK;
        long tags = PrTaggedAddrMteTcf.PR_MTE_TAG_MASK;
        StringBuilder b = new StringBuilder((v & enable) != 0 ? "PR_TAGGED_ADDR_ENABLE" : "!PR_TAGGED_ADDR_ENABLE");
        b.append('|').append(PrTaggedAddrMteTcf.XLAT.name(v & tcf));
        if ((v & tags) != 0) {
            b.append('|').append(hexText((v & tags) >>> PrTaggedAddrMteTcf.PR_MTE_TAG_SHIFT)).append("<<PR_MTE_TAG_SHIFT");
        }
        long rest = v & ~(enable | tcf | tags);
        if (rest != 0) b.append('|').append(hexText(rest));
        return new Value.Text(b.toString());
    }

    /** printxval64: the name, or hex with the comment. */
    private static Value named(Xlat table, long v, String unknown) {
        return Numbers.named(table, v, unknown);
    }

    /** strace's printsignal: the name, or the number when no signal has that number. */
    static Value signal(long v) {
        int n = (int) v;
        String name = Signal.of(n).name();
        return n <= 0 || !name.startsWith("SIG") ? Value.dec(n) : new Value.Sym(n, name, Base.SIGNED);
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
     * The answers strace names: PR_GET_DUMPABLE's and PR_MCE_KILL_GET's by name
     * ({@code 1 (SUID_DUMP_USER)}), the bit sets in hex with their names
     * ({@code 0x11 (SECBIT_NOROOT|SECBIT_KEEP_CAPS)}, the names left out under {@code -X raw});
     * {@code null} for a plain number.
     */
    static Value returnValue(Call c) {
        long o = option(c);
        long r = c.ret();
        if (o == PR_GET_DUMPABLE || o == PR_MCE_KILL_GET) {
            Xlat table = o == PR_GET_DUMPABLE ? PrDumpable.XLAT : PrMceKillPolicy.XLAT;
            return table.name(r) == null ? null : Notes.noted(Value.dec(r), new Value.Sym(r, table.name(r)));
        }
        if (o == PR_GET_SPECULATION_CTRL) {
            boolean known = PrSpecCmds.XLAT.name(c.arg(1)) != null;
            return known ? Notes.hexNoted(r, Notes.flagsNote(PrSpecFlags.XLAT, r)) : null;
        }
        if (o == PR_GET_TAGGED_ADDR_CTRL) return Notes.notedUnlessRaw(Value.hex(r), taggedAddrCtrl(r));
        if (o == PR_PAC_GET_ENABLED_KEYS) return Notes.hexNoted(r, Notes.flagsNote(PrPacEnabledKeys.XLAT, r));
        if (r == 0) return null;
        if (o == PR_GET_SECUREBITS) return Notes.hexNoted(r, Notes.flagsNote(Secbits.XLAT, r));
        if (o == PR_GET_FP_MODE) return Notes.hexNoted(r, Notes.flagsNote(PrFpMode.XLAT, r));
        if (o == PR_SVE_SET_VL || o == PR_SVE_GET_VL) {
            return vectorLengthAnswer(r, vectorLengthFlags(PrSveVlFlags.XLAT, PrSveVlFlags.PR_SVE_VL_LEN_MASK, r));
        }
        if (o == PR_SME_SET_VL || o == PR_SME_GET_VL) {
            return vectorLengthAnswer(r, vectorLengthFlags(PrSmeVlFlags.XLAT, PrSmeVlFlags.PR_SME_VL_LEN_MASK, r));
        }
        return null;
    }

    private static Value vectorLengthAnswer(long r, String flags) {
        return Notes.hexNoted(r, flags == null ? null : new Value.Text(flags));
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
    }
}
