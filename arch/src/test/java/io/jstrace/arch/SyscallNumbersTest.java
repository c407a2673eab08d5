package io.jstrace.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyscallNumbersTest {
    /** Newest syscall in both tables: file_setattr, Linux 6.17 (still the newest in 6.18). */
    private static final int NEWEST = 469;

    private static final SyscallNumbers X86 = X86_64.INSTANCE.syscalls();
    private static final SyscallNumbers ARM = Aarch64.INSTANCE.syscalls();

    private static void assertBothWays(SyscallNumbers table, int nr, String name) {
        assertEquals(name, table.name(nr), "name of " + nr);
        assertEquals(nr, table.number(name), "number of " + name);
    }

    @Test
    void x86_64KnownNumbers() {
        assertBothWays(X86, 0, "read");
        assertBothWays(X86, 1, "write");
        assertBothWays(X86, 2, "open");
        assertBothWays(X86, 59, "execve");
        assertBothWays(X86, 231, "exit_group");
        assertBothWays(X86, 257, "openat");
        assertBothWays(X86, 262, "newfstatat");
        assertBothWays(X86, 435, "clone3");
        assertBothWays(X86, 439, "faccessat2");
    }

    @Test
    void aarch64KnownNumbers() {
        assertBothWays(ARM, 56, "openat");
        assertBothWays(ARM, 63, "read");
        assertBothWays(ARM, 64, "write");
        assertBothWays(ARM, 94, "exit_group");
        assertBothWays(ARM, 220, "clone");
        assertBothWays(ARM, 221, "execve");
        assertBothWays(ARM, 435, "clone3");
    }

    @Test
    void aarch64HasTheGeneric64BitNames() {
        // asm-generic/unistd.h with __BITS_PER_LONG 64 and __ARCH_WANT_NEW_STAT
        assertBothWays(ARM, 25, "fcntl");
        assertBothWays(ARM, 62, "lseek");
        assertBothWays(ARM, 79, "newfstatat");
        assertBothWays(ARM, 80, "fstat");
        assertBothWays(ARM, 222, "mmap");
        assertBothWays(ARM, 38, "renameat"); // __ARCH_WANT_RENAMEAT
        assertBothWays(ARM, 163, "getrlimit"); // __ARCH_WANT_SET_GET_RLIMIT
        assertBothWays(ARM, 447, "memfd_secret"); // __ARCH_WANT_MEMFD_SECRET
        assertEquals(-1, ARM.number("fcntl64"));
        assertEquals(-1, ARM.number("mmap2"));
    }

    @Test
    void aarch64HasNoLegacyPathCalls() {
        assertEquals(-1, ARM.number("open"));
        assertEquals(-1, ARM.number("stat"));
        assertEquals(-1, ARM.number("fork"));
    }

    @Test
    void newerThanTheHeaders() {
        assertBothWays(X86, 335, "uretprobe");
        assertBothWays(X86, 336, "uprobe");
        assertEquals(-1, ARM.number("uretprobe"));
        for (SyscallNumbers t : new SyscallNumbers[] {X86, ARM}) {
            assertBothWays(t, 451, "cachestat");
            assertBothWays(t, 453, "map_shadow_stack");
            assertBothWays(t, 462, "mseal");
            assertBothWays(t, NEWEST, "file_setattr");
        }
    }

    @Test
    void tablesReachTheNewestSyscall() {
        assertEquals(NEWEST + 1, X86.size());
        assertEquals(NEWEST + 1, ARM.size());
    }

    @Test
    void noDuplicateNames() {
        for (SyscallNumbers t : new SyscallNumbers[] {X86, ARM}) {
            Set<String> seen = new HashSet<>();
            for (String name : t.names()) assertEquals(true, seen.add(name), "duplicate " + name);
            for (String name : t.names()) assertEquals(name, t.name(t.number(name)));
        }
    }

    @Test
    void unknownNumbersAndNames() {
        assertNull(X86.name(400)); // in the hole 387..423
        assertNull(ARM.name(300)); // in the hole 295..423
        assertNull(X86.name(-1));
        assertNull(X86.name(NEWEST + 1));
        assertNull(X86.name(Long.MAX_VALUE));
        assertEquals(-1, X86.number("nosuch"));
        assertEquals(-1, ARM.number("nosuch"));
    }

    @Test
    void builderRejectsDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> SyscallNumbers.builder().add(1, "a").add(1, "b"));
        assertThrows(IllegalArgumentException.class, () -> SyscallNumbers.builder().add(1, "a").add(2, "a").build());
    }
}
