package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.*;

import io.jstrace.arch.Arch;
import io.jstrace.arch.RegisterMap;
import io.jstrace.arch.SyscallInstruction;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.nio.ByteBuffer;

/**
 * Installs a {@link SeccompFilter} in a tracee by syscall injection, as debuggers do: at
 * one of its syscall-enter-stops the tracee is made to call
 * {@code seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog)} instead (and, when that is refused
 * for want of CAP_SYS_ADMIN, {@code prctl(PR_SET_NO_NEW_PRIVS, 1)} first, as
 * kernel/seccomp.c: seccomp_prepare_filter requires), then its registers are put back
 * with the instruction pointer on its syscall instruction again, so that the syscall it
 * meant to make is made next. No native helper runs in the tracee: the program is written
 * below its stack pointer, past x86_64's red zone, in its stack mapping (fs/exec.c:
 * setup_arg_pages leaves 128 KiB of stack below a new program's start).
 *
 * <p>What differs between architectures is the architecture's data
 * ({@link Arch#syscallInstruction}): the instruction's length, the register it reads the
 * number from, and where the number of an entered syscall is replaced (x86_64's
 * {@code orig_rax}, aarch64's {@code NT_ARM_SYSTEM_CALL}).
 */
final class SeccompInstaller {
    private static final int RED_ZONE = 128;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int EACCES = 13;
    private static final int SYSCALL_STOP = 0x80 | 5;
    /** {@link #call}'s result when the tracee did not come back to a syscall-exit-stop. */
    private static final long LOST = Long.MIN_VALUE;
    /** {@link #call}'s result when the registers could not be set: nothing happened. */
    private static final long UNTOUCHED = Long.MIN_VALUE + 1;

    private final LibC libc;
    private final Registers registers;
    private final ProcessMemory memory;
    private final NativeBuffer status;

    SeccompInstaller(LibC libc, Registers registers, ProcessMemory memory, NativeBuffer status) {
        this.libc = libc;
        this.registers = registers;
        this.memory = memory;
        this.status = status;
    }

    /**
     * Installs a filter stopping {@code syscalls} in {@code t}, which is at a
     * syscall-enter-stop.
     *
     * @return 1 when installed and 0 when not, {@code t} being left at a syscall-exit-stop
     *     with its own syscall about to be made again (resume it with PTRACE_SYSCALL to see
     *     that syscall's enter stop); -1 when nothing was done and {@code t} is still at the
     *     enter stop it was at
     */
    int install(ThreadState t, int[] syscalls) {
        if (!registers.load(t)) return -1;
        RegisterMap map = t.arch.registers();
        byte[] saved = registers.snapshot(t);
        long sp = registers.get(map.stackPointer());
        byte[] program = SeccompFilter.program(t.arch, syscalls);
        long at = (sp - RED_ZONE - 16 - program.length) & ~15L;
        if (!memory.write(t.tid, at, SeccompFilter.fprogAt(at, program))) return -1;
        long r = call(t, saved, true, "seccomp", SeccompFilter.SECCOMP_SET_MODE_FILTER, 0, at);
        if (r == UNTOUCHED) return -1;
        if (r == -EACCES && call(t, saved, false, "prctl", PR_SET_NO_NEW_PRIVS, 1, 0) == 0) {
            r = call(t, saved, false, "seccomp", SeccompFilter.SECCOMP_SET_MODE_FILTER, 0, at);
        }
        if (r == LOST) return 0;
        return restart(t, saved) && r == 0 ? 1 : 0;
    }

    /**
     * Makes {@code t} run syscall {@code name} and returns its result, or {@link #LOST}
     * when the tracee did not stop as expected (it died, or a signal stopped it first). {@code atEntry}: {@code t} is at a
     * syscall-enter-stop, whose syscall is replaced; otherwise it is at a syscall-exit-stop
     * and goes back to its syscall instruction for one more.
     */
    private long call(ThreadState t, byte[] saved, boolean atEntry, String name, long a0, long a1, long a2) {
        RegisterMap map = t.arch.registers();
        SyscallInstruction insn = t.arch.syscallInstruction();
        long nr = t.arch.syscalls().number(name);
        byte[] regs = saved.clone();
        ByteBuffer b = ByteBuffer.wrap(regs);
        if (atEntry) insn.replace(b, map, nr, a0, a1, a2);
        else insn.repeat(b, map, nr, a0, a1, a2);
        registers.restore(regs);
        if (!atEntry) {
            if (!registers.store(t) || !step(t)) return LOST;
        } else if (!registers.store(t)
                || insn.numberRegset() != 0 && !registers.setSyscallNumber(t, nr)) {
            registers.restore(saved);
            registers.store(t);
            return UNTOUCHED;
        }
        if (!step(t) || !registers.load(t)) return LOST;
        return registers.get(map.returnValue());
    }

    /** Resumes {@code t} to its next stop, which must be a syscall stop. */
    private boolean step(ThreadState t) {
        if (libc.ptrace(PTRACE_SYSCALL, t.tid, 0, 0) < 0) return false;
        int r;
        do {
            r = libc.waitpid(t.tid, status, __WALL);
        } while (r < 0 && Native.errno() == EINTR);
        int s = status.getInt(0);
        return r == t.tid && WaitStatus.stopped(s) && WaitStatus.stopSig(s) == SYSCALL_STOP;
    }

    /** Puts the saved registers back, the instruction pointer on the tracee's own syscall instruction. */
    private boolean restart(ThreadState t, byte[] saved) {
        byte[] regs = saved.clone();
        t.arch.syscallInstruction().restart(ByteBuffer.wrap(regs), t.arch.registers());
        registers.restore(regs);
        return registers.store(t);
    }
}
