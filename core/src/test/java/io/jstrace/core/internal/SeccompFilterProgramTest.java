package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The classic-BPF program {@link SeccompFilter} builds, instruction by instruction. */
class SeccompFilterProgramTest {
    private static final int AUDIT_ARCH_X86_64 = 0xc000003e;

    /** {code, jt, jf, k} of instruction {@code i}. */
    private static long[] insn(byte[] program, int i) {
        ByteBuffer b = ByteBuffer.wrap(program, 8 * i, 8).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getShort() & 0xffff, b.get() & 0xff, b.get() & 0xff, b.getInt() & 0xffffffffL};
    }

    @Test
    void checksTheArchThenEachNumberThenAllows() {
        byte[] p = SeccompFilter.program(AUDIT_ARCH_X86_64, new int[] {59, 2, 59});
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

    @Test
    void theFprogPointsJustPastItself() {
        byte[] p = SeccompFilter.program(AUDIT_ARCH_X86_64, new int[] {1});
        ByteBuffer b = ByteBuffer.wrap(SeccompFilter.fprogAt(0x7ffd0000L, p)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(p.length / 8, b.getShort(0));
        assertEquals(0x7ffd0010L, b.getLong(8));
    }

    @Test
    void refusesMoreThanTheKernelTakes() {
        int[] many = new int[3000];
        for (int i = 0; i < many.length; i++) many[i] = i;
        assertThrows(IllegalArgumentException.class, () -> SeccompFilter.program(AUDIT_ARCH_X86_64, many));
    }
}
