package io.jstrace.format;

import io.jstrace.syscalls.xlat.TermIoctls;
import java.util.Map;

/** ioctl requests: the terminal ones by name (include/uapi/asm-generic/ioctls.h), others in hex. */
final class Ioctls {
    /** strace prints the values the OSS sound timer shares with termios as both names. */
    private static final Map<Long, String> SHARED = Map.of(
            TermIoctls.TCSETS, "SNDCTL_TMR_START or TCSETS",
            TermIoctls.TCSETSW, "SNDCTL_TMR_STOP or TCSETSW",
            TermIoctls.TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF");

    private Ioctls() {}

    static Value request(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        String name = SHARED.getOrDefault(v, TermIoctls.XLAT.name(v));
        return name == null ? Value.hex(v) : new Value.Sym(v, name);
    }
}
