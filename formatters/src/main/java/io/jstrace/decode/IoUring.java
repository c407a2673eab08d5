package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.IoUringFeatures;
import io.jstrace.syscalls.xlat.IoUringSetupFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * io_uring_setup's struct io_uring_params (include/uapi/linux/io_uring.h), as strace 6.1
 * prints it (src/io_uring.c); io_uring_register's arguments are {@link IoUringRegister}'s.
 */
final class IoUring {
    /** sizeof(struct io_uring_params). */
    static final int PARAMS_SIZE = 120;
    private static final String[] SQ_OFF = {"head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array"};
    private static final String[] CQ_OFF = {"head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags"};

    private IoUring() {}

    /**
     * io_uring_setup's p: what the tracee passed in (flags, sq_thread_cpu, sq_thread_idle, wq_fd
     * under IORING_SETUP_ATTACH_WQ, resv when not zero) from the memory kept at entry, then,
     * after a successful call, what the kernel filled in: ring sizes, features and offsets.
     */
    static Value params(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] in = c.atEntry().read(addr, PARAMS_SIZE);
        if (in == null) in = c.memory().read(addr, PARAMS_SIZE);
        if (in == null) return new Value.Unreadable(addr);
        List<Field> f = new ArrayList<>();
        long flags = u32(in, 8);
        f.add(field("flags", Numbers.flags(IoUringSetupFlags.XLAT, flags, "IORING_SETUP_???")));
        f.add(field("sq_thread_cpu", Value.hex(u32(in, 12))));
        f.add(field("sq_thread_idle", new Num(u32(in, 16), Base.UNSIGNED)));
        if ((flags & IoUringSetupFlags.IORING_SETUP_ATTACH_WQ) != 0) {
            f.add(field("wq_fd", FileDecoders.descriptor(c, TraceeArrays.s32(in, 24))));
        }
        if (u32(in, 28) != 0 || u32(in, 32) != 0 || u32(in, 36) != 0) {
            f.add(field("resv", new Value.Arr(List.of(Value.hex(u32(in, 28)), Value.hex(u32(in, 32)),
                    Value.hex(u32(in, 36))), false)));
        }
        byte[] out = c.succeeded() ? c.memory().read(addr, PARAMS_SIZE) : null;
        if (out != null) filledIn(out, f);
        return new Value.Struct(f, false);
    }

    private static void filledIn(byte[] out, List<Field> f) {
        f.add(field("sq_entries", new Num(u32(out, 0), Base.UNSIGNED)));
        f.add(field("cq_entries", new Num(u32(out, 4), Base.UNSIGNED)));
        f.add(field("features", Numbers.flags(IoUringFeatures.XLAT, u32(out, 20), "IORING_FEAT_???")));
        f.add(field("sq_off", offsets(out, 40, SQ_OFF)));
        f.add(field("cq_off", offsets(out, 80, CQ_OFF)));
    }

    /** struct io_sqring_offsets / io_cqring_offsets: seven u32, then resv1 and resv2 when set. */
    private static Value offsets(byte[] raw, int off, String[] names) {
        List<Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], new Num(u32(raw, off + 4 * k), Base.UNSIGNED)));
        long resv1 = u32(raw, off + 28), resv2 = TraceeArrays.u64(raw, off + 32);
        if (resv1 != 0) f.add(field("resv1", Value.hex(resv1)));
        if (resv2 != 0) f.add(field("resv2", Value.hex(resv2)));
        return new Value.Struct(f, false);
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 1 ? Verbosity.struct(c, i, params(c, i)) : SyscallDecoder.super.arg(c, i);
            }

            /** The parameters passed in, printed at exit beside what the kernel filled in. */
            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                keep.keep(c.arg(1), PARAMS_SIZE);
            }
        }, "io_uring_setup");
    }
}
