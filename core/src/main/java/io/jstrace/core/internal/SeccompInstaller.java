package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.*;

import io.jstrace.arch.Arch;
import io.jstrace.arch.RegisterMap;
import io.jstrace.arch.X86_64;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;

/**
 * Installs a {@link SeccompFilter} in a tracee by syscall injection, as debuggers do: at
 * one of its syscall-enter-stops the tracee is made to call
 * {@code seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog)} instead (and, when that is refused
 * for want of CAP_SYS_ADMIN, {@code prctl(PR_SET_NO_NEW_PRIVS, 1)} first, as
 * kernel/seccomp.c: seccomp_prepare_filter requires), then its registers are put back
 * with the instruction pointer on its {@code syscall} instruction again, so that the
 * syscall it meant to make is made next. No native helper runs in the tracee: the
 * program is written below its stack pointer, past the red zone, in its stack mapping
 * (fs/exec.c: setup_arg_pages leaves 128 KiB of stack below a new program's start).
 *
 * <p>x86_64 only: there the {@code syscall} instruction is 2 bytes and the number the
 * kernel runs after a syscall-enter-stop is {@code orig_rax}, writable with the other
 * registers (arch/x86/entry/common.c). On other architectures nothing is installed and
 * every syscall stops, as without a filter.
 */
final class SeccompInstaller {
    private static final int SYSCALL_INSN = 2;
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
        if (!supports(t.arch) || !registers.load(t)) return -1;
        RegisterMap map = t.arch.registers();
        byte[] saved = registers.snapshot(t);
        long sp = registers.get(map.stackPointer());
        byte[] program = SeccompFilter.program(t.arch.auditArch(), syscalls);
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
     * and goes back to its {@code syscall} instruction for one more.
     */
    private long call(ThreadState t, byte[] saved, boolean atEntry, String name, long a0, long a1, long a2) {
        RegisterMap map = t.arch.registers();
        long nr = t.arch.syscalls().number(name);
        registers.restore(saved);
        registers.put(map.syscallNumber(), nr);
        registers.put(map.arg(0), a0);
        registers.put(map.arg(1), a1);
        registers.put(map.arg(2), a2);
        if (!atEntry) {
            registers.put(map.instructionPointer(), registers.get(map.instructionPointer()) - SYSCALL_INSN);
            registers.put(map.returnValue(), nr);
            if (!registers.store(t) || !step(t)) return LOST;
        } else if (!registers.store(t)) {
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

    /** Puts the saved registers back, the instruction pointer on the tracee's own syscall. */
    private boolean restart(ThreadState t, byte[] saved) {
        RegisterMap map = t.arch.registers();
        registers.restore(saved);
        registers.put(map.instructionPointer(), registers.get(map.instructionPointer()) - SYSCALL_INSN);
        registers.put(map.returnValue(), registers.get(map.syscallNumber()));
        return registers.store(t);
    }

    /** Whether {@code arch} can take a filter this way. */
    static boolean supports(Arch arch) {
        return arch instanceof X86_64;
    }
}
