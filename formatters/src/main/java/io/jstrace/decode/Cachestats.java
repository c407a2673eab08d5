package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import java.util.List;

/**
 * cachestat (Linux 6.5, include/uapi/linux/mman.h) as strace 6.5 and later print it
 * (src/cachestat.c): the struct cachestat_range at entry, {@code {off=0x1000, len=4096}}
 * with the offset in hex, the struct cachestat the kernel fills at exit,
 * {@code {nr_cache=1, nr_dirty=0, nr_writeback=0, nr_evicted=0, nr_recently_evicted=0}},
 * then the flags in hex. strace 6.1 does not know the syscall.
 */
final class Cachestats {
    /** struct cachestat_range: __u64 off, len. */
    private static final int RANGE_SIZE = 16;
    /** struct cachestat: five __u64 counters. */
    private static final String[] COUNTERS = {"nr_cache", "nr_dirty", "nr_writeback", "nr_evicted",
        "nr_recently_evicted"};

    private Cachestats() {}

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return switch (i) {
                    case 1 -> range(c, 1);
                    case 2 -> stat(c, 2);
                    default -> SyscallDecoder.super.arg(c, i);
                };
            }
        }, "cachestat");
    }

    private static Value range(Call c, int i) {
        byte[] raw = read(c, i, RANGE_SIZE);
        if (raw == null) return unread(c, i);
        return new Value.Struct(List.of(field("off", Value.hex(TraceeArrays.u64(raw, 0))),
                field("len", new Num(TraceeArrays.u64(raw, 8), Base.UNSIGNED))), false);
    }

    /** Read at exit, and only when the call succeeded (strace's umove_or_printaddr). */
    private static Value stat(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return new Addr(c.arg(i));
        byte[] raw = read(c, i, 8 * COUNTERS.length);
        if (raw == null) return unread(c, i);
        var fields = new java.util.ArrayList<Value.Field>(COUNTERS.length);
        for (int k = 0; k < COUNTERS.length; k++) {
            fields.add(field(COUNTERS[k], new Num(TraceeArrays.u64(raw, 8 * k), Base.UNSIGNED)));
        }
        return new Value.Struct(fields, false);
    }

    /** The struct's bytes; {@code null} for NULL, outside {@code -e verbose=}, or unreadable. */
    private static byte[] read(Call c, int i, int size) {
        long addr = c.arg(i);
        return addr == 0 || !c.structs() ? null : c.memory().read(addr, size);
    }

    private static Value unread(Call c, int i) {
        long addr = c.arg(i);
        return addr == 0 || !c.structs() ? new Addr(addr) : new Value.Unreadable(addr);
    }
}
