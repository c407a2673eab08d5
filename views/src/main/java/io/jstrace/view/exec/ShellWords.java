package io.jstrace.view.exec;

import io.jstrace.core.TraceeText;
import java.util.List;

/**
 * An argument vector as a command line a user can paste into a shell: plain words as
 * they are, others in single quotes (a quote inside as {@code '\''}), and words with
 * control characters or bytes that are not UTF-8 (a {@link TraceeText} escape) in bash's
 * {@code $'...'} quoting, {@code \xff} for such a byte: pasted back into bash (or zsh,
 * ksh, dash 0.5.12+) the line runs the same bytes, and one command stays on one line.
 */
final class ShellWords {
    private ShellWords() {}

    static String join(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (b.length() > 0) b.append(' ');
            quote(a, b);
        }
        return b.toString();
    }

    static void quote(String word, StringBuilder b) {
        if (!word.isEmpty() && word.chars().allMatch(ShellWords::plain)) {
            b.append(word);
        } else if (word.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || hasEscape(word)) {
            ansiC(word, b);
        } else {
            b.append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
    }

    /** Characters no POSIX shell treats specially anywhere in a word. */
    private static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_@%+=:,./-".indexOf(c) >= 0;
    }

    private static boolean hasEscape(String word) {
        for (int i = 0; i < word.length(); i++) if (TraceeText.escapedByte(word, i) >= 0) return true;
        return false;
    }

    private static void ansiC(String word, StringBuilder b) {
        b.append("$'");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            int escaped = TraceeText.escapedByte(word, i);
            if (escaped >= 0) {
                b.append(String.format("\\x%02x", escaped));
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('\'');
    }
}
