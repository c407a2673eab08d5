package io.jstrace.cli;

import java.util.List;

/**
 * The order of options where strace's meaning depends on it and picocli's fields do not
 * keep it: {@code -v} is strace's {@code qualify("abbrev=none")}, so whichever of
 * {@code -v} and {@code -e abbrev=SET} comes last decides (strace.c: each qualify
 * replaces the set).
 */
final class OptionOrder {
    /** Short options that take a value: the rest of a cluster, or the next word. */
    private static final String WITH_VALUE = "eopsaSUOXPIbEu";

    private OptionOrder() {}

    /** Whether a {@code -v} ({@code --no-abbrev}) comes after every {@code abbrev=} expression in {@code args}. */
    static boolean verboseLast(List<String> args) {
        int verbose = -1, abbrev = -1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) break;
            if (a.equals("--no-abbrev")) verbose = i;
            else if (a.startsWith("--abbrev")) abbrev = i;
            else if (a.startsWith("-") && !a.startsWith("--") && a.length() > 1) {
                Cluster c = cluster(a, i + 1 < args.size() ? args.get(i + 1) : null);
                if (c.verbose) verbose = i;
                if (c.expression != null && isAbbrev(c.expression)) abbrev = i;
                if (c.takesNext) i++;
            } else if (!a.startsWith("-")) {
                break; // PROG: the rest is the command's
            }
        }
        return verbose > abbrev;
    }

    private record Cluster(boolean verbose, String expression, boolean takesNext) {}

    /** The letters of {@code -abc}, stopping at the first that takes a value. */
    private static Cluster cluster(String a, String next) {
        boolean verbose = false;
        for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            if (c == 'v') verbose = true;
            if (WITH_VALUE.indexOf(c) < 0) continue;
            boolean rest = k + 1 < a.length();
            String value = rest ? a.substring(k + 1) : next;
            return new Cluster(verbose, c == 'e' ? value : null, !rest);
        }
        return new Cluster(verbose, null, false);
    }

    private static boolean isAbbrev(String expression) {
        return expression != null && (expression.startsWith("abbrev=") || expression.startsWith("a="));
    }
}
