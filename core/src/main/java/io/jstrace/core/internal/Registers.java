package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.NT_PRSTATUS;
import static io.jstrace.core.internal.jnr.Ptrace.PTRACE_GETREGSET;
import static io.jstrace.core.internal.jnr.Ptrace.PTRACE_SETREGSET;

import io.jstrace.arch.RegisterMap;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.NativeBuffer;

/** Reads and writes a stopped tracee's general registers ({@code PTRACE_GETREGSET}, {@code NT_PRSTATUS}). */
final class Registers {
    private final LibC libc;
    private final NativeBuffer regs;
    private final NativeBuffer iov;

    Registers(LibC libc) {
        this.libc = libc;
        this.regs = NativeBuffer.allocate(512);
        this.iov = NativeBuffer.allocate(16);
    }

    /** A 512-byte native buffer for one-off reads such as a siginfo. */
    NativeBuffer scratch() {
        return regs;
    }

    /** Reads {@code t}'s register set into the buffer; whether it could. */
    boolean load(ThreadState t) {
        iov.putLong(0, regs.address());
        iov.putLong(8, t.arch.registers().size());
        return libc.ptrace(PTRACE_GETREGSET, t.tid, NT_PRSTATUS, iov) >= 0;
    }

    /** Writes the buffer back as {@code t}'s register set; whether it could. */
    boolean store(ThreadState t) {
        iov.putLong(0, regs.address());
        iov.putLong(8, t.arch.registers().size());
        return libc.ptrace(PTRACE_SETREGSET, t.tid, NT_PRSTATUS, iov) == 0;
    }

    /** The loaded register at byte offset {@code offset}. */
    long get(int offset) {
        return regs.getLong(offset);
    }

    void put(int offset, long value) {
        regs.putLong(offset, value);
    }

    /** A copy of the loaded register set. */
    byte[] snapshot(ThreadState t) {
        byte[] b = new byte[t.arch.registers().size()];
        regs.get(0, b, 0, b.length);
        return b;
    }

    /** Puts a snapshot back into the buffer (not yet into the tracee: {@link #store}). */
    void restore(byte[] snapshot) {
        regs.put(0, snapshot, 0, snapshot.length);
    }

    /**
     * Sets the number of the syscall {@code t} is entering, at its syscall-enter-stop: the
     * kernel runs that one instead, and skips it for -1 (ptrace(2), "Syscall-stops"). The
     * number is in the general registers, unless the architecture keeps it in a set of its
     * own ({@link io.jstrace.arch.SyscallInstruction#numberRegset}: aarch64's
     * {@code NT_ARM_SYSTEM_CALL}, an int).
     */
    boolean setSyscallNumber(ThreadState t, long nr) {
        int regset = t.arch.syscallInstruction().numberRegset();
        if (regset == 0) {
            if (!load(t)) return false;
            regs.putLong(t.arch.registers().syscallNumber(), nr);
            return store(t);
        }
        NativeBuffer b = NativeBuffer.allocate(8);
        b.putInt(0, (int) nr);
        iov.putLong(0, b.address());
        iov.putLong(8, 4);
        return libc.ptrace(PTRACE_SETREGSET, t.tid, regset, iov) == 0;
    }

    /** Sets the value the syscall {@code t} is leaving returns, at its syscall-exit-stop (a negated errno to fail). */
    boolean setReturnValue(ThreadState t, long value) {
        if (!load(t)) return false;
        regs.putLong(t.arch.registers().returnValue(), value);
        return store(t);
    }

    /** Sets syscall arguments 1 and 2 at a syscall-enter-stop; the kernel reads them after the stop. */
    boolean setArgs12(ThreadState t, long arg1, long arg2) {
        RegisterMap map = t.arch.registers();
        if (!load(t)) return false;
        regs.putLong(map.arg(1), arg1);
        regs.putLong(map.arg(2), arg2);
        return store(t);
    }
}
