package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.ArchPrctlCodes.*;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.xlat.X86XfeatureBits;
import io.jstrace.syscalls.xlat.X86XfeatureMasks;
import java.util.List;

/**
 * arch_prctl(2) (arch/x86/kernel/process_64.c do_arch_prctl_64, arch/x86/kernel/fpu/xstate.c)
 * as strace 6.1 prints it (src/prctl.c): the getters print what the kernel stored at exit
 * ({@code ARCH_GET_FS, [0x7f...]}), the XSAVE permission requests name the state component
 * and their answer's features, every other code its argument in hex.
 */
final class ArchPrctls {
    private ArchPrctls() {}

    private static long code(Call c) {
        return c.arg(0) & 0xffff_ffffL;
    }

    private static boolean baseGetter(long code) {
        return code == ARCH_GET_FS || code == ARCH_GET_GS;
    }

    /** The getters of the XSAVE features a process may use. */
    private static boolean xcompGetter(long code) {
        return code == ARCH_GET_XCOMP_SUPP || code == ARCH_GET_XCOMP_PERM || code == ARCH_GET_XCOMP_GUEST_PERM;
    }

    /** The requests for permission to use an XSAVE state component (the kernel answers the permitted mask). */
    private static boolean xcompRequest(long code) {
        return code == ARCH_REQ_XCOMP_PERM || code == ARCH_REQ_XCOMP_GUEST_PERM;
    }

    /** ARCH_GET_CPUID takes no argument. */
    static int visibleArgs(Call c) {
        return code(c) == ARCH_GET_CPUID ? 1 : 2;
    }

    /** ARCH_GET_FS, ARCH_GET_GS and ARCH_GET_XCOMP_* print what the kernel stored at exit. */
    static int entryArgs(Call c, int visible) {
        long code = code(c);
        return baseGetter(code) || xcompGetter(code) ? 1 : visible;
    }

    /**
     * An XSAVE feature mask as strace 6.1 prints it whatever -X says, but for raw: the value
     * with its XFEATURE_MASK_* names in a comment, {@code 0xe7 /* XFEATURE_MASK_FPSSE|... *\/}.
     */
    private static Value xfeatures(long v) {
        return Notes.verboseUnlessRaw(Numbers.flags(X86XfeatureMasks.XLAT, v, "XFEATURE_MASK_???"));
    }

    /**
     * arch_prctl's second argument: {@code [0x7f...]} or the feature mask for the getters,
     * the state component for the requests ({@code 0x12 /* XFEATURE_XTILE_DATA *\/}), hex otherwise.
     */
    static Value arg(Call c, int i) {
        if (i == 0) return Constants.format(c, 0);
        long addr = c.arg(1);
        long code = code(c);
        if (xcompRequest(code)) return Notes.verboseUnlessRaw(Numbers.named(X86XfeatureBits.XLAT, addr, "XFEATURE_???"));
        boolean xcomp = xcompGetter(code);
        if (!baseGetter(code) && !xcomp) return Value.hex(addr);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c) || !c.structs() && !xcomp) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        long v = TraceeArrays.u64(raw, 0);
        return new Value.Arr(List.of(xcomp ? xfeatures(v) : new Addr(v)), false);
    }

    /** A request's answer, the features now permitted: {@code 0x60003 (XFEATURE_MASK_FPSSE|XFEATURE_MASK_XTILE)}. */
    static Value returnValue(Call c) {
        long r = c.ret();
        if (!xcompRequest(code(c)) || r <= 0) return null;
        return Notes.hexNoted(r, Notes.flagsNote(X86XfeatureMasks.XLAT, r));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return ArchPrctls.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return ArchPrctls.visibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return ArchPrctls.entryArgs(c, visible);
            }

            @Override
            public Value returnValue(Call c) {
                return ArchPrctls.returnValue(c);
            }
        }, "arch_prctl");
    }
}
