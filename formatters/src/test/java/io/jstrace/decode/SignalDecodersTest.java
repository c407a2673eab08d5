package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SignalDecoders' decoders; expected texts are strace 6.1's output for the same calls. */
class SignalsTest {
    private static final long SET = 0x7ffd_d9cf_4000L, OLD = 0x7ffd_d9cf_4100L;
    private static final long SA_RESTORER = 0x04000000, SA_RESTART = 0x10000000, SA_SIGINFO = 4,
            SA_NODEFER = 0x40000000;

    private static long bit(int sig) {
        return 1L << (sig - 1);
    }

    private static String sigset(long mask) {
        FakeMemory m = new FakeMemory().putLongs(SET, mask);
        return render(SignalDecoders.sigset(Calls.of("rt_sigprocmask").args(0, SET, 0, 8).mem(m).enter(), 1));
    }

    @Test
    void sigsets() {
        assertEquals("[INT TERM RT_8]", sigset(bit(2) | bit(15) | bit(40)));
        assertEquals("[]", sigset(0));
    }

    @Test
    void sigsetComplement() {
        assertEquals("~[KILL]", sigset(~bit(9)));
        assertEquals("~[]", sigset(-1));
        assertEquals("~[KILL STOP]", sigset(~(bit(9) | bit(19))));
    }

    @Test
    void sigsetNullUnreadableAndAtExit() {
        assertEquals("NULL", render(SignalDecoders.sigset(Calls.of("rt_sigprocmask").args(0, 0, 0, 8).enter(), 1)));
        assertEquals("0x8", render(SignalDecoders.sigset(Calls.of("rt_sigprocmask").args(0, 8, 0, 8).enter(), 1)));
        FakeMemory m = new FakeMemory().putLongs(OLD, bit(2) | bit(15) | bit(40));
        assertEquals("[INT TERM RT_8]",
                render(SignalDecoders.sigset(Calls.of("rt_sigprocmask").args(2, SET, OLD, 8).mem(m).exit(0), 2)));
        assertEquals("0x7ffdd9cf4100",
                render(SignalDecoders.sigset(Calls.of("rt_sigprocmask").args(2, SET, OLD, 8).mem(m).exit(-22), 2)));
    }

    @Test
    void how() {
        assertEquals("SIG_BLOCK", render(SignalDecoders.how(Calls.of("rt_sigprocmask").args(0).enter(), 0)));
        assertEquals("SIG_SETMASK", render(SignalDecoders.how(Calls.of("rt_sigprocmask").args(2).enter(), 0)));
        assertEquals("0x7 /* SIG_??? */", render(SignalDecoders.how(Calls.of("rt_sigprocmask").args(7).enter(), 0)));
    }

    @Test
    void signalNumbers() {
        assertEquals("SIGUSR1", render(SignalDecoders.signal(Calls.of("kill").args(1, 10).enter(), 1)));
        assertEquals("99", render(SignalDecoders.signal(Calls.of("kill").args(1, 99).enter(), 1)));
        assertEquals("0", render(SignalDecoders.signal(Calls.of("kill").args(1, 0).enter(), 1)));
    }

    private static FakeMemory action(long at, long handler, long flags, long restorer, long mask) {
        return new FakeMemory().putLongs(at, handler, flags, restorer, mask);
    }

