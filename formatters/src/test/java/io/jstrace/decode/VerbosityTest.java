package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.decode.DecodeOptions.Dumps;
import io.jstrace.decode.DecodeOptions.PerSyscall;
import org.junit.jupiter.api.Test;

/** -e abbrev=, -e verbose=, -e raw=: what each does to one syscall and not to others. */
class VerbosityTest {
    private static DecodeOptions per(PerSyscall p) {
        return new DecodeOptions(32, false, false, java.util.Set.of(), XlatStyle.ABBREV, p, Dumps.none());
    }

    private static final DecodeOptions RAW_OPENAT = per(new PerSyscall(s -> true, s -> true,
            s -> s.name().equals("openat")));
    private static final DecodeOptions NO_STRUCTS = per(new PerSyscall(s -> true, s -> false, s -> false));

    @Test
    void rawArgumentsAreRegistersInHex() {
        Call c = Calls.of("openat").args(0xffffff9cL, 0x5000, 0x80000, 0).options(RAW_OPENAT).enter();
        assertEquals(4, Formatters.visibleArgs(c));
        assertEquals(4, Formatters.entryArgs(c, 4));
        assertEquals("0xffffff9c", Calls.render(Formatters.format(c, 0)));
        assertEquals("0", Calls.render(Formatters.format(c, 3)));
    }

    @Test
    void rawResultIsHex() {
        Call c = Calls.of("openat").args(0xffffff9cL, 0x5000, 0, 0).options(RAW_OPENAT).exit(3);
        assertEquals("0x3", Rendered.result(c, new StraceText(StraceText.Escape.OCTAL)));
    }

    @Test
    void rawSetLeavesOtherSyscallsDecoded() {
        Call c = Calls.of("close").args(3).options(RAW_OPENAT).enter();
        assertEquals("3", Calls.render(Formatters.format(c, 0)));
    }

    @Test
    void outsideVerboseStructsAreAddresses() {
        FakeMemory m = new FakeMemory().putLongs(0x1000, 8192 * 1024, -1);
        Call c = Calls.of("prlimit64").args(0, 3, 0, 0x1000).mem(m).options(NO_STRUCTS).exit(0);
        assertEquals("0x1000", Calls.render(Formatters.format(c, 3)));
        assertEquals("NULL", Calls.render(Formatters.format(c, 2)));
        assertEquals("RLIMIT_STACK", Calls.render(Formatters.format(c, 1)));
    }

    @Test
    void outsideVerboseAnEmptyArrayStaysEmpty() {
        Call c = Calls.of("epoll_pwait").args(5, 0x1000, 4, 0, 0, 8).options(NO_STRUCTS).exit(0);
        assertEquals("[]", Calls.render(Formatters.format(c, 1)));
    }

    @Test
    void outsideVerboseReturnNotesThatReadMemoryGo() {
        FakeMemory m = new FakeMemory().put(0x1000, new byte[] {3, 0, 0, 0, 1, 0, 1, 0});
        Call c = Calls.of("poll").args(0x1000, 1, 0).mem(m).options(NO_STRUCTS).exit(1);
        assertEquals(null, Formatters.returnValue(c));
    }

    @Test
    void outsideVerboseStringsStillPrint() {
        FakeMemory m = new FakeMemory().putString(0x1000, "/etc/hostname");
        Call c = Calls.of("openat").args(-100, 0x1000, 0).mem(m).options(NO_STRUCTS).enter();
        assertEquals("\"/etc/hostname\"", Calls.render(Formatters.format(c, 1)));
    }

    @Test
    void abbrevNoneIsVerbose() {
        DecodeOptions o = per(new PerSyscall(s -> !s.name().equals("newfstatat"), s -> true, s -> false));
        assertEquals(true, Calls.of("newfstatat").options(o).enter().options().verbose());
        assertEquals(false, Calls.of("fstat").options(o).enter().options().verbose());
    }
}
