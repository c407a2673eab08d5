package io.jstrace.decode;

import io.jstrace.decode.Value;
import io.jstrace.decode.XlatStyle;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Arr;
import io.jstrace.decode.Value.Commented;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Flags;
import io.jstrace.decode.Value.Num;
import io.jstrace.decode.Value.Str;
import io.jstrace.decode.Value.Struct;
import io.jstrace.decode.Value.Sym;
import io.jstrace.decode.Value.Text;

/** Renders {@link Value}s as strace prints them. */
public final class StraceText {
    /**
     * How a string's bytes print: {@code OCTAL} as strace's default; {@code HEX_NON_PRINTABLE}
     * ({@code -x}, {@code --strings-in-hex=non-ascii}) a string holding one byte that is not
     * printable nor a C escape whole in hex; {@code HEX_NON_PRINTABLE_CHARS}
     * ({@code --strings-in-hex=non-ascii-chars}) those bytes alone in hex; {@code HEX_ALL}
     * ({@code -xx}) every byte in hex.
     */
    public enum Escape { OCTAL, HEX_NON_PRINTABLE, HEX_NON_PRINTABLE_CHARS, HEX_ALL }

    private final Escape escape;
    private final XlatStyle style;

    public StraceText(Escape escape) {
        this(escape, XlatStyle.ABBREV);
    }

    /** A renderer with {@code -X}'s {@code style} for constants and flags. */
    public StraceText(Escape escape, XlatStyle style) {
        this.escape = escape;
        this.style = style;
    }

    /** Appends {@code v} to {@code out}. */
    public void render(Value v, StringBuilder out) {
        if (v instanceof Num n) number(n, out);
        else if (v instanceof Addr a) address(a.value(), out);
        else if (v instanceof Value.Unreadable u) address(u.address(), out);
        else if (v instanceof Str s) string(s, out);
        else if (v instanceof Sym s) symbolic(new Num(s.value(), s.base()), s.name(), out);
        else if (v instanceof Flags f) flags(f, out);
        else if (v instanceof Value.Decoded d) decoded(d, out);
        else if (v instanceof Value.Sigset s) sigset(s, out);
        else if (v instanceof Value.Styled s) render(inStyle(s), out);
        else if (v instanceof Value.WithPath w) {
            render(w.value(), out);
            out.append('<').append(w.path()).append('>');
        }
        else if (v instanceof Struct s) struct(s, out);
        else if (v instanceof Arr a) array(a, out);
        else if (v instanceof Commented c) comment(c, out);
        else if (v instanceof Text t) out.append(t.text());
        else if (v instanceof Value.Noted n) noted(n, out);
        else if (v instanceof Value.Changed c) {
            render(c.before(), out);
            out.append(" => ");
            render(c.after(), out);
        } else if (v instanceof Value.Fn f) call(f, out);
        else if (v instanceof Value.Prefixed p) {
            out.append(p.prefix());
            render(p.value(), out);
        }
        else if (v instanceof Value.Fd f) {
            out.append(f.fd());
            if (f.path() != null) out.append('<').append(f.path()).append('>');
            if (f.deleted()) out.append("(deleted)");
        } else if (v instanceof Value.Named n) {
            out.append(n.name()).append('=');
            render(n.value(), out);
        }
    }

    /** {@code v} as a string. */
    public String render(Value v) {
        StringBuilder b = new StringBuilder();
        render(v, b);
        return b.toString();
    }

    static void number(Num n, StringBuilder out) {
        long v = n.value();
        switch (n.base()) {
            case SIGNED -> out.append(v);
            case UNSIGNED -> out.append(Long.toUnsignedString(v));
            case HEX -> out.append(v == 0 ? "0" : "0x" + Long.toHexString(v));
            case OCTAL -> out.append(FileDecoders.mode(v)); // %#03o, as strace prints every mode
        }
    }

    static void address(long v, StringBuilder out) {
        out.append(v == 0 ? "NULL" : "0x" + Long.toHexString(v));
    }

    /**
     * A number with the name strace gives it, as {@code -X} says (src/xlat.c print_xlat_ex):
     * the name, the number, or the number with the name in a comment.
     */
    private void symbolic(Num raw, String name, StringBuilder out) {
        switch (style) {
            case ABBREV -> out.append(name);
            case RAW -> number(raw, out);
            case VERBOSE -> {
                number(raw, out);
                out.append(" /* ").append(name).append(" */");
            }
        }
    }

    private void decoded(Value.Decoded d, StringBuilder out) {
        if (style == XlatStyle.ABBREV) {
            render(d.shown(), out);
            return;
        }
        render(d.raw(), out);
        if (style == XlatStyle.VERBOSE) out.append(" /* ").append(abbreviated().render(d.shown())).append(" */");
    }

    /** This renderer with {@code -X abbrev}: what strace prints in comments. */
    private StraceText abbreviated() {
        return style == XlatStyle.ABBREV ? this : new StraceText(escape, XlatStyle.ABBREV);
    }

    /** print_sigset_t: members separated by spaces. */
    private void sigset(Value.Sigset s, StringBuilder out) {
        out.append(s.inverted() ? "~[" : "[");
        for (int k = 0; k < s.signals().size(); k++) {
            if (k > 0) out.append(' ');
            render(s.signals().get(k), out);
        }
        out.append(']');
    }

