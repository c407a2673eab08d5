package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** futex_waitv's waiters; expected texts are strace 6.1's output for the same calls. */
class FutexWaitersTest {
    private static final long W = 0x7fe0_c809_4fe8L, F = 0x4a40d4;

    /** One struct futex_waitv: val, uaddr, then flags and __reserved. */
    private static FakeMemory waiter(FakeMemory m, long at, long val, long uaddr, int flags, int reserved) {
        return m.putLongs(at, val, uaddr).putInts(at + 16, flags, reserved);
    }

    private static String waitv(FakeMemory m, long addr, long n, int limit) {
        return render(Formatters.format(Calls.of("futex_waitv").args(addr, n, 0, 0, 1).mem(m).limit(limit).enter(), 0));
    }

    @Test
    void waitersWithFlags() {
        FakeMemory m = new FakeMemory();
        waiter(m, W, 1, F, 0x82, 0);
        waiter(m, W + 24, 0, 0, 2, 0);
        assertEquals("[{val=0x1, uaddr=0x4a40d4, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, {val=0, uaddr=NULL, "
                + "flags=FUTEX_32}]", waitv(m, W, 2, 32));
    }

    @Test
    void unknownFlagsAndReserved() {
        FakeMemory m = new FakeMemory();
        waiter(m, W, 2, F, 1, 0);
        waiter(m, W + 24, 3, F, 0x103, 0);
        waiter(m, W + 48, 4, F, 4, 7);
        assertEquals("[{val=0x2, uaddr=0x4a40d4, flags=0x1 /* FUTEX_??? */}, {val=0x3, uaddr=0x4a40d4, "
                + "flags=FUTEX_32|0x101}, {val=0x4, uaddr=0x4a40d4, flags=0x4 /* FUTEX_??? */, __reserved=0x7}]",
                waitv(m, W, 3, 32));
    }

    @Test
    void unreadableTailEmptyNullAndLimit() {
        FakeMemory m = new FakeMemory();
        waiter(m, W, 9, F, 0x82, 0);
        assertEquals("[{val=0x9, uaddr=0x4a40d4, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ... /* 0x7fe0c8095000 */]",
                waitv(m, W, 2, 32));
        assertEquals("0x7fe0c8095000", waitv(m, W + 24, 1, 32));
        assertEquals("[]", waitv(m, W, 0, 32));
        assertEquals("NULL", waitv(m, 0, 1, 32));
        waiter(m, W + 24, 8, F, 2, 0);
        assertEquals("[{val=0x9, uaddr=0x4a40d4, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...]", waitv(m, W, 2, 1));
    }
}
