package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * strace's printflags with a default: no known bit set prints the bits in hex with the
 * table's comment; a known bit prints its name and the rest in hex. Expected texts are
 * strace 6.1's.
 */
class UnknownFlagsTest {
    private static String arg(String syscall, int i, long... args) {
        return render(Formatters.format(Calls.of(syscall).args(args).enter(), i));
    }

    @Test
    void noKnownBitGetsTheTablesComment() {
        assertEquals("0x80 /* ?_OK */", arg("access", 1, 0, 0x80));
        assertEquals("0x80 /* PROT_??? */", arg("mmap", 2, 0, 4096, 0x80));
        assertEquals("0x7000 /* W??? */", arg("wait4", 2, -1, 0, 0x7000));
        assertEquals("0x100 /* LOCK_??? */", arg("flock", 1, 99, 0x100));
        assertEquals("0x1 /* AT_??? */", arg("unlinkat", 2, -100, 0, 1));
        assertEquals("0x100 /* RENAME_?? */", arg("renameat2", 4, -100, 0, -100, 0, 0x100));
        assertEquals("0x1 /* O_??? */", arg("pipe2", 1, 0, 1));
        assertEquals("0x1 /* O_??? */", arg("dup3", 2, 99, 100, 1));
    }

    @Test
    void aKnownBitPrintsTheRestInHex() {
        assertEquals("R_OK|0x80", arg("access", 1, 0, 0x84));
        assertEquals("PROT_READ|0x100", arg("mprotect", 2, 0, 0, 0x101));
    }

    @Test
    void flockNamesTheMandatoryLockBits() {
        assertEquals("LOCK_SH|LOCK_READ", arg("flock", 1, 99, 0x41));
        assertEquals("LOCK_RW", arg("flock", 1, 99, 0xc0));
        assertEquals("LOCK_WRITE", arg("flock", 1, 99, 0x80));
    }

    @Test
    void fcntlArgumentsOfFlagCommands() {
        assertEquals("0x10 /* FD_??? */", arg("fcntl", 2, 3, 2, 0x10));
        assertEquals("0x1000 /* DN_??? */", arg("fcntl", 2, 3, 1026, 0x1000));
        assertEquals("0x100 /* F_SEAL_??? */", arg("fcntl", 2, 3, 1033, 0x100));
    }
}
