package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.FsMagics;
import io.jstrace.syscalls.xlat.StatfsFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * struct statfs of statfs(2) and fstatfs(2) (include/uapi/asm-generic/statfs.h, 64-bit
 * words on x86_64 and aarch64) as strace 6.1 prints it (src/print_statfs.c), in full
 * whatever -v says: f_type by magic name ({@code EXT2_SUPER_MAGIC}, or hex), the counts,
 * {@code f_fsid={val=[0x1, 0x2]}}, and f_flags only when the kernel set ST_VALID.
 */
final class Statfs {
    private static final int STATFS_SIZE = 120;
    private static final String[] COUNTS = {"f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree"};

    private Statfs() {}

    static Value statfs(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, STATFS_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        List<Field> f = new ArrayList<>();
        long type = TraceeArrays.u64(raw, 0);
        f.add(field("f_type", Numbers.named(FsMagics.XLAT, type, null)));
        for (int k = 0; k < COUNTS.length; k++) f.add(field(COUNTS[k], unsigned(TraceeArrays.u64(raw, 8 + 8 * k))));
        Value val = new Value.Arr(List.of(Value.hex(TraceeArrays.s32(raw, 56) & 0xffff_ffffL),
                Value.hex(TraceeArrays.s32(raw, 60) & 0xffff_ffffL)), false);
        f.add(field("f_fsid", new Value.Struct(List.of(field("val", val)), false)));
        f.add(field("f_namelen", unsigned(TraceeArrays.u64(raw, 64))));
        f.add(field("f_frsize", unsigned(TraceeArrays.u64(raw, 72))));
        long flags = TraceeArrays.u64(raw, 80);
        if ((flags & StatfsFlags.ST_VALID) != 0) f.add(field("f_flags", Numbers.flags(StatfsFlags.XLAT, flags)));
        return new Value.Struct(f, false);
    }

    private static Value unsigned(long v) {
        return new Num(v, Base.UNSIGNED);
    }
}
