package io.jstrace.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes a tracee owns (argv, environment, paths, names) as Java text, losslessly: valid
 * UTF-8 is the text it encodes, and each byte that is not part of valid UTF-8 is the lone
 * surrogate {@code U+DC80 + byte} ({@code U+DC80..U+DCFF}), the "surrogateescape"
 * convention of Python's PEP 383. A strict UTF-8 decoder never yields a lone surrogate
 * (an encoded surrogate is itself invalid UTF-8, escaped byte by byte), so {@link #bytes}
 * gives back exactly the bytes {@link #text} was given.
 */
public final class TraceeText {
    /** The first of the 128 escapes: {@code U+DC80} stands for the byte 0x80. */
    public static final char ESCAPE_BASE = '\uDC80';

    private TraceeText() {}

    /** {@code b} as text: valid UTF-8 decoded, every other byte escaped. */
    public static String text(byte[] b) {
        return text(b, 0, b.length);
    }

    /** {@code len} bytes of {@code b} from {@code off} as {@link #text(byte[])} does. */
    public static String text(byte[] b, int off, int len) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer out = CharBuffer.allocate(len);
        while (true) {
            CoderResult r = utf8.decode(in, out, true);
            if (!r.isError()) break;
            for (int i = 0; i < r.length(); i++) out.put((char) (ESCAPE_BASE + (in.get() & 0x7f)));
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /**
     * The byte the character at {@code i} stands for when it is an escape {@link #text}
     * makes (a lone {@code U+DC80..U+DCFF}, not the second half of a surrogate pair), or -1.
     */
    public static int escapedByte(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < ESCAPE_BASE || c > '\uDCFF' || (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) return -1;
        return 0x80 + (c - ESCAPE_BASE);
    }

    /** The bytes {@code s} stands for: the inverse of {@link #text}. Any other lone surrogate is '?'. */
    public static byte[] bytes(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            int b = escapedByte(s, i);
            if (b < 0) continue;
            out.writeBytes(s.substring(from, i).getBytes(StandardCharsets.UTF_8));
            out.write(b);
            from = i + 1;
        }
        out.writeBytes(s.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
