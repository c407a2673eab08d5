package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class FcntlsTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5,
            F_SETLK = 6, F_SETOWN = 8, F_SETSIG = 10, F_GETSIG = 11, F_SETOWN_EX = 15, F_GETOWN_EX = 16,
            F_OFD_GETLK = 36, F_SETLEASE = 1024, F_GETLEASE = 1025, F_NOTIFY = 1026, F_DUPFD_CLOEXEC = 1030,
            F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
    private static final long EFAULT = -14;

    private static String arg(Call c) {
        return render(Fcntls.arg(c, 2));
    }

    private static String ret(Call c) {
        return render(Fcntls.returnValue(c));
    }

    /** struct flock: short l_type, short l_whence, 4 bytes of padding, l_start, l_len, int l_pid. */
    private static byte[] flock(int type, int whence, long start, long len, int pid) {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putShort((short) type).putShort((short) whence)
                .putInt(0).putLong(start).putLong(len).putInt(pid).putInt(0).array();
    }

    @Test
    void setfdFlagsWithUnknownBits() {
        assertEquals("FD_CLOEXEC", arg(Calls.of("fcntl").args(3, F_SETFD, 1).enter()));
        assertEquals("FD_CLOEXEC|0x2", arg(Calls.of("fcntl").args(3, F_SETFD, 3).enter()));
    }

    @Test
    void setflOpenFlagsWithTheAccessMode() {
        assertEquals("O_RDONLY|O_APPEND|O_NONBLOCK", arg(Calls.of("fcntl").args(3, F_SETFL, 02000 | 04000).enter()));
        assertEquals("O_RDONLY", arg(Calls.of("fcntl").args(3, F_SETFL, 0).enter()));
    }

    @Test
    void numbersSignalsAndNamedArguments() {
        assertEquals("10", arg(Calls.of("fcntl").args(3, F_DUPFD, 10).enter()));
        assertEquals("-5", arg(Calls.of("fcntl").args(3, F_SETOWN, -5).enter()));
        assertEquals("SIGUSR1", arg(Calls.of("fcntl").args(3, F_SETSIG, 10).enter()));
        assertEquals("0", arg(Calls.of("fcntl").args(3, F_SETSIG, 0).enter()));
        assertEquals("F_UNLCK", arg(Calls.of("fcntl").args(3, F_SETLEASE, 2).enter()));
        assertEquals("0x7 /* F_??? */", arg(Calls.of("fcntl").args(3, F_SETLEASE, 7).enter()));
        assertEquals("DN_CREATE|DN_MULTISHOT", arg(Calls.of("fcntl").args(3, F_NOTIFY, 4 | 0x80000000L).enter()));
        assertEquals("F_SEAL_SHRINK|F_SEAL_GROW", arg(Calls.of("fcntl").args(3, F_ADD_SEALS, 6).enter()));
    }

    @Test
    void unknownCommandPrintsItsArgumentInHex() {
        assertEquals("0x7", arg(Calls.of("fcntl").args(3, 12345, 7).enter()));
    }

    @Test
    void setlkAtEntryWithoutPid() {
        FakeMemory m = new FakeMemory().put(A, flock(1, 0, 0, 10, 99));
        assertEquals("{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}",
                arg(Calls.of("fcntl").args(3, F_SETLK, A).mem(m).enter()));
    }

    @Test
    void getlkAtExitWithPid() {
        FakeMemory m = new FakeMemory().put(A, flock(2, 1, -4, 0, 77));
        assertEquals("{l_type=F_UNLCK, l_whence=SEEK_CUR, l_start=-4, l_len=0, l_pid=77}",
                arg(Calls.of("fcntl").args(3, F_GETLK, A).mem(m).exit(0)));
        assertEquals("{l_type=F_UNLCK, l_whence=SEEK_CUR, l_start=-4, l_len=0, l_pid=77}",
                arg(Calls.of("fcntl").args(3, F_OFD_GETLK, A).mem(m).exit(0)));
    }

    @Test
    void flockUnknownTypeAndWhence() {
        FakeMemory m = new FakeMemory().put(A, flock(9, 8, 1, 2, 0));
        assertEquals("{l_type=0x9 /* F_??? */, l_whence=0x8 /* SEEK_??? */, l_start=1, l_len=2}",
                arg(Calls.of("fcntl").args(3, F_SETLK, A).mem(m).enter()));
    }

    @Test
    void flockFailedUnreadableOrTruncatedPrintsTheAddress() {
        FakeMemory m = new FakeMemory().put(A, flock(2, 0, 0, 0, 0));
        assertEquals("0x7ffc00001000", arg(Calls.of("fcntl").args(3, F_GETLK, A).mem(m).exit(EFAULT)));
        assertEquals("0x8", arg(Calls.of("fcntl").args(3, F_SETLK, 8).enter()));
        FakeMemory half = new FakeMemory().put(A, java.util.Arrays.copyOf(flock(1, 0, 0, 0, 0), 20));
        assertEquals("0x7ffc00001000", arg(Calls.of("fcntl").args(3, F_SETLK, A).mem(half).enter()));
        assertEquals("NULL", arg(Calls.of("fcntl").args(3, F_SETLK, 0).enter()));
    }

    @Test
    void ownerEx() {
        FakeMemory m = new FakeMemory().putInts(A, 1, 4752);
        assertEquals("{type=F_OWNER_PID, pid=4752}", arg(Calls.of("fcntl").args(3, F_GETOWN_EX, A).mem(m).exit(0)));
        assertEquals("0x7ffc00001000", arg(Calls.of("fcntl").args(3, F_GETOWN_EX, A).mem(m).exit(EFAULT)));
        FakeMemory odd = new FakeMemory().putInts(A, 5, 1);
        assertEquals("{type=0x5 /* F_OWNER_??? */, pid=1}", arg(Calls.of("fcntl").args(3, F_SETOWN_EX, A).mem(odd).enter()));
    }

    @Test
    void gettersPrintTwoArgumentsAndLockGettersSplitAtExit() {
        assertEquals(2, Formatters.visibleArgs(Calls.of("fcntl").args(3, F_GETFD, 0).enter()));
        assertEquals(3, Formatters.visibleArgs(Calls.of("fcntl").args(3, F_SETFD, 1).enter()));
        assertEquals(2, Formatters.entryArgs(Calls.of("fcntl").args(3, F_GETLK, A).enter(), 3));
        assertEquals(3, Formatters.entryArgs(Calls.of("fcntl").args(3, F_SETLK, A).enter(), 3));
    }

    @Test
    void getfdResult() {
        assertEquals("0x1 (flags FD_CLOEXEC)", ret(Calls.of("fcntl").args(3, F_GETFD).exit(1)));
        assertNull(Fcntls.returnValue(Calls.of("fcntl").args(3, F_GETFD).exit(0)));
    }

    @Test
    void getflResultEvenWhenZero() {
        assertEquals("0x8002 (flags O_RDWR|O_LARGEFILE)", ret(Calls.of("fcntl").args(3, F_GETFL).exit(0x8002)));
        assertEquals("0 (flags O_RDONLY)", ret(Calls.of("fcntl").args(3, F_GETFL).exit(0)));
    }

    @Test
    void sealsSignalAndLeaseResults() {
        assertEquals("0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)", ret(Calls.of("fcntl").args(3, F_GET_SEALS).exit(6)));
        assertEquals("10 (SIGUSR1)", ret(Calls.of("fcntl").args(3, F_GETSIG).exit(10)));
        assertNull(Fcntls.returnValue(Calls.of("fcntl").args(3, F_GETSIG).exit(0)));
        assertEquals("0x2 (F_UNLCK)", ret(Calls.of("fcntl").args(3, F_GETLEASE).exit(2)));
        assertEquals("0x9", ret(Calls.of("fcntl").args(3, F_GETLEASE).exit(9)));
    }

    @Test
    void resultNotesInJson() {
        StringBuilder json = new StringBuilder();
        json.append(Rendered.json(Fcntls.returnValue(Calls.of("fcntl").args(3, F_GETFD).exit(1))));
        assertEquals("{\"value\":{\"value\":1,\"base\":\"hex\"},\"notes\":{\"flags\":{\"value\":1,\"flags\":[\"FD_CLOEXEC\"]}}}", json.toString());
        json.setLength(0);
        json.append(Rendered.json(Fcntls.returnValue(Calls.of("fcntl").args(3, F_GETSIG).exit(10))));
        assertEquals("{\"value\":10,\"notes\":{\"note\":{\"styled\":{\"value\":10,\"name\":\"SIGUSR1\",\"base\":\"signed\"},"
                + "\"raw\":{\"text\":\"SIGUSR1\"},\"verbose\":{\"text\":\"SIGUSR1\"}}}}", json.toString());
    }

    @Test
    void resultTextAndFailure() {
        StraceText text = new StraceText(StraceText.Escape.OCTAL);
        assertEquals("0x1 (flags FD_CLOEXEC)", Rendered.result(Calls.of("fcntl").args(3, F_GETFD).exit(1), text));
        assertEquals("-1 EBADF (Bad file descriptor)",
                Rendered.result(Calls.of("fcntl").args(-1, F_GETFL).exit(-9), text));
        assertEquals("20", Rendered.result(Calls.of("fcntl").args(3, F_DUPFD_CLOEXEC, 20).exit(20), text));
    }
}
