package io.jstrace.render;

import io.jstrace.core.TraceeText;

/**
 * Writes JSON into a {@link StringBuilder}, keeping the commas itself: {@code beginObject},
 * {@code name}, a value, ..., {@code endObject}. Used by the trace's JSON Lines, the views'
 * and the timeline, so every one of them writes text alike:
 * <ul>
 * <li>The output is ASCII: every character beyond it is JSON's &#92;uXXXX escape (a
 * surrogate pair beyond the BMP), so no output stream's charset can change it.
 * <li>Bytes from a tracee are {@link TraceeText}: valid UTF-8 is the text it encodes, and
 * each byte that is not part of valid UTF-8 is the lone surrogate &#92;udc80 + byte
 * ("&#92;udcff" for 0xff). A reader that keeps lone surrogates (Jackson, Python's
 * {@code json}) gets the bytes back exactly; docs/jstrace.schema.json says so.
 * </ul>
 */
public final class JsonWriter {
    private final StringBuilder out;
    /** No comma before the next element: at the start, after an opening bracket or a name. */
    private boolean first = true;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    /** The text written so far. */
    public StringBuilder out() {
        return out;
    }

    /** Forgets what was written: the next value is the first again. */
    public void clear() {
        out.setLength(0);
        first = true;
    }

    public JsonWriter beginObject() {
        element().append('{');
        first = true;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        first = false;
        return this;
    }

    public JsonWriter beginArray() {
        element().append('[');
        first = true;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** A member's name; its value comes next. */
    public JsonWriter name(String name) {
        element();
        text(name);
        out.append(':');
        first = true;
        return this;
    }

    public JsonWriter value(long v) {
        element().append(v);
        return this;
    }

    /** {@code v} read as an unsigned 64-bit number. */
    public JsonWriter unsigned(long v) {
        element().append(Long.toUnsignedString(v));
        return this;
    }

    /** A number already written out as JSON's grammar has it ({@code 32751.686}). */
    public JsonWriter number(String digits) {
        element().append(digits);
        return this;
    }

    public JsonWriter value(boolean v) {
        element().append(v);
        return this;
    }

    /** Text as a JSON string; {@code null} as {@code null}. */
    public JsonWriter value(String s) {
        element();
        if (s == null) out.append("null");
        else text(s);
        return this;
    }

    /** Tracee bytes as a JSON string ({@link TraceeText}: valid UTF-8 as text, other bytes escaped). */
    public JsonWriter value(byte[] b) {
        element();
        text(TraceeText.text(b));
        return this;
    }

    public JsonWriter nullValue() {
        element().append("null");
        return this;
    }

    /** {@code name} and a number, a string or a flag: the common members in one call. */
    public JsonWriter member(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, boolean v) {
        return name(name).value(v);
    }

    private StringBuilder element() {
        if (!first) out.append(',');
        first = false;
        return out;
    }

    private void text(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escape(c)) out.append(c);
        }
        out.append('"');
    }

    /** Appends the escape of a character JSON needs escaped; whether {@code c} was one. */
    private boolean escape(int c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            default -> {
                if (c >= 0x20 && c < 0x7f) return false;
                unicode(c);
            }
        }
        return true;
    }

    /** JSON's six-character escape: backslash, u, the UTF-16 code unit in four hex digits. */
    private void unicode(int c) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) out.append(Character.forDigit((c >> shift) & 15, 16));
    }
}
