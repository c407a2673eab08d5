package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.BlockIoctlCmds.*;

import io.jstrace.core.PidType;
import io.jstrace.syscalls.xlat.BlkpgOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Block device ioctls (include/uapi/linux/fs.h, blkpg.h, blktrace_api.h) as strace 6.1
 * prints them (src/block.c): the sizes and settings the getters return at exit, in brackets
 * in their C types; the setters' ints and ranges at entry, the read-ahead setters' value
 * itself; {@code struct blkpg_ioctl_arg} and its partition; {@code struct
 * blk_user_trace_setup}, whose trace name the kernel fills in.
 */
final class BlockIoctls {
    /** sizeof(struct blkpg_ioctl_arg), struct blkpg_partition, struct blk_user_trace_setup. */
    private static final int BLKPG_ARG_SIZE = 24, PARTITION_SIZE = 152, TRACE_SETUP_SIZE = 72;
    /** BLKPG_DEVNAMELTH, BLKPG_VOLNAMELTH, BLKTRACE_BDEV_SIZE. */
    private static final int NAME_SIZE = 64, TRACE_NAME_SIZE = 32;

    private BlockIoctls() {}

    static IoctlArg of(long r) {
        if (r == BLKRRPART || r == BLKFLSBUF || r == BLKTRACESTART || r == BLKTRACESTOP || r == BLKTRACETEARDOWN) {
            return IoctlArg.NONE;
        }
        if (r == BLKRASET || r == BLKFRASET) return IoctlArg.in(IoctlArg::unsignedValue);
        if (r == BLKROSET || r == BLKBSZSET) return IoctlArg.in((c, a) -> IoctlArg.numbers(c, a, 1, 4, true));
        if (r == BLKDISCARD || r == BLKSECDISCARD || r == BLKZEROOUT) {
            return IoctlArg.in((c, a) -> IoctlArg.numbers(c, a, 2, 8, false));
        }
        if (r == BLKPG) return IoctlArg.in(BlockIoctls::blkpg);
        if (r == BLKTRACESETUP) return IoctlArg.split(BlockIoctls::traceSetup, TRACE_SETUP_SIZE);
        return getter(r);
    }

    /** The getters: unsigned short, int, unsigned int, long, unsigned long or u64. */
    private static IoctlArg getter(long r) {
        if (r == BLKSECTGET || r == BLKROTATIONAL) return out(2, false);
        if (r == BLKROGET || r == BLKBSZGET || r == BLKSSZGET || r == BLKALIGNOFF) return out(4, true);
        if (r == BLKPBSZGET || r == BLKIOMIN || r == BLKIOOPT || r == BLKDISCARDZEROES || r == BLKGETZONESZ
                || r == BLKGETNRZONES) {
            return out(4, false);
        }
        if (r == BLKRAGET || r == BLKFRAGET) return out(8, true);
        if (r == BLKGETSIZE || r == BLKGETSIZE64 || r == BLKGETDISKSEQ) return out(8, false);
        return null;
    }

    private static IoctlArg out(int size, boolean signed) {
        return IoctlArg.out((c, a) -> IoctlArg.numbers(c, a, 1, size, signed));
    }

    /** struct blkpg_ioctl_arg: op, flags, datalen, then the struct blkpg_partition at data. */
    private static Value blkpg(Call c, long addr) {
        return RawStruct.struct(c, addr, BLKPG_ARG_SIZE, s -> {
            List<Value.Field> f = new ArrayList<>();
            f.add(field("op", Numbers.named(BlkpgOps.XLAT, s.u32(0), "BLKPG_???")));
            f.add(field("flags", s.signed32(4)));
            f.add(field("datalen", s.signed32(8)));
            long data = s.u64(16);
            f.add(field("data", RawStruct.struct(c, data, PARTITION_SIZE, p -> List.of(
                    field("start", Value.dec(p.u64(0))), field("length", Value.dec(p.u64(8))),
                    field("pno", p.signed32(16)), field("devname", p.cString(20, NAME_SIZE)),
                    field("volname", p.cString(20 + NAME_SIZE, NAME_SIZE))))));
            return f;
        });
    }

    /**
     * struct blk_user_trace_setup: act_mask, buf_size, buf_nr, start_lba, end_lba and pid as
     * passed in; after a successful call, the name the kernel gave the trace.
     */
    private static Value traceSetup(Call c, long addr) {
        RawStruct in = RawStruct.atEntry(c, addr, TRACE_SETUP_SIZE);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        List<Value.Field> f = new ArrayList<>();
        f.add(field("act_mask", new Value.Num(in.u16(32), Value.Base.UNSIGNED)));
        f.add(field("buf_size", in.unsigned32(36)));
        f.add(field("buf_nr", in.unsigned32(40)));
        f.add(field("start_lba", in.unsigned64(48)));
        f.add(field("end_lba", in.unsigned64(56)));
        f.add(field("pid", Pids.pid(c, in.s32(64), PidType.TGID)));
        RawStruct out = c.succeeded() ? RawStruct.read(c, addr, TRACE_SETUP_SIZE) : null;
        if (out != null) f.add(field("name", out.cString(0, TRACE_NAME_SIZE)));
        return new Value.Struct(f, false);
    }
}
