package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A string's bytes under each of -x's levels (src/util.c string_quote). */
class StringEscapesTest {
    private static final byte[] BYTES = "\b\t\n\u000b\f\r\u000e hi~\u007f\"\\".getBytes(StandardCharsets.ISO_8859_1);

    private static String quoted(StraceText.Escape escape, byte[] b) {
        return new StraceText(escape).render(new Value.Str(b, false));
    }

    @Test
    void eachLevel() {
        assertEquals("\"\\10\\t\\n\\v\\f\\r\\16 hi~\\177\\\"\\\\\"", quoted(StraceText.Escape.OCTAL, BYTES));
        // --strings-in-hex=non-ascii-chars: the bytes that are neither printable nor a C escape, alone
        assertEquals("\"\\x08\\t\\n\\v\\f\\r\\x0e hi~\\x7f\\\"\\\\\"", quoted(StraceText.Escape.HEX_NON_PRINTABLE_CHARS, BYTES));
        // -x: the whole string, once one byte is such
        assertEquals("\"\\x08\\x09\\x0a\\x0b\\x0c\\x0d\\x0e\\x20\\x68\\x69\\x7e\\x7f\\x22\\x5c\"",
                quoted(StraceText.Escape.HEX_NON_PRINTABLE, BYTES));
        assertEquals("\"\\t hi\"", quoted(StraceText.Escape.HEX_NON_PRINTABLE, "\t hi".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("\"\\x09\\x20\\x68\\x69\"", quoted(StraceText.Escape.HEX_ALL, "\t hi".getBytes(StandardCharsets.US_ASCII)));
    }
}
