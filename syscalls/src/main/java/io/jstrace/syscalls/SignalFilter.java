package io.jstrace.syscalls;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * strace's {@code -e signal=} set: signal names (with or without {@code SIG}) or
 * numbers, {@code all}, {@code none}, a leading {@code !} to negate.
 */
public final class SignalFilter {
    private SignalFilter() {}

    /**
     * @throws IllegalArgumentException with strace's message, {@code invalid signal 'FOO'}
     */
    public static Predicate<Signal> parse(String spec) {
        boolean negate = spec.startsWith("!");
        String body = negate ? spec.substring(1) : spec;
        Set<Integer> numbers = new HashSet<>();
        boolean all = false;
        for (String e : body.split(",", -1)) {
            if (e.equals("all")) {
                all = true;
            } else if (!e.equals("none")) {
                numbers.add(number(e));
            }
        }
        boolean everything = all;
        Predicate<Signal> in = s -> everything || numbers.contains(s.number());
        return negate ? in.negate() : in;
    }

    private static int number(String e) {
        if (!e.isEmpty() && e.chars().allMatch(Character::isDigit)) return Integer.parseInt(e);
        Signal s = Signal.named(e.toUpperCase(java.util.Locale.ROOT));
        if (s == null) throw new IllegalArgumentException("invalid signal '" + e + "'");
        return s.number();
    }
}
