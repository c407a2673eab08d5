package io.jstrace.view.term;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a byte stream cut at arbitrary points (one write syscall each) into whole UTF-8
 * text: a multi-byte character split across writes is held back until its last byte
 * comes. Bytes that are not UTF-8 become U+FFFD, as in asciinema.
 */
final class Utf8Carry {
    private byte[] pending = new byte[0];

    /** The text that {@code data}, after what was held back, completes. */
    String take(byte[] data) {
        byte[] all = pending.length == 0 ? data : concat(pending, data);
        int keep = incompleteTail(all);
        pending = Arrays.copyOfRange(all, all.length - keep, all.length);
        return new String(all, 0, all.length - keep, StandardCharsets.UTF_8);
    }

    /** What is still held back, as text (U+FFFD for an incomplete character); empties it. */
    String flush() {
        String s = new String(pending, StandardCharsets.UTF_8);
        pending = new byte[0];
        return s;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** How many bytes at the end start a UTF-8 character that is not complete yet (0 to 3). */
    static int incompleteTail(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int c = b[b.length - back] & 0xff;
            if ((c & 0xc0) == 0x80) continue; // a continuation byte: look further back
            int need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 1;
            return need > back ? back : 0;
        }
        return 0;
    }
}
