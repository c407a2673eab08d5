package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.PerfAttrSizes;
import io.jstrace.core.TraceeMemory;
import io.jstrace.syscalls.xlat.Xlat;
import io.jstrace.syscalls.xlat.PerfHwCacheIds;
import io.jstrace.syscalls.xlat.PerfHwCacheOpIds;
import io.jstrace.syscalls.xlat.PerfHwCacheOpResultIds;
import io.jstrace.syscalls.xlat.PerfHwIds;
import io.jstrace.syscalls.xlat.PerfReadFormats;
import io.jstrace.syscalls.xlat.PerfSampleFormats;
import io.jstrace.syscalls.xlat.PerfSwIds;
import io.jstrace.syscalls.xlat.PerfTypeIds;
import java.util.ArrayList;
import java.util.List;

/**
 * perf_event_open's struct perf_event_attr (include/uapi/linux/perf_event.h) as strace 6.1
 * prints it without -v (src/perf.c): type, size, config, the sample period or frequency,
 * sample_type, read_format, the flag bits that are set (precise_ip always, with its
 * meaning) and the word's reserved bits when set, then {@code ...}. The members after the flag
 * word are not decoded. perf_event_open prints the whole call at exit, as strace does: the
 * kernel writes the size it expects back into the struct when it fails with E2BIG
 * (kernel/events/core.c perf_copy_attr), printed as {@code size=OLD => NEW}.
 */
final class PerfEvents {
    /** The bit-field word at offset 40, in bit order; precise_ip is two bits after watermark. */
    private static final String[] BITS = {"disabled", "inherit", "pinned", "exclusive", "exclude_user",
        "exclude_kernel", "exclude_hv", "exclude_idle", "mmap", "comm", "freq", "inherit_stat", "enable_on_exec",
        "task", "watermark", null, null, "mmap_data", "sample_id_all", "exclude_host", "exclude_guest",
        "exclude_callchain_kernel", "exclude_callchain_user", "mmap2", "comm_exec", "use_clockid", "context_switch",
        "write_backward", "namespaces", "ksymbol", "bpf_event", "aux_output", "cgroup", "text_poke", "build_id",
        "inherit_thread", "remove_on_exec", "sigtrap"};
    private static final int PRECISE_IP_SHIFT = 15, FREQ_BIT = 10;
    private static final String[] SKID = {"arbitrary skid", "constant skid", "requested to have 0 skid",
        "must have 0 skid"};
    private static final int ATTR_SIZE_VER0 = 64, PRINTED_SIZE = 48;
    /** errno E2BIG: the attr's size is not one the kernel knows (asm-generic/errno-base.h). */
    private static final int E2BIG = 7;

    private PerfEvents() {}

    /** perf_event_open's attr_uptr: read when its size is 0 (the first version) or at least the first version's. */
    static Value attr(Call c, int i) {
        long addr = c.arg(i);
        if (addr != 0 && !c.structs()) return new Addr(addr);
        // as it was at entry; attached within the call, as it is now
        Value v = attrAt(c, addr, c.atEntry() == EntryMemory.NONE ? c.memory() : c.atEntry());
        if (!(v instanceof Value.Struct s) || c.ret() != -E2BIG) return v;
        byte[] now = c.memory().read(addr + 4, 4);
        Value after = now == null ? new Value.Text("???") : sizeName(TraceeArrays.s32(now, 0) & 0xffff_ffffL);
        List<Field> f = new ArrayList<>(s.fields());
        f.set(1, field("size", new Value.Changed(f.get(1).value(), after)));
        return new Value.Struct(f, s.truncated());
    }

    /** The struct perf_event_attr at {@code addr} (perf_event_open's, PERF_EVENT_IOC_MODIFY_ATTRIBUTES'). */
    static Value attrAt(Call c, long addr) {
        return attrAt(c, addr, c.memory());
    }

