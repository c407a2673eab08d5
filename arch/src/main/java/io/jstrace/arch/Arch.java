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

    /**
     * The register set through which a tracer changes the syscall number at a
     * syscall-enter-stop ({@code PTRACE_SETREGSET}): the general registers
     * ({@code NT_PRSTATUS}, at {@link RegisterMap#syscallNumber}) unless the architecture has
     * a set of its own for it (include/uapi/linux/elf.h).
     */
    default int syscallNumberRegset() {
        return 1; // NT_PRSTATUS
    }

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
