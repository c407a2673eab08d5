package io.jstrace.core.internal.jnr;

/** Request numbers, options and events of ptrace(2), from include/uapi/linux/ptrace.h. */
public final class Ptrace {
    public static final int PTRACE_CONT = 7;
    public static final int PTRACE_KILL = 8;
    public static final int PTRACE_SINGLESTEP = 9;
    public static final int PTRACE_DETACH = 17;
    public static final int PTRACE_SYSCALL = 24;
    public static final int PTRACE_SETOPTIONS = 0x4200;
    public static final int PTRACE_GETEVENTMSG = 0x4201;
    public static final int PTRACE_GETSIGINFO = 0x4202;
    public static final int PTRACE_GETREGSET = 0x4204;
    public static final int PTRACE_SETREGSET = 0x4205;
    public static final int PTRACE_SEIZE = 0x4206;
    public static final int PTRACE_INTERRUPT = 0x4207;
    public static final int PTRACE_LISTEN = 0x4208;
    public static final int PTRACE_GET_SYSCALL_INFO = 0x420e;

    public static final int PTRACE_O_TRACESYSGOOD = 0x01;
    public static final int PTRACE_O_TRACEFORK = 0x02;
    public static final int PTRACE_O_TRACEVFORK = 0x04;
    public static final int PTRACE_O_TRACECLONE = 0x08;
    public static final int PTRACE_O_TRACEEXEC = 0x10;
    public static final int PTRACE_O_TRACEEXIT = 0x40;
    public static final int PTRACE_O_TRACESECCOMP = 0x80;
    public static final int PTRACE_O_EXITKILL = 0x100000;

    public static final int PTRACE_EVENT_FORK = 1;
    public static final int PTRACE_EVENT_VFORK = 2;
    public static final int PTRACE_EVENT_CLONE = 3;
    public static final int PTRACE_EVENT_EXEC = 4;
    public static final int PTRACE_EVENT_VFORK_DONE = 5;
    public static final int PTRACE_EVENT_EXIT = 6;
    public static final int PTRACE_EVENT_SECCOMP = 7;
    public static final int PTRACE_EVENT_STOP = 128;

    /** struct ptrace_syscall_info's op. */
    public static final int PTRACE_SYSCALL_INFO_NONE = 0;
    public static final int PTRACE_SYSCALL_INFO_ENTRY = 1;
    public static final int PTRACE_SYSCALL_INFO_EXIT = 2;
    public static final int PTRACE_SYSCALL_INFO_SECCOMP = 3;

    /** include/uapi/linux/elf.h: the general-purpose register set. */
    public static final int NT_PRSTATUS = 1;

    /** waitpid(2) options. */
    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int __WALL = 0x40000000;
    /** Only the calling thread's children and tracees, not its thread group's (wait(2)). */
    public static final int __WNOTHREAD = 0x20000000;

    /** errno values the loop tests for (include/uapi/asm-generic/errno-base.h). */
    public static final int EPERM = 1, ESRCH = 3, EINTR = 4, ECHILD = 10;

    private Ptrace() {}
}
