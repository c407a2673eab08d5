package io.jstrace.arch;

import static io.jstrace.arch.RegisterMapTest.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Syscall injection's register edits, per architecture, on the register-set fixtures of
 * {@link RegisterMapTest} (an {@code openat} at its syscall-enter-stop): replacing it with
 * {@code seccomp(SECCOMP_SET_MODE_FILTER, 0, prog)}, one more call from the exit stop,
 * and the restart of the tracee's own {@code openat}. Every register the edit should not
 * touch is checked to be as it was.
 */
class SyscallInstructionTest {
    private static final long PROG = 0x7ffc00001000L;

    @Test
    void x86_64SyscallReadsRaxAndIsTwoBytes() {
        SyscallInstruction s = X86_64.INSTANCE.syscallInstruction();
        assertArrayEquals(new byte[] {0x0f, 0x05}, s.encoding());
        assertEquals(10 * 8, s.numberRegister(), "rax");
        assertEquals(0, s.numberRegset(), "orig_rax is in NT_PRSTATUS");
    }

    @Test
    void aarch64SvcReadsX8AndIsFourBytes() {
        SyscallInstruction s = Aarch64.INSTANCE.syscallInstruction();
        assertArrayEquals(new byte[] {0x01, 0x00, 0x00, (byte) 0xd4}, s.encoding(), "svc #0, 0xd4000001");
        assertEquals(8 * 8, s.numberRegister(), "x8");
        assertEquals(0x404, s.numberRegset(), "NT_ARM_SYSTEM_CALL");
    }

    @Test
    void x86_64ReplaceRepeatRestart() throws IOException {
        check(X86_64.INSTANCE, fixture("x86_64-openat-enter.hex"), 257, 317, 10 * 8);
    }

    @Test
    void aarch64ReplaceRepeatRestart() throws IOException {
        check(Aarch64.INSTANCE, fixture("aarch64-openat-enter.hex"), 56, 277, 8 * 8);
    }

    /** {@code openat} and {@code seccomp} are {@code openat}/{@code seccomp} in {@code arch}'s numbering. */
    private static void check(Arch arch, ByteBuffer entered, int openat, int seccomp, int numberRegister) {
        RegisterMap map = arch.registers();
        SyscallInstruction s = arch.syscallInstruction();
        assertEquals(openat, arch.syscalls().number("openat"));
        assertEquals(seccomp, arch.syscalls().number("seccomp"));
        byte[] original = bytes(entered);
        long pc = RegisterMap.word(entered, map.instructionPointer());

        ByteBuffer replaced = ByteBuffer.wrap(original.clone());
        s.replace(replaced, map, seccomp, 1, 0, PROG);
        assertEquals(seccomp, RegisterMap.word(replaced, map.syscallNumber()));
        assertEquals(seccomp, RegisterMap.word(replaced, numberRegister));
        assertEquals(1, RegisterMap.word(replaced, map.arg(0)), "SECCOMP_SET_MODE_FILTER");
        assertEquals(0, RegisterMap.word(replaced, map.arg(1)));
        assertEquals(PROG, RegisterMap.word(replaced, map.arg(2)));
        assertEquals(pc, RegisterMap.word(replaced, map.instructionPointer()), "the kernel goes on from the stop");
        unchangedBut(original, replaced, map.syscallNumber(), numberRegister, map.arg(0), map.arg(1), map.arg(2));

        ByteBuffer repeated = ByteBuffer.wrap(original.clone());
        s.repeat(repeated, map, 157, 38, 1, 0); // prctl(PR_SET_NO_NEW_PRIVS, 1) on x86_64
        assertEquals(pc - s.length(), RegisterMap.word(repeated, map.instructionPointer()), "back on the instruction");
        assertEquals(157, RegisterMap.word(repeated, numberRegister));
        assertEquals(38, RegisterMap.word(repeated, map.arg(0)));
        unchangedBut(original, repeated, map.instructionPointer(), map.syscallNumber(), numberRegister, map.arg(0),
                map.arg(1), map.arg(2));

        ByteBuffer restarted = ByteBuffer.wrap(original.clone());
        s.restart(restarted, map);
        assertEquals(pc - s.length(), RegisterMap.word(restarted, map.instructionPointer()));
        assertEquals(openat, RegisterMap.word(restarted, numberRegister), "the instruction makes openat again");
        assertEquals(-100, (int) RegisterMap.word(restarted, map.arg(0)), "AT_FDCWD still the first argument");
        assertEquals(0x241, RegisterMap.word(restarted, map.arg(2)));
        unchangedBut(original, restarted, map.instructionPointer(), numberRegister);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.duplicate().position(0).get(out);
        return out;
    }

    /** Every 8-byte register of {@code after} but those at {@code offsets} is as in {@code before}. */
    private static void unchangedBut(byte[] before, ByteBuffer after, int... offsets) {
        ByteBuffer b = ByteBuffer.wrap(before);
        outer:
        for (int o = 0; o < before.length; o += 8) {
            for (int changed : offsets) if (changed == o) continue outer;
            assertEquals(RegisterMap.word(b, o), RegisterMap.word(after, o), "register at offset " + o);
        }
    }
}
