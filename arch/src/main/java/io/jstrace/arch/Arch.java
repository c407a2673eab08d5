package io.jstrace.arch;

/**
 * A Linux architecture the tracer understands: its syscall numbers and the layout of
 * its general-purpose register set ({@code NT_PRSTATUS}, as read with
 * {@code PTRACE_GETREGSET}).
 *
 * <p>Everything here is data; nothing touches a process.
 */
public sealed interface Arch permits X86_64, Aarch64 {

    /** The kernel's name for the architecture ({@code uname -m}), not {@code null}. */
    String name();

    /** The {@code AUDIT_ARCH_*} value that {@code PTRACE_GET_SYSCALL_INFO} reports for it. */
    int auditArch();

    /** Syscall numbers of this architecture's native ABI, not {@code null}. */
    SyscallNumbers syscalls();

    /** Where the syscall number, arguments and return value live in the register set. */
    RegisterMap registers();

    /** How a tracer makes a stopped tracee run a syscall of its choosing (seccomp filters are installed so). */
    SyscallInstruction syscallInstruction();

    /**
     * A bit the kernel sets in the numbers of another ABI that shares this one's
     * {@code AUDIT_ARCH_*} value (x86_64: x32's {@code __X32_SYSCALL_BIT}, 0x40000000,
     * arch/x86/include/uapi/asm/unistd.h), or 0 when there is none (aarch64: arm32 calls
     * carry {@code AUDIT_ARCH_ARM}).
     */
    int otherAbiBit();

    /** The architecture of the running JVM, not {@code null}. */
    static Arch host() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> X86_64.INSTANCE;
            case "aarch64", "arm64" -> Aarch64.INSTANCE;
            default -> throw new UnsupportedOperationException("unsupported architecture: " + a);
        };
    }

    /** The architecture with this {@code AUDIT_ARCH_*} value, or {@code null} if none. */
    static Arch ofAudit(int auditArch) {
        if (auditArch == X86_64.INSTANCE.auditArch()) return X86_64.INSTANCE;
        if (auditArch == Aarch64.INSTANCE.auditArch()) return Aarch64.INSTANCE;
        return null;
    }
}
