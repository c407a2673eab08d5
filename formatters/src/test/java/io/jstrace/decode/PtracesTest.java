package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class PtracesTest {
    private static final long A = 0x7ffe117a_ba38L;
    private static final long ESRCH = -3;
    private static final int TRACEME = 0, PEEKDATA = 2, PEEKUSER = 3, CONT = 7, KILL = 8, ATTACH = 16,
            DETACH = 17, GETREGS = 12, SETOPTIONS = 0x4200, GETEVENTMSG = 0x4201, GETREGSET = 0x4204,
            SEIZE = 0x4206, GET_SYSCALL_INFO = 0x420e;

    private static String line(Call c) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Formatters.visibleArgs(c); i++) parts.add(render(Formatters.format(c, i)));
        return String.join(", ", parts);
    }

    private static Call failed(long... args) {
        return Calls.of("ptrace").args(args).exit(ESRCH);
    }

    @Test
    void requestsThatIgnoreArguments() {
        assertEquals("PTRACE_TRACEME", line(failed(TRACEME, 1, 2, 3)));
        assertEquals("PTRACE_ATTACH, 99999", line(failed(ATTACH, 99999, 5, 6)));
        assertEquals("PTRACE_KILL, 99999", line(failed(KILL, 99999, 5, 6)));
    }

    @Test
    void dataBySignalOptionsAndRegisters() {
        assertEquals("PTRACE_CONT, 99999, NULL, SIGUSR1", line(failed(CONT, 99999, 0, 10)));
        assertEquals("PTRACE_DETACH, 99999, 0x5, 4096", line(failed(DETACH, 99999, 5, 4096)));
        assertEquals("PTRACE_CONT, 99999, NULL, 0", line(failed(CONT, 99999, 0, 0)));
        assertEquals("PTRACE_SETOPTIONS, 99999, NULL, PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL",
                line(failed(SETOPTIONS, 99999, 0, 0x100001)));
        assertEquals("PTRACE_SEIZE, 99999, NULL, 0x80000000 /* PTRACE_O_??? */", line(failed(SEIZE, 99999, 0, 0x80000000L)));
        assertEquals("PTRACE_GETREGS, 99999, 0x1000", line(failed(GETREGS, 99999, 5, 0x1000)));
        assertEquals("0x3039 /* PTRACE_??? */, 99999, 0x5, 0x1000", line(failed(12345, 99999, 5, 0x1000)));
    }

    @Test
    void x86RequestsAreUnknownOnAarch64() {
        Call c = Calls.of("ptrace").args(GETREGS, 99999, 5, 0x1000).aarch64().exit(ESRCH);
        assertEquals("0xc /* PTRACE_??? */, 99999, 0x5, 0x1000", line(c));
        Call peekuser = Calls.of("ptrace").args(PEEKUSER, 99999, 128, 0).aarch64().exit(ESRCH);
        assertEquals("PTRACE_PEEKUSER, 99999, 0x80, NULL", line(peekuser));
    }

    @Test
    void addrByRequest() {
        assertEquals("PTRACE_PEEKUSER, 99999, 8*RIP, NULL", line(failed(PEEKUSER, 99999, 128, 0)));
        assertEquals("PTRACE_PEEKUSER, 99999, 8*SS+48, NULL", line(failed(PEEKUSER, 99999, 208, 0)));
        assertEquals("PTRACE_PEEKUSER, 99999, offsetof(struct user, u_comm)+4, NULL", line(failed(PEEKUSER, 99999, 820, 0)));
        assertEquals("PTRACE_PEEKUSER, 99999, sizeof(struct user), NULL", line(failed(PEEKUSER, 99999, 912, 0)));
        assertEquals("PTRACE_PEEKUSER, 99999, 0x398, NULL", line(failed(PEEKUSER, 99999, 920, 0)));
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 88, 0x7ffe117aba38", line(failed(GET_SYSCALL_INFO, 99999, 88, A)));
    }

    @Test
    void peeksPrintTheWordAtExit() {
        FakeMemory m = new FakeMemory().putLongs(A, 0xdeadbeefL);
        Call ok = Calls.of("ptrace").args(PEEKDATA, 99999, 0x1000, A).mem(m).exit(0);
        assertEquals(3, Formatters.entryArgs(ok, 4));
        assertEquals("PTRACE_PEEKDATA, 99999, 0x1000, [0xdeadbeef]", line(ok));
        assertEquals("PTRACE_GETEVENTMSG, 99999, NULL, [3735928559]",
                line(Calls.of("ptrace").args(GETEVENTMSG, 99999, 0, A).mem(m).exit(0)));
        assertEquals("PTRACE_PEEKDATA, 99999, 0x1000, 0x7ffe117aba38", line(failed(PEEKDATA, 99999, 0x1000, A)));
        assertEquals("PTRACE_PEEKDATA, 99999, 0x1000, 0x7ffe117aba38",
                line(Calls.of("ptrace").args(PEEKDATA, 99999, 0x1000, A).exit(0)));
    }

    @Test
    void getsiginfoAtExit() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(19).putInt(0).putInt(0).putInt(0).putInt(4242).putInt(0);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("PTRACE_GETSIGINFO, 99999, NULL, {si_signo=SIGSTOP, si_code=SI_USER, si_pid=4242, si_uid=0}",
                line(Calls.of("ptrace").args(0x4202, 99999, 0, A).mem(m).exit(0)));
        assertEquals("PTRACE_GETSIGINFO, 99999, NULL, 0x7ffe117aba38", line(failed(0x4202, 99999, 0, A)));
        assertEquals("PTRACE_SETSIGINFO, 99999, NULL, {si_signo=SIGSTOP, si_code=SI_USER, si_pid=4242, si_uid=0}",
                line(Calls.of("ptrace").args(0x4203, 99999, 0, A).mem(m).exit(ESRCH)));
        assertEquals("PTRACE_GETSIGINFO, 99999, NULL, 0x7ffe117aba40",
                line(Calls.of("ptrace").args(0x4202, 99999, 0, A + 8).mem(m).exit(0)));
    }

    @Test
    void sigmaskAsLongAsAddrSays() {
        FakeMemory m = new FakeMemory().putLongs(A, 1L << 16 | 1L << 11);
        assertEquals("PTRACE_GETSIGMASK, 99999, 8, [USR2 CHLD]",
                line(Calls.of("ptrace").args(0x420a, 99999, 8, A).mem(m).exit(0)));
        assertEquals("PTRACE_SETSIGMASK, 99999, 8, [USR2 CHLD]",
                line(Calls.of("ptrace").args(0x420b, 99999, 8, A).mem(m).enter()));
        assertEquals("PTRACE_GETSIGMASK, 99999, 4, 0x7ffe117aba38", line(failed(0x420a, 99999, 4, A)));
        assertEquals("PTRACE_SETSIGMASK, 99999, 16, 0x7ffe117aba38",
                line(Calls.of("ptrace").args(0x420b, 99999, 16, A).mem(m).enter()));
        assertEquals("PTRACE_SETSIGMASK, 99999, 8, 0x7ffe117aba3c",
                line(Calls.of("ptrace").args(0x420b, 99999, 8, A + 4).mem(m).enter()));
    }

    @Test
    void prstatusRegisters() {
        long[] regs = new long[27];
        regs[0] = 1;
        regs[16] = 0x408827;
        FakeMemory m = new FakeMemory().putLongs(A, A + 16, 216).putLongs(A + 16, regs).putLongs(A + 300, A + 16, 8);
        String line = line(Calls.of("ptrace").args(GETREGSET, 99999, 1, A).mem(m).exit(0));
        assertEquals("PTRACE_GETREGSET, 99999, NT_PRSTATUS, {iov_base={r15=0x1, r14=0, r13=0, r12=0, rbp=0, rbx=0, "
                + "r11=0, r10=0, r9=0, r8=0, rax=0, rcx=0, rdx=0, rsi=0, rdi=0, orig_rax=0, rip=0x408827, cs=0, "
                + "eflags=0, rsp=0, ss=0, fs_base=0, gs_base=0, ds=0, es=0, fs=0, gs=0}, iov_len=216}", line);
        assertEquals("PTRACE_GETREGSET, 99999, NT_PRSTATUS, {iov_base={r15=0x1}, iov_len=8}",
                line(Calls.of("ptrace").args(GETREGSET, 99999, 1, A + 300).mem(m).exit(0)));
        assertEquals("PTRACE_SETREGSET, 99999, NT_PRSTATUS, {iov_base={r15=0x1}, iov_len=8}",
                line(Calls.of("ptrace").args(0x4205, 99999, 1, A + 300).mem(m).enter()));
        FakeMemory cut = new FakeMemory().putLongs(A, A + 16, 216).putLongs(A + 16, 1, 2);
        assertEquals("PTRACE_GETREGSET, 99999, NT_PRSTATUS, {iov_base=0x7ffe117aba48, iov_len=216}",
                line(Calls.of("ptrace").args(GETREGSET, 99999, 1, A).mem(cut).exit(0)));
    }

    @Test
    void regsetIovecEvenOnFailure() {
        FakeMemory m = new FakeMemory().putLongs(A, 0x5294c0, 256);
        assertEquals("PTRACE_GETREGSET, 99999, NT_PRSTATUS, {iov_base=0x5294c0, iov_len=256}",
                line(Calls.of("ptrace").args(GETREGSET, 99999, 1, A).mem(m).exit(ESRCH)));
        assertEquals("PTRACE_GETREGSET, 99999, 0x99 /* NT_??? */, 0x7ffe117aba40",
                line(Calls.of("ptrace").args(GETREGSET, 99999, 0x99, A + 8).mem(m).exit(ESRCH)));
    }

    @Test
    void syscallInfoAsFarAsBothLengthsReach() {
        // struct ptrace_syscall_info at an entry stop: op, arch, ip, sp, then entry's nr and six args
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(88).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put(new byte[3]).putInt(0xc000003e).putLong(0x401000).putLong(0x7ffc0000);
        b.putLong(80).putLong(A).putLong(2).putLong(3).putLong(4).putLong(5).putLong(6);
        FakeMemory m = new FakeMemory().put(A, b.array());
        String common = "{op=PTRACE_SYSCALL_INFO_ENTRY, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000, "
                + "stack_pointer=0x7ffc0000";
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 88, " + common + ", entry={nr=__NR_chdir, args=[0x7ffe117aba38, "
                + "0x2, 0x3, 0x4, 0x5, 0x6]}}", line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 88, A).mem(m).exit(80)));
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 47, " + common + ", entry={nr=__NR_chdir, args=[0x7ffe117aba38]}}",
                line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 47, A).mem(m).exit(80)));
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 88, " + common + "}",
                line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 88, A).mem(m).exit(24)));
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 7, {op=PTRACE_SYSCALL_INFO_ENTRY}",
                line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 7, A).mem(m).exit(80)));
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 0, 0x7ffe117aba38",
                line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 0, A).mem(m).exit(80)));
    }

    @Test
    void syscallInfoExitNamesTheErrorOnlyWithIsError() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(33).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).put(new byte[3]).putInt(0xc000003e).putLong(0x401000).putLong(0x7ffc0000).putLong(-2).put((byte) 1);
        FakeMemory m = new FakeMemory().put(A, b.array());
        String common = "{op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000, "
                + "stack_pointer=0x7ffc0000";
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 33, " + common + ", exit={rval=-ENOENT, is_error=1}}",
                line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 33, A).mem(m).exit(33)));
        assertEquals("PTRACE_GET_SYSCALL_INFO, 99999, 32, " + common + ", exit={rval=-2}}",
                line(Calls.of("ptrace").args(GET_SYSCALL_INFO, 99999, 32, A).mem(m).exit(33)));
    }

    @Test
    void regsetLengthsTheKernelChangedAndOddSizes() {
        long[] regs = new long[27];
        regs[0] = 1;
        // the tracee asked for 224 bytes of NT_PRSTATUS, the kernel wrote 216 and said so
        FakeMemory before = new FakeMemory().putLongs(A, A + 16, 224).putLongs(A + 16, regs);
        FakeMemory after = new FakeMemory().putLongs(A, A + 16, 216).putLongs(A + 16, regs).putLongs(A + 300, A + 16, 9);
        String line = line(Calls.of("ptrace").args(GETREGSET, 99999, 1, A).atEntry(before).mem(after).exit(0));
        assertEquals(true, line.endsWith("fs=0, gs=0}, iov_len=224 => 216}"), line);
        String set = line(Calls.of("ptrace").args(0x4205, 99999, 1, A).atEntry(before).mem(after).exit(0));
        assertEquals(true, set.endsWith("fs=0, gs=0, ...}, iov_len=224 => 216}"), set);
        // a size that is not a multiple of 8 prints the address
        assertEquals("PTRACE_SETREGSET, 99999, NT_PRSTATUS, {iov_base=0x7ffe117aba48, iov_len=9}",
                line(Calls.of("ptrace").args(0x4205, 99999, 1, A + 300).mem(after).exit(-22)));
    }

    @Test
    void fpregsAsFarAsTheSizeReaches() {
        // struct user_fpregs_struct: u16 cwd, swd, ftw, fop; u64 rip, rdp; u32 mxcsr, mxcr_mask; u32 st_space[32]...
        FakeMemory m = new FakeMemory().putLongs(A, A + 16, 40).putInts(A + 16, 0x37f, 0, 0, 0, 0, 0, 0x1f80, 0xffff, 7, 8);
        assertEquals("PTRACE_GETREGSET, 99999, NT_FPREGSET, {iov_base={cwd=0x37f, swd=0, ftw=0, fop=0, rip=0, rdp=0, "
                + "mxcsr=0x1f80, mxcr_mask=0xffff, st_space=[0x7, 0x8]}, iov_len=40}",
                line(Calls.of("ptrace").args(GETREGSET, 99999, 2, A).mem(m).exit(0)));
        // PTRACE_GETREGS prints the whole struct user_regs_struct in addr's place at exit
        FakeMemory r = new FakeMemory().putLongs(A, new long[27]);
        Call getregs = Calls.of("ptrace").args(GETREGS, 99999, 0, A).mem(r).exit(0);
        assertEquals(2, Formatters.entryArgs(getregs, 3));
        assertEquals(true, line(getregs).startsWith("PTRACE_GETREGS, 99999, {r15=0, r14=0, "), line(getregs));
        assertEquals("PTRACE_GETREGS, 99999, 0x7ffe117aba38", line(Calls.of("ptrace").args(GETREGS, 99999, 0, A).mem(r)
                .exit(ESRCH)));
    }

    @Test
    void peeksiginfoArgumentsAndResults() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * 128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(10).putInt(0).putInt(-6).putInt(0).putInt(4242).putInt(0);
        b.position(128);
        b.putInt(12).putInt(0).putInt(-6).putInt(0).putInt(4242).putInt(0);
        FakeMemory m = new FakeMemory().putLongs(A, 0).putInts(A + 8, 1, 4).put(A + 64, b.array());
        assertEquals("PTRACE_PEEKSIGINFO, 99999, {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=4}, "
                + "[{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=4242, si_uid=0}, "
                + "{si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=4242, si_uid=0}]",
                line(Calls.of("ptrace").args(0x4209, 99999, A, A + 64).mem(m).exit(2)));
        assertEquals("PTRACE_PEEKSIGINFO, 99999, {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=4}, 0x7ffe117aba78",
                line(Calls.of("ptrace").args(0x4209, 99999, A, A + 64).mem(m).exit(ESRCH)));
    }

    @Test
    void seccompMetadataFlagsOnceFilled() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 1);
        assertEquals("PTRACE_SECCOMP_GET_METADATA, 99999, 16, {filter_off=0, flags=SECCOMP_FILTER_FLAG_TSYNC}",
                line(Calls.of("ptrace").args(0x420d, 99999, 16, A).mem(m).exit(16)));
        assertEquals("PTRACE_SECCOMP_GET_METADATA, 99999, 16, {filter_off=0}",
                line(Calls.of("ptrace").args(0x420d, 99999, 16, A).mem(m).exit(ESRCH)));
        assertEquals("PTRACE_SECCOMP_GET_METADATA, 99999, 4, 0x7ffe117aba38", line(failed(0x420d, 99999, 4, A)));
    }
}
