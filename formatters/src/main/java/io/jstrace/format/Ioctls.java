package io.jstrace.format;

import static io.jstrace.format.Value.field;

import io.jstrace.format.Value.Addr;
import io.jstrace.format.Value.Base;
import io.jstrace.format.Value.Num;
import io.jstrace.syscalls.xlat.TermIoctls;
import java.util.List;
import java.util.Map;

/**
 * ioctl requests and their arguments. Requests: the terminal ones by name
 * (include/uapi/asm-generic/ioctls.h), others in hex. Arguments, as strace 6.1 prints
 * them (src/term.c, src/ioctl.c): {@code struct winsize} for TIOCGWINSZ/TIOCSWINSZ, an
 * int in brackets ({@code [1]}) for FIONREAD, FIONBIO and the other int-valued requests,
 * {@code struct termios} for TCGETS and TCSETS*, nothing at all for FIOCLEX/FIONCLEX and
 * the other argument-less requests. The getters' arguments print at exit, the setters' at
 * entry; other requests print the argument as an address.
 */
final class Ioctls {
    /** strace prints the values the OSS sound timer shares with termios as both names. */
    private static final Map<Long, String> SHARED = Map.of(
            TermIoctls.TCSETS, "SNDCTL_TMR_START or TCSETS",
            TermIoctls.TCSETSW, "SNDCTL_TMR_STOP or TCSETSW",
            TermIoctls.TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF");

    /** How a request's argument prints. */
    private enum Arg { NONE, INT_IN, INT_OUT, WINSIZE_IN, WINSIZE_OUT, TERMIOS_IN, TERMIOS_OUT, OTHER }

    private Ioctls() {}

    static Value request(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        String name = SHARED.getOrDefault(v, TermIoctls.XLAT.name(v));
        return name == null ? Value.hex(v) : new Value.Sym(v, name);
    }

    private static Arg kind(Call c) {
        int req = c.intArg(1);
        return switch (req) {
            case (int) TermIoctls.FIOCLEX, (int) TermIoctls.FIONCLEX, (int) TermIoctls.TIOCEXCL,
                    (int) TermIoctls.TIOCNXCL, (int) TermIoctls.TIOCNOTTY, (int) TermIoctls.TIOCSBRK,
                    (int) TermIoctls.TIOCCBRK, (int) TermIoctls.TIOCCONS, (int) TermIoctls.TIOCVHANGUP,
                    (int) TermIoctls.TIOCSSERIAL -> Arg.NONE;
            case (int) TermIoctls.FIONREAD, (int) TermIoctls.TIOCOUTQ, (int) TermIoctls.TIOCGPTN,
                    (int) TermIoctls.TIOCGETD, (int) TermIoctls.TIOCGPGRP, (int) TermIoctls.TIOCGSID,
                    (int) TermIoctls.TIOCGSOFTCAR, (int) TermIoctls.TIOCGEXCL, (int) TermIoctls.TIOCGDEV -> Arg.INT_OUT;
            case (int) TermIoctls.FIONBIO, (int) TermIoctls.FIOASYNC, (int) TermIoctls.TIOCSPTLCK,
                    (int) TermIoctls.TIOCSETD, (int) TermIoctls.TIOCPKT, (int) TermIoctls.TIOCSPGRP,
                    (int) TermIoctls.TIOCSSOFTCAR -> Arg.INT_IN;
            case (int) TermIoctls.TIOCGWINSZ -> Arg.WINSIZE_OUT;
            case (int) TermIoctls.TIOCSWINSZ -> Arg.WINSIZE_IN;
            case (int) TermIoctls.TCGETS -> Arg.TERMIOS_OUT;
            case (int) TermIoctls.TCSETS, (int) TermIoctls.TCSETSW, (int) TermIoctls.TCSETSF -> Arg.TERMIOS_IN;
            default -> Arg.OTHER;
        };
    }

    /** FIOCLEX and the like print no third argument. */
    static int visibleArgs(Call c) {
        return kind(c) == Arg.NONE ? 2 : 3;
    }

    /** What the kernel fills prints at exit; the rest at entry. */
    static int entryArgs(Call c, int visible) {
        return switch (kind(c)) {
            case INT_OUT, WINSIZE_OUT, TERMIOS_OUT, OTHER -> Math.min(2, visible);
            default -> visible;
        };
    }

    /** IOCTL_ARG. */
    static Value arg(Call c, int i) {
        long addr = c.arg(i);
        Arg kind = kind(c);
        boolean out = kind == Arg.INT_OUT || kind == Arg.WINSIZE_OUT || kind == Arg.TERMIOS_OUT;
        if (kind == Arg.OTHER || addr == 0 || out && TraceeArrays.exitFailed(c)) return new Addr(addr);
        return switch (kind) {
            case INT_IN, INT_OUT -> intArg(c, addr);
            case WINSIZE_IN, WINSIZE_OUT -> winsize(c, addr);
            case TERMIOS_IN, TERMIOS_OUT -> Termios.termios(c, addr);
            default -> new Addr(addr);
        };
    }

    private static Value intArg(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.dec(TraceeArrays.s32(raw, 0))), false);
    }

    /** struct winsize (include/uapi/asm-generic/termios.h): four unsigned shorts. */
    private static Value winsize(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("ws_row", u16(raw, 0)), field("ws_col", u16(raw, 2)),
                field("ws_xpixel", u16(raw, 4)), field("ws_ypixel", u16(raw, 6))), false);
    }

    private static Value u16(byte[] raw, int off) {
        return new Num((raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8, Base.UNSIGNED);
    }
}
