package io.jstrace.render;

import io.jstrace.decode.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values as typed JSON (docs/jstrace.schema.json). */
class JsonTest {
    private static String json(Value v) {
        JsonWriter w = new JsonWriter(new StringBuilder());
        JsonValues.write(v, w);
        return w.out().toString();
    }

    @Test
    void unreadableMemoryKeepsItsAddress() {
        assertEquals("{\"address\":\"0x7f0000001000\",\"unreadable\":true}", json(new Value.Unreadable(0x7f00_0000_1000L)));
    }

    @Test
    void aNullPointerIsNullNotUnreadableMemory() {
        assertEquals("null", json(new Value.Unreadable(0)));
        assertEquals("null", json(new Value.Addr(0)));
    }

    /**
     * Tracee bytes: valid UTF-8 is its text (escaped, the output is ASCII), every other byte
     * the lone surrogate U+DC80 + byte; JSON's own escapes as JSON has them.
     */
    @Test
    void traceeBytesAreUtf8TextAndEscapesForTheRest() {
        byte[] b = {'a', '"', '\\', '\n', 0x01, 0x7f, (byte) 0xc3, (byte) 0xbc, (byte) 0xff, (byte) 0xf0, (byte) 0x9f,
                (byte) 0x98, (byte) 0x80};
        assertEquals("\"a\\\"\\\\\\n\\u0001\\u007f\\u00fc\\udcff\\ud83d\\ude00\"", json(new Value.Str(b, false)));
    }
}
