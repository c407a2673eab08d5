package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** kexec_load's segments and flags, kexec_file_load's command line (cmdline_len bytes) and flags; texts are strace 6.1's. */
class KexecTest {
    private static final long A = 0x7ffc0000_1000L;

    private static String cmdline(FakeMemory m, long len) {
        return render(Formatters.format(Calls.of("kexec_file_load").args(-1, -1, len, A, 0).mem(m).enter(), 3));
    }

    @Test
    void theCommandLineIsItsLengthInBytesANulIncluded() {
        FakeMemory m = new FakeMemory().putBytes(A, "abcdef\0");
        assertEquals("\"abcdef\"", cmdline(m, 6));
        assertEquals("\"abcdef\\0\"", cmdline(m, 7));
        assertEquals("0x7ffc00001000", cmdline(m, 8)); // an eighth byte cannot be read
        assertEquals("NULL", render(Formatters.format(Calls.of("kexec_file_load").args(-1, -1, 0, 0, 0).enter(), 3)));
    }

    @Test
    void flagsByNameTheRestInHex() {
        assertEquals("KEXEC_FILE_UNLOAD|KEXEC_FILE_ON_CRASH|KEXEC_FILE_NO_INITRAMFS|0xdeadbee8",
                render(Formatters.format(Calls.of("kexec_file_load").args(-1, -1, 0, 0, 0xdeadbeefL).enter(), 4)));
        assertEquals("0xbadc0dedda7a1058 /* KEXEC_FILE_??? */",
                render(Formatters.format(Calls.of("kexec_file_load").args(-1, -1, 0, 0, 0xbadc0dedda7a1058L).enter(), 4)));
        assertEquals("0", render(Formatters.format(Calls.of("kexec_file_load").args(-1, -1, 0, 0, 0).enter(), 4)));
    }

    private static String load(int arg, long nr, long segments, long flags, FakeMemory m, XlatStyle style) {
        Call c = Calls.of("kexec_load").args(0, nr, segments, flags).mem(m).enter();
        return new StraceText(StraceText.Escape.OCTAL, style).render(Formatters.format(c, arg));
    }

    @Test
    void loadFlagsAreTheArchitectureThenTheRest() {
        FakeMemory m = new FakeMemory();
        assertEquals("KEXEC_ARCH_DEFAULT", load(3, 0, 0, 0, m, XlatStyle.ABBREV));
        assertEquals("KEXEC_ARCH_SH|KEXEC_ON_CRASH|KEXEC_PRESERVE_CONTEXT", load(3, 0, 0, 0x2a0003, m, XlatStyle.ABBREV));
        assertEquals("0xdead0000 /* KEXEC_ARCH_??? */", load(3, 0, 0, 0xdead0000L, m, XlatStyle.ABBREV));
        assertEquals("0xda7a0000 /* KEXEC_ARCH_??? */|0xbadc0ded00001054 /* KEXEC_??? */",
                load(3, 0, 0, 0xbadc0dedda7a1054L, m, XlatStyle.ABBREV));
        assertEquals("0x2a0000|0x3", load(3, 0, 0, 0x2a0003, m, XlatStyle.RAW));
        assertEquals("0x2a0000 /* KEXEC_ARCH_SH */|0x3 /* KEXEC_ON_CRASH|KEXEC_PRESERVE_CONTEXT */",
                load(3, 0, 0, 0x2a0003, m, XlatStyle.VERBOSE));
    }

    @Test
    void loadSegmentsAreAnArrayOfAtMostSixteen() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 10, 0, 20, 0x1000, 30, 0x2000, 40);
        assertEquals("[{buf=NULL, bufsz=10, mem=NULL, memsz=20}, {buf=0x1000, bufsz=30, mem=0x2000, memsz=40}]",
                load(2, 2, A, 0, m, XlatStyle.ABBREV));
        assertEquals("[{buf=NULL, bufsz=10, mem=NULL, memsz=20}, {buf=0x1000, bufsz=30, mem=0x2000, memsz=40}, "
                + "... /* 0x7ffc00001040 */]", load(2, 3, A, 0, m, XlatStyle.ABBREV)); // the third cannot be read
        assertEquals("0x7ffc00001000", load(2, 17, A, 0, m, XlatStyle.ABBREV));
        assertEquals("NULL", load(2, 1, 0, 0, m, XlatStyle.ABBREV));
    }
}
