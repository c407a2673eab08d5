package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.core.SigInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** siginfo_t's union by code and signal; expected texts are strace 6.1's for the same bytes. */
class SiginfosTest {
    private static final Siginfos.Ids IDS = new Siginfos.Ids(Value::dec, fd -> new Value.Fd(fd, "/dev/null"));

    /** si_signo, si_errno, si_code, then the union's words from byte 16. */
    private static String siginfo(int signo, int errno, int code, long... union) {
        ByteBuffer b = ByteBuffer.allocate(SigInfo.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(signo).putInt(errno).putInt(code).putInt(0);
        for (long w : union) b.putLong(w);
        return render(Siginfos.siginfo(new SigInfo(b.array()), IDS));
    }

    @Test
    void userCodesPrintTheSenderTimerOrDescriptor() {
        assertEquals("{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=42, si_uid=1000}",
                siginfo(10, 0, -6, 1000L << 32 | 42));
        assertEquals("{si_signo=SIGHUP, si_code=SI_TIMER, si_errno=ENOENT, si_timerid=0xdeadbeef, si_overrun=-1, "
                + "si_int=7, si_ptr=0x7}", siginfo(1, 2, -2, 0xffff_ffff_dead_beefL, 7));
        assertEquals("{si_signo=SIGSEGV, si_code=SI_SIGIO, si_band=-5, si_fd=3</dev/null>}", siginfo(11, 0, -5, -5, 3));
        // sigqueue's value prints only when si_ptr is set
        assertEquals("{si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid=42, si_uid=0}", siginfo(12, 0, -1, 42));
        assertEquals("{si_signo=SIGPROF, si_code=0xbadc0ded, si_pid=0, si_uid=3}", siginfo(27, 0, 0xbadc0ded, 3L << 32));
    }

    @Test
    void kernelCodesPrintWhatTheSignalCarries() {
        assertEquals("{si_signo=SIGIO, si_code=POLL_IN, si_band=1, si_fd=5</dev/null>}", siginfo(29, 0, 1, 1, 5));
        assertEquals("{si_signo=SIGBUS, si_code=BUS_MCEERR_AR, si_addr=0x1000, si_addr_lsb=0xc}",
                siginfo(7, 0, 4, 0x1000, 12));
        assertEquals("{si_signo=SIGSEGV, si_code=SEGV_BNDERR, si_addr=0x1000, si_lower=NULL, si_upper=0x2000}",
                siginfo(11, 0, 3, 0x1000, 0, 0, 0x2000));
        assertEquals("{si_signo=SIGSEGV, si_code=SEGV_PKUERR, si_addr=0x1000, si_pkey=3}", siginfo(11, 0, 4, 0x1000, 0, 3));
        assertEquals("{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}", siginfo(11, 0, 0x80));
        assertEquals("{si_signo=SIGTRAP, si_code=0x7, si_addr=0x1000}", siginfo(5, 0, 7, 0x1000));
        // SIGSYS: the call's address, __NR_read (0) of AUDIT_ARCH_X86_64, the arch
        assertEquals("{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x401000, si_syscall=__NR_read, "
                + "si_arch=AUDIT_ARCH_X86_64}", siginfo(31, 0, 1, 0x401000, 0xc000003eL << 32));
    }
}
