package io.jstrace.core;

import io.jstrace.arch.Arch;
import io.jstrace.arch.X86_64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A stopped thread's general registers, as {@code PTRACE_GETREGSET}/{@code NT_PRSTATUS}
 * gave them (x86_64: {@code struct user_regs_struct}, arch/x86/include/asm/user_64.h), and
 * a function call's view of them by the System V AMD64 ABI (arguments in rdi, rsi, rdx,
 * rcx, r8, r9; the result in rax).
 */
public final class RegisterSet {
    /** user_regs_struct slots of rdi, rsi, rdx, rcx, r8, r9. */
    private static final int[] CALL_ARGS = {14, 13, 12, 11, 9, 8};
    private static final int RAX = 10, RIP = 16, RSP = 19;

    private final Arch arch;
    private final ByteBuffer raw;

    /** Wraps a copy of {@code bytes}. */
    public RegisterSet(Arch arch, byte[] bytes) {
        this.arch = arch;
        this.raw = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
    }

    public Arch arch() {
        return arch;
    }

    /** The {@code i}th integer argument of a call ({@code 0 <= i < 6}), at a function's entry. */
    public long arg(int i) {
        requireX86();
        return slot(CALL_ARGS[i]);
    }

    /** The integer result (rax), at a return. */
    public long returnValue() {
        return slot(RAX);
    }

    public long instructionPointer() {
        return slot(RIP);
    }

    public long stackPointer() {
        return slot(RSP);
    }

    /** The register at {@code index} in user_regs_struct (r15 is 0, rip 16, rsp 19). */
    public long slot(int index) {
        return raw.getLong(index * 8);
    }

    /** A copy of the raw register set. */
    public byte[] bytes() {
        byte[] b = new byte[raw.capacity()];
        raw.get(0, b);
        return b;
    }

    private void requireX86() {
        if (!(arch instanceof X86_64)) throw new UnsupportedOperationException("call arguments on " + arch.name());
    }
}
