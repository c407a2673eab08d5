package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.BaudRates;
import io.jstrace.syscalls.xlat.LineDisciplines;
import io.jstrace.syscalls.xlat.TermBsdly;
import io.jstrace.syscalls.xlat.TermCflags;
import io.jstrace.syscalls.xlat.TermCrdly;
import io.jstrace.syscalls.xlat.TermCsizes;
import io.jstrace.syscalls.xlat.TermFfdly;
import io.jstrace.syscalls.xlat.TermIflags;
import io.jstrace.syscalls.xlat.TermLflags;
import io.jstrace.syscalls.xlat.TermNldly;
import io.jstrace.syscalls.xlat.TermOflags;
import io.jstrace.syscalls.xlat.TermTabdly;
import io.jstrace.syscalls.xlat.TermVtdly;
import io.jstrace.syscalls.xlat.TermiosCc;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's struct termios (include/uapi/asm-generic/termbits.h: four u32 flag words,
 * c_line, c_cc[19]) as strace 6.1 prints it for TCGETS and TCSETS* (src/term.c), struct
 * termios2 (the same and the two speeds) of TCGETS2 and TCSETS*2, and the
 * older struct termio of TCGETA and TCSETA* (u16 flag words, c_line, c_cc[8]): the
 * flag words by name, c_oflag's delay fields and c_cflag's baud rate and character size
 * by value first ({@code c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR},
 * {@code c_cflag=B38400|CS8|CREAD}); without -v the rest is {@code ...}, with -v
 * c_line and every c_cc slot ({@code [VINTR]=0x3}, unnamed ones by index).
 */
final class Termios {
    private static final Xlat[] DELAYS = {TermNldly.XLAT, TermCrdly.XLAT, TermTabdly.XLAT, TermBsdly.XLAT,
        TermVtdly.XLAT, TermFfdly.XLAT};
    private static final long[] DELAY_MASKS = {TermOflags.NLDLY, TermOflags.CRDLY, TermOflags.TABDLY,
        TermOflags.BSDLY, TermOflags.VTDLY, TermOflags.FFDLY};
    private static final String[] DELAY_UNKNOWN = {"NL?", "CR?", "TAB?", "BS?", "VT?", "FF?"};

    private Termios() {}

    /**
     * The three layouts: struct termios, struct termios2 (termios, then c_ispeed and c_ospeed,
     * u32 each: include/uapi/asm-generic/termbits.h), and the old struct termio.
     */
    enum Layout {
        TERMIOS(36, 4, (int) TermiosCc.NCCS), TERMIOS2(44, 4, (int) TermiosCc.NCCS), TERMIO(18, 2, 8);

        final int size, word, ccs;

        Layout(int size, int word, int ccs) {
            this.size = size;
            this.word = word;
            this.ccs = ccs;
        }
    }

    static Value termios(Call c, long addr, Layout layout) {
        byte[] raw = c.memory().read(addr, layout.size);
        if (raw == null) return new Value.Unreadable(addr);
        int word = layout.word;
        List<Field> f = new ArrayList<>();
        long iflag = flagWord(raw, 0, word), oflag = flagWord(raw, word, word);
        long cflag = flagWord(raw, 2 * word, word), lflag = flagWord(raw, 3 * word, word);
        f.add(field("c_iflag", styled(s -> flags(TermIflags.XLAT, iflag, s))));
        f.add(field("c_oflag", styled(s -> oflag(oflag, s))));
        f.add(field("c_cflag", styled(s -> cflag(cflag, s))));
        f.add(field("c_lflag", styled(s -> flags(TermLflags.XLAT, lflag, s))));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        int line = 4 * word;
        f.add(field("c_line", Numbers.named(LineDisciplines.XLAT, raw[line] & 0xff, "N_???")));
        List<Value> cc = new ArrayList<>();
        for (int k = 0; k < layout.ccs; k++) {
            String name = TermiosCc.XLAT.name(k);
            cc.add(new Value.Text("[" + (name != null ? name : Integer.toString(k)) + "]="
                    + hex(raw[line + 1 + k] & 0xff)));
        }
        f.add(field("c_cc", new Value.Arr(cc, false)));
        if (layout == Layout.TERMIOS2) {
            f.add(field("c_ispeed", new Value.Num(flagWord(raw, 36, 4), Value.Base.UNSIGNED)));
            f.add(field("c_ospeed", new Value.Num(flagWord(raw, 40, 4), Value.Base.UNSIGNED)));
        }
        return new Value.Struct(f, false);
    }

    /** strace prints each part of a flag word with -X's style, joined by {@code |}. */
    private static Value styled(java.util.function.Function<XlatStyle, String> text) {
        return new Value.Styled(new Value.Text(text.apply(XlatStyle.ABBREV)),
                new Value.Text(text.apply(XlatStyle.RAW)), new Value.Text(text.apply(XlatStyle.VERBOSE)));
    }

    /**
     * Each delay field by value, then the flags. strace 6.1 prints flags that are all 0 as
     * nothing, so a c_oflag without flags ends in {@code |}: {@code NL0|CR0|TAB0|BS0|VT0|FF0|}.
     */
    private static String oflag(long v, XlatStyle style) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < DELAYS.length; k++) {
            b.append(named(DELAYS[k], v & DELAY_MASKS[k], DELAY_UNKNOWN[k], style)).append('|');
            v &= ~DELAY_MASKS[k];
        }
        return b.append(flags(TermOflags.XLAT, v, style)).toString();
    }

    /**
     * The baud rate, the input baud rate when set ({@code B134<<IBSHIFT}) and the character
     * size by value, then the flags.
     */
    private static String cflag(long v, XlatStyle style) {
        StringBuilder b = new StringBuilder(named(BaudRates.XLAT, v & TermCflags.CBAUD, "B???", style)).append('|');
        long ibaud = v & TermCflags.CIBAUD;
        if (ibaud != 0) {
            b.append(named(BaudRates.XLAT, ibaud >>> TermCflags.IBSHIFT, "B???", style)).append("<<IBSHIFT|");
        }
        b.append(named(TermCsizes.XLAT, v & TermCflags.CSIZE, "CS?", style)).append('|');
        return b.append(flags(TermCflags.XLAT, v & ~(TermCflags.CBAUD | TermCflags.CIBAUD | TermCflags.CSIZE), style))
                .toString();
    }

    private static String named(Xlat table, long v, String unknown, XlatStyle style) {
        String name = table.name(v);
        Value value = name != null ? new Value.Sym(v, name) : new Value.Commented(Value.hex(v), unknown);
        return new StraceText(StraceText.Escape.OCTAL, style).render(value);
    }

    /** Names and a hex remainder; nothing at all for 0 (strace's printflags without a default). */
    private static String flags(Xlat table, long v, XlatStyle style) {
        return v == 0 ? "" : new StraceText(StraceText.Escape.OCTAL, style).render(Numbers.flags(table, v));
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** A flag word: u32 in struct termios, u16 in struct termio. */
    private static long flagWord(byte[] raw, int off, int size) {
        if (size == 2) return (raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8;
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }
}
