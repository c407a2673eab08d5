package io.jstrace.cli;

import io.jstrace.core.TraceeText;
import io.jstrace.core.internal.ProcFs;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * jstrace's arguments as it was given them. The JVM decodes {@code main}'s arguments in
 * the locale's charset, so bytes that are not valid in it (or any byte beyond ASCII under
 * {@code LANG=C}) come out as replacement characters, and a command launched with them
 * would get other bytes. /proc/self/cmdline holds the argv that execve passed, and the java
 * launcher passes the words after {@code -jar FILE} (or the main class) to {@code main} one
 * for one: they are its last {@code args.length} words.
 */
final class OwnArguments {
    private OwnArguments() {}

    /**
     * {@code args} as {@link TraceeText} of the bytes they were: each the same text where
     * it was valid, with the bytes that were not as their escapes. {@code args} itself when
     * /proc/self/cmdline does not end with them (jstrace run inside another program).
     */
    static String[] exact(String[] args) {
        List<byte[]> words = ProcFs.ownCmdline();
        if (words.size() < args.length) return args;
        List<byte[]> tail = words.subList(words.size() - args.length, words.size());
        String[] exact = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            if (!ascii(new String(tail.get(i), StandardCharsets.ISO_8859_1)).equals(ascii(args[i]))) return args;
            exact[i] = TraceeText.text(tail.get(i));
        }
        return exact;
    }

    /**
     * The characters of {@code s} that every charset decodes alike: ASCII but '?', which
     * with every other character may stand in for bytes the JVM could not decode.
     */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c != '?') b.append(c);
        }
        return b.toString();
    }
}
