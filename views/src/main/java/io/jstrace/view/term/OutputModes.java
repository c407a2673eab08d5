package io.jstrace.view.term;

import java.io.ByteArrayOutputStream;

/**
 * What the terminal's line discipline makes of the bytes a program writes, so that a
 * recording holds what the terminal received, as a pty proxy's does: with OPOST set,
 * ONLCR turns NL into CR NL and OCRNL turns CR into NL (termios(3); the kernel's
 * {@code drivers/tty/n_tty.c}, {@code do_output_char}). A program in raw output mode
 * (OPOST off, as {@code less} and curses programs set) gets its bytes unchanged. ONOCR,
 * ONLRET, OLCUC and the delay and tab-expansion modes are not applied.
 */
final class OutputModes {
    /** {@code c_oflag} bits ({@code include/uapi/asm-generic/termbits.h}). */
    static final int OPOST = 0x1, ONLCR = 0x4, OCRNL = 0x8;
    /** What a pseudo-terminal starts with (OPOST | ONLCR), when the terminal cannot be asked. */
    static final int DEFAULT = OPOST | ONLCR;

    private OutputModes() {}

    /** {@code data} as a terminal with output modes {@code oflag} passes it on (the same array when unchanged). */
    static byte[] apply(int oflag, byte[] data) {
        if ((oflag & OPOST) == 0 || (oflag & (ONLCR | OCRNL)) == 0 || !containsNlOrCr(data)) return data;
        ByteArrayOutputStream o = new ByteArrayOutputStream(data.length + 16);
        for (byte b : data) {
            if (b == '\n' && (oflag & ONLCR) != 0) o.write('\r');
            o.write(b == '\r' && (oflag & OCRNL) != 0 ? '\n' : b);
        }
        return o.toByteArray();
    }

    private static boolean containsNlOrCr(byte[] data) {
        for (byte b : data) if (b == '\n' || b == '\r') return true;
        return false;
    }
}
