package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Strings' decoders; expected texts are strace 6.1's output for the same calls. */
class StringsTest {
    private static final long B = 0x5555_0000_1000L;

    private static String write(String bytes, long count) {
        FakeMemory m = new FakeMemory().putBytes(B, bytes);
        return render(Strings.writeBuffer(Calls.of("write").args(3, B, count).mem(m).enter(), 1));
    }

    @Test
    void escapesControlAndHighBytes() {
        assertEquals("\"\\0012\\08\\33[0m\\t\\n\\v\\f\\r\\\"\\\\\\177\\377A\"",
                write("\0012\08\033[0m\t\n\013\f\r\"\\\177\377A", 18));
    }

    @Test
    void octalEscapeIsLongWhenADigitFollows() {
        assertEquals("\"\\0107\\108\\10\\10\"", write("\b7\b8\b\b", 6));
    }

    @Test
    void cutAtTheStringLimit() {
        String digits = "0123456789".repeat(4);
        assertEquals("\"01234567890123456789012345678901\"...", write(digits, 40));
        assertEquals("\"01234567890123456789012345678901\"", write(digits, 32));
        assertEquals("\"01234567890123456789012345678901\"...", write(digits, 33));
    }

    @Test
    void smallLimit() {
        FakeMemory m = new FakeMemory().putBytes(B, "hello");
        assertEquals("\"hel\"...", render(Strings.writeBuffer(Calls.of("write").args(3, B, 5).mem(m).limit(3).enter(), 1)));
    }

    @Test
    void unreadableBufferPrintsItsAddress() {
        assertEquals("0x8", render(Strings.writeBuffer(Calls.of("write").args(1, 8, 5).enter(), 1)));
        assertEquals("\"\"", render(Strings.writeBuffer(Calls.of("write").args(1, 8, 0).enter(), 1)));
    }

    @Test
    void nullBufferOfLengthZeroPrintsNull() {
        assertEquals("NULL", render(Strings.writeBuffer(Calls.of("write").args(1, 0, 0).enter(), 1)));
    }

    @Test
    void readBufferAtExit() {
        FakeMemory m = new FakeMemory().putBytes(B, "abcdef");
        assertEquals("\"abc\"", render(Strings.readBuffer(Calls.of("read").args(0, B, 100).mem(m).exit(3), 1)));
        assertEquals("0x555500001000", render(Strings.readBuffer(Calls.of("read").args(0, B, 100).mem(m).exit(-9), 1)));
    }

    @Test
    void pathsAreNotCutAtTheLimit() {
        String q = "q".repeat(99);
        FakeMemory m = new FakeMemory().putString(B, q);
        assertEquals("\"" + q + "\"", render(Strings.path(Calls.of("openat").args(-100, B, 0).mem(m).enter(), 1)));
    }

    @Test
    void pathNullAndUnreadable() {
        assertEquals("NULL", render(Strings.path(Calls.of("openat").args(-100, 0, 0).enter(), 1)));
        assertEquals("0x8", render(Strings.path(Calls.of("openat").args(-100, 8, 0).enter(), 1)));
    }

    @Test
    void stringsAreCutAtTheLimit() {
        FakeMemory m = new FakeMemory().putString(B, "p".repeat(33)).putString(B + 0x100, "p".repeat(32));
        assertEquals("\"" + "p".repeat(32) + "\"...",
                render(Strings.string(Calls.of("memfd_create").args(B, 0).mem(m).enter(), 0)));
        assertEquals("\"" + "p".repeat(32) + "\"",
                render(Strings.string(Calls.of("memfd_create").args(B + 0x100, 0).mem(m).enter(), 0)));
    }

    @Test
    void unterminatedStringLongerThanTheLimitIsCut() {
        FakeMemory m = new FakeMemory().putBytes(B, "p".repeat(40));
        assertEquals("\"" + "p".repeat(32) + "\"...",
                render(Strings.string(Calls.of("memfd_create").args(B, 0).mem(m).enter(), 0)));
    }

    @Test
    void pathRunningIntoUnreadableMemoryPrintsItsAddress() {
        FakeMemory m = new FakeMemory().putBytes(B, "abc");
        assertEquals("0x555500001000", render(Strings.path(Calls.of("openat").args(-100, B, 0).mem(m).enter(), 1)));
        FakeMemory p32 = new FakeMemory().putBytes(B, "p".repeat(32));
        assertEquals("0x555500001000",
                render(Strings.string(Calls.of("memfd_create").args(B, 0).mem(p32).enter(), 0)));
    }
}
