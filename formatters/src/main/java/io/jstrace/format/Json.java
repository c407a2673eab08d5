package io.jstrace.format;

import io.jstrace.format.Value.Addr;
import io.jstrace.format.Value.Arr;
import io.jstrace.format.Value.Commented;
import io.jstrace.format.Value.Field;
import io.jstrace.format.Value.Flags;
import io.jstrace.format.Value.Num;
import io.jstrace.format.Value.Str;
import io.jstrace.format.Value.Struct;
import io.jstrace.format.Value.Sym;
import io.jstrace.format.Value.Text;

/**
 * Renders {@link Value}s as JSON (docs/jstrace.schema.json): numbers as numbers, named
 * constants and flags with their raw value, strings as strings (an object with
 * {@code truncated} when cut), structs as objects, arrays as arrays, addresses as hex
 * strings ({@code null} for NULL).
 */
public final class Json {
    private Json() {}

    /** Appends {@code v} as JSON. */
    public static void value(Value v, StringBuilder out) {
        if (v instanceof Num n) number(n, out);
        else if (v instanceof Addr a) address(a.value(), out);
        else if (v instanceof Value.Unreadable u && u.address() == 0) out.append("null"); // NULL, not memory
        else if (v instanceof Value.Unreadable u) {
            out.append("{\"address\":");
            address(u.address(), out);
            out.append(",\"unreadable\":true}");
        }
        else if (v instanceof Str s) string(s, out);
        else if (v instanceof Sym s) named(s.value(), s.name(), out);
        else if (v instanceof Flags f) flags(f, out);
        else if (v instanceof Struct s) struct(s, out);
        else if (v instanceof Arr a) array(a, out);
        else if (v instanceof Commented c) commented(c, out);
        else if (v instanceof Text t) quote(t.text(), out);
        else if (v instanceof Value.Noted n) noted(n, out);
        else if (v instanceof Value.Changed c) {
            out.append("{\"before\":");
            value(c.before(), out);
            out.append(",\"after\":");
            value(c.after(), out);
            out.append('}');
        } else if (v instanceof Value.Fn f) call(f, out);
        else if (v instanceof Value.Prefixed p) {
            out.append("{\"prefix\":");
            quote(p.prefix(), out);
            out.append(",\"value\":");
            value(p.value(), out);
            out.append('}');
        }
        else if (v instanceof Value.Decoded d) value(d.shown(), out);
        else if (v instanceof Value.Styled s) value(s.abbrev(), out);
        else if (v instanceof Value.Sigset s) quote(new StraceText(StraceText.Escape.OCTAL).render(s), out);
        else if (v instanceof Value.WithPath w && w.value() instanceof Sym s) {
            named(s.value(), s.name() + "<" + w.path() + ">", out);
        } else if (v instanceof Value.WithPath w) value(w.value(), out);
        else if (v instanceof Value.Fd f) fd(f, out);
        else if (v instanceof Value.Named n) {
            out.append('{');
            key(n.name(), out);
            value(n.value(), out);
            out.append('}');
        }
    }

    private static void number(Num n, StringBuilder out) {
        if (n.base() == Value.Base.SIGNED) out.append(n.value());
        else out.append(Long.toUnsignedString(n.value()));
    }

    static void address(long a, StringBuilder out) {
        if (a == 0) out.append("null");
        else out.append("\"0x").append(Long.toHexString(a)).append('"');
    }

    private static void string(Str s, StringBuilder out) {
        if (!s.truncated()) {
            quote(s.bytes(), out);
            return;
        }
        out.append("{\"string\":");
        quote(s.bytes(), out);
        out.append(",\"truncated\":true}");
    }

    private static void named(long value, String name, StringBuilder out) {
        out.append("{\"value\":").append(value).append(",\"name\":");
        quote(name, out);
        out.append('}');
    }

    private static void flags(Flags f, StringBuilder out) {
        out.append("{\"value\":").append(Long.toUnsignedString(f.value())).append(",\"flags\":[");
        for (int i = 0; i < f.names().size(); i++) {
            if (i > 0) out.append(',');
            quote(f.names().get(i), out);
        }
        out.append(']');
        if (f.remainder() != 0) out.append(",\"unknown\":").append(Long.toUnsignedString(f.remainder()));
        out.append('}');
    }

    private static void struct(Struct s, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Field f : s.fields()) {
            if (!first) out.append(',');
            first = false;
            key(f.name().isEmpty() ? "value" : f.name(), out);
            value(f.value(), out);
        }
        if (s.truncated()) out.append(first ? "" : ",").append("\"truncated\":true");
        out.append('}');
    }

    private static void array(Arr a, StringBuilder out) {
        if (a.truncated()) out.append("{\"items\":");
        out.append('[');
        for (int i = 0; i < a.items().size(); i++) {
            if (i > 0) out.append(',');
            value(a.items().get(i), out);
        }
        out.append(']');
        if (a.truncated()) out.append(",\"truncated\":true}");
    }

    private static void commented(Commented c, StringBuilder out) {
        out.append("{\"value\":");
        value(c.value(), out);
        out.append(",\"comment\":");
        quote(c.comment(), out);
        out.append('}');
    }

    /** {@code {"value":1,"notes":{"in":[3],"left":{...}}}}; an unnamed note is {@code "note"}. */
    private static void noted(Value.Noted n, StringBuilder out) {
        out.append("{\"value\":");
        value(n.value(), out);
        out.append(",\"notes\":{");
        for (int i = 0; i < n.notes().size(); i++) {
            Field f = n.notes().get(i);
            if (i > 0) out.append(',');
            key(f.name().isEmpty() ? "note" : f.name(), out);
            value(f.value(), out);
        }
        out.append("}}");
    }

    private static void call(Value.Fn f, StringBuilder out) {
        out.append("{\"call\":");
        quote(f.name(), out);
        out.append(",\"args\":[");
        for (int i = 0; i < f.args().size(); i++) {
            if (i > 0) out.append(',');
            value(f.args().get(i), out);
        }
        out.append("]}");
    }

    private static void fd(Value.Fd f, StringBuilder out) {
        if (f.path() == null) {
            out.append(f.fd());
            return;
        }
        out.append("{\"fd\":").append(f.fd()).append(",\"path\":");
        quote(f.path(), out);
        out.append('}');
    }

    /** {@code "name":}. */
    static void key(String name, StringBuilder out) {
        quote(name, out);
        out.append(':');
    }

    /** Text (not tracee bytes) as a JSON string: quotes, backslashes and controls escaped. */
    public static void text(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escape(c, out)) out.append(c);
        }
        out.append('"');
    }

    /** Appends the escape of a character JSON needs escaped; whether {@code c} was one. */
    private static boolean escape(int c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            default -> {
                if (c >= 0x20 && c != 0x7f) return false;
                unicode(c, out);
            }
        }
        return true;
    }

    /** JSON's six-character escape (backslash, u, 00, two hex digits), for a character below 0x100. */
    private static void unicode(int c, StringBuilder out) {
        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
    }

    static void quote(String s, StringBuilder out) {
        quote(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), out);
    }

    /**
     * Tracee bytes as a JSON string, byte for byte: each byte is the code point of the same
     * value (ISO-8859-1), so no byte is lost whatever the encoding; controls as escapes.
     */
    static void quote(byte[] b, StringBuilder out) {
        out.append('"');
        for (byte x : b) {
            int c = x & 0xff;
            if (c >= 0x80) {
                unicode(c, out);
            } else if (!escape(c, out)) {
                out.append((char) c);
            }
        }
        out.append('"');
    }
}