    private static Value attrAt(Call c, long addr, TraceeMemory memory) {
        if (addr == 0) return new Addr(0);
        byte[] head = memory.read(addr, 8);
        if (head == null) return new Value.Unreadable(addr);
        long size = TraceeArrays.s32(head, 4) & 0xffff_ffffL;
        if (size != 0 && size < ATTR_SIZE_VER0) return new Addr(addr);
        byte[] raw = memory.read(addr, PRINTED_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(fields(raw, size), true);
    }

    private static List<Field> fields(byte[] raw, long size) {
        List<Field> f = new ArrayList<>();
        long type = TraceeArrays.s32(raw, 0) & 0xffff_ffffL, bits = TraceeArrays.u64(raw, 40);
        f.add(field("type", Numbers.named(PerfTypeIds.XLAT, type, "PERF_TYPE_???")));
        f.add(field("size", sizeName(size)));
        f.add(field("config", config(type, TraceeArrays.u64(raw, 8))));
        boolean freq = (bits >>> FREQ_BIT & 1) != 0;
        f.add(field(freq ? "sample_freq" : "sample_period", new Num(TraceeArrays.u64(raw, 16), Base.UNSIGNED)));
        f.add(field("sample_type", Numbers.flags(PerfSampleFormats.XLAT, TraceeArrays.u64(raw, 24), "PERF_SAMPLE_???")));
        f.add(field("read_format", Numbers.flags(PerfReadFormats.XLAT, TraceeArrays.u64(raw, 32), "PERF_FORMAT_???")));
        for (int b = 0; b < BITS.length; b++) {
            if (b == PRECISE_IP_SHIFT) {
                int ip = (int) (bits >>> PRECISE_IP_SHIFT & 3);
                f.add(field("precise_ip", new Value.Commented(Value.dec(ip), SKID[ip])));
            } else if (BITS[b] != null && (bits >>> b & 1) != 0) {
                f.add(field(BITS[b], Value.dec(1)));
            }
        }
        long reserved = bits >>> BITS.length;
        if (reserved != 0) f.add(field("__reserved_1", new Value.Commented(Value.hex(reserved), "Bits 63.." + BITS.length)));
        return f;
    }

    private static Value sizeName(long size) {
        return Numbers.named(PerfAttrSizes.XLAT, size, "PERF_ATTR_SIZE_???");
    }

    /**
     * Hardware and software events by name (a hardware event's PMU type in its high 32 bits
     * as {@code 0x8<<32|}), a tracepoint's id and cache events' config in decimal, the others' in hex.
     */
    private static Value config(long type, long config) {
        if (type == PerfTypeIds.PERF_TYPE_HARDWARE) {
            Value event = Numbers.named(PerfHwIds.XLAT, config & 0xffff_ffffL, "PERF_COUNT_HW_???");
            if (config >>> 32 == 0) return event;
            return new Value.Prefixed(IoctlRequests.hex(config >>> 32) + "<<32|", event);
        }
        if (type == PerfTypeIds.PERF_TYPE_SOFTWARE) return Numbers.named(PerfSwIds.XLAT, config, "PERF_COUNT_SW_???");
        if (type == PerfTypeIds.PERF_TYPE_HW_CACHE) return cacheConfig(config);
        if (type == PerfTypeIds.PERF_TYPE_TRACEPOINT) {
            return new Num(config, Base.UNSIGNED);
        }
        return Value.hex(config);
    }

    /**
     * A cache event's config, 0xEEEEEEEE00DDCCBB (perf_event_open(2)): the PMU type in the high
     * 32 bits and any bits 24..31 in hex, then the result (DD), the operation (CC) and the
     * cache (BB) by name, each shifted to its place:
     * {@code PERF_COUNT_HW_CACHE_RESULT_MISS<<16|PERF_COUNT_HW_CACHE_OP_READ<<8|PERF_COUNT_HW_CACHE_LL}.
     */
    private static Value cacheConfig(long config) {
        StringBuilder high = new StringBuilder();
        if (config >>> 32 != 0) high.append(IoctlRequests.hex(config >>> 32)).append("<<32|");
        if ((config >>> 24 & 0xff) != 0) high.append(IoctlRequests.hex(config >>> 24 & 0xff)).append("<<24|");
        high.append(cachePart(PerfHwCacheOpResultIds.XLAT, config >>> 16 & 0xff, "PERF_COUNT_HW_CACHE_RESULT_???"))
                .append("<<16|");
        high.append(cachePart(PerfHwCacheOpIds.XLAT, config >>> 8 & 0xff, "PERF_COUNT_HW_CACHE_OP_???")).append("<<8|");
        return new Value.Prefixed(high.toString(), Numbers.named(PerfHwCacheIds.XLAT, config & 0xff, "PERF_COUNT_HW_CACHE_???"));
    }

    private static String cachePart(Xlat table, long v, String unknown) {
        String name = table.name(v);
        return name != null ? name : IoctlRequests.hex(v) + " /* " + unknown + " */";
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 0 ? attr(c, 0) : SyscallDecoder.super.arg(c, i);
            }

            /** The attr as it was at entry, printed at exit with the size the kernel may have written. */
            @Override
            public int entryArgs(Call c, int visible) {
                return 0;
            }

            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                keep.keep(c.arg(0), PRINTED_SIZE);
            }
        }, "perf_event_open");
    }
}
