package io.jstrace.decode;

import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * Values strace composes itself rather than with one printxval or printflags: the notes
 * it prints after a return value (its {@code auxstr}), and values printed as several
 * parts joined by {@code |}, each part in the session's {@code -X} style.
 */
final class Notes {
    private Notes() {}

    /** {@code v} with its names whatever {@code -X} says; JSON still has it typed. */
    static Value names(Value v) {
        Value text = new Value.Text(render(v, XlatStyle.ABBREV));
        return new Value.Styled(v, text, text);
    }

    /** {@code value (note)}, the note by name under every {@code -X} style (strace's xlookup). */
    static Value noted(Value value, Value note) {
        return new Value.Noted(value, List.of(Value.field("", names(note))));
    }

    /**
     * {@code value (note)} with the note by name, or the value alone under {@code -X raw}:
     * strace's sprintflags in its auxstr mode returns nothing in raw mode and names otherwise.
     */
    static Value notedUnlessRaw(Value value, Value note) {
        return new Value.Styled(noted(value, note), value, noted(value, note));
    }

    /**
     * strace's sprintflags in its auxstr mode: the names that apply, with any unnamed bits
     * ({@code SECBIT_NOROOT|0x100}), or {@code null} when no name applies.
     */
    static Value flagsNote(Xlat table, long value) {
        Xlat.Decomposed d = table.decompose(value);
        return d.names().isEmpty() ? null : new Value.Flags(value, d.names(), d.remainder());
    }

    /**
     * A return value strace prints in hex with a note ({@code RVAL_HEX | RVAL_STR}):
     * {@code 0x11 (SECBIT_NOROOT|SECBIT_KEEP_CAPS)}; the hex alone when there is no note or
     * under {@code -X raw}.
     */
    static Value hexNoted(long value, Value note) {
        return note == null ? Value.hex(value) : notedUnlessRaw(Value.hex(value), note);
    }

    /**
     * {@code v} as {@code -X verbose} prints it under every style but raw, strace's
     * printxval_ex and printflags_ex with {@code XLAT_STYLE_VERBOSE}:
     * {@code 0x1 /* PIDTYPE_TGID *\/}.
     */
    static Value verboseUnlessRaw(Value v) {
        Value verbose = new Value.Text(render(v, XlatStyle.VERBOSE));
        return new Value.Styled(verbose, v, verbose);
    }

    /**
     * {@code value (note)} with the note in the session's style ({@code -X verbose} nests
     * comments in it), or the value alone under {@code -X raw}: strace's sprint_ioprio.
     */
    static Value notedInStyle(Value value, Value note) {
        return new Value.Styled(noted(value, note), value, new Value.Noted(value,
                List.of(Value.field("", new Value.Text(render(note, XlatStyle.VERBOSE))))));
    }

    /**
     * Parts printed one after the other with {@code |} between them, each in the session's
     * style: personality's {@code PER_LINUX|ADDR_NO_RANDOMIZE} is {@code 0|0x40000} under
     * {@code -X raw} and {@code 0 /* PER_LINUX *\/|0x40000 /* ADDR_NO_RANDOMIZE *\/} under
     * {@code -X verbose}.
     */
    static Value joined(List<Value> parts) {
        return joined("|", parts);
    }

    /** {@link #joined(List)} with another separator: a socket filter's {@code SKF_NET_OFF+8}. */
    static Value joined(String separator, List<Value> parts) {
        return new Value.Styled(joined(separator, parts, XlatStyle.ABBREV), joined(separator, parts, XlatStyle.RAW),
                joined(separator, parts, XlatStyle.VERBOSE));
    }

    private static Value joined(String separator, List<Value> parts, XlatStyle style) {
        List<String> texts = new ArrayList<>();
        for (Value p : parts) texts.add(render(p, style));
        return new Value.Text(String.join(separator, texts));
    }

    /** {@code shown} under {@code -X abbrev}; {@code raw} alone, or followed by {@code shown} in a comment. */
    static Value decoded(Value raw, Value shown) {
        String r = render(raw, XlatStyle.RAW);
        return new Value.Styled(shown, raw, new Value.Text(r + " /* " + render(shown, XlatStyle.VERBOSE) + " */"));
    }

    static String render(Value v, XlatStyle style) {
        return new StraceText(StraceText.Escape.OCTAL, style).render(v);
    }
}
