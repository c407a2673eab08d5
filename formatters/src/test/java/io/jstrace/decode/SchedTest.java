package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class SchedTest {
    private static final long A = 0x7ffd1cc7_eec0L;
    private static final long EFAULT = -14, EINVAL = -22, E2BIG = -7;

    private static String fmt(Call c, int i) {
        return render(Formatters.format(c, i));
    }

    /** struct sched_attr up to sched_util_max. */
    private static byte[] attr(int size, int policy, long flags, int nice, long runtime) {
        return ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN).putInt(size).putInt(policy).putLong(flags)
                .putInt(nice).putInt(0).putLong(runtime).putLong(0).putLong(0).putInt(0).putInt(1024).array();
    }

    @Test
    void schedParam() {
        FakeMemory m = new FakeMemory().putInts(A, 5);
        assertEquals("[5]", fmt(Calls.of("sched_setscheduler").args(0, 0, A).mem(m).enter(), 2));
        assertEquals("[5]", fmt(Calls.of("sched_getparam").args(0, A).mem(m).exit(0), 1));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_getparam").args(0, A).mem(m).exit(EINVAL), 1));
        assertEquals("NULL", fmt(Calls.of("sched_setparam").args(0, 0).enter(), 1));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_setparam").args(0, A).enter(), 1));
    }

    @Test
    void cpuSets() {
        FakeMemory m = new FakeMemory().putLongs(A, 3, 0x8000000000000001L);
        assertEquals("[0 1]", fmt(Calls.of("sched_getaffinity").args(0, 16, A).mem(m).exit(8), 2));
        assertEquals("[0 1 64 127]", fmt(Calls.of("sched_setaffinity").args(0, 16, A).mem(m).enter(), 2));
        assertEquals("[0 1 64]", fmt(Calls.of("sched_setaffinity").args(0, 12, A).mem(m).enter(), 2));
        assertEquals("[]", fmt(Calls.of("sched_setaffinity").args(0, 0, 8).enter(), 2));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_getaffinity").args(0, 3, A).mem(m).exit(EINVAL), 2));
        assertEquals("NULL", fmt(Calls.of("sched_setaffinity").args(0, 8, 0).enter(), 2));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_setaffinity").args(0, 24, A).mem(m).enter(), 2));
    }

    @Test
    void schedAttrIn() {
        FakeMemory m = new FakeMemory().put(A, attr(56, 5, 1, 5, 1400000));
        assertEquals("{size=56, sched_policy=SCHED_IDLE, sched_flags=SCHED_FLAG_RESET_ON_FORK, sched_nice=5, "
                + "sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, sched_util_min=0, "
                + "sched_util_max=1024}", fmt(Calls.of("sched_setattr").args(0, A, 0).mem(m).enter(), 1));
        FakeMemory v0 = new FakeMemory().put(A, java.util.Arrays.copyOf(attr(0, 9, 0x81, -3, 0), 48));
        assertEquals("{size=0, sched_policy=0x9 /* SCHED_??? */, sched_flags=SCHED_FLAG_RESET_ON_FORK|0x80, "
                + "sched_nice=-3, sched_priority=0, sched_runtime=0, sched_deadline=0, sched_period=0}",
                fmt(Calls.of("sched_setattr").args(0, A, 0).mem(v0).enter(), 1));
    }

    @Test
    void schedAttrInTooLargeAndTooSmall() {
        FakeMemory big = new FakeMemory().put(A, attr(200, 0, 0, 0, 0)).put(A + 56, new byte[144]);
        Call c = Calls.of("sched_setattr").args(0, A, 0).mem(big).enter();
        assertEquals("{size=200, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, sched_priority=0, "
                + "sched_runtime=0, sched_deadline=0, sched_period=0, sched_util_min=0, sched_util_max=1024, ...}",
                fmt(c, 1));
        FakeMemory small = new FakeMemory().putInts(A, 20);
        assertEquals("{size=20}", fmt(Calls.of("sched_setattr").args(0, A, 0).mem(small).enter(), 1));
        FakeMemory cut = new FakeMemory().putInts(A, 56, 0);
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_setattr").args(0, A, 0).mem(cut).enter(), 1));
    }

    @Test
    void setattrE2bigPrintsTheSizeTheKernelWrote() {
        FakeMemory after = new FakeMemory().put(A, attr(56, 0, 0, 0, 0));
        Call c = Calls.of("sched_setattr").args(0, A, 0).mem(after).exit(E2BIG);
        assertEquals(" => {size=56}", Rendered.exitSuffix(c));
        assertEquals("", Rendered.exitSuffix(Calls.of("sched_setattr").args(0, A, 0).mem(after).exit(0)));
        assertEquals(2, Formatters.entryArgs(c, 3));
    }

    @Test
    void schedAttrOut() {
        FakeMemory m = new FakeMemory().put(A, attr(56, 3, 0, 0, 2800000));
        assertEquals("{size=56, sched_policy=SCHED_BATCH, sched_flags=0, sched_nice=0, sched_priority=0, "
                + "sched_runtime=2800000, sched_deadline=0, sched_period=0, sched_util_min=0, sched_util_max=1024}",
                fmt(Calls.of("sched_getattr").args(0, A, 56, 0).mem(m).exit(0), 1));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_getattr").args(0, A, 8, 0).mem(m).exit(EINVAL), 1));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("sched_getattr").args(0, A, 56, 0).exit(0), 1));
    }

    @Test
    void getcpuAndScheduler() {
        FakeMemory m = new FakeMemory().putInts(A, 3, 0);
        Call c = Calls.of("getcpu").args(A, A + 4, 0).mem(m).exit(0);
        assertEquals("[3]", fmt(c, 0));
        assertEquals("[0]", fmt(c, 1));
        assertEquals("0x7ffd1cc7eec0", fmt(Calls.of("getcpu").args(A, 0, 0).mem(m).exit(EFAULT), 0));
        assertEquals("3 (SCHED_BATCH)", render(Formatters.returnValue(Calls.of("sched_getscheduler").args(0).exit(3))));
        assertNull(Formatters.returnValue(Calls.of("sched_getscheduler").args(0).exit(0x40000000)));
    }
}
