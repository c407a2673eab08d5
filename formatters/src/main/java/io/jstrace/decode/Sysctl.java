package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import java.util.List;

/**
 * _sysctl(2)'s struct __sysctl_args (include/uapi/linux/sysctl.h; the syscall itself is gone
 * since Linux 5.5, ENOSYS) as strace 6.1 prints it (src/sysctl.c): the six fields, the
 * pointers as addresses; the whole struct must be readable, its four unused longs too.
 */
final class Sysctl {
    /** int *name, int nlen (padded), void *oldval, size_t *oldlenp, void *newval, size_t newlen, unsigned long __unused[4]. */
    private static final int SYSCTL_ARGS_SIZE = 80;

    private Sysctl() {}

    static Value args(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, SYSCTL_ARGS_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(
                field("name", new Addr(TraceeArrays.u64(raw, 0))),
                field("nlen", Value.dec(TraceeArrays.s32(raw, 8))),
                field("oldval", new Addr(TraceeArrays.u64(raw, 16))),
                field("oldlenp", new Addr(TraceeArrays.u64(raw, 24))),
                field("newval", new Addr(TraceeArrays.u64(raw, 32))),
                field("newlen", new Num(TraceeArrays.u64(raw, 40), Base.UNSIGNED))), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Verbosity.struct(Sysctl::args)), "_sysctl");
    }
}
