package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected texts are strace 6.1's output for
 * {@code syscall(SYS_futex, U, op, 7, &ts, U2, 0x12345678)} with ts = {0, 1000}.
 */
class FutexesTest {
    private static final long U = 0x7ffd_0000_1000L, U2 = 0x7ffd_0000_2000L, TS = 0x7ffd_8caf_0040L;
    private static final String TIMEOUT = "{tv_sec=0, tv_nsec=1000}";
    private static final String VAL2 = Long.toString(TS & 0xffff_ffffL);

    private static final FakeMemory MEM = new FakeMemory().putLongs(TS, 0, 1000);

    private static String futex(long op, long val, long timeout, long uaddr2, long val3) {
        Call c = Calls.of("futex").args(U, op, val, timeout, uaddr2, val3).mem(MEM).enter();
        List<String> out = new ArrayList<>();
        for (int pos = 0; pos < Futexes.visibleArgs(c); pos++) out.add(render(Futexes.arg(c, pos)));
        return String.join(", ", out);
    }

    private static String futex(long op) {
        return futex(op, 7, TS, U2, 0x12345678);
    }

    @Test
    void waitShowsValAndTimeout() {
        assertEquals("0x7ffd00001000, FUTEX_WAIT, 7, " + TIMEOUT, futex(0));
        assertEquals("0x7ffd00001000, FUTEX_WAIT_PRIVATE, 7, " + TIMEOUT, futex(128));
        assertEquals("0x7ffd00001000, FUTEX_WAIT|FUTEX_CLOCK_REALTIME, 7, " + TIMEOUT, futex(256));
        assertEquals("0x7ffd00001000, FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME, 7, " + TIMEOUT, futex(384));
    }

    @Test
    void waitTimeoutNullOrUnreadable() {
        assertEquals("0x7ffd00001000, FUTEX_WAIT, 7, NULL", futex(0, 7, 0, U2, 0));
        assertEquals("0x7ffd00001000, FUTEX_WAIT, 7, 0x8", futex(0, 7, 8, U2, 0));
        assertEquals("0x7ffd00001000, FUTEX_WAIT, 4294967295, " + TIMEOUT, futex(0, -1, TS, U2, 0));
    }

    @Test
    void wakeShowsThreeArguments() {
        assertEquals("0x7ffd00001000, FUTEX_WAKE, 7", futex(1));
        assertEquals("0x7ffd00001000, FUTEX_WAKE_PRIVATE, 7", futex(129));
        assertEquals("0x7ffd00001000, 0x101 /* FUTEX_??? */, 7", futex(257));
        assertEquals("0x7ffd00001000, 0x181 /* FUTEX_??? */, 7", futex(385));
        Call c = Calls.of("futex").args(0, 1, 1, 0, 0, 0).enter();
        assertEquals(3, Futexes.visibleArgs(c));
        assertEquals("NULL", render(Futexes.arg(c, 0)));
    }

    @Test
    void fd() {
        assertEquals("0x7ffd00001000, FUTEX_FD, 7", futex(2));
        assertEquals("0x7ffd00001000, FUTEX_FD|FUTEX_PRIVATE_FLAG, 7", futex(130));
        assertEquals("0x7ffd00001000, 0x102 /* FUTEX_??? */, 7", futex(258));
    }

    @Test
    void requeue() {
        assertEquals("0x7ffd00001000, FUTEX_REQUEUE, 7, " + VAL2 + ", 0x7ffd00002000", futex(3));
        assertEquals("0x7ffd00001000, FUTEX_REQUEUE_PRIVATE, 7, " + VAL2 + ", 0x7ffd00002000", futex(131));
        assertEquals("0x7ffd00001000, 0x183 /* FUTEX_??? */, 7, " + VAL2 + ", 0x7ffd00002000", futex(387));
    }

    @Test
    void cmpRequeue() {
        assertEquals("0x7ffd00001000, FUTEX_CMP_REQUEUE, 7, " + VAL2 + ", 0x7ffd00002000, 305419896", futex(4));
        assertEquals("0x7ffd00001000, FUTEX_CMP_REQUEUE_PRIVATE, 7, " + VAL2 + ", 0x7ffd00002000, 305419896",
                futex(132));
        assertEquals("0x7ffd00001000, FUTEX_CMP_REQUEUE_PI, 7, " + VAL2 + ", 0x7ffd00002000, 305419896", futex(12));
        assertEquals("0x7ffd00001000, FUTEX_CMP_REQUEUE, 4294967295, 4294967295, 0x7ffd00002000, 4294967295",
                futex(4, -1, -1, U2, -1));
    }

    @Test
    void wakeOp() {
        assertEquals("0x7ffd00001000, FUTEX_WAKE_OP, 7, " + VAL2
                + ", 0x7ffd00002000, FUTEX_OP_ADD<<28|0x345<<12|FUTEX_OP_CMP_LT<<24|0x678", futex(5));
        assertEquals("0x7ffd00001000, FUTEX_WAKE_OP_PRIVATE, 7, 3, 0x7ffd00002000, "
                + "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1", futex(133, 7, 3, U2, 0x04000001));
    }

