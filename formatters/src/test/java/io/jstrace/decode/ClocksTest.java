package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Expected texts are strace 6.1's output for the same calls (TZ=UTC). */
@ExtendWith(InUtc.class)
class ClocksTest {
    private static final long A = 0x7ffe_f8d3_8cd0L;
    private static final long EFAULT = -14, EINVAL = -22;


    /** A struct timex as adjtimex(modes=0) returned it on an unsynchronised clock. */
    private static byte[] timex(int modes, int status) {
        ByteBuffer b = ByteBuffer.allocate(Clocks.TIMEX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, modes).putLong(8, -3).putLong(16, 0).putLong(24, 16000000).putLong(32, 16000000);
        b.putInt(40, status).putLong(48, 2).putLong(56, 1).putLong(64, 32768000);
        b.putLong(72, 1795378091).putLong(80, 632949).putLong(88, 10000).putInt(112, 0);
        b.putInt(160, 37);
        return b.array();
    }

    @Test
    void timezoneInAndOut() {
        FakeMemory m = new FakeMemory().putInts(A, 60, 1);
        assertEquals("{tz_minuteswest=60, tz_dsttime=1}",
                render(Formatters.format(Calls.of("settimeofday").args(0, A).mem(m).enter(), 1)));
        FakeMemory neg = new FakeMemory().putInts(A, -330, 0);
        assertEquals("{tz_minuteswest=-330, tz_dsttime=0}",
                render(Formatters.format(Calls.of("gettimeofday").args(0, A).mem(neg).exit(0), 1)));
    }

    @Test
    void timezoneNullFailedTruncated() {
        FakeMemory m = new FakeMemory().putInts(A, 60);
        assertEquals("NULL", render(Clocks.timezone(Calls.of("gettimeofday").args(0, 0).exit(0), 1)));
        assertEquals("0x7ffef8d38cd0", render(Clocks.timezone(Calls.of("gettimeofday").args(0, A).exit(EFAULT), 1)));
        assertEquals("0x7ffef8d38cd0", render(Clocks.timezone(Calls.of("settimeofday").args(0, A).mem(m).enter(), 1)));
    }

    @Test
    void timeStoresItsDate() {
        FakeMemory m = new FakeMemory().putLongs(A, 1795378091L);
        Call c = Calls.of("time").args(A).mem(m).exit(1795378091L);
        assertEquals("[1795378091 /* 2026-11-22T20:08:11+0000 */]", render(Formatters.format(c, 0)));
        assertEquals("1795378091 (2026-11-22T20:08:11+0000)", render(Formatters.returnValue(c)));
    }

    @Test
    void timeNullFailedUnreadable() {
        assertEquals("NULL", render(Clocks.timeT(Calls.of("time").args(0).exit(5), 0)));
        assertEquals("0xffffffffffffffff", render(Clocks.timeT(Calls.of("time").args(-1).exit(EFAULT), 0)));
        assertEquals("0x7ffef8d38cd0", render(Clocks.timeT(Calls.of("time").args(A).exit(5), 0)));
        // the epoch itself has no date comment (strace's sprinttime)
        FakeMemory zero = new FakeMemory().putLongs(A, 0);
        assertEquals("[0]", render(Clocks.timeT(Calls.of("time").args(A).mem(zero).exit(0), 0)));
        assertNull(Formatters.returnValue(Calls.of("time").args(A).mem(zero).exit(0)));
    }

    @Test
    void timexAtExitWithState() {
        FakeMemory m = new FakeMemory().put(A, timex(0, 0x40));
        Call c = Calls.of("adjtimex").args(A).mem(m).exit(5);
        assertEquals("{modes=0, offset=-3, freq=0, maxerror=16000000, esterror=16000000, status=STA_UNSYNC, "
                + "constant=2, precision=1, tolerance=32768000, time={tv_sec=1795378091, tv_usec=632949}, "
                + "tick=10000, ppsfreq=0, jitter=0, shift=0, stabil=0, jitcnt=0, calcnt=0, errcnt=0, stbcnt=0, "
                + "tai=37}", render(Formatters.format(c, 0)));
        assertEquals("5 (TIME_ERROR)", render(Formatters.returnValue(c)));
        Call ok = Calls.of("clock_adjtime").args(0, A).mem(m).exit(0);
        assertEquals("0 (TIME_OK)", render(Formatters.returnValue(ok)));
        assertNull(Formatters.returnValue(Calls.of("adjtimex").args(A).mem(m).exit(9)));
    }

    @Test
    void timexModesAndStatusFlags() {
        FakeMemory m = new FakeMemory().put(A, timex(0xa001, 0x2001 | 0x40 | 0x10000));
        String s = render(Clocks.timex(Calls.of("adjtimex").args(A).mem(m).exit(0), 0));
        assertEquals("{modes=ADJ_OFFSET_SS_READ, offset=-3, freq=0, maxerror=16000000, esterror=16000000, "
                + "status=STA_PLL|STA_UNSYNC|STA_NANO|0x10000, ", s.substring(0, s.indexOf("constant")));
        FakeMemory odd = new FakeMemory().put(A, timex(0x10000, 0));
        String t = render(Clocks.timex(Calls.of("adjtimex").args(A).mem(odd).exit(0), 0));
        assertEquals("{modes=0x10000 /* ADJ_??? */, ", t.substring(0, t.indexOf("offset")));
    }

    @Test
    void timexFailedNullTruncated() {
        FakeMemory m = new FakeMemory().put(A, java.util.Arrays.copyOf(timex(0, 0x40), 100));
        assertEquals("NULL", render(Clocks.timex(Calls.of("adjtimex").args(0).exit(EFAULT), 0)));
        assertEquals("0x7ffef8d38cd0", render(Clocks.timex(Calls.of("adjtimex").args(A).exit(EINVAL), 0)));
        assertEquals("0x7ffef8d38cd0", render(Clocks.timex(Calls.of("adjtimex").args(A).mem(m).exit(5), 0)));
        assertEquals("0x7ffef8d38cd0", render(Clocks.timex(Calls.of("clock_adjtime").args(0, A).mem(m).exit(5), 1)));
    }
}
