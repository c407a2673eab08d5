package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** ioctl's third argument by request; expected texts are strace 6.1's on a pty. */
class IoctlArgsTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final long TCGETS = 0x5401, TCSETS = 0x5402, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
            FIONREAD = 0x541b, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;

    private static String arg(Call c) {
        return render(Ioctls.arg(c, 2));
    }

    /** A pty's default termios: c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc[19]. */
    private static byte[] termios() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x500).putInt(0x5).putInt(0xbf).putInt(0x8a3b).put((byte) 0);
        b.put(new byte[] {3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0});
        return b.array();
    }

    @Test
    void winsizeAtEntryAndExit() {
        FakeMemory m = new FakeMemory().put(A, new byte[] {24, 0, 80, 0, 0, 0, 0, 0});
        String ws = "{ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}";
        assertEquals(ws, arg(Calls.of("ioctl").args(4, TIOCSWINSZ, A).mem(m).enter()));
        assertEquals(ws, arg(Calls.of("ioctl").args(4, TIOCGWINSZ, A).mem(m).exit(0)));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(0, TIOCGWINSZ, A).mem(m).exit(-25)));
        assertEquals("0x8", arg(Calls.of("ioctl").args(4, TIOCSWINSZ, 8).enter()));
    }

    @Test
    void intsInBrackets() {
        FakeMemory m = new FakeMemory().putInts(A, 1);
        assertEquals("[1]", arg(Calls.of("ioctl").args(7, FIONREAD, A).mem(m).exit(0)));
        assertEquals("[1]", arg(Calls.of("ioctl").args(7, FIONBIO, A).mem(m).enter()));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(7, FIONREAD, A).mem(m).exit(-14)));
        FakeMemory half = new FakeMemory().put(A, new byte[] {1, 0});
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(7, FIONBIO, A).mem(half).enter()));
    }

    @Test
    void requestsWithoutArgumentPrintTwoArguments() {
        assertEquals(2, Formatters.visibleArgs(Calls.of("ioctl").args(3, FIOCLEX, 0).enter()));
        assertEquals(2, Formatters.visibleArgs(Calls.of("ioctl").args(3, FIONCLEX, 0).enter()));
        assertEquals(3, Formatters.visibleArgs(Calls.of("ioctl").args(3, FIONBIO, A).enter()));
    }

    @Test
    void gettersSplitAtExitSettersDoNot() {
        assertEquals(2, Formatters.entryArgs(Calls.of("ioctl").args(3, TCGETS, A).enter(), 3));
        assertEquals(3, Formatters.entryArgs(Calls.of("ioctl").args(3, TCSETS, A).enter(), 3));
        assertEquals(3, Formatters.entryArgs(Calls.of("ioctl").args(3, FIONBIO, A).enter(), 3));
    }

    @Test
    void unknownRequestPrintsTheArgumentInHexAtEntry() {
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, 0xc0186201L, A).exit(0)));
        assertEquals("0", arg(Calls.of("ioctl").args(3, 0xc0186201L, 0).exit(0)));
        assertEquals(3, Formatters.entryArgs(Calls.of("ioctl").args(3, 0xc0186201L, A).enter(), 3));
    }

    @Test
    void valuesPassedDirectly() {
        assertEquals("TCIOFLUSH", arg(Calls.of("ioctl").args(4, 0x540b, 2).enter()));
        assertEquals("0x7 /* TC??? */", arg(Calls.of("ioctl").args(4, 0x540b, 7).enter()));
        assertEquals("TCOON", arg(Calls.of("ioctl").args(4, 0x540a, 1).enter()));
        assertEquals("1", arg(Calls.of("ioctl").args(4, 0x5409, 1).enter()));
        assertEquals("-1", arg(Calls.of("ioctl").args(4, 0x540e, 0xffffffffL).enter()));
    }

    @Test
    void tiocstiPushesOneByte() {
        FakeMemory m = new FakeMemory().putBytes(A, "ab");
        assertEquals("\"a\"", arg(Calls.of("ioctl").args(4, 0x5412, A).mem(m).enter()));
        assertEquals("0x8", arg(Calls.of("ioctl").args(4, 0x5412, 8).enter()));
    }

    @Test
    void termioOfTcgeta() {
        ByteBuffer b = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x500).putShort((short) 5).putShort((short) 0xbf).putShort((short) 0x8a3b).put((byte) 0)
                .put(new byte[] {3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0});
        FakeMemory m = new FakeMemory().put(A, b.array());
        String flags = "c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
                + "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE";
        assertEquals("{" + flags + ", ...}", arg(Calls.of("ioctl").args(4, 0x5405, A).mem(m).exit(0)));
        assertEquals("{" + flags + ", c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, "
                + "[VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0]}",
                arg(Calls.of("ioctl").args(4, 0x5406, A).mem(m).verbose().enter()));
    }

    @Test
    void termiosAbbreviated() {
        FakeMemory m = new FakeMemory().put(A, termios());
        assertEquals("{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
                + "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}",
                arg(Calls.of("ioctl").args(4, TCGETS, A).mem(m).exit(0)));
    }

    @Test
    void termiosVerbose() {
        FakeMemory m = new FakeMemory().put(A, termios());
        assertEquals("{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
                + "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, c_line=N_TTY, c_cc=[[VINTR]=0x3, "
                + "[VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, [VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, "
                + "[VSTART]=0x11, [VSTOP]=0x13, [VSUSP]=0x1a, [VEOL]=0, [VREPRINT]=0x12, [VDISCARD]=0xf, "
                + "[VWERASE]=0x17, [VLNEXT]=0x16, [VEOL2]=0, [17]=0, [18]=0]}",
                arg(Calls.of("ioctl").args(4, TCSETS, A).mem(m).verbose().enter()));
    }

    @Test
    void termiosEmptyFlagsPrintNothingAndInputBaudIsShifted() {
        ByteBuffer b = ByteBuffer.wrap(termios()).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0).putInt(4, 0)
                .putInt(8, 0x100f00bf | 0x100000).putInt(12, 0);
        FakeMemory m = new FakeMemory().put(A, b.array());
        assertEquals("{c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, "
                + "c_cflag=B38400|B4000000<<IBSHIFT|CS8|CREAD|0x100000, c_lflag=, ...}",
                arg(Calls.of("ioctl").args(4, TCSETS, A).mem(m).enter()));
        ByteBuffer c = ByteBuffer.wrap(termios()).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x400bf);
        assertEquals(true, arg(Calls.of("ioctl").args(4, TCGETS, A).mem(new FakeMemory().put(A, c.array())).exit(0))
                .contains("c_cflag=B38400|B134<<IBSHIFT|CS8|CREAD, "));
    }

    @Test
    void termiosWithoutOutputFlagsAndTruncated() {
        ByteBuffer b = ByteBuffer.wrap(termios()).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0).putInt(8, 0x40bf);
        FakeMemory m = new FakeMemory().put(A, b.array());
        String s = arg(Calls.of("ioctl").args(4, TCGETS, A).mem(m).exit(0));
        assertEquals(true, s.contains("c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, c_cflag=B38400|CS8|CREAD|0x4000"), s);
        FakeMemory half = new FakeMemory().put(A, java.util.Arrays.copyOf(termios(), 20));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(4, TCGETS, A).mem(half).exit(0)));
    }

    /** TCGETS2's struct termios2: the termios, then the two speeds under -v; TAB3 by its alias XTABS. */
    @Test
    void termios2AndTheLockedTermios() {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).put(termios()).putInt(38400).putInt(9600);
        b.putInt(4, 0x1805);
        FakeMemory m = new FakeMemory().put(A, b.array());
        String flags = "c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|XTABS|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
                + "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE";
        assertEquals("{" + flags + ", ...}", arg(Calls.of("ioctl").args(4, 0x802c542aL, A).mem(m).exit(0)));
        assertEquals(true, arg(Calls.of("ioctl").args(4, 0x402c542bL, A).mem(m).verbose().enter())
                .endsWith("[17]=0, [18]=0], c_ispeed=38400, c_ospeed=9600}"));
        assertEquals("{" + flags + ", ...}", arg(Calls.of("ioctl").args(4, 0x5456, A).mem(m).exit(0)));
        assertEquals(2, Formatters.entryArgs(Calls.of("ioctl").args(4, 0x5456, A).enter(), 3));
        assertEquals("NULL", arg(Calls.of("ioctl").args(4, 0x402c542bL, 0).enter()));
    }
}