    @Test
    void wakeOpEncodings() {
        assertEquals("FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_ADD<<28|0xfff<<12|FUTEX_OP_CMP_EQ<<24|0xabc",
                Futexes.wakeOp(0x90fffabcL));
        assertEquals("0x7<<28 /* FUTEX_OP_??? */|0<<12|0xf<<24 /* FUTEX_OP_CMP_??? */|0", Futexes.wakeOp(0x7f000000L));
        assertEquals("FUTEX_OP_OPARG_SHIFT<<28|0x7<<28 /* FUTEX_OP_??? */|0xfff<<12|0xf<<24 /* FUTEX_OP_CMP_??? */|0xfff",
                Futexes.wakeOp(0xffffffffL));
    }

    @Test
    void wakeOpInRawAndVerboseStyles() {
        // strace 6.1 -X raw keeps the ??? comments; -X verbose names each field after its value
        assertEquals("0x1<<28 /* FUTEX_OP_??? */|0x1<<12|0x4<<24 /* FUTEX_OP_CMP_??? */|0",
                Futexes.wakeOp(0x14001000L, XlatStyle.RAW));
        assertEquals("0x8<<28|0<<28 /* FUTEX_OP_??? */|0x1<<12|0x9<<24 /* FUTEX_OP_CMP_??? */|0",
                Futexes.wakeOp(0x89001000L, XlatStyle.RAW));
        assertEquals("0x1 /* FUTEX_OP_ADD */<<28|0x1<<12|0x4 /* FUTEX_OP_CMP_GT */<<24|0",
                Futexes.wakeOp(0x14001000L, XlatStyle.VERBOSE));
        assertEquals("0x8 /* FUTEX_OP_OPARG_SHIFT */<<28|0 /* FUTEX_OP_SET */<<28|0x1<<12|0x9<<24 "
                + "/* FUTEX_OP_CMP_??? */|0", Futexes.wakeOp(0x89001000L, XlatStyle.VERBOSE));
    }

    @Test
    void lockPiShowsOnlyTheTimeout() {
        assertEquals("0x7ffd00001000, FUTEX_LOCK_PI, " + TIMEOUT, futex(6));
        assertEquals("0x7ffd00001000, FUTEX_LOCK_PI_PRIVATE, " + TIMEOUT, futex(134));
        assertEquals("0x7ffd00001000, 0x106 /* FUTEX_??? */, " + TIMEOUT, futex(262));
        assertEquals("0x7ffd00001000, FUTEX_LOCK_PI2, " + TIMEOUT, futex(13));
        assertEquals("0x7ffd00001000, 0x18d /* FUTEX_??? */, " + TIMEOUT, futex(397));
    }

    @Test
    void unlockAndTrylockShowTwo() {
        assertEquals("0x7ffd00001000, FUTEX_UNLOCK_PI", futex(7));
        assertEquals("0x7ffd00001000, FUTEX_TRYLOCK_PI_PRIVATE", futex(136));
        assertEquals("0x7ffd00001000, 0x187 /* FUTEX_??? */", futex(391));
    }

    @Test
    void bitsets() {
        assertEquals("0x7ffd00001000, FUTEX_WAIT_BITSET, 7, " + TIMEOUT + ", 0x12345678", futex(9));
        assertEquals("0x7ffd00001000, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 7, " + TIMEOUT + ", 0x12345678",
                futex(393));
        assertEquals("0x7ffd00001000, FUTEX_WAIT_BITSET, 7, NULL, FUTEX_BITSET_MATCH_ANY", futex(9, 7, 0, 0, -1));
        assertEquals("0x7ffd00001000, FUTEX_WAIT_BITSET, 7, NULL, 0", futex(9, 7, 0, 0, 0));
        assertEquals("0x7ffd00001000, FUTEX_WAKE_BITSET, 7, 0x12345678", futex(10));
        assertEquals("0x7ffd00001000, FUTEX_WAKE_BITSET_PRIVATE, 7, 0x12345678", futex(138));
        assertEquals("0x7ffd00001000, 0x10a /* FUTEX_??? */, 7, 0x12345678", futex(266));
    }

    @Test
    void waitRequeuePi() {
        assertEquals("0x7ffd00001000, FUTEX_WAIT_REQUEUE_PI, 7, " + TIMEOUT + ", 0x7ffd00002000", futex(11));
        assertEquals("0x7ffd00001000, FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME, 7, " + TIMEOUT
                + ", 0x7ffd00002000", futex(395));
    }

    @Test
    void unknownCommandsShowAllSixRaw() {
        assertEquals("0x7ffd00001000, 0xe /* FUTEX_??? */, 7, 0x7ffd8caf0040, 0x7ffd00002000, 0x12345678", futex(14));
        assertEquals("0x7ffd00001000, 0x18f /* FUTEX_??? */, 7, 0x7ffd8caf0040, 0x7ffd00002000, 0x12345678",
                futex(399));
        assertEquals("0x7ffd00001000, 0xffffffff /* FUTEX_??? */, 7, 0x7ffd8caf0040, 0x7ffd00002000, 0x12345678",
                futex(-1));
    }

    @Test
    void commandIsTheLowSevenBits() {
        assertEquals("0x7ffd00001000, 0x200 /* FUTEX_??? */, 7, " + TIMEOUT, futex(0x200));
        assertEquals("0x7ffd00001000, 0x1001 /* FUTEX_??? */, 7", futex(0x1001));
    }
}
