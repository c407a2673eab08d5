package io.jstrace.core;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;

/**
 * What the tracer itself asks of a terminal: its window size (ioctl TIOCGWINSZ), for the
 * terminal recorder's initial size and the size right after a SIGWINCH, and its output
 * modes (TCGETS), for what the line discipline makes of the bytes written. Native code
 * stays here, in core.
 */
public final class Terminals {
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TCGETS = 0x5401;
    private static final int O_RDONLY_NOCTTY_NONBLOCK_CLOEXEC = 0x100 | 0x800 | 0x80000;

    private Terminals() {}

    /** A terminal's window size: {@code struct winsize}'s {@code ws_col} and {@code ws_row}. */
    public record WindowSize(int columns, int rows) {}

    /**
     * The window size of the terminal {@code path} names ({@code /dev/pts/3}), opened
     * without becoming its controlling terminal, or {@code null} when it cannot be opened or
     * is not a terminal.
     */
    public static WindowSize windowSize(String path) {
        if (path == null) return null;
        try {
            LibC c = Native.libc();
            int fd = c.open(path, O_RDONLY_NOCTTY_NONBLOCK_CLOEXEC);
            if (fd < 0) return null;
            try {
                return ask(c, fd);
            } finally {
                c.close(fd);
            }
        } catch (LinkageError e) {
            return null;
        }
    }

    /**
     * The output modes ({@code struct termios}'s {@code c_oflag}: OPOST, ONLCR...) of the
     * terminal {@code path} names, or -1 when it cannot be opened or is not a terminal.
     */
    public static int outputFlags(String path) {
        if (path == null) return -1;
        try {
            LibC c = Native.libc();
            int fd = c.open(path, O_RDONLY_NOCTTY_NONBLOCK_CLOEXEC);
            if (fd < 0) return -1;
            try {
                NativeBuffer termios = NativeBuffer.allocate(64);
                return c.ioctl(fd, TCGETS, termios) == 0 ? termios.getInt(4) : -1;
            } finally {
                c.close(fd);
            }
        } catch (LinkageError e) {
            return -1;
        }
    }

    /** The window size of this process's descriptor {@code fd}, or {@code null} when it is not a terminal. */
    public static WindowSize ownWindowSize(int fd) {
        try {
            return ask(Native.libc(), fd);
        } catch (LinkageError e) {
            return null;
        }
    }

    /** Whether this process's descriptor {@code fd} is a terminal (isatty). */
    public static boolean isTerminal(int fd) {
        try {
            NativeBuffer termios = NativeBuffer.allocate(64);
            return Native.libc().ioctl(fd, TCGETS, termios) == 0;
        } catch (LinkageError e) {
            return false;
        }
    }

    private static WindowSize ask(LibC c, int fd) {
        NativeBuffer ws = NativeBuffer.allocate(8);
        if (c.ioctl(fd, TIOCGWINSZ, ws) != 0) return null;
        int rows = ws.getShort(0) & 0xffff, cols = ws.getShort(2) & 0xffff;
        return new WindowSize(cols, rows);
    }
}
