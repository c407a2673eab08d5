package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** kexec_file_load's command line (cmdline_len bytes) and flags; texts are strace 6.1's. */
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
}
