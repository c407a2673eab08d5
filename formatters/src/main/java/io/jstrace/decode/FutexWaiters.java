package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.FutexWaiterFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * futex_waitv(2)'s array of struct futex_waitv (kernel/futex/syscalls.c,
 * include/uapi/linux/futex.h) as strace 6.1 prints it (src/futex_waitv.c):
 * {@code [{val=0x1, uaddr=0x4a40d4, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...]}.
 */
final class FutexWaiters {
    /** struct futex_waitv: u64 val, u64 uaddr, u32 flags, u32 __reserved. */
    static final int WAITER_SIZE = 24;

    private FutexWaiters() {}

    /** FUTEX_WAITV_MAX (include/uapi/linux/futex.h): the kernel takes at most 128 waiters. */
    static final int WAITV_MAX = 128;

    /**
     * futex_waitv's waiters: the waiters; their count is the next argument. As strace 6.1,
     * a waiter past FUTEX_WAITV_MAX that could be read ends the array with {@code ...}.
     */
    static Value waiters(Call c, int i) {
        long count = Math.min(c.arg(i + 1) & 0xffff_ffffL, WAITV_MAX + 1);
        Value v = TraceeArrays.array(c, c.arg(i), count, WAITER_SIZE, FutexWaiters::waiter);
        if (v instanceof Value.Arr a && a.items().size() > WAITV_MAX && a.items().get(WAITV_MAX) instanceof Value.Struct) {
            return new Value.Arr(a.items().subList(0, WAITV_MAX), true);
        }
        return v;
    }

    /** One waiter; {@code __reserved} prints only when it is not 0 (the kernel rejects it then). */
    static Value waiter(byte[] raw) {
        List<Field> f = new ArrayList<>();
        f.add(field("val", Value.hex(TraceeArrays.u64(raw, 0))));
        f.add(field("uaddr", new Addr(TraceeArrays.u64(raw, 8))));
        long flags = TraceeArrays.s32(raw, 16) & 0xffff_ffffL;
        f.add(field("flags", Numbers.flags(FutexWaiterFlags.XLAT, flags, "FUTEX_???")));
        long reserved = TraceeArrays.s32(raw, 20) & 0xffff_ffffL;
        if (reserved != 0) f.add(field("__reserved", Value.hex(reserved)));
        return new Value.Struct(f, false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, FutexWaiters::waiters), "futex_waitv");
    }
}
