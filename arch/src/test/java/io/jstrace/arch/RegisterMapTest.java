package io.jstrace.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Reads register-set fixtures (see src/test/resources/fixtures/README.md) through RegisterMap. */
class RegisterMapTest {
    private static final int AT_FDCWD = -100;
    private static final int OPEN_FLAGS = 0x241; // O_WRONLY | O_CREAT | O_TRUNC
    private static final int MODE = 0644;

    /** The fixture's bytes: hex lines, {@code #} lines are comments. */
    static ByteBuffer fixture(String name) throws IOException {
        try (InputStream in = RegisterMapTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) throw new IOException("missing fixture " + name);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                bytes.writeBytes(HexFormat.of().parseHex(line.strip()));
            }
            return ByteBuffer.wrap(bytes.toByteArray());
        }
    }

    private static long arg(RegisterMap map, ByteBuffer regs, int i) {
        return RegisterMap.word(regs, map.arg(i));
    }

    /** Captured on x86_64 Linux 6.18 by src/test/c/dump_regs_openat.c. */
    @Test
    void x86_64CapturedOpenatEnter() throws IOException {
        RegisterMap map = X86_64.INSTANCE.registers();
        ByteBuffer regs = fixture("x86_64-openat-enter.hex");
        assertEquals(map.size(), regs.capacity(), "sizeof(struct user_regs_struct)");
        assertEquals(257, RegisterMap.word(regs, map.syscallNumber()), "orig_rax");
        assertEquals("openat", X86_64.INSTANCE.syscalls().name(RegisterMap.word(regs, map.syscallNumber())));
        // dfd is an int: glibc's variadic syscall() left the upper half of rdi zero, and the
        // kernel only looks at the low 32 bits, so read it as an int.
        assertEquals(AT_FDCWD, (int) arg(map, regs, 0));
        assertNotEquals(0, arg(map, regs, 1), "pathname pointer");
        assertEquals(OPEN_FLAGS, arg(map, regs, 2));
        assertEquals(MODE, arg(map, regs, 3), "mode travels in r10, not rcx");
        // At syscall-enter-stop rax holds -ENOSYS: entry_64.S saves pt_regs->ax as -ENOSYS.
        assertEquals(-38, RegisterMap.word(regs, map.returnValue()));
    }

    @Test
    void x86_64CapturedSyscallInstructionState() throws IOException {
        RegisterMap map = X86_64.INSTANCE.registers();
        ByteBuffer regs = fixture("x86_64-openat-enter.hex");
        final int rcx = 11 * 8, r11 = 6 * 8, eflags = 18 * 8, cs = 17 * 8, ss = 20 * 8;
        // The syscall instruction saves the return address in rcx and rflags in r11.
        assertEquals(RegisterMap.word(regs, rcx), RegisterMap.word(regs, map.instructionPointer()));
        assertEquals(RegisterMap.word(regs, r11), RegisterMap.word(regs, eflags));
        // __USER_CS and __USER_DS of arch/x86/include/asm/segment.h
        assertEquals(0x33, RegisterMap.word(regs, cs));
        assertEquals(0x2b, RegisterMap.word(regs, ss));
        long sp = RegisterMap.word(regs, map.stackPointer());
        assertEquals(0x7f, sp >>> 40, "user stack near the top of the 47-bit address space");
    }

    /**
     * Constructed from the layout of struct user_pt_regs in arch/arm64/include/uapi/asm/ptrace.h
     * (regs[31], sp, pc, pstate), not captured: xN holds N * 0x0101010101010101 unless set
     * to an openat argument, so each offset is checked against a distinct value.
     */
    @Test
    void aarch64ConstructedOpenatEnter() throws IOException {
        RegisterMap map = Aarch64.INSTANCE.registers();
        ByteBuffer regs = fixture("aarch64-openat-enter.hex");
        assertEquals(272, map.size(), "sizeof(struct user_pt_regs)");
        assertEquals(map.size(), regs.capacity());
        assertEquals(56, RegisterMap.word(regs, map.syscallNumber()), "x8");
        assertEquals("openat", Aarch64.INSTANCE.syscalls().name(RegisterMap.word(regs, map.syscallNumber())));
        assertEquals(AT_FDCWD, (int) arg(map, regs, 0));
        assertEquals(0x0000aaaadead0010L, arg(map, regs, 1));
        assertEquals(OPEN_FLAGS, arg(map, regs, 2));
        assertEquals(MODE, arg(map, regs, 3));
        assertEquals(0x0404040404040404L, arg(map, regs, 4));
        assertEquals(0x0505050505050505L, arg(map, regs, 5));
        assertEquals(0, map.returnValue(), "result comes back in x0");
        assertEquals(0x0000ffffc0de0000L, RegisterMap.word(regs, map.stackPointer()));
        assertEquals(0x0000ffff8badf00cL, RegisterMap.word(regs, map.instructionPointer()));
        assertEquals(0x1e1e1e1e1e1e1e1eL, RegisterMap.word(regs, 30 * 8), "x30, just below sp");
        assertEquals(0x60000000L, RegisterMap.word(regs, 33 * 8), "pstate, last");
    }

    @Test
    void x86_64ArgumentRegisters() {
        // struct user_regs_struct: rdi, rsi, rdx, r10, r8, r9 are slots 14, 13, 12, 7, 9, 8
        RegisterMap map = X86_64.INSTANCE.registers();
        int[] expected = {14 * 8, 13 * 8, 12 * 8, 7 * 8, 9 * 8, 8 * 8};
        for (int i = 0; i < 6; i++) assertEquals(expected[i], map.arg(i), "arg " + i);
        assertEquals(27 * 8, map.size());
        assertEquals(15 * 8, map.syscallNumber());
    }

    @Test
    void wordLeavesTheBufferAlone() {
        ByteBuffer regs = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        regs.putLong(8, 0x0100000000000000L);
        assertEquals(1, RegisterMap.word(regs, 8));
        assertEquals(ByteOrder.BIG_ENDIAN, regs.order());
        assertEquals(0, regs.position());
    }

    @Test
    void argsCannotBeChangedFromOutside() {
        int[] args = {0, 8, 16, 24, 32, 40};
        RegisterMap map = new RegisterMap(48, 0, args, 0, 0, 0);
        args[0] = 99;
        map.args()[1] = 99;
        assertEquals(0, map.arg(0));
        assertEquals(8, map.arg(1));
        assertEquals(map, new RegisterMap(48, 0, new int[] {0, 8, 16, 24, 32, 40}, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RegisterMap(48, 0, new int[5], 0, 0, 0));
    }
}
