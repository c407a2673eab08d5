package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.SeccompFilterFlags;
import io.jstrace.syscalls.xlat.SeccompOps;
import io.jstrace.syscalls.xlat.SeccompRetActions;
import java.util.List;

/**
 * seccomp(2)'s flags and argument by operation (kernel/seccomp.c), as strace 6.1 prints them
 * (src/seccomp.c): the filter flags and the filter program ({@link ClassicBpf}) of
 * SECCOMP_SET_MODE_FILTER, the action of SECCOMP_GET_ACTION_AVAIL, the sizes
 * SECCOMP_GET_NOTIF_SIZES returns.
 */
final class Seccomp {
    private Seccomp() {}

    private static long op(Call c) {
        return c.arg(0) & 0xffff_ffffL;
    }

    /** seccomp's flags: filter flags for SECCOMP_SET_MODE_FILTER, hex otherwise. */
    static Value flags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        if (op(c) != SeccompOps.SECCOMP_SET_MODE_FILTER) return Value.hex(v);
        return Numbers.flags(SeccompFilterFlags.XLAT, v, "SECCOMP_FILTER_FLAG_???");
    }

    /** seccomp's uargs: the operation's argument. */
    static Value args(Call c, int i) {
        long addr = c.arg(i), op = op(c);
        if (addr == 0) return new Addr(0);
        if (op == SeccompOps.SECCOMP_SET_MODE_FILTER) return ClassicBpf.seccompFprog(c, addr);
        if (op == SeccompOps.SECCOMP_GET_ACTION_AVAIL) {
            byte[] raw = c.memory().read(addr, 4);
            if (raw == null) return new Value.Unreadable(addr);
            long action = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
            return new Value.Arr(List.of(Numbers.named(SeccompRetActions.XLAT, action, "SECCOMP_RET_???")), false);
        }
        if (op == SeccompOps.SECCOMP_GET_NOTIF_SIZES) return notifSizes(c, addr);
        return new Addr(addr);
    }

    /** Whether the argument is what the kernel writes back, printed at exit. */
    static boolean argAtExit(Call c) {
        return op(c) == SeccompOps.SECCOMP_GET_NOTIF_SIZES;
    }

    /** struct seccomp_notif_sizes: three u16 the kernel fills in. */
    private static Value notifSizes(Call c, long addr) {
        if (!c.succeeded()) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 6);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("seccomp_notif", u16(raw, 0)), field("seccomp_notif_resp", u16(raw, 2)),
                field("seccomp_data", u16(raw, 4))), false);
    }

    private static Value u16(byte[] raw, int off) {
        return new Num((raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8, Base.UNSIGNED);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return switch (i) {
                    case 1 -> flags(c, i);
                    case 2 -> args(c, i);
                    default -> SyscallDecoder.super.arg(c, i);
                };
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return argAtExit(c) ? Math.min(2, visible) : visible;
            }
        }, "seccomp");
    }
}
