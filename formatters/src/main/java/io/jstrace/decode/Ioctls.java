package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.ModemFlags;
import io.jstrace.syscalls.xlat.TcflshOptions;
import io.jstrace.syscalls.xlat.TcxoncOptions;
import io.jstrace.syscalls.xlat.TermIoctls;
import java.util.List;
import java.util.Map;

/**
 * ioctl(2): the request as {@link IoctlRequests} prints it, the argument by the request's
 * family ({@link IoctlArg}; the families' files are {@code *Ioctls}). The terminal requests'
 * arguments, as strace 6.1 prints them (src/term.c, src/ioctl.c): {@code struct winsize}
 * for TIOCGWINSZ/TIOCSWINSZ, an int in brackets ({@code [1]}) for FIONREAD, FIONBIO and the
 * other int-valued requests, {@code struct termios} for TCGETS, TCSETS* and the locked
 * termios' TIOC[GS]LCKTRMIOS (struct termios2 for TCGETS2 and TCSETS*2, struct termio for
 * TCGETA and TCSETA*), the value itself for TCSBRK, TCXONC and TCFLSH, one byte for
 * TIOCSTI, the modem lines' names for TIOCMGET/TIOCMSET/TIOCMBIS/TIOCMBIC, nothing at all for FIOCLEX/FIONCLEX and the other argument-less requests. The
 * getters' arguments print at exit, the setters' at entry; other requests print the
 * argument in hex.
 */
final class Ioctls {
    /** How a request's argument prints. */
    private enum Arg {
        NONE, INT_IN, INT_OUT, WINSIZE_IN, WINSIZE_OUT, TERMIOS_IN, TERMIOS_OUT, TERMIOS2_IN, TERMIOS2_OUT, TERMIO_IN,
        TERMIO_OUT, DECIMAL,
        TCXONC, TCFLSH, CHAR, MODEM_IN, MODEM_OUT, OTHER
    }

