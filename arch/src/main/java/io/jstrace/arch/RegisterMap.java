package io.jstrace.arch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Byte offsets into an architecture's {@code NT_PRSTATUS} register set.
 *
 * @param size            size of the register set in bytes
 * @param syscallNumber   offset of the register that holds the syscall number at syscall-enter-stop
 * @param args            offsets of the six syscall argument registers, in ABI order
 * @param returnValue     offset of the register that holds the return value at syscall-exit-stop
 * @param instructionPointer offset of the program counter
 * @param stackPointer    offset of the stack pointer
 */
public record RegisterMap(
        int size, int syscallNumber, int[] args, int returnValue, int instructionPointer, int stackPointer) {

    public RegisterMap {
        if (args.length != 6) throw new IllegalArgumentException("six argument registers expected");
        args = args.clone();
    }

    /** The six argument registers' offsets, in ABI order (a copy). */
    @Override
    public int[] args() {
        return args.clone();
    }

    /** The {@code i}th argument register's offset, {@code 0 <= i < 6}. */
    public int arg(int i) {
        return args[i];
    }

    /**
     * Reads the 64-bit register at {@code offset} from a little-endian register set.
     * Leaves {@code regs}' position and byte order as they were.
     */
    public static long word(ByteBuffer regs, int offset) {
        return regs.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterMap m && size == m.size && syscallNumber == m.syscallNumber
                && Arrays.equals(args, m.args) && returnValue == m.returnValue
                && instructionPointer == m.instructionPointer && stackPointer == m.stackPointer;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(args)
                + Objects.hash(size, syscallNumber, returnValue, instructionPointer, stackPointer);
    }

    @Override
    public String toString() {
        return "RegisterMap[size=" + size + ", syscallNumber=" + syscallNumber + ", args=" + Arrays.toString(args)
                + ", returnValue=" + returnValue + ", instructionPointer=" + instructionPointer
                + ", stackPointer=" + stackPointer + "]";
    }
}
