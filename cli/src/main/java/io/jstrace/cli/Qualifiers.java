package io.jstrace.cli;

import io.jstrace.arch.Arch;
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

    /** The SET of {@code e} when its qualifier is one of {@code names}, else {@code null}. */
    private static String valueOf(String e, String... names) {
        int eq = e.indexOf('=');
        String qualifier = eq < 0 ? "trace" : e.substring(0, eq);
        if (!List.of("trace", "t", "signal", "signals", "s").contains(qualifier)) {
            throw new IllegalArgumentException("invalid -e qualifier '" + qualifier + "' (supported: trace=, signal=)");
        }
        return List.of(names).contains(qualifier) ? e.substring(eq + 1) : null;
    }
}
