package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * glibc's getopt_long with strace's optstring rules ({@code "+..."}): options end at the
 * first word that is not one, or after {@code --}; short options cluster; a required value
 * is the rest of the cluster or the next word, whatever it looks like; an optional value
 * only when attached to a long name ({@code --tips=id:3}; a letter never has one); a long name may be shortened to any prefix that
 * names one option. Its messages are glibc's (posix/getopt.c), word for word.
 */
final class Getopt {
    /** Whether an option takes a value (getopt.h: no_argument, required_argument, optional_argument). */
    enum Arg { NONE, REQUIRED, OPTIONAL }

    /** One option: its letter ({@code 0} for none), its long names, what it takes. */
    interface Spec {
        char letter();

        List<String> longNames();

        Arg arg();
    }

    /** One option as found: the spec, the name it was given by ({@code -s}, {@code --columns}), its value or null. */
    record Found<S extends Spec>(S spec, String name, String value) {}

    /** What getopt prints for a bad option; the caller adds strace's "Try ... -h" line. */
    static final class Error extends IllegalArgumentException {
        Error(String message) {
            super(message);
        }
    }

    private Getopt() {}

    /**
     * Parses {@code args}, handing each option to {@code found} in order; returns the index
     * of the first operand (the command).
     */
    static <S extends Spec> int parse(List<S> specs, String[] args, java.util.function.Consumer<Found<S>> found) {
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) return i + 1;
            if (!a.startsWith("-") || a.equals("-")) return i;
            i = a.startsWith("--") ? longOption(specs, args, i, found) : shortOptions(specs, args, i, found);
        }
        return i;
    }

    private static <S extends Spec> int shortOptions(List<S> specs, String[] args, int i,
            java.util.function.Consumer<Found<S>> found) {
        String a = args[i];
        for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            S spec = specs.stream().filter(s -> s.letter() == c).findFirst()
                    .orElseThrow(() -> new Error("invalid option -- '" + c + "'"));
            if (spec.arg() != Arg.REQUIRED) { // strace's optstring has no optional values: -r=ms is -r, -=, -m, -s
                found.accept(new Found<>(spec, "-" + c, null));
                continue;
            }
            if (k + 1 < a.length()) {
                found.accept(new Found<>(spec, "-" + c, a.substring(k + 1)));
            } else if (i + 1 < args.length) {
                found.accept(new Found<>(spec, "-" + c, args[++i]));
            } else {
                throw new Error("option requires an argument -- '" + c + "'");
            }
            return i + 1;
        }
        return i + 1;
    }

    private static <S extends Spec> int longOption(List<S> specs, String[] args, int i,
            java.util.function.Consumer<Found<S>> found) {
        String a = args[i];
        int eq = a.indexOf('=');
        String given = a.substring(2, eq < 0 ? a.length() : eq);
        String value = eq < 0 ? null : a.substring(eq + 1);
        Match<S> m = match(specs, given);
        if (m == null) throw new Error("unrecognized option '" + a + "'");
        if (m.others.size() > 0) {
            StringBuilder b = new StringBuilder("option '" + a + "' is ambiguous; possibilities:");
            b.append(" '--").append(m.name).append('\'');
            for (String o : m.others) b.append(" '--").append(o).append('\'');
            throw new Error(b.toString());
        }
        String name = "--" + m.name;
        switch (m.spec.arg()) {
            case NONE -> {
                if (value != null) throw new Error("option '" + name + "' doesn't allow an argument");
            }
            case REQUIRED -> {
                if (value == null) {
                    if (i + 1 >= args.length) throw new Error("option '" + name + "' requires an argument");
                    value = args[++i];
                }
            }
            case OPTIONAL -> { }
        }
        found.accept(new Found<>(m.spec, name, value));
        return i + 1;
    }

    private record Match<S>(S spec, String name, List<String> others) {}

    /**
     * The exact long name, or the first that {@code given} begins; the later ones that
     * differ from it (another option, not a synonym: {@code --fail} is --failed-only or
     * --failing-only, both -Z) make it ambiguous.
     */
    private static <S extends Spec> Match<S> match(List<S> specs, String given) {
        for (S s : specs) {
            if (s.longNames().contains(given)) return new Match<>(s, given, List.of());
        }
        S first = null;
        String firstName = null;
        List<String> others = new ArrayList<>();
        for (S s : specs) {
            for (String n : s.longNames()) {
                if (!n.startsWith(given)) continue;
                if (first == null) {
                    first = s;
                    firstName = n;
                } else if (s != first) {
                    others.add(n);
                }
            }
        }
        return first == null ? null : new Match<>(first, firstName, others);
    }
}
