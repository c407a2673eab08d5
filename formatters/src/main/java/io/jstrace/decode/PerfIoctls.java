package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.PerfIoctlCmds.*;

import io.jstrace.syscalls.xlat.PerfIocFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * perf event ioctls (include/uapi/linux/perf_event.h, perf_event_open(2)) as strace 6.1
 * prints them (src/perf_ioctl.c): the group flag of ENABLE, DISABLE and RESET, the
 * refresh count, the new period, the output and BPF program descriptors, the filter
 * string, the event's id at exit, the attached BPF programs' ids (struct
 * perf_event_query_bpf: the room passed in, the count and ids filled in) and the new
 * attributes.
 */
final class PerfIoctls {
    /** The most of a filter string strace reads: a page. */
    private static final int FILTER_MAX = 4096;

    private PerfIoctls() {}

    static IoctlArg of(long r) {
        if (r == PERF_EVENT_IOC_ENABLE || r == PERF_EVENT_IOC_DISABLE || r == PERF_EVENT_IOC_RESET) {
            return IoctlArg.in((c, a) -> Numbers.flags(PerfIocFlags.XLAT, a & 0xffff_ffffL, "PERF_IOC_FLAG_???"));
        }
        if (r == PERF_EVENT_IOC_REFRESH) return IoctlArg.in(IoctlArg::intValue);
        if (r == PERF_EVENT_IOC_PERIOD) return IoctlArg.in((c, a) -> IoctlArg.numbers(c, a, 1, 8, false));
        if (r == PERF_EVENT_IOC_ID) return IoctlArg.out((c, a) -> IoctlArg.numbers(c, a, 1, 8, false));
        if (r == PERF_EVENT_IOC_SET_OUTPUT || r == PERF_EVENT_IOC_SET_BPF) {
            return IoctlArg.in((c, a) -> FileDecoders.descriptor(c, (int) a));
        }
        if (r == PERF_EVENT_IOC_PAUSE_OUTPUT) return IoctlArg.in(IoctlArg::unsignedValue);
        if (r == PERF_EVENT_IOC_SET_FILTER) return IoctlArg.in((c, a) -> Strings.cStringWithin(c, a, FILTER_MAX));
        if (r == PERF_EVENT_IOC_QUERY_BPF) return IoctlArg.split(PerfIoctls::queryBpf, 4);
        if (r == PERF_EVENT_IOC_MODIFY_ATTRIBUTES) return IoctlArg.in(PerfEvents::attrAt);
        return null;
    }

    /**
     * struct perf_event_query_bpf: ids_len (the room for ids) as passed in; after a
     * successful call prog_cnt and the ids the kernel wrote, else {@code ...}.
     */
    private static Value queryBpf(Call c, long addr) {
        RawStruct in = RawStruct.atEntry(c, addr, 4);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        List<Value.Field> f = new ArrayList<>(List.of(field("ids_len", in.unsigned32(0))));
        RawStruct out = c.succeeded() ? RawStruct.read(c, addr + 4, 4) : null;
        if (out == null) return new Value.Struct(f, true);
        f.add(field("prog_cnt", out.unsigned32(0)));
        f.add(field("ids", TraceeArrays.array(c, addr + 8, out.u32(0), 4,
                b -> new Value.Num(TraceeArrays.s32(b, 0) & 0xffff_ffffL, Value.Base.UNSIGNED))));
        return new Value.Struct(f, false);
    }
}
