package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** mq_* and struct sigevent decoders; expected texts are strace 6.1's output for the same calls. */
class MqueuesTest {
    private static final long A = 0x7ffe7188f2b0L, N = 0x4a6000L;
    private static final long EFAULT = -14, EAGAIN = -11;

    @Test
    void mqOpenShowsModeAndAttrOnlyWithOCreat() {
        assertEquals(2, Formatters.visibleArgs(Calls.of("mq_open").args(N, 0, 0600, A).enter()));
        assertEquals(4, Formatters.visibleArgs(Calls.of("mq_open").args(N, 0302, 0600, A).enter()));
    }

    @Test
    void attr() {
        // struct mq_attr is 64 bytes: four longs, then four reserved ones
        FakeMemory m = new FakeMemory().putLongs(A, 0, 4, 64, 0, 0, 0, 0, 0).putLongs(A + 64, 0x800, 10, 8192, 3, 0, 0, 0, 0);
        assertEquals("{mq_flags=0, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}",
                render(Mqueues.attr(Calls.of("mq_open").args(N, 0302, 0600, A).mem(m).enter(), 3)));
        // mq_open's mq_flags print in hex, as strace prints them (src/mq.c)
        assertEquals("{mq_flags=0x800, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=3}",
                render(Formatters.format(Calls.of("mq_open").args(N, 0302, 0600, A + 64).mem(m).enter(), 3)));
        Call c = Calls.of("mq_getsetattr").args(3, A + 64, A).mem(m).exit(0);
        assertEquals("{mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=3}", render(Mqueues.attr(c, 1)));
        assertEquals("{mq_flags=0, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}", render(Mqueues.postAttr(c, 2)));
    }

    @Test
    void attrFailedNullAndTruncated() {
        FakeMemory m = new FakeMemory().putLongs(A, 0x801, 4, 64);
        assertEquals("0x7ffe7188f2b0", render(Mqueues.attr(Calls.of("mq_open").args(N, 0100, 0600, A).mem(m).enter(), 3)));
        assertEquals("NULL", render(Mqueues.attr(Calls.of("mq_open").args(N, 0100, 0600, 0).enter(), 3)));
        assertEquals("0x7ffe7188f2b0", render(Mqueues.postAttr(Calls.of("mq_getsetattr").args(3, -1, A).exit(EFAULT), 2)));
        FakeMemory u = new FakeMemory().putLongs(A, 0x801, 4, 64, 0, 0, 0, 0, 0);
        assertEquals("{mq_flags=O_NONBLOCK|0x1, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}",
                render(Mqueues.attr(Calls.of("mq_getsetattr").args(3, A, 0).mem(u).enter(), 1)));
    }

    @Test
    void receivedPriority() {
        FakeMemory m = new FakeMemory().putInts(A, 3);
        assertEquals("[3]", render(Formatters.format(Calls.of("mq_timedreceive").args(3, N, 64, A, 0).mem(m).exit(13), 3)));
        assertEquals("NULL", render(Formatters.format(Calls.of("mq_timedreceive").args(3, N, 64, 0, 0).exit(2), 3)));
        assertEquals("0x7ffe7188f2b0",
                render(Formatters.format(Calls.of("mq_timedreceive").args(3, N, 64, A, 0).mem(m).exit(EAGAIN), 3)));
        assertEquals("0x7ffe7188f2b4",
                render(Formatters.format(Calls.of("mq_timedreceive").args(3, N, 64, A + 4, 0).mem(m).exit(1), 3)));
    }

    /** struct sigevent is 64 bytes (include/uapi/asm-generic/siginfo.h: SIGEV_MAX_SIZE). */
    private static String sigevent(FakeMemory m) {
        return render(PosixTimers.sigevent(Calls.of("mq_notify").args(3, A).mem(m).enter(), 1));
    }

    @Test
    void sigeventSignal() {
        FakeMemory m = new FakeMemory().putLongs(A, 42).putInts(A + 8, 10, 0).putLongs(A + 16, 0, 0, 0, 0, 0, 0);
        assertEquals("{sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}",
                sigevent(m));
        FakeMemory z = new FakeMemory().putLongs(A, 0).putInts(A + 8, 15, 0).putLongs(A + 16, 0, 0, 0, 0, 0, 0);
        assertEquals("{sigev_signo=SIGTERM, sigev_notify=SIGEV_SIGNAL}", sigevent(z));
    }

    @Test
    void sigeventNoneThreadAndThreadId() {
        FakeMemory none = new FakeMemory().putLongs(A, 0).putInts(A + 8, 10, 1).putLongs(A + 16, 0, 0, 0, 0, 0, 0);
        assertEquals("{sigev_signo=10, sigev_notify=SIGEV_NONE}", sigevent(none));
        FakeMemory thread = new FakeMemory().putLongs(A, 0x123456789aL).putInts(A + 8, 0, 2).putLongs(A + 16, 0, 0, 0, 0, 0, 0);
        assertEquals("{sigev_value={sival_int=878082202, sival_ptr=0x123456789a}, sigev_signo=0, sigev_notify=SIGEV_THREAD, "
                + "sigev_notify_function=NULL, sigev_notify_attributes=NULL}", sigevent(thread));
        FakeMemory tid = new FakeMemory().putLongs(A, 0x123456789aL).putInts(A + 8, 35, 4, 15141, 0).putLongs(A + 24, 0, 0, 0, 0, 0);
        assertEquals("{sigev_value={sival_int=878082202, sival_ptr=0x123456789a}, sigev_signo=SIGRT_3, "
                + "sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=15141}", sigevent(tid));
        FakeMemory odd = new FakeMemory().putLongs(A, 0x123456789aL).putInts(A + 8, 99, 77).putLongs(A + 16, 0, 0, 0, 0, 0, 0);
        assertEquals("{sigev_value={sival_int=878082202, sival_ptr=0x123456789a}, sigev_signo=99, "
                + "sigev_notify=0x4d /* SIGEV_??? */}", sigevent(odd));
    }

    @Test
    void sigeventNullUnreadableAndTruncated() {
        assertEquals("NULL", render(PosixTimers.sigevent(Calls.of("mq_notify").args(3, 0).enter(), 1)));
        assertEquals("0xffffffffffffffff", render(PosixTimers.sigevent(Calls.of("mq_notify").args(3, -1).enter(), 1)));
        assertEquals("0x7ffe7188f2b0", sigevent(new FakeMemory().putLongs(A, 42).putInts(A + 8, 10, 0)));
    }
}
