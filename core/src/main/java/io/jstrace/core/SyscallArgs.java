package io.jstrace.core;

/**
 * The six raw argument registers of a syscall, as the tracee passed them at
 * syscall-enter-stop. Values stay 64-bit bit patterns; accessors interpret them as the
 * named C type.
 */
public record SyscallArgs(long a0, long a1, long a2, long a3, long a4, long a5) {

    /** Argument {@code i} exactly as the register held it, {@code 0 <= i < 6}. */
    public long raw(int i) {
        return switch (i) {
            case 0 -> a0;
            case 1 -> a1;
            case 2 -> a2;
            case 3 -> a3;
            case 4 -> a4;
            case 5 -> a5;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** Argument {@code i} as a C {@code int}: the low 32 bits, sign-extended. */
    public int cInt(int i) {
        return (int) raw(i);
    }

    /** Argument {@code i} as a C {@code unsigned int}. */
    public long cUint(int i) {
        return raw(i) & 0xffff_ffffL;
    }

    /** Argument {@code i} as an address. */
    public long pointer(int i) {
        return raw(i);
    }
}
