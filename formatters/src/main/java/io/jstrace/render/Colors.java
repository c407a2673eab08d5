package io.jstrace.render;

import java.util.EnumMap;
import java.util.Map;

/**
 * The colours of strace text ({@code --color}), as strace 7 sets them (src/color.c): an SGR
 * escape sequence before each coloured part and {@code ESC[0m} after it. Coloured: syscall
 * names, return values, errors (the errno name and message), signal names, and exits.
 * {@code STRACE_COLORS} overrides them as strace 7 reads it ({@code syscall=1;33:error=31},
 * SGR parameters only, anything else ignored), with two keys of jstrace's own,
 * {@code signal} and {@code exit}.
 */
public final class Colors {
    /** What is coloured, and strace 7's default SGR parameters for it. */
    public enum Kind {
        /** a syscall's name (strace 7: SYSCALL, yellow) */
        SYSCALL("33"),
        /** a successful call's return value (strace 7: RETVAL, green) */
        RETVAL("32"),
        /** a failed call's {@code -1 ENOENT (No such file or directory)} (strace 7: ERROR, red) */
        ERROR("31"),
        /** a signal's name in {@code --- SIGCHLD ...} and {@code +++ killed by SIGKILL +++} (strace 7's ERROR red) */
        SIGNAL("31"),
        /** {@code exited with N} (strace 7's COMMENT, cyan) */
        EXIT("36");

        final String sgr;

        Kind(String sgr) {
            this.sgr = sgr;
        }
    }

    static final String RESET = "\033[0m";

    /** No colour: what is written is strace's text, byte for byte. */
    public static final Colors NONE = new Colors(null);

    private final Map<Kind, String> starts;

    private Colors(Map<Kind, String> starts) {
        this.starts = starts;
    }

    /** strace 7's colours, overridden by {@code spec} (the value of STRACE_COLORS, or {@code null}). */
    public static Colors of(String spec) {
        Map<Kind, String> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) m.put(k, sgr(k.sgr));
        if (spec != null) {
            for (String part : spec.split(":")) {
                int eq = part.indexOf('=');
                if (eq < 0) continue;
                String key = part.substring(0, eq).strip(), value = part.substring(eq + 1).strip();
                for (Kind k : Kind.values()) {
                    if (k.name().equalsIgnoreCase(key) && value.matches("[0-9;]*[0-9][0-9;]*")) m.put(k, sgr(value));
                }
            }
        }
        return new Colors(m);
    }

    private static String sgr(String parameters) {
        return "\033[" + parameters + "m";
    }

    /** Whether anything is coloured. */
    public boolean enabled() {
        return starts != null;
    }

    /** Appends {@code text} in {@code kind}'s colour. */
    public void append(StringBuilder out, Kind kind, CharSequence text) {
        if (starts == null) {
            out.append(text);
        } else {
            out.append(starts.get(kind)).append(text).append(RESET);
        }
    }

    /** {@code text} in {@code kind}'s colour. */
    public String paint(Kind kind, String text) {
        return starts == null ? text : starts.get(kind) + text + RESET;
    }

    /**
     * The columns {@code s} takes from {@code from} to {@code to} on a terminal: its length
     * without the SGR sequences (strings from tracees are escaped, so every ESC is ours).
     */
    static int width(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\033') {
                while (i < to && s.charAt(i) != 'm') i++;
            } else {
                n++;
            }
        }
        return n;
    }
}
