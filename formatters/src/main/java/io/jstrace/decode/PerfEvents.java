package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.ClockIds;
import io.jstrace.syscalls.xlat.HwBreakpointTypes;
import io.jstrace.syscalls.xlat.PerfAttrSizes;
import io.jstrace.syscalls.xlat.PerfBranchSampleTypes;
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
 * meaning) and the word's reserved bits when set, then {@code ...}; with -v every flag bit and
 * the members after the flag word, as far as the struct's size reaches. perf_event_open prints the whole call at exit, as strace does: the
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
    private static final int PRECISE_IP_SHIFT = 15, FREQ_BIT = 10, WATERMARK_BIT = 14, USE_CLOCKID_BIT = 25;
    private static final String[] SKID = {"arbitrary skid", "constant skid", "requested to have 0 skid",
        "must have 0 skid"};
    private static final int ATTR_SIZE_VER0 = 64, PRINTED_SIZE = 48;
    /** sizeof(struct perf_event_attr) as strace 6.1 knows it (PERF_ATTR_SIZE_VER7); -v reads that much at most. */
    private static final int VERBOSE_SIZE = 128;
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
        boolean all = c.options().verbose();
        byte[] raw = memory.read(addr, fetchSize(c, size));
        if (raw == null) return new Value.Unreadable(addr);
        List<Field> f = fields(raw, size, all);
        if (all) verboseFields(raw, f);
        return new Value.Struct(f, !all || size > VERBOSE_SIZE);
    }

    /** How much of the attr strace reads: the flag word and what precedes it, with -v all the size says (at most what it knows). */
    private static int fetchSize(Call c, long size) {
        if (!c.options().verbose()) return PRINTED_SIZE;
        return (int) Math.min(size == 0 ? ATTR_SIZE_VER0 : size, VERBOSE_SIZE);
    }

    private static List<Field> fields(byte[] raw, long size, boolean all) {
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
            } else if (BITS[b] != null && (all || (bits >>> b & 1) != 0)) {
                f.add(field(BITS[b], Value.dec(bits >>> b & 1)));
            }
        }
        long reserved = bits >>> BITS.length;
        if (reserved != 0) f.add(field("__reserved_1", new Value.Commented(Value.hex(reserved), "Bits 63.." + BITS.length)));
        return f;
    }

    /**
     * The members after the flag word (-v), each only when the struct's size reaches it:
     * wakeup_events (or wakeup_watermark), a breakpoint's bp_type, bp_addr and bp_len (else
     * config1 and config2), branch_sample_type and sample_stack_user when sample_type asks for
     * them, clockid with use_clockid, and the reserved halves as comments when set.
     */
    private static void verboseFields(byte[] fetched, List<Field> f) {
        int n = fetched.length;
        // a member the size reaches only in part reads as zero past it, as the kernel's copy does
        byte[] raw = java.util.Arrays.copyOf(fetched, VERBOSE_SIZE);
        long type = u32(raw, 0), sampleType = TraceeArrays.u64(raw, 24), bits = TraceeArrays.u64(raw, 40);
        boolean bp = type == PerfTypeIds.PERF_TYPE_BREAKPOINT;
        f.add(field((bits >>> WATERMARK_BIT & 1) != 0 ? "wakeup_watermark" : "wakeup_events", unsigned(u32(raw, 48))));
        if (bp) {
            long t = u32(raw, 52);
            f.add(field("bp_type", Numbers.named(HwBreakpointTypes.XLAT, t,
                    t <= (HwBreakpointTypes.HW_BREAKPOINT_X | HwBreakpointTypes.HW_BREAKPOINT_RW)
                            ? "HW_BREAKPOINT_INVALID" : "HW_BREAKPOINT_???")));
        }
        f.add(field(bp ? "bp_addr" : "config1", Value.hex(TraceeArrays.u64(raw, 56))));
        if (n <= 64) return;
        f.add(field(bp ? "bp_len" : "config2", bp ? unsigned(TraceeArrays.u64(raw, 64)) : Value.hex(TraceeArrays.u64(raw, 64))));
        if (n <= 72) return;
        if ((sampleType & PerfSampleFormats.PERF_SAMPLE_BRANCH_STACK) != 0) {
            f.add(field("branch_sample_type", Numbers.flags(PerfBranchSampleTypes.XLAT, TraceeArrays.u64(raw, 72),
                    "PERF_SAMPLE_BRANCH_???")));
        }
        if (n <= 80) return;
        f.add(field("sample_regs_user", Value.hex(TraceeArrays.u64(raw, 80))));
        if (n <= 88) return;
        if ((sampleType & PerfSampleFormats.PERF_SAMPLE_STACK_USER) != 0) {
            f.add(field("sample_stack_user", Value.hex(u32(raw, 88))));
        }
        if ((bits >>> USE_CLOCKID_BIT & 1) != 0) {
            if (n <= 92) return;
            f.add(field("clockid", Numbers.named(ClockIds.XLAT, u32(raw, 92), "CLOCK_???")));
        }
        if (n <= 96) return;
        f.add(field("sample_regs_intr", Value.hex(TraceeArrays.u64(raw, 96))));
        if (n <= 104) return;
        f.add(field("aux_watermark", unsigned(u32(raw, 104))));
        if (n <= 108) return;
        f.add(field("sample_max_stack", unsigned(u16(raw, 108))));
        if (n <= 110) return;
        reservedComment(f, u16(raw, 110), "bytes 110..111: ");
        if (n <= 112) return;
        f.add(field("aux_sample_size", unsigned(u32(raw, 112))));
        if (n <= 116) return;
        reservedComment(f, u32(raw, 116), "bytes 116..119: ");
        if (n <= 120) return;
        f.add(field("sig_data", Value.hex(TraceeArrays.u64(raw, 120))));
    }

    /** A reserved part that is set: a comment after the member before it. */
    private static void reservedComment(List<Field> f, long v, String where) {
        if (v == 0) return;
        Field last = f.remove(f.size() - 1);
        f.add(field(last.name(), new Value.Commented(last.value(), where + IoctlRequests.hex(v))));
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    private static long u16(byte[] raw, int off) {
        return (raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8;
    }

    private static Value unsigned(long v) {
        return new Num(v, Base.UNSIGNED);
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
                byte[] head = c.memory().read(c.arg(0), 8);
                if (head != null) keep.keep(c.arg(0), fetchSize(c, TraceeArrays.s32(head, 4) & 0xffff_ffffL));
            }
        }, "perf_event_open");
    }
}
