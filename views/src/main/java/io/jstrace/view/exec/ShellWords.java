package io.jstrace.view.exec;

import java.util.List;

/**
 * An argument vector as a command line a user can paste into a shell: plain words as
 * they are, others in single quotes (a quote inside as {@code '\''}), and words with
 * control characters in {@code $'...'} quoting, so that one command stays on one line.
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
        } else if (word.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            ansiC(word, b);
        } else {
            b.append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
    }

    /** Characters no POSIX shell treats specially anywhere in a word. */
    private static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_@%+=:,./-".indexOf(c) >= 0;
    }

    private static void ansiC(String word, StringBuilder b) {
        b.append("$'");
        for (char c : word.toCharArray()) {
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
