package io.jstrace.core.internal;

import io.jstrace.arch.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A classic-BPF seccomp program that makes the selected syscalls stop the tracee
 * ({@code SECCOMP_RET_TRACE}: a {@code PTRACE_EVENT_SECCOMP} stop) and lets every other one
 * run ({@code SECCOMP_RET_ALLOW}). The kernel runs it on every syscall with a
 * {@code struct seccomp_data} (include/uapi/linux/seccomp.h): {@code int nr} at 0,
 * {@code __u32 arch} at 4. Calls of another ABI (i386 or x32 on x86_64, arm32 on aarch64)
 * all stop: their numbers are not the ones selected. The architecture says which
 * ({@link Arch#auditArch}, {@link Arch#otherAbiBit}).
 */
final class SeccompFilter {
    static final int SECCOMP_SET_MODE_FILTER = 1;
    /** prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog): the older way to the same (include/uapi/linux/prctl.h, seccomp.h). */
    static final int PR_SET_SECCOMP = 22, SECCOMP_MODE_FILTER = 2;
    static final int SECCOMP_RET_TRACE = 0x7ff00000;
    static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    /** include/uapi/linux/filter.h: BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_JMP|BPF_JGE|BPF_K, BPF_RET|BPF_K. */
    private static final short LD_W_ABS = 0x20, JEQ_K = 0x15, JGE_K = 0x35, RET_K = 0x06;
    /** The kernel refuses longer programs (BPF_MAXINSNS). */
    private static final int MAX_INSNS = 4096;
    private static final int INSN = 8;

    private SeccompFilter() {}

    /**
     * The program's {@code struct sock_filter} array, little-endian: another architecture's
     * calls stop; then, where another ABI shares {@code arch}'s audit value, its numbers
     * stop; then for each selected number a {@code jeq nr, 0, 1} followed by
     * {@code ret TRACE}; {@code ret ALLOW} last.
     */
    static byte[] program(Arch arch, int[] syscalls) {
        int[] nrs = Arrays.stream(syscalls).distinct().sorted().toArray();
        boolean otherAbi = arch.otherAbiBit() != 0;
        int insns = 4 + (otherAbi ? 2 : 0) + 2 * nrs.length + 1;
        if (insns > MAX_INSNS) throw new IllegalArgumentException("too many syscalls for one filter");
        ByteBuffer b = ByteBuffer.allocate(insns * INSN).order(ByteOrder.LITTLE_ENDIAN);
        insn(b, LD_W_ABS, 0, 0, 4);
        insn(b, JEQ_K, 1, 0, arch.auditArch());
        insn(b, RET_K, 0, 0, SECCOMP_RET_TRACE);
        insn(b, LD_W_ABS, 0, 0, 0);
        if (otherAbi) {
            insn(b, JGE_K, 0, 1, arch.otherAbiBit());
            insn(b, RET_K, 0, 0, SECCOMP_RET_TRACE);
        }
        for (int nr : nrs) {
            insn(b, JEQ_K, 0, 1, nr);
            insn(b, RET_K, 0, 0, SECCOMP_RET_TRACE);
        }
        insn(b, RET_K, 0, 0, SECCOMP_RET_ALLOW);
        return b.array();
    }

    /** {@code struct sock_filter}: u16 code, u8 jt, u8 jf, u32 k. */
    private static void insn(ByteBuffer b, short code, int jt, int jf, int k) {
        b.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
    }

    /**
     * {@code struct sock_fprog} followed by the program, as one block to write at
     * {@code address}: {@code unsigned short len}, padding, {@code struct sock_filter *filter}.
     */
    static byte[] fprogAt(long address, byte[] program) {
        ByteBuffer b = ByteBuffer.allocate(16 + program.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (program.length / INSN)).putShort((short) 0).putInt(0).putLong(address + 16);
        b.put(program);
        return b.array();
    }
}
