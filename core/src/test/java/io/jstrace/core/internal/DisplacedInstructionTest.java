package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulated first instructions, on literal bytes, against what the CPU would do (Intel SDM). */
class DisplacedInstructionTest {
    private static final int RAX = 10, RBX = 5, RDI = 14, R8 = 9, R12 = 3, RSP = 19, RIP = 16, EFLAGS = 18;

    /** Registers in an array, the stack in a map. */
    private static final class FakeCpu implements DisplacedInstruction.Cpu {
        final long[] regs = new long[27];
        final Map<Long, Long> stack = new HashMap<>();

        public long slot(int slot) {
            return regs[slot];
        }

        public void setSlot(int slot, long value) {
            regs[slot] = value;
        }

        public boolean store(long address, long value) {
            stack.put(address, value);
            return true;
        }
    }

    private static byte[] code(int... b) {
        byte[] c = new byte[16];
        for (int i = 0; i < b.length; i++) c[i] = (byte) b[i];
        Arrays.fill(c, b.length, 16, (byte) 0xcc);
        return c;
    }

    private static FakeCpu run(byte[] code, long at) {
        FakeCpu cpu = new FakeCpu();
        cpu.regs[RSP] = 0x7ffc0000_1000L;
        cpu.regs[RBX] = 0x1234;
        cpu.regs[R12] = 0x5678;
        cpu.regs[RDI] = 0x42;
        cpu.regs[R8] = 99;
        cpu.regs[EFLAGS] = 0x202 | 0x1 | 0x800;
        DisplacedInstruction insn = DisplacedInstruction.decode(code);
        assertTrue(insn != null && insn.run(cpu, at));
        return cpu;
    }

    @Test
    void subImm8FromRspSetsFlagsOfTheSubtraction() {
        FakeCpu cpu = run(code(0x48, 0x83, 0xec, 0x18), 0x1000);
        assertEquals(0x7ffc0000_1000L - 0x18, cpu.regs[RSP]);
        assertEquals(0x1004, cpu.regs[RIP]);
        // 0x...1000 - 0x18 = 0x...0fe8: no borrow, not zero, positive, no overflow, AF from bit 4, PF of 0xe8 (4 ones)
        assertEquals(0x202 | 0x10 | 0x4, cpu.regs[EFLAGS]);
    }

    @Test
    void subImm32FromRsp() {
        FakeCpu cpu = run(code(0x48, 0x81, 0xec, 0x00, 0x01, 0x00, 0x00), 0x2000);
        assertEquals(0x7ffc0000_1000L - 0x100, cpu.regs[RSP]);
        assertEquals(0x2007, cpu.regs[RIP]);
    }

    @Test
    void pushWithAndWithoutRex() {
        FakeCpu cpu = run(code(0x53), 0x10); // push %rbx
        assertEquals(0x7ffc0000_1000L - 8, cpu.regs[RSP]);
        assertEquals(0x1234L, cpu.stack.get(cpu.regs[RSP]));
        assertEquals(0x11, cpu.regs[RIP]);
        cpu = run(code(0x41, 0x54), 0x10); // push %r12
        assertEquals(0x5678L, cpu.stack.get(cpu.regs[RSP]));
        assertEquals(0x12, cpu.regs[RIP]);
    }

    @Test
    void endbr64AndNopOnlyMoveRip() {
        assertEquals(0x14, run(code(0xf3, 0x0f, 0x1e, 0xfa), 0x10).regs[RIP]);
        assertEquals(0x11, run(code(0x90), 0x10).regs[RIP]);
    }

    @Test
    void movRegisterToRegister() {
        FakeCpu cpu = run(code(0x48, 0x89, 0xfb), 0); // mov %rdi,%rbx
        assertEquals(0x42, cpu.regs[RBX]);
        assertEquals(3, cpu.regs[RIP]);
    }

    @Test
    void xorOfOneRegisterZeroesItAndSetsZf() {
        FakeCpu cpu = run(code(0x45, 0x31, 0xc0), 0); // xor %r8d,%r8d (gnutls_record_send)
        assertEquals(0, cpu.regs[R8]);
        assertEquals(0x202 | 0x40 | 0x4, cpu.regs[EFLAGS]);
        assertEquals(3, cpu.regs[RIP]);
    }

    @Test
    void anythingElseIsStepped() {
        assertNull(DisplacedInstruction.decode(code(0x48, 0x8d, 0x04, 0x37))); // lea (%rdi,%rsi),%rax
        assertNull(DisplacedInstruction.decode(code(0x31, 0xc3))); // xor %eax,%ebx: two registers
        assertNull(DisplacedInstruction.decode(code(0x48, 0x83, 0xe8, 0x08))); // sub $8,%rax
        assertNull(DisplacedInstruction.decode(code(0x48, 0x89, 0x07))); // mov %rax,(%rdi)
        assertNull(DisplacedInstruction.decode(null));
    }
}
