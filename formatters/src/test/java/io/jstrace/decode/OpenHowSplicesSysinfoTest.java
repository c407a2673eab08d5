package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** openat2's struct open_how, the sendfile/splice offsets and struct sysinfo; texts are strace 6.1's. */
class OpenHowSplicesSysinfoTest {
    private static final long A = 0x7ffc0000_1000L, B = 0x7ffc0000_2000L;

    @Test
    void openHowWithoutAndWithMode() {
        FakeMemory m = new FakeMemory().putLongs(A, 02000000, 0, 0x0c).putLongs(B, 0102, 0600, 0);
        assertEquals("{flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}",
                render(OpenHow.openHow(Calls.of("openat2").args(4, 0, A, 24).mem(m).enter(), 2)));
        assertEquals("{flags=O_RDWR|O_CREAT, mode=0600, resolve=0}",
                render(OpenHow.openHow(Calls.of("openat2").args(4, 0, B, 24).mem(m).enter(), 2)));
    }

    @Test
    void openHowModeWithoutCreatAndUnknownResolve() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 0644, 0x100);
        assertEquals("{flags=O_RDONLY, mode=0644, resolve=0x100 /* RESOLVE_??? */}",
                render(OpenHow.openHow(Calls.of("openat2").args(4, 0, A, 24).mem(m).enter(), 2)));
    }

    @Test
    void openHowNonZeroBytesPastTheKnownStruct() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 0, 0, 0x1234, 0).putLongs(B, 0, 0, 0, 0, 0);
        assertEquals("{flags=O_RDONLY, resolve=0, /* bytes 24..39 */ "
                + "\"\\x34\\x12\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}",
                render(OpenHow.openHow(Calls.of("openat2").args(-100, 0, A, 40).mem(m).enter(), 2)));
        assertEquals("{flags=O_RDONLY, resolve=0, /* bytes 24..39 */ \"\\x34\\x12\"...}",
                render(OpenHow.openHow(Calls.of("openat2").args(-100, 0, A, 40).mem(m).limit(2).enter(), 2)));
        assertEquals("{flags=O_RDONLY, resolve=0}",
                render(OpenHow.openHow(Calls.of("openat2").args(-100, 0, B, 40).mem(m).enter(), 2)));
        assertEquals("{flags=O_RDONLY, resolve=0, ???}",
                render(OpenHow.openHow(Calls.of("openat2").args(-100, 0, B, 64).mem(m).enter(), 2)));
    }

    @Test
    void openHowTooSmallUnreadableOrTruncated() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 0, 0).putLongs(B, 0, 0);
        assertEquals("0x7ffc00001000", render(OpenHow.openHow(Calls.of("openat2").args(4, 0, A, 16).mem(m).enter(), 2)));
        assertEquals("0x8", render(OpenHow.openHow(Calls.of("openat2").args(4, 0, 8, 24).enter(), 2)));
        assertEquals("0x7ffc00002000", render(OpenHow.openHow(Calls.of("openat2").args(4, 0, B, 24).mem(m).enter(), 2)));
        assertEquals("NULL", render(OpenHow.openHow(Calls.of("openat2").args(4, 0, 0, 24).enter(), 2)));
    }

    @Test
    void offsetPointer() {
        FakeMemory m = new FakeMemory().putLongs(A, 7).putInts(B, 1);
        assertEquals("[7]", render(Splices.offset(Calls.of("copy_file_range").args(3, A, 4, 0, 5, 0).mem(m).enter(), 1)));
        assertEquals("NULL", render(Splices.offset(Calls.of("copy_file_range").args(3, A, 4, 0, 5, 0).mem(m).enter(), 3)));
        assertEquals("0x7ffc00002000", render(Splices.offset(Calls.of("splice").args(3, B, 4, 0, 5, 0).mem(m).enter(), 1)));
    }

    @Test
    void sendfileShowsTheAdvancedOffsetAfterACopy() {
        FakeMemory m = new FakeMemory().putLongs(A, 3);
        Call c = Calls.of("sendfile").args(4, 3, A, 2).mem(m).exit(2);
        assertEquals(3, Formatters.entryArgs(c, 4));
        assertEquals(" => [3]", Rendered.exitSuffix(c));
        assertEquals("", Rendered.exitSuffix(Calls.of("sendfile").args(4, 3, A, 2).mem(m).exit(0)));
        assertEquals("", Rendered.exitSuffix(Calls.of("sendfile").args(4, 3, A, 2).mem(m).exit(-9)));
        assertEquals(4, Formatters.entryArgs(Calls.of("sendfile").args(4, 3, 0, 2).enter(), 4));
        assertEquals("", Rendered.exitSuffix(Calls.of("sendfile").args(4, 3, 0, 2).exit(2)));
        assertEquals(4, Formatters.entryArgs(Calls.of("sendfile").args(4, 3, 8, 2).enter(), 4));
    }

    @Test
    void sysinfoInFull() {
        FakeMemory m = new FakeMemory().putLongs(A, 9714, 107616, 92704, 81344, 1000, 900, 8, 7, 0, 0)
                .putInts(A + 80, 84, 0).putLongs(A + 88, 0, 0).putInts(A + 104, 1, 0);
        assertEquals("{uptime=9714, loads=[107616, 92704, 81344], totalram=1000, freeram=900, sharedram=8, "
                + "bufferram=7, totalswap=0, freeswap=0, procs=84, totalhigh=0, freehigh=0, mem_unit=1}",
                render(Sysinfo.sysinfo(Calls.of("sysinfo").args(A).mem(m).exit(0), 0)));
    }

    @Test
    void sysinfoFailedOrTruncated() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2, 3);
        assertEquals("0x7ffc00001000", render(Sysinfo.sysinfo(Calls.of("sysinfo").args(A).mem(m).exit(0), 0)));
        assertEquals("0x7ffc00001000", render(Sysinfo.sysinfo(Calls.of("sysinfo").args(A).mem(m).exit(-14), 0)));
        assertEquals("NULL", render(Sysinfo.sysinfo(Calls.of("sysinfo").args(0).exit(-14), 0)));
    }
}
