package io.jstrace.cli;

import io.jstrace.arch.Arch;
import io.jstrace.format.TextPrinter;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.SignalFilter;
import io.jstrace.syscalls.SyscallFilter;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;
import java.util.List;
import java.util.function.Predicate;

/**
 * strace's {@code -e QUALIFIER=SET} expressions. A bare SET means {@code trace=SET}; a
 * later expression for the same qualifier replaces an earlier one, as in strace.
 */
final class Qualifiers {
    private Qualifiers() {}

    static Predicate<SyscallInfo> syscalls(List<String> expressions) {
        Predicate<SyscallInfo> filter = s -> true;
        for (String e : expressions) {
            String value = valueOf(e, "trace", "t");
            if (value != null) filter = SyscallFilter.parse(value, SyscallTable.of(Arch.host()));
        }
        return filter;
    }

    static Predicate<Signal> signals(List<String> expressions) {
        Predicate<Signal> filter = s -> true;
        for (String e : expressions) {
            String value = valueOf(e, "signal", "signals", "s");
            if (value != null) filter = SignalFilter.parse(value);
        }
        return filter;
    }

    /** {@code -e status=}, {@code -z}, {@code -Z}: the outcomes to print, or {@code null} for all. */
    static java.util.Set<TextPrinter.Status> statuses(List<String> expressions, boolean successful, boolean failed) {
        java.util.Set<TextPrinter.Status> set = null;
        for (String e : expressions) {
            String value = valueOf(e, "status");
            if (value != null) set = set(value, TextPrinter.Status.class, "status");
        }
        if (successful || failed) {
            set = java.util.EnumSet.noneOf(TextPrinter.Status.class);
            if (successful) set.add(TextPrinter.Status.SUCCESSFUL);
            if (failed) set.add(TextPrinter.Status.FAILED);
        }
        return set;
    }

    private static final List<String> QUIET = List.of("attach", "exit", "path-resolution", "personality",
            "thread-execve", "superseded");

    /** {@code -e quiet=}, {@code -q}, {@code -qq}, {@code -qqq}: the messages to suppress. */
    static java.util.Set<String> quiet(List<String> expressions, int q) {
        java.util.Set<String> set = new java.util.HashSet<>();
        if (q >= 1) set.addAll(List.of("attach", "personality"));
        if (q >= 2) set.add("exit");
        if (q >= 3) set.addAll(QUIET);
        for (String e : expressions) {
            String value = valueOf(e, "quiet", "silent", "silence");
            if (value == null) continue;
            boolean negate = value.startsWith("!");
            java.util.Set<String> named = new java.util.HashSet<>();
            for (String w : (negate ? value.substring(1) : value).split(",")) {
                if (w.equals("all")) named.addAll(QUIET);
                else if (w.equals("none")) continue;
                else if (QUIET.contains(w)) named.add(w);
                else throw new IllegalArgumentException("invalid quiet '" + w + "'");
            }
            set = new java.util.HashSet<>(QUIET);
            if (negate) set.removeAll(named);
            else set.retainAll(named);
        }
        return set;
    }

    /** A comma set of an enum's lower-case names, with strace's {@code !}, {@code all} and {@code none}. */
    private static <E extends Enum<E>> java.util.Set<E> set(String value, Class<E> type, String what) {
        boolean negate = value.startsWith("!");
        java.util.Set<E> set = java.util.EnumSet.noneOf(type);
        for (String w : (negate ? value.substring(1) : value).split(",")) {
            if (w.equals("all")) set.addAll(java.util.EnumSet.allOf(type));
            else if (!w.equals("none")) {
                try {
                    set.add(Enum.valueOf(type, w.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("invalid " + what + " '" + w + "'");
                }
            }
        }
        return negate ? java.util.EnumSet.complementOf((java.util.EnumSet<E>) set) : set;
    }

    private static final List<String> QUALIFIERS = List.of("trace", "t", "signal", "signals", "s", "status", "quiet",
            "silent", "silence");

    /** The SET of {@code e} when its qualifier is one of {@code names}, else {@code null}. */
    private static String valueOf(String e, String... names) {
        int eq = e.indexOf('=');
        String qualifier = eq < 0 ? "trace" : e.substring(0, eq);
        if (!QUALIFIERS.contains(qualifier)) {
            throw new IllegalArgumentException("invalid -e qualifier '" + qualifier
                    + "' (supported: trace=, signal=, status=, quiet=)");
        }
        return List.of(names).contains(qualifier) ? e.substring(eq + 1) : null;
    }
}
