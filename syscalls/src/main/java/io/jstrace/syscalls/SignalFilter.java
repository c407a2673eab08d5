package io.jstrace.syscalls;

import java.util.Set;
import java.util.function.Predicate;

/**
 * strace's {@code -e signal=} set ({@link StraceSet}'s grammar): signal names, with or
 * without {@code SIG} and in any case, or numbers.
 */
public final class SignalFilter {
    private SignalFilter() {}

    /**
     * @throws IllegalArgumentException with strace's message, {@code invalid signal 'FOO'}
     */
    public static Predicate<Signal> parse(String spec) {
        Predicate<Integer> in = StraceSet.parse(spec, "signal", SignalFilter::number);
        return s -> in.test(s.number());
    }

    /** strace's sigstr_to_uint: a number up to 255, or a name. */
    private static Set<Integer> number(String e) {
        if (e.chars().allMatch(Character::isDigit)) {
            return e.length() < 10 && Long.parseLong(e) <= 255 ? Set.of(Integer.parseInt(e)) : null;
        }
        Signal s = Signal.named(e.toUpperCase(java.util.Locale.ROOT));
        return s == null ? null : Set.of(s.number());
    }
}
