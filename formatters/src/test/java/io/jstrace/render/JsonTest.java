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
}
