package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.PerfAttrSizes;
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
 * word, and the cache events' config by name, are not decoded.
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

    private PerfEvents() {}

    /** perf_event_open's attr_uptr: read when its size is 0 (the first version) or at least the first version's. */
    static Value attr(Call c, int i) {
        return attrAt(c, c.arg(i));
    }

    /** The struct perf_event_attr at {@code addr} (perf_event_open's, PERF_EVENT_IOC_MODIFY_ATTRIBUTES'). */
    static Value attrAt(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        byte[] head = c.memory().read(addr, 8);
        if (head == null) return new Value.Unreadable(addr);
        long size = TraceeArrays.s32(head, 4) & 0xffff_ffffL;
        if (size != 0 && size < ATTR_SIZE_VER0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, PRINTED_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(fields(raw, size), true);
    }

    private static List<Field> fields(byte[] raw, long size) {
        List<Field> f = new ArrayList<>();
        long type = TraceeArrays.s32(raw, 0) & 0xffff_ffffL, bits = TraceeArrays.u64(raw, 40);
        f.add(field("type", Numbers.named(PerfTypeIds.XLAT, type, "PERF_TYPE_???")));
        f.add(field("size", Numbers.named(PerfAttrSizes.XLAT, size, "PERF_ATTR_SIZE_???")));
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
        if (type == PerfTypeIds.PERF_TYPE_TRACEPOINT || type == PerfTypeIds.PERF_TYPE_HW_CACHE) {
            return new Num(config, Base.UNSIGNED);
        }
        return Value.hex(config);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, PerfEvents::attr), "perf_event_open");
    }
}
