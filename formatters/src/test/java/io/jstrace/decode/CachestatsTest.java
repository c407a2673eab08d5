package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** cachestat as strace 6.5 and later print it (src/cachestat.c). */
class CachestatsTest {
    private static final long R = 0x7ffd0000L, S = 0x7ffd1000L;
    private static final long EINVAL = -22;

    @Test
    void rangeAtEntryCountersAtExit() {
        FakeMemory m = new FakeMemory().putLongs(R, 4096, 8192).putLongs(S, 2, 1, 0, 3, 4);
        Call entry = Calls.of("cachestat").args(3, R, S, 0).mem(m).enter();
        assertEquals(2, Formatters.entryArgs(entry, Formatters.visibleArgs(entry)));
        assertEquals("{off=0x1000, len=8192}", render(Formatters.format(entry, 1)));
        Call exit = Calls.of("cachestat").args(3, R, S, 0).mem(m).exit(0);
        assertEquals("{nr_cache=2, nr_dirty=1, nr_writeback=0, nr_evicted=3, nr_recently_evicted=4}",
                render(Formatters.format(exit, 2)));
        assertEquals("0", render(Formatters.format(exit, 3)));
    }

    @Test
    void addressesWhenFailedNullOrUnreadable() {
        FakeMemory m = new FakeMemory().putLongs(R, 0, 0).putLongs(S, 2, 1, 0, 3, 4);
        assertEquals("0x7ffd1000", render(Formatters.format(Calls.of("cachestat").args(3, R, S, 1).mem(m).exit(EINVAL), 2)));
        assertEquals("0x1", render(Formatters.format(Calls.of("cachestat").args(3, R, S, 1).mem(m).exit(EINVAL), 3)));
        assertEquals("NULL", render(Formatters.format(Calls.of("cachestat").args(3, 0, S, 0).enter(), 1)));
        assertEquals("0x7ffe0000", render(Formatters.format(Calls.of("cachestat").args(3, 0x7ffe0000L, S, 0).enter(), 1)));
    }
}