    /**
     * Flags under {@code -X raw} and {@code -X verbose} print as one hex number
     * (printflags_ex); the comment only when some bit has a name ({@code 0}, not
     * {@code 0 /* 0 *\/}).
     */
    private void flags(Flags f, StringBuilder out) {
        if (style == XlatStyle.ABBREV) {
            abbreviatedFlags(f, out);
            return;
        }
        if (f.names().isEmpty()) {
            number(new Num(f.value(), Value.Base.HEX), out);
            return;
        }
        StringBuilder names = new StringBuilder();
        abbreviatedFlags(f, names);
        symbolic(new Num(f.value(), Value.Base.HEX), names.toString(), out);
    }

    private void abbreviatedFlags(Flags f, StringBuilder out) {
        int start = out.length();
        for (String name : f.names()) {
            if (out.length() > start) out.append('|');
            out.append(name);
        }
        if (f.remainder() != 0 || out.length() == start) {
            if (out.length() > start) out.append('|');
            out.append(f.remainder() == 0 ? "0" : "0x" + Long.toHexString(f.remainder()));
        }
    }

    private Value inStyle(Value.Styled s) {
        return style == XlatStyle.RAW ? s.raw() : style == XlatStyle.VERBOSE ? s.verbose() : s.abbrev();
    }

    private void struct(Struct s, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Field f : s.fields()) {
            if (!first) out.append(", ");
            first = false;
            Value v = f.value() instanceof Value.Styled styled ? inStyle(styled) : f.value(); // a style may name its field
            if (!f.name().isEmpty() && !(v instanceof Value.Fn fn && fn.namesField())) {
                out.append(f.name()).append('=');
            }
            render(v, out);
        }
        if (s.truncated()) out.append(first ? "..." : ", ...");
        out.append('}');
    }

    private void array(Arr a, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Value item : a.items()) {
            if (!first) out.append(", ");
            first = false;
            render(item, out);
        }
        if (a.truncated()) out.append(first ? "..." : ", ...");
        out.append(']');
    }

    private void noted(Value.Noted n, StringBuilder out) {
        render(n.value(), out);
        out.append(" (");
        boolean first = true;
        for (Field f : n.notes()) {
            if (!first) out.append(", ");
            first = false;
            if (!f.name().isEmpty()) out.append(f.name()).append(' ');
            render(f.value(), out);
        }
        out.append(')');
    }

    private void call(Value.Fn f, StringBuilder out) {
        out.append(f.name()).append('(');
        for (int i = 0; i < f.args().size(); i++) {
            if (i > 0) out.append(", ");
            render(f.args().get(i), out);
        }
        out.append(')');
    }

    /**
     * A value and its comment; under {@code -X raw} an unknown constant's {@code /* F_??? *\/}
     * (or {@code /* ?_OK *\/}, {@code /* RENAME_?? *\/}: every such default has a question
     * mark) is left out, as print_xlat_ex prints no comment in that style.
     */
    private void comment(Commented c, StringBuilder out) {
        render(c.value(), out);
        if (style == XlatStyle.RAW && c.comment().contains("?")) return;
        out.append(" /* ").append(c.comment()).append(" */");
    }

    /**
     * strace's string quoting (src/util.c, string_quote): printable ASCII as is, {@code "}
     * and {@code \} escaped, C escapes for \t \n \v \f \r, other bytes in octal — as
     * short as possible unless the next byte is an octal digit.
     */
    private void string(Str s, StringBuilder out) {
        out.append('"');
        escaped(s.bytes(), escape, false, out);
        out.append('"');
        if (s.truncated()) out.append("...");
    }

    /**
     * A path as {@code -y} prints it after a descriptor (src/util.c printfd_pid_with_finfo:
     * print_quoted_string_ex with QUOTE_OMIT_LEADING_TRAILING_QUOTES and "<>" escaped too).
     */
    public static String fdPath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        escaped(io.jstrace.core.TraceeText.bytes(path), Escape.OCTAL, true, out); // links are TraceeText
        return out.toString();
    }

    /** string_quote's escapes; {@code angles}: {@code <} and {@code >} in octal as well. */
    private static void escaped(byte[] b, Escape escape, boolean angles, StringBuilder out) {
        boolean allHex = escape == Escape.HEX_ALL || (escape == Escape.HEX_NON_PRINTABLE && !printable(b));
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (allHex) {
                hexByte(c, out);
                continue;
            }
            if (angles && (c == '<' || c == '>')) {
                octal(c, i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '7', out);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case 0x0b -> out.append("\\v");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) out.append((char) c);
                    else if (escape == Escape.HEX_NON_PRINTABLE_CHARS) hexByte(c, out);
                    else octal(c, i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '7', out);
                }
            }
        }
    }

    /**
     * {@code -x} hex-quotes a whole string once it holds a byte outside printable ASCII and
     * the C escapes (\t \n \v \f \r print as such).
     */
    private static boolean printable(byte[] b) {
        for (byte x : b) {
            if ((x < 0x20 && (x < '\t' || x > '\r')) || x == 0x7f) return false;
        }
        return true;
    }

    private static void hexByte(int c, StringBuilder out) {
        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
    }

    private static void octal(int c, boolean nextIsOctalDigit, StringBuilder out) {
        out.append('\\');
        if (nextIsOctalDigit || c >= 0100) out.append((char) ('0' + (c >> 6)));
        if (nextIsOctalDigit || c >= 010) out.append((char) ('0' + ((c >> 3) & 7)));
        out.append((char) ('0' + (c & 7)));
    }
}
