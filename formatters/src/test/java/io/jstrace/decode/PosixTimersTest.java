package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** timer_create's arguments; expected texts are strace 6.1's output for the same calls. */
class PosixTimersTest {
    private static final long SEV = 0x7fff_bc21_5140L, ID = 0x7fff_bc21_5134L;
    private static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;
    private static final int SIGALRM = 14;

    private static byte[] sigevent(long value, int signo, int notify, long union0, long union8) {
        ByteBuffer b = ByteBuffer.allocate(PosixTimers.SIGEVENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, value).putInt(8, signo).putInt(12, notify).putLong(16, union0).putLong(24, union8);
        return b.array();
    }

    private static String create(byte[] sev) {
        FakeMemory m = new FakeMemory().put(SEV, sev);
        return render(Formatters.format(Calls.of("timer_create").args(1, SEV, ID).mem(m).enter(), 1));
    }

    @Test
    void signalNotification() {
        assertEquals("{sigev_value={sival_int=-559038737, sival_ptr=0xdeadbeef}, sigev_signo=SIGALRM, "
                + "sigev_notify=SIGEV_SIGNAL}", create(sigevent(0xdeadbeefL, SIGALRM, SIGEV_SIGNAL, 0, 0)));
    }

    @Test
    void zeroValueIsLeftOutAndSignalNumberWithoutSignalNotification() {
        assertEquals("{sigev_signo=14, sigev_notify=SIGEV_NONE}", create(sigevent(0, SIGALRM, SIGEV_NONE, 0, 0)));
        assertEquals("{sigev_value={sival_int=7, sival_ptr=0x7}, sigev_signo=14, sigev_notify=0x4d /* SIGEV_??? */}",
                create(sigevent(7, SIGALRM, 77, 0, 0)));
    }

    @Test
    void threadIdAndThreadMembers() {
        assertEquals("{sigev_signo=SIGUSR1, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=1401}",
                create(sigevent(0, 10, SIGEV_THREAD_ID, 1401, 0)));
        assertEquals("{sigev_signo=SIGTERM, sigev_notify=SIGEV_THREAD, sigev_notify_function=0x1234, "
                + "sigev_notify_attributes=NULL}", create(sigevent(0, 15, SIGEV_THREAD, 0x1234, 0)));
    }

    @Test
    void sigeventNullAndTruncated() {
        assertEquals("NULL", render(PosixTimers.sigevent(Calls.of("timer_create").args(1, 0, ID).enter(), 1)));
        FakeMemory half = new FakeMemory().put(SEV, java.util.Arrays.copyOf(sigevent(1, 14, 0, 0, 0), 16));
        assertEquals("0x7fffbc215140",
                render(PosixTimers.sigevent(Calls.of("timer_create").args(1, SEV, ID).mem(half).enter(), 1)));
    }

    @Test
    void timerIdAtExit() {
        FakeMemory m = new FakeMemory().putInts(ID, 3);
        assertEquals("[3]", render(Formatters.format(Calls.of("timer_create").args(1, 0, ID).mem(m).exit(0), 2)));
        assertEquals("0x7fffbc215134",
                render(PosixTimers.timerId(Calls.of("timer_create").args(1, 0, ID).mem(m).exit(-22), 2)));
        assertEquals("0x7fffbc215134", render(PosixTimers.timerId(Calls.of("timer_create").args(1, 0, ID).exit(0), 2)));
        assertEquals("NULL", render(PosixTimers.timerId(Calls.of("timer_create").args(1, 0, 0).exit(-14), 2)));
    }
}
