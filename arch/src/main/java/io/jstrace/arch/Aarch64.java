package io.jstrace.arch;

/**
 * aarch64 (arm64). Register layout: {@code struct user_pt_regs} in
 * arch/arm64/include/uapi/asm/ptrace.h (x0..x30, sp, pc, pstate); syscall ABI:
 * number in x8, args in x0..x5, result in x0 — which overwrites the first argument, so
 * arguments must be captured at syscall-enter-stop. At syscall stops the kernel also
 * overwrites x7 with 0 (enter) or 1 (exit) for the tracer's view (arch/arm64/kernel/ptrace.c,
 * report_syscall), so x7 in the register set is not the tracee's value.
 */
public final class Aarch64 implements Arch {
    /** The one instance. */
    public static final Aarch64 INSTANCE = new Aarch64();

    /** include/uapi/linux/audit.h: EM_AARCH64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE. */
    public static final int AUDIT_ARCH_AARCH64 = 0xc00000b7;

    private static final int X8 = 8 * 8, SP = 31 * 8, PC = 32 * 8;

    private static final RegisterMap REGISTERS =
            new RegisterMap(34 * 8, X8, new int[] {0, 8, 16, 24, 32, 40}, 0, PC, SP);

    private Aarch64() {}

    @Override
    public String name() {
        return "aarch64";
    }

    /**
     * NT_ARM_SYSTEM_CALL: on arm64 the number the kernel runs is not x8 but a field of its
     * own, written through this set (arch/arm64/kernel/ptrace.c, system_call_set).
     */
    @Override
    public int syscallNumberRegset() {
        return 0x404;
    }

    @Override
    public int auditArch() {
        return AUDIT_ARCH_AARCH64;
    }

    @Override
    public SyscallNumbers syscalls() {
        return Aarch64Syscalls.NUMBERS;
    }

    @Override
    public RegisterMap registers() {
        return REGISTERS;
    }

    @Override
    public String toString() {
        return name();
    }
}
