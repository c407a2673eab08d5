package io.jstrace.cli;

import io.jstrace.core.Terminals;
import io.jstrace.render.Colors;
import java.util.Map;
import java.util.Set;

/**
 * {@code --color[=WHEN]} and {@code NO_COLOR}, decided as strace 7 decides them (src/color.c
 * color_init): {@code never}; {@code always}, whatever the output and the environment;
 * {@code auto}, the default, only when the trace goes to a terminal, not into a file per
 * thread (-ff), with {@code NO_COLOR} unset and {@code TERM} naming a terminal that has
 * colours (set, and not {@code dumb} or {@code unknown}). A file named by {@code -o} is
 * not a terminal here.
 */
final class ColorChoice {
    private static final Set<String> WHEN = Set.of("auto", "always", "never");

    private ColorChoice() {}

    /** The option's value: {@code --color} alone means {@code always}, as GNU ls and grep take it. */
    static String when(String value, String name) {
        if (value == null) return "always";
        if (!WHEN.contains(value)) throw OptionRows.badValue(name, value);
        return value;
    }

    /**
     * The colours for text written to descriptor {@code fd} ({@code -1}: a file), given
     * {@code when}, whether output is split per thread, and the environment.
     */
    static Colors of(String when, int fd, boolean separately, Map<String, String> env) {
        if (when.equals("never")) return Colors.NONE;
        if (when.equals("auto")) {
            String term = env.get("TERM");
            boolean colourTerm = term != null && !term.isEmpty() && !term.equalsIgnoreCase("dumb")
                    && !term.equalsIgnoreCase("unknown");
            if (fd < 0 || separately || env.containsKey("NO_COLOR") || !colourTerm || !Terminals.isTerminal(fd)) {
                return Colors.NONE;
            }
        }
        return Colors.of(env.get("STRACE_COLORS"));
    }
}
