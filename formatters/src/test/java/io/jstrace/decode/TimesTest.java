package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Expected texts are strace 6.1's output for the same calls (TZ=UTC unless a test says otherwise). */
@ExtendWith(InUtc.class)
class TimesTest {
    private static final long A = 0x7ffc0000_1000L, B = 0x7ffc0000_2000L;
    private static final long EFAULT = -14, EINVAL = -22, ERESTART_RESTARTBLOCK = -516;


    private static String timespec(Call c, int i) {
        return render(Times.timespec(c, i));
    }

    @Test
    void timespecAtEntry() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 500000);
        assertEquals("{tv_sec=0, tv_nsec=500000}", timespec(Calls.of("nanosleep").args(A, 0).mem(m).enter(), 0));
    }

    @Test
    void timespecNullAndUnreadable() {
        assertEquals("NULL", timespec(Calls.of("nanosleep").args(0, 0).enter(), 0));
        assertEquals("0x8", timespec(Calls.of("nanosleep").args(8, 0).enter(), 0));
    }

    @Test
    void timespecCutByUnmappedPagePrintsAddress() {
        FakeMemory m = new FakeMemory().putLongs(A, 1);
        assertEquals("0x7ffc00001000", timespec(Calls.of("nanosleep").args(A, 0).mem(m).enter(), 0));
    }

    @Test
    void timespecNanosecondsPrintUnsigned() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, -5).putLongs(B, -1, 1000000000);
        assertEquals("{tv_sec=1, tv_nsec=18446744073709551611}",
                timespec(Calls.of("nanosleep").args(A, 0).mem(m).enter(), 0));
        assertEquals("{tv_sec=-1, tv_nsec=1000000000}", timespec(Calls.of("nanosleep").args(B, 0).mem(m).enter(), 0));
    }

    @Test
    void nanosleepRemainderIsAnAddressUnlessInterrupted() {
        FakeMemory m = new FakeMemory().putLongs(B, 1, 256249);
        Call c = Calls.of("nanosleep").args(A, B).mem(m).exit(0);
        assertEquals("0x7ffc00002000", timespec(c, 1));
        assertEquals("{tv_sec=1, tv_nsec=256249}",
                timespec(Calls.of("nanosleep").args(A, B).mem(m).exit(ERESTART_RESTARTBLOCK), 1));
        assertEquals("{tv_sec=1, tv_nsec=256249}",
                timespec(Calls.of("clock_nanosleep").args(0, 0, A, B).mem(m).exit(ERESTART_RESTARTBLOCK), 3));
        assertEquals("0x7ffc00002000", timespec(Calls.of("nanosleep").args(A, B).mem(m).exit(EINVAL), 1));
        assertEquals("NULL", timespec(Calls.of("nanosleep").args(A, 0).mem(m).exit(ERESTART_RESTARTBLOCK), 1));
    }

    @Test
    void postTimespecAfterSuccessAndFailure() {
        FakeMemory m = new FakeMemory().putLongs(A, 2976, 584363729);
        assertEquals("{tv_sec=2976, tv_nsec=584363729}",
                timespec(Calls.of("clock_gettime").args(1, A).mem(m).exit(0), 1));
        assertEquals("0x7ffc00001000", timespec(Calls.of("clock_gettime").args(99, A).mem(m).exit(EINVAL), 1));
        assertEquals("0x8", timespec(Calls.of("clock_gettime").args(0, 8).mem(m).exit(EFAULT), 1));
    }

    @Test
    void timeval() {
        FakeMemory m = new FakeMemory().putLongs(A, 1795362289, 647990).putLongs(B, 5, -6);
        assertEquals("{tv_sec=1795362289, tv_usec=647990}",
                render(Times.timeval(Calls.of("gettimeofday").args(A, 0).mem(m).exit(0), 0)));
        assertEquals("{tv_sec=5, tv_usec=18446744073709551610}",
                render(Times.timeval(Calls.of("settimeofday").args(B, 0).mem(m).enter(), 0)));
        assertEquals("0x7ffc00001000", render(Times.timeval(Calls.of("gettimeofday").args(A, 0).mem(m).exit(EFAULT), 0)));
        assertEquals("NULL", render(Times.timeval(Calls.of("select").args(0, 0, 0, 0, 0).mem(m).enter(), 4)));
    }

    @Test
    void itimerval() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2, 3, 4).putLongs(B, 0, 0, 0, 0);
        Call c = Calls.of("setitimer").args(0, A, B).mem(m).exit(0);
        assertEquals("{it_interval={tv_sec=1, tv_usec=2}, it_value={tv_sec=3, tv_usec=4}}", render(Times.itimerval(c, 1)));
        assertEquals("{it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}", render(Times.itimerval(c, 2)));
        assertEquals("NULL", render(Times.itimerval(Calls.of("setitimer").args(0, A, 0).mem(m).exit(0), 2)));
        assertEquals("0x7ffc00001000", render(Times.itimerval(Calls.of("getitimer").args(0, A).mem(m).exit(EFAULT), 1)));
    }

    @Test
    void itimerspec() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 0, 5, 6);
        Call c = Calls.of("timer_settime").args(0, 0, A, A).mem(m).exit(0);
        assertEquals("{it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, tv_nsec=6}}", render(Times.itimerspec(c, 2)));
        assertEquals("{it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, tv_nsec=6}}", render(Times.itimerspec(c, 3)));
    }

    @Test
    void itimerspecHalfReadablePrintsAddress() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2);
        assertEquals("0x7ffc00001000",
                render(Times.itimerspec(Calls.of("timerfd_settime").args(-1, 0, A, 0).mem(m).enter(), 2)));
    }

    @Test
    void utimbufWithDates() {
        FakeMemory m = new FakeMemory().putLongs(A, 100, 200).putLongs(B, 0, -1);
        assertEquals("{actime=100 /* 1970-01-01T00:01:40+0000 */, modtime=200 /* 1970-01-01T00:03:20+0000 */}",
                render(Times.utimbuf(Calls.of("utime").args(0, A).mem(m).enter(), 1)));
        assertEquals("{actime=0, modtime=-1 /* 1969-12-31T23:59:59+0000 */}",
                render(Times.utimbuf(Calls.of("utime").args(0, B).mem(m).enter(), 1)));
        assertEquals("NULL", render(Times.utimbuf(Calls.of("utime").args(0, 0).mem(m).enter(), 1)));
    }

    @Test
    void datesFollowTheLocalZone() {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        FakeMemory m = new FakeMemory().putLongs(A, 100, 200).putLongs(B, 0, 1000000, -5, 999999);
        assertEquals("{actime=100 /* 1969-12-31T19:01:40-0500 */, modtime=200 /* 1969-12-31T19:03:20-0500 */}",
                render(Times.utimbuf(Calls.of("utime").args(0, A).mem(m).enter(), 1)));
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        assertEquals("[{tv_sec=0, tv_usec=1000000}, {tv_sec=-5, tv_usec=999999} /* 1970-01-01T05:29:55.999999+0530 */]",
                render(Times.timeval(Calls.of("utimes").args(0, B).mem(m).enter(), 1)));
    }

    @Test
    void utimesPairWithDates() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2, 3, 4).putLongs(B, 0, 0, 3, -4);
        assertEquals("[{tv_sec=1, tv_usec=2} /* 1970-01-01T00:00:01.000002+0000 */, "
                + "{tv_sec=3, tv_usec=4} /* 1970-01-01T00:00:03.000004+0000 */]",
                render(Times.timeval(Calls.of("utimes").args(0, A).mem(m).enter(), 1)));
        assertEquals("[{tv_sec=1, tv_usec=2} /* 1970-01-01T00:00:01.000002+0000 */, "
                + "{tv_sec=3, tv_usec=4} /* 1970-01-01T00:00:03.000004+0000 */]",
                render(Times.timeval(Calls.of("futimesat").args(-100, 0, A).mem(m).enter(), 2)));
        assertEquals("[{tv_sec=0, tv_usec=0}, {tv_sec=3, tv_usec=18446744073709551612}]",
                render(Times.timeval(Calls.of("utimes").args(0, B).mem(m).enter(), 1)));
    }

    @Test
    void dateHasNoFractionWhenItIsZero() {
        FakeMemory m = new FakeMemory().putLongs(A, 5, 0, 0, 7);
        assertEquals("[{tv_sec=5, tv_usec=0} /* 1970-01-01T00:00:05+0000 */, "
                + "{tv_sec=0, tv_usec=7} /* 1970-01-01T00:00:00.000007+0000 */]",
                render(Times.timeval(Calls.of("utimes").args(0, A).mem(m).enter(), 1)));
        assertEquals("[{tv_sec=5, tv_nsec=0} /* 1970-01-01T00:00:05+0000 */, "
                + "{tv_sec=0, tv_nsec=7} /* 1970-01-01T00:00:00.000000007+0000 */]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, A, 0).mem(m).enter(), 2)));
    }

    @Test
    void utimesHalfReadablePairPrintsAddress() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2);
        assertEquals("0x7ffc00001000", render(Times.timeval(Calls.of("utimes").args(0, A).mem(m).enter(), 1)));
    }

    @Test
    void utimensatNames() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, Times.UTIME_NOW, 3, Times.UTIME_OMIT)
                .putLongs(B, 0, 0, 3, Times.UTIME_OMIT);
        assertEquals("[UTIME_NOW, UTIME_OMIT]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, A, 0).mem(m).enter(), 2)));
        assertEquals("[{tv_sec=0, tv_nsec=0}, UTIME_OMIT]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, B, 0).mem(m).enter(), 2)));
    }

    @Test
    void utimensatDates() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2, 1700000000, 4);
        assertEquals("[{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */, "
                + "{tv_sec=1700000000, tv_nsec=4} /* 2023-11-14T22:13:20.000000004+0000 */]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, A, 0).mem(m).enter(), 2)));
    }

    @Test
    void utimensatDatesAtTheEdges() {
        FakeMemory m = new FakeMemory()
                .putLongs(A, -62135596800L, 1000000000, 253402300800L, 999999999)
                .putLongs(B, -62135596801L, 0, Long.MAX_VALUE, 0)
                .putLongs(B + 0x100, -100000000000L, 0, 1L << 40, 0);
        assertEquals("[{tv_sec=-62135596800, tv_nsec=1000000000}, "
                + "{tv_sec=253402300800, tv_nsec=999999999} /* 10000-01-01T00:00:00.999999999+0000 */]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, A, 0).mem(m).enter(), 2)));
        assertEquals("[{tv_sec=-62135596801, tv_nsec=0} /* 0-12-31T23:59:59+0000 */, "
                + "{tv_sec=9223372036854775807, tv_nsec=0}]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, B, 0).mem(m).enter(), 2)));
        assertEquals("[{tv_sec=-100000000000, tv_nsec=0} /* -1199-02-15T14:13:20+0000 */, "
                + "{tv_sec=1099511627776, tv_nsec=0} /* 36812-02-20T00:36:16+0000 */]",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, B + 0x100, 0).mem(m).enter(), 2)));
    }

    @Test
    void utimensatNullUnreadableAndHalfReadable() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2);
        assertEquals("NULL", render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, 0, 0).enter(), 2)));
        assertEquals("0x8", render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, 8, 0).enter(), 2)));
        assertEquals("0x7ffc00001000",
                render(Times.utimeTimespec(Calls.of("utimensat").args(-100, 0, A, 0).mem(m).enter(), 2)));
    }
}