    private Ioctls() {}

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
            case (int) TermIoctls.TCGETS, (int) TermIoctls.TIOCGLCKTRMIOS -> Arg.TERMIOS_OUT;
            case (int) TermIoctls.TCSETS, (int) TermIoctls.TCSETSW, (int) TermIoctls.TCSETSF,
                    (int) TermIoctls.TIOCSLCKTRMIOS -> Arg.TERMIOS_IN;
            case (int) TermIoctls.TCGETS2 -> Arg.TERMIOS2_OUT;
            case (int) TermIoctls.TCSETS2, (int) TermIoctls.TCSETSW2, (int) TermIoctls.TCSETSF2 -> Arg.TERMIOS2_IN;
            case (int) TermIoctls.TCGETA -> Arg.TERMIO_OUT;
            case (int) TermIoctls.TCSETA, (int) TermIoctls.TCSETAW, (int) TermIoctls.TCSETAF -> Arg.TERMIO_IN;
            case (int) TermIoctls.TCSBRK, (int) TermIoctls.TCSBRKP, (int) TermIoctls.TIOCSCTTY -> Arg.DECIMAL;
            case (int) TermIoctls.TCXONC -> Arg.TCXONC;
            case (int) TermIoctls.TCFLSH -> Arg.TCFLSH;
            case (int) TermIoctls.TIOCSTI -> Arg.CHAR;
            case (int) TermIoctls.TIOCMGET -> Arg.MODEM_OUT;
            case (int) TermIoctls.TIOCMBIS, (int) TermIoctls.TIOCMBIC, (int) TermIoctls.TIOCMSET -> Arg.MODEM_IN;
            default -> Arg.OTHER;
        };
    }

    /**
     * The families with decoders of their own, by the request's type byte (src/ioctl.c
     * ioctl_decode); the terminal requests are this file's. A holder of its own, made at the
     * first ioctl decoded, not when the decoders are registered at start-up.
     */
    private static final class Families {
        static final Map<Integer, IoctlArg.Family> BY_TYPE = Map.ofEntries(
                Map.entry(0x03, HdioIoctls::of),
                Map.entry(0x12, BlockIoctls::of),
                Map.entry(0x22, ScsiIoctls::of),
                Map.entry(0x89, SockIoctls::of),
                Map.entry((int) '$', PerfIoctls::of),
                Map.entry((int) '!', SeccompIoctls::of),
                Map.entry((int) 'E', EvdevIoctls::of),
                Map.entry((int) 'I', InotifyIoctls::of),
                Map.entry((int) 'K', KdIoctls::of),
                Map.entry((int) 'L', LoopIoctls::of),
                Map.entry((int) 'M', MtdIoctls::of),
                Map.entry((int) 'X', FsIoctls::of),
                Map.entry((int) 'f', FsIoctls::of),
                Map.entry((int) 'O', UbiIoctls::of),
                Map.entry((int) 'R', RandomIoctls::of),
                Map.entry((int) 'V', V4l2Ioctls::of),
                Map.entry((int) 'i', LircIoctls::of),
                Map.entry((int) 'o', UbiIoctls::of),
                Map.entry((int) 'p', RtcIoctls::of),
                Map.entry(0xaa, UffdIoctls::of),
                Map.entry(0xab, NbdIoctls::of),
                Map.entry((int) 'W', WatchdogIoctls::of),
                Map.entry(0x3e, CounterIoctls::of),
                Map.entry((int) '=', PtpIoctls::of),
                Map.entry(0xb4, GpioIoctls::of),
                Map.entry(0xb7, NsfsIoctls::of));
    }

    /** The request's family decoding, or null (a terminal request, or one no family knows). */
    static IoctlArg family(Call c) {
        long req = c.arg(1) & 0xffff_ffffL;
        IoctlArg.Family f = Families.BY_TYPE.get((int) (req >>> 8) & 0xff);
        return f == null ? null : f.of(req);
    }

    /** FIOCLEX and the like print no third argument. */
    static int visibleArgs(Call c) {
        Arg kind = kind(c);
        if (kind == Arg.OTHER) {
            IoctlArg f = family(c);
            return f != null && f.when() == IoctlArg.When.NONE ? 2 : 3;
        }
        return kind == Arg.NONE ? 2 : 3;
    }

    /** What the kernel fills prints at exit; the rest at entry. */
    static int entryArgs(Call c, int visible) {
        return switch (kind(c)) {
            case INT_OUT, WINSIZE_OUT, TERMIOS_OUT, TERMIOS2_OUT, TERMIO_OUT, MODEM_OUT -> Math.min(2, visible);
            case OTHER -> {
                IoctlArg f = family(c);
                yield f != null && f.printsAtExit(c) ? Math.min(2, visible) : visible;
            }
            default -> visible;
        };
    }

    /** A successful return value a family gives a meaning, or null. */
    static Value returnValue(Call c) {
        IoctlArg f = kind(c) == Arg.OTHER ? family(c) : null;
        return f == null || f.result() == null ? null : f.result().of(c);
    }

    /** What the kernel wrote into an argument printed at entry, or null. */
    static Value writeBack(Call c) {
        IoctlArg f = kind(c) == Arg.OTHER ? family(c) : null;
        return f == null || f.after() == null ? null : f.after().decode(c, c.arg(2));
    }

    private static Value familyArg(Call c, long addr) {
        IoctlArg f = family(c);
        if (f == null || f.decode() == null) return Value.hex(addr);
        if (c.exit() != null && f.when() != IoctlArg.When.SPLIT && f.printsAtExit(c.asAtEntry())
                && (addr == 0 || TraceeArrays.exitFailed(c)))
            return new Addr(addr);
        return f.decode().decode(c, addr);
    }

    /** IOCTL_ARG. */
    static Value arg(Call c, int i) {
        long addr = c.arg(i);
        Arg kind = kind(c);
        switch (kind) {
            case OTHER: return familyArg(c, addr);
            case DECIMAL: return Value.dec(c.intArg(i));
            case TCXONC: return Numbers.named(TcxoncOptions.XLAT, addr, "TC???");
            case TCFLSH: return Numbers.named(TcflshOptions.XLAT, addr, "TC???");
            default: break;
        }
        boolean out = kind == Arg.INT_OUT || kind == Arg.WINSIZE_OUT || kind == Arg.TERMIOS_OUT
                || kind == Arg.TERMIOS2_OUT || kind == Arg.TERMIO_OUT || kind == Arg.MODEM_OUT;
        if (addr == 0 || out && TraceeArrays.exitFailed(c)) return new Addr(addr);
        return switch (kind) {
            case INT_IN, INT_OUT -> intArg(c, addr);
            case WINSIZE_IN, WINSIZE_OUT -> winsize(c, addr);
            case TERMIOS_IN, TERMIOS_OUT -> Termios.termios(c, addr, Termios.Layout.TERMIOS);
            case TERMIOS2_IN, TERMIOS2_OUT -> Termios.termios(c, addr, Termios.Layout.TERMIOS2);
            case TERMIO_IN, TERMIO_OUT -> Termios.termios(c, addr, Termios.Layout.TERMIO);
            case CHAR -> Strings.buffer(c, addr, 1);
            case MODEM_IN, MODEM_OUT -> modemLines(c, addr);
            default -> new Addr(addr);
        };
    }

    private static Value intArg(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.dec(TraceeArrays.s32(raw, 0))), false);
    }

    /** The modem control lines, an int: {@code [TIOCM_DTR|TIOCM_RTS]}. */
    private static Value modemLines(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Numbers.flags(ModemFlags.XLAT, TraceeArrays.s32(raw, 0) & 0xffff_ffffL, "TIOCM_???")),
                false);
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

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            /** The request by name, the argument by request. */
            @Override
            public Value arg(Call c, int i) {
                return switch (i) {
                    case 1 -> IoctlRequests.request(c, 1);
                    case 2 -> Verbosity.sometimes(c, 2, Ioctls.arg(c, 2));
                    default -> SyscallDecoder.super.arg(c, i);
                };
            }

            @Override
            public int visibleArgs(Call c) {
                return Ioctls.visibleArgs(c);
            }

            @Override
            public int entryArgs(Call c, int visible) {
                return Ioctls.entryArgs(c, visible);
            }

            @Override
            public Value returnValue(Call c) {
                return Ioctls.returnValue(c);
            }

            @Override
            public Value writeBack(Call c) {
                return Ioctls.writeBack(c);
            }

            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                IoctlArg f = kind(c) == Arg.OTHER ? family(c) : null;
                if (f != null && f.keep() > 0) keep.keep(c.arg(2), f.keep());
            }

            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }
        }, "ioctl");
    }
}