    @Test
    void sigactionWithRestorer() {
        FakeMemory m = action(SET, 1, SA_RESTORER | SA_RESTART | SA_SIGINFO, 0x401000, bit(2));
        assertEquals("{sa_handler=SIG_IGN, sa_mask=[INT], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, "
                + "sa_restorer=0x401000}",
                render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(10, SET, 0, 8).mem(m).enter(), 1)));
    }

    @Test
    void sigactionHandlerAddressFullMaskAndUnnamedFlag() {
        FakeMemory m = action(SET, 0x401234, SA_NODEFER | 0x100, 0, -1);
        assertEquals("{sa_handler=0x401234, sa_mask=~[], sa_flags=SA_NODEFER|0x100}",
                render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(10, SET, 0, 8).mem(m).enter(), 1)));
    }

    @Test
    void sigactionDefault() {
        FakeMemory m = action(SET, 0, 0, 0, 0);
        assertEquals("{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}",
                render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(10, SET, 0, 8).mem(m).enter(), 1)));
    }

    @Test
    void oldSigactionAtExit() {
        FakeMemory m = action(OLD, 0x401234, SA_NODEFER, 0, ~(bit(9) | bit(19)));
        assertEquals("{sa_handler=0x401234, sa_mask=~[KILL STOP], sa_flags=SA_NODEFER}",
                render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(10, 0, OLD, 8).mem(m).exit(0), 2)));
        assertEquals("0x7ffdd9cf4100",
                render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(99, 0, OLD, 8).mem(m).exit(-22), 2)));
        assertEquals("NULL", render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(10, SET, 0, 8).mem(m).exit(0), 2)));
    }

    @Test
    void sigactionUnreadable() {
        assertEquals("0x8", render(SignalDecoders.sigaction(Calls.of("rt_sigaction").args(10, 8, 0, 8).enter(), 1)));
    }

    @Test
    void sigsetOfABadSizePrintsAddress() {
        FakeMemory m = new FakeMemory().putLongs(SET, bit(10), 0);
        assertEquals("0x7ffdd9cf4000",
                render(SignalDecoders.sigset(Calls.of("rt_sigtimedwait").args(SET, 0, 0, 4).mem(m).enter(), 0)));
        assertEquals("0x7ffdd9cf4000",
                render(SignalDecoders.sigset(Calls.of("signalfd4").args(-1, SET, 16, 0).mem(m).enter(), 1)));
        assertEquals("[USR1]", render(SignalDecoders.sigset(Calls.of("signalfd").args(-1, SET, 8).mem(m).enter(), 1)));
        // rt_sigpending takes any size up to sigset_t's
        assertEquals("[USR1]", render(SignalDecoders.sigset(Calls.of("rt_sigpending").args(SET, 4).mem(m).exit(0), 0)));
        assertEquals("0x7ffdd9cf4000",
                render(SignalDecoders.sigset(Calls.of("rt_sigpending").args(SET, 16).mem(m).exit(-22), 0)));
    }

    @Test
    void sigtimedwaitReturnsTheSignal() {
        assertEquals("10 (SIGUSR1)", render(Formatters.returnValue(Calls.of("rt_sigtimedwait").args(SET, 0, 0, 8)
                .exit(10))));
        assertEquals(null, Formatters.returnValue(Calls.of("rt_sigtimedwait").args(SET, 0, 0, 8).exit(-11)));
    }

    private static String stack(long ss, int flags, long size) {
        FakeMemory m = new FakeMemory().putLongs(SET, ss).putInts(SET + 8, flags, 0).putLongs(SET + 16, size);
        return render(Formatters.format(Calls.of("sigaltstack").args(SET, 0).mem(m).enter(), 0));
    }

    @Test
    void sigaltstackStackT() {
        assertEquals("{ss_sp=0x17ac26d0, ss_flags=0, ss_size=65536}", stack(0x17ac26d0, 0, 65536));
        assertEquals("{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}", stack(0, 2, 0));
        assertEquals("{ss_sp=0x1000, ss_flags=SS_ONSTACK|SS_AUTODISARM, ss_size=10}", stack(0x1000, 0x80000001, 10));
        assertEquals("{ss_sp=0x1000, ss_flags=0x10 /* SS_??? */, ss_size=65536}", stack(0x1000, 0x10, 65536));
    }

    @Test
    void sigaltstackOldOnlyAfterSuccess() {
        FakeMemory m = new FakeMemory().putLongs(OLD, 0x1000).putInts(OLD + 8, 1, 0).putLongs(OLD + 16, 8192);
        assertEquals("{ss_sp=0x1000, ss_flags=SS_ONSTACK, ss_size=8192}",
                render(SignalDecoders.sigaltstack(Calls.of("sigaltstack").args(0, OLD).mem(m).exit(0), 1)));
        assertEquals("0x7ffdd9cf4100",
                render(SignalDecoders.sigaltstack(Calls.of("sigaltstack").args(SET, OLD).mem(m).exit(-22), 1)));
        assertEquals("NULL", render(SignalDecoders.sigaltstack(Calls.of("sigaltstack").args(0, 0).exit(0), 1)));
        FakeMemory half = new FakeMemory().putLongs(SET, 0x1000);
        assertEquals("0x7ffdd9cf4000",
                render(SignalDecoders.sigaltstack(Calls.of("sigaltstack").args(SET, 0).mem(half).enter(), 0)));
    }
}
