package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jstrace.arch.Aarch64;
import io.jstrace.arch.X86_64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The classic-BPF program {@link SeccompFilter} builds, instruction by instruction. */
class SeccompFilterProgramTest {
    private static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    private static final int AUDIT_ARCH_AARCH64 = 0xc00000b7;

    /** {code, jt, jf, k} of instruction {@code i}. */
    private static long[] insn(byte[] program, int i) {
        ByteBuffer b = ByteBuffer.wrap(program, 8 * i, 8).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getShort() & 0xffff, b.get() & 0xff, b.get() & 0xff, b.getInt() & 0xffffffffL};
    }

    @Test
    void checksTheArchThenEachNumberThenAllows() {
        byte[] p = SeccompFilter.program(X86_64.INSTANCE, new int[] {59, 2, 59});
        assertEquals(6 + 2 * 2 + 1, p.length / 8, "duplicates once, sorted");
        assertArrayEquals(new long[] {0x20, 0, 0, 4}, insn(p, 0), "ld seccomp_data.arch");
        assertArrayEquals(new long[] {0x15, 1, 0, AUDIT_ARCH_X86_64 & 0xffffffffL}, insn(p, 1));
        assertArrayEquals(new long[] {0x06, 0, 0, 0x7ff00000}, insn(p, 2), "another ABI: trace everything");
        assertArrayEquals(new long[] {0x20, 0, 0, 0}, insn(p, 3), "ld seccomp_data.nr");
        assertArrayEquals(new long[] {0x35, 0, 1, 0x40000000}, insn(p, 4), "x32 numbers: trace");
        assertArrayEquals(new long[] {0x15, 0, 1, 2}, insn(p, 6));
        assertArrayEquals(new long[] {0x06, 0, 0, 0x7ff00000}, insn(p, 7));
        assertArrayEquals(new long[] {0x15, 0, 1, 59}, insn(p, 8));
        assertArrayEquals(new long[] {0x06, 0, 0, 0x7fff0000}, insn(p, 10), "everything else runs");
    }

    /** aarch64: its audit value, and no x32-like numbers (arm32 calls carry AUDIT_ARCH_ARM and stop at the first test). */
    @Test
    void aarch64ChecksItsArchThenEachNumber() {
        int openat = Aarch64.INSTANCE.syscalls().number("openat");
        int execve = Aarch64.INSTANCE.syscalls().number("execve");
        byte[] p = SeccompFilter.program(Aarch64.INSTANCE, new int[] {execve, openat});
        assertEquals(4 + 2 * 2 + 1, p.length / 8);
        assertArrayEquals(new long[] {0x20, 0, 0, 4}, insn(p, 0), "ld seccomp_data.arch");
        assertArrayEquals(new long[] {0x15, 1, 0, AUDIT_ARCH_AARCH64 & 0xffffffffL}, insn(p, 1));
        assertArrayEquals(new long[] {0x06, 0, 0, 0x7ff00000}, insn(p, 2), "another architecture: trace");
        assertArrayEquals(new long[] {0x20, 0, 0, 0}, insn(p, 3), "ld seccomp_data.nr");
        assertArrayEquals(new long[] {0x15, 0, 1, 56}, insn(p, 4), "openat is 56 on aarch64");
        assertArrayEquals(new long[] {0x06, 0, 0, 0x7ff00000}, insn(p, 5));
        assertArrayEquals(new long[] {0x15, 0, 1, 221}, insn(p, 6), "execve is 221 on aarch64");
        assertArrayEquals(new long[] {0x06, 0, 0, 0x7fff0000}, insn(p, 8), "everything else runs");
    }

    @Test
    void theFprogPointsJustPastItself() {
        byte[] p = SeccompFilter.program(X86_64.INSTANCE, new int[] {1});
        ByteBuffer b = ByteBuffer.wrap(SeccompFilter.fprogAt(0x7ffd0000L, p)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(p.length / 8, b.getShort(0));
        assertEquals(0x7ffd0010L, b.getLong(8));
    }

    @Test
    void refusesMoreThanTheKernelTakes() {
        int[] many = new int[3000];
        for (int i = 0; i < many.length; i++) many[i] = i;
        assertThrows(IllegalArgumentException.class, () -> SeccompFilter.program(X86_64.INSTANCE, many));
    }
}
