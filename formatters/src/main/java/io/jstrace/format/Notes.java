package io.jstrace.format;

import java.util.List;

/**
 * The notes strace prints after a return value (its {@code auxstr}): built as plain strings
 * there, so they keep their names under every {@code -X} style.
 */
final class Notes {
    private Notes() {}

    /** {@code v} with its names whatever {@code -X} says; JSON still has it typed. */
    static Value names(Value v) {
        Value text = new Value.Text(new StraceText(StraceText.Escape.OCTAL).render(v));
        return new Value.Styled(v, text, text);
    }

    /** {@code value (note)}. */
    static Value noted(Value value, Value note) {
        return new Value.Noted(value, List.of(Value.field("", names(note))));
    }
}
