package io.jstrace.arch;

/**
 * x86_64 (amd64). Register layout: {@code struct user_regs_struct} in
 * arch/x86/include/asm/user_64.h; syscall ABI: arch/x86/entry/entry_64.S
 * (number in rax, saved as orig_rax; args in rdi, rsi, rdx, r10, r8, r9; result in rax).
 */
public final class X86_64 implements Arch {
    /** The one instance. */
    public static final X86_64 INSTANCE = new X86_64();

    /** include/uapi/linux/audit.h: EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE. */
    public static final int AUDIT_ARCH_X86_64 = 0xc000003e;

    // user_regs_struct: r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ...
    private static final int R10 = 7 * 8, R9 = 8 * 8, R8 = 9 * 8, RAX = 10 * 8, RDX = 12 * 8, RSI = 13 * 8,
            RDI = 14 * 8, ORIG_RAX = 15 * 8, RIP = 16 * 8, RSP = 19 * 8;

    private static final RegisterMap REGISTERS =
            new RegisterMap(27 * 8, ORIG_RAX, new int[] {RDI, RSI, RDX, R10, R8, R9}, RAX, RIP, RSP);

    /** {@code syscall} (0f 05), which reads the number from rax. */
    private static final SyscallInstruction SYSCALL = new SyscallInstruction(new byte[] {0x0f, 0x05}, RAX, 0);

    private X86_64() {}

    @Override
    public String name() {
        return "x86_64";
    }

    @Override
    public int auditArch() {
        return AUDIT_ARCH_X86_64;
    }

    @Override
    public SyscallNumbers syscalls() {
        return X86_64Syscalls.NUMBERS;
    }

    @Override
    public RegisterMap registers() {
        return REGISTERS;
    }

    @Override
    public SyscallInstruction syscallInstruction() {
        return SYSCALL;
    }

    @Override
    public int otherAbiBit() {
        return 0x40000000;
    }

    @Override
    public String toString() {
        return name();
    }
}
