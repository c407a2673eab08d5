package io.jstrace.format;

import static io.jstrace.format.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Memory's decoders; expected texts are strace 6.1's output for the same calls. */
class MemoryTest {
    private static String prot(long p) {
        return render(Memory.prot(Calls.of("mprotect").args(0, 0, p).enter(), 2));
    }

    @Test
    void prot() {
        assertEquals("PROT_READ|PROT_WRITE", prot(3));
        assertEquals("PROT_NONE", prot(0));
        assertEquals("PROT_READ|0x10", prot(0x11));
    }

    @Disabled("strace 6.1 prints mprotect(NULL, 0, 0x10 /* PROT_??? */): unnamed bits alone get printflags' "
            + "default comment; Numbers.flags prints 0x10")
    @Test
    void protWithOnlyUnnamedBits() {
        assertEquals("0x10 /* PROT_??? */", prot(0x10));
    }

    @Test
    void mapFlags() {
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS",
                render(Memory.mapFlags(Calls.of("mmap").args(0, 4096, 3, 0x22, -1, 0).enter(), 3)));
        assertEquals("MAP_PRIVATE", render(Memory.mapFlags(Calls.of("mmap").args(0, 4096, 1, 0x02, 3, 0).enter(), 3)));
    }
}
