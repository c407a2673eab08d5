package io.jstrace.arch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * How a tracer makes a stopped tracee run a syscall of its choosing (syscall injection, as
 * debuggers do): the architecture's syscall instruction, the register it takes the number
 * from, and how the number of a syscall already entered is replaced. The methods edit a
 * little-endian {@code NT_PRSTATUS} register set in place; nothing here touches a process.
 *
 * @param encoding       the instruction's bytes as they lie in memory: x86_64 {@code syscall}
 *                       ({@code 0f 05}), aarch64 {@code svc #0} ({@code 0xd4000001}, stored
 *                       little-endian); the instruction pointer at a syscall stop is just
 *                       past it
 * @param numberRegister offset of the register the instruction reads the number from:
 *                       x86_64 {@code rax} (saved by the kernel as {@code orig_rax}, which is
 *                       {@link RegisterMap#syscallNumber()}), aarch64 {@code x8}
 * @param numberRegset   the register set that holds the number the kernel runs after a
 *                       syscall-enter-stop, when it is not the general one: 0 on x86_64,
 *                       whose {@code orig_rax} is written with the other registers
 *                       (arch/x86/entry/common.c); {@code NT_ARM_SYSTEM_CALL} (0x404) on
 *                       aarch64, whose kernel keeps the number apart from {@code x8}
 *                       ({@code pt_regs->syscallno}, arch/arm64/kernel/ptrace.c)
 */
public record SyscallInstruction(byte[] encoding, int numberRegister, int numberRegset) {
    /** include/uapi/linux/elf.h: the aarch64 syscall number's register set. */
    public static final int NT_ARM_SYSTEM_CALL = 0x404;

    public SyscallInstruction {
        encoding = encoding.clone();
    }

    /** The instruction's bytes (a copy). */
    @Override
    public byte[] encoding() {
        return encoding.clone();
    }

    /** The instruction's length in bytes: how far back from a syscall stop's instruction pointer it starts. */
    public int length() {
        return encoding.length;
    }

    /**
     * At a syscall-enter-stop: {@code regs} made to run syscall {@code nr} with {@code args}
     * instead of the one entered. On aarch64 the number must also be written to
     * {@link #numberRegset}.
     */
    public void replace(ByteBuffer regs, RegisterMap map, long nr, long... args) {
        put(regs, map.syscallNumber(), nr);
        put(regs, numberRegister, nr);
        putArgs(regs, map, args);
    }

    /**
     * At a syscall-exit-stop: {@code regs} made to run the syscall instruction once more,
     * as syscall {@code nr} with {@code args} (the next stop is its enter stop).
     */
    public void repeat(ByteBuffer regs, RegisterMap map, long nr, long... args) {
        back(regs, map);
        put(regs, map.syscallNumber(), nr);
        put(regs, numberRegister, nr);
        putArgs(regs, map, args);
    }

    /**
     * {@code entered}, the registers as they were at a syscall-enter-stop, made to make that
     * same syscall again from the instruction: the instruction pointer back on it and the
     * number where the instruction reads it (on x86_64, {@code rax} held {@code -ENOSYS} at
     * the stop). Its arguments are still in place at the enter stop, on aarch64 too, where
     * {@code x0} is overwritten only by the result.
     */
    public void restart(ByteBuffer entered, RegisterMap map) {
        back(entered, map);
        put(entered, numberRegister, RegisterMap.word(entered, map.syscallNumber()));
    }

    private void back(ByteBuffer regs, RegisterMap map) {
        put(regs, map.instructionPointer(), RegisterMap.word(regs, map.instructionPointer()) - length());
    }

    private static void putArgs(ByteBuffer regs, RegisterMap map, long... args) {
        if (args.length > 6) throw new IllegalArgumentException("at most six arguments");
        for (int i = 0; i < args.length; i++) put(regs, map.arg(i), args[i]);
    }

    private static void put(ByteBuffer regs, int offset, long value) {
        regs.duplicate().order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyscallInstruction s && java.util.Arrays.equals(encoding, s.encoding)
                && numberRegister == s.numberRegister && numberRegset == s.numberRegset;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(encoding) + 7 * numberRegister + numberRegset;
    }

    @Override
    public String toString() {
        return "SyscallInstruction[" + HexFormat.ofDelimiter(" ").formatHex(encoding) + ", numberRegister="
                + numberRegister + ", numberRegset=" + numberRegset + "]";
    }
}
