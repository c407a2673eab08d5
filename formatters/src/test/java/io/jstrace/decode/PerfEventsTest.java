package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** perf_event_open; expected texts are strace 6.1's (without -v). */
class PerfEventsTest {
    private static final long A = 0x4a_62e0L;
    private static final long EINVAL = -22, EFAULT = -14;
    /** -e verbose=none. */
    private static final DecodeOptions NO_STRUCTS = new DecodeOptions(32, false, false, java.util.Set.of(),
            XlatStyle.ABBREV, new DecodeOptions.PerSyscall(s -> true, s -> false, s -> false), DecodeOptions.Dumps.none());

    /** The first 48 bytes of struct perf_event_attr. */
    private static FakeMemory attr(int type, int size, long config, long period, long sampleType, long readFormat,
            long bits) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(size).putLong(config)
                .putLong(period).putLong(sampleType).putLong(readFormat).putLong(bits);
        return new FakeMemory().put(A, b.array());
    }

    @Test
    void softwareEventWithSetBits() {
        FakeMemory m = attr(1, 128, 1, 0, 0, 0, 1 | 1 << 5);
        assertEquals("{type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_TASK_CLOCK, "
                + "sample_period=0, sample_type=0, read_format=0, disabled=1, exclude_kernel=1, "
                + "precise_ip=0 /* arbitrary skid */, ...}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC",
                args(Calls.of("perf_event_open").args(A, 0, -1, -1, 8).mem(m).exit(5)));
    }

    @Test
    void frequencyFormatsAndPreciseIp() {
        FakeMemory m = attr(1, 128, 0, 1000, 3, 4, 1 << 1 | 1 << 10 | 2L << 15 | 1L << 37);
        assertEquals("{type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_CPU_CLOCK, "
                + "sample_freq=1000, sample_type=PERF_SAMPLE_IP|PERF_SAMPLE_TID, read_format=PERF_FORMAT_ID, inherit=1, "
                + "freq=1, precise_ip=2 /* requested to have 0 skid */, sigtrap=1, ...}, -1, -1, -1, 0x100 /* PERF_FLAG_??? */",
                args(Calls.of("perf_event_open").args(A, -1, -1, -1, 0x100).mem(m).exit(EINVAL)));
    }

    @Test
    void sizesAndOtherTypes() {
        assertEquals("{type=PERF_TYPE_TRACEPOINT, size=0 /* PERF_ATTR_SIZE_??? */, config=123, sample_period=7, "
                + "sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}, -1, -1, -1, 0",
                args(Calls.of("perf_event_open").args(A, -1, -1, -1, 0).mem(attr(2, 0, 123, 7, 0, 0, 0)).exit(EINVAL)));
        assertEquals("{type=0x63 /* PERF_TYPE_??? */, size=0x46 /* PERF_ATTR_SIZE_??? */, config=0x5, sample_period=0, "
                + "sample_type=0, read_format=0, precise_ip=3 /* must have 0 skid */, ...}, -1, -1, -1, 0",
                args(Calls.of("perf_event_open").args(A, -1, -1, -1, 0).mem(attr(99, 70, 5, 0, 0, 0, 3L << 15))
                        .exit(EINVAL)));
    }

    @Test
    void shortSizesNullAndUnreadable() {
        assertEquals("0x4a62e0, 0, -1, -1, 0", args(Calls.of("perf_event_open").args(A, 0, -1, -1, 0)
                .mem(attr(99, 8, 5, 0, 0, 0, 0)).exit(EINVAL)));
        assertEquals("NULL, 0, -1, -1, 0", args(Calls.of("perf_event_open").args(0, 0, -1, -1, 0).exit(EFAULT)));
        assertEquals("0x8, 0, -1, -1, 0", args(Calls.of("perf_event_open").args(8, 0, -1, -1, 0).exit(EFAULT)));
        FakeMemory half = new FakeMemory().putInts(A, 1, 128, 0, 0);
        assertEquals("0x4a62e0, 0, -1, -1, 0", args(Calls.of("perf_event_open").args(A, 0, -1, -1, 0).mem(half).exit(EFAULT)));
    }

    @Test
    void cacheEventsConfigByName() {
        assertEquals("{type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_HW_CACHE_RESULT_MISS<<16"
                + "|PERF_COUNT_HW_CACHE_OP_READ<<8|PERF_COUNT_HW_CACHE_LL, sample_period=0, sample_type=0, read_format=0, "
                + "precise_ip=0 /* arbitrary skid */, ...}, 0, -1, -1, 0",
                args(Calls.of("perf_event_open").args(A, 0, -1, -1, 0).mem(attr(3, 128, 0x10002, 0, 0, 0, 0)).exit(5)));
        assertEquals("{type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER7, config=0xdeadf157<<32|0x1<<24"
                + "|0x2 /* PERF_COUNT_HW_CACHE_RESULT_??? */<<16|PERF_COUNT_HW_CACHE_OP_PREFETCH<<8"
                + "|0x7 /* PERF_COUNT_HW_CACHE_??? */, sample_period=0, sample_type=0, read_format=0, "
                + "precise_ip=0 /* arbitrary skid */, ...}, 0, -1, -1, 0",
                args(Calls.of("perf_event_open").args(A, 0, -1, -1, 0)
                        .mem(attr(3, 128, 0xdeadf157_01020207L, 0, 0, 0, 0)).exit(EINVAL)));
    }

    @Test
    void e2bigShowsTheSizeTheKernelWrote() {
        Calls call = Calls.of("perf_event_open").args(A, 0, -1, -1, 0).atEntry(attr(0, 0xa0, 0, 0, 0, 0, 0))
                .mem(attr(0, 128, 0, 0, 0, 0, 0));
        assertEquals("{type=PERF_TYPE_HARDWARE, size=0xa0 /* PERF_ATTR_SIZE_??? */ => PERF_ATTR_SIZE_VER7, "
                + "config=PERF_COUNT_HW_CPU_CYCLES, sample_period=0, sample_type=0, read_format=0, "
                + "precise_ip=0 /* arbitrary skid */, ...}, 0, -1, -1, 0", args(call.exit(-7)));
        assertEquals(0, Formatters.entryArgs(call.enter(), 5));
    }

    @Test
    void verboseNonePrintsTheAddress() {
        assertEquals("0x4a62e0, 0, -1, -1, 0", args(Calls.of("perf_event_open").args(A, 0, -1, -1, 0)
                .mem(attr(1, 128, 1, 0, 0, 0, 0)).options(NO_STRUCTS).exit(5)));
    }

    @Test
    void verbosePrintsEveryBitAndTheMembersTheSizeReaches() {
        ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN).putInt(5).putInt(72).putLong(0)
                .putLong(0).putLong(0).putLong(0).putLong(1L << 14).putInt(3).putInt(2).putLong(0x7ffd0000L).putLong(8);
        String bits = "disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, "
                + "exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=1, "
                + "precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, "
                + "exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, "
                + "context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, "
                + "text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0";
        assertEquals("{type=PERF_TYPE_BREAKPOINT, size=PERF_ATTR_SIZE_VER1, config=0, sample_period=0, sample_type=0, "
                + "read_format=0, " + bits + ", wakeup_watermark=3, bp_type=HW_BREAKPOINT_W, bp_addr=0x7ffd0000, "
                + "bp_len=8}, 0, -1, -1, 0", args(Calls.of("perf_event_open").args(A, 0, -1, -1, 0)
                        .mem(new FakeMemory().put(A, b.array())).verbose().exit(5)));
    }
}
