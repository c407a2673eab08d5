package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceeTextTest {
    @Test
    void validUtf8IsItsTextAndOtherBytesTheirEscapes() {
        byte[] b = {'a', (byte) 0xc3, (byte) 0xbc, (byte) 0xff, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0xc3};
        assertEquals("a\u00fc\udcff\ud83d\ude00\udcc3", TraceeText.text(b));
        assertArrayEquals(b, TraceeText.bytes(TraceeText.text(b)));
    }

    /** An encoded surrogate (CESU-8) is not UTF-8: escaped byte by byte, so it cannot pass for an escape. */
    @Test
    void anEncodedSurrogateIsEscapedByteByByte() {
        byte[] b = {(byte) 0xed, (byte) 0xb2, (byte) 0x80};
        assertEquals("\udced\udcb2\udc80", TraceeText.text(b));
        assertArrayEquals(b, TraceeText.bytes(TraceeText.text(b)));
    }

    @Test
    void everyByteStringComesBackWhole() {
        Random r = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(12)];
            r.nextBytes(b);
            assertArrayEquals(b, TraceeText.bytes(TraceeText.text(b)), java.util.HexFormat.of().formatHex(b));
        }
    }
}
