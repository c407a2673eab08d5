package io.jstrace.cli;

import io.jstrace.arch.Arch;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.filter.Status;
import io.jstrace.render.TextPrinter;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.SignalFilter;
import io.jstrace.syscalls.SyscallFilter;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;
import java.util.List;
import java.util.function.IntPredicate;
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
    static java.util.Set<Status> statuses(List<String> expressions, boolean successful, boolean failed) {
        java.util.Set<Status> set = null;
        for (String e : expressions) {
            String value = valueOf(e, "status");
            if (value != null) set = set(value, Status.class, "status");
        }
        if (successful || failed) {
            set = java.util.EnumSet.noneOf(Status.class);
            if (successful) set.add(Status.SUCCESSFUL);
            if (failed) set.add(Status.FAILED);
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

    /**
     * {@code -e abbrev=}, {@code -e verbose=}, {@code -e raw=}: syscall sets in {@code -e trace=}'s
     * grammar. {@code -v} is abbrev=none: it wins when given after the last {@code -e abbrev=}
     * ({@code verboseLast}), else it comes before them all.
     */
    static DecodeOptions.PerSyscall perSyscall(List<String> expressions, boolean verbose, boolean verboseLast) {
        DecodeOptions.PerSyscall d = DecodeOptions.PerSyscall.defaults();
        Predicate<SyscallInfo> abbrev = verbose ? s -> false : d.abbrev(), structs = d.verbose(), raw = d.raw();
        for (String e : expressions) {
            String a = valueOf(e, "abbrev", "a"), v = valueOf(e, "verbose", "v"), r = valueOf(e, "raw", "x");
            if (a != null) abbrev = syscallSet(a);
            if (v != null) structs = syscallSet(v);
            if (r != null) raw = syscallSet(r);
        }
        return new DecodeOptions.PerSyscall(verboseLast ? s -> false : abbrev, structs, raw);
    }

    private static Predicate<SyscallInfo> syscallSet(String value) {
        return SyscallFilter.parse(value, SyscallTable.of(Arch.host()));
    }

    /** {@code -e read=}, {@code -e write=}: descriptor sets (strace's parse_fd_token). */
    static DecodeOptions.Dumps dumps(List<String> expressions) {
        IntPredicate read = fd -> false, write = fd -> false;
        for (String e : expressions) {
            String r = valueOf(e, "read", "reads", "r"), w = valueOf(e, "write", "writes", "w");
            if (r != null) read = descriptors(r);
            if (w != null) write = descriptors(w);
        }
        return new DecodeOptions.Dumps(read, write);
    }

    /** A comma set of descriptors, with {@code !}, {@code all} and {@code none}. */
    static IntPredicate descriptors(String value) {
        boolean negate = value.startsWith("!");
        java.util.BitSet fds = new java.util.BitSet();
        boolean all = false;
        for (String w : (negate ? value.substring(1) : value).split(",", -1)) {
            if (w.equals("all")) all = true;
            else if (!w.equals("none")) fds.set(descriptor(w));
        }
        boolean everything = all;
        IntPredicate in = fd -> everything || (fd >= 0 && fds.get(fd));
        return negate ? in.negate() : in;
    }

    private static int descriptor(String w) {
        try {
            if (!w.isEmpty() && w.chars().allMatch(Character::isDigit)) return Integer.parseInt(w);
        } catch (NumberFormatException e) {
            // past INT_MAX: strace's string_to_uint rejects it too
        }
        throw new IllegalArgumentException("invalid descriptor '" + w + "'");
    }

    /** What descriptors print with: {@code -e decode-fds=}, {@code --decode-fds}, {@code -y}, {@code -yy}. */
    static java.util.Set<String> decodeFds(List<String> expressions, String longForm, int y) {
        java.util.Set<String> set = new java.util.HashSet<>();
        if (y >= 1) set.add("path");
        if (y >= 2) set.addAll(DECODE_FDS);
        List<String> values = new java.util.ArrayList<>();
        for (String e : expressions) {
            String v = valueOf(e, "decode-fds", "decode-fd");
            if (v != null) values.add(v);
        }
        if (longForm != null) values.add(longForm);
        for (String value : values) set = namedSet(value, DECODE_FDS, "decode-fds");
        return set;
    }

    private static final List<String> DECODE_FDS = List.of("path", "socket", "dev", "pidfd");

    /** A comma set of words from {@code known}, with strace's {@code !}, {@code all} and {@code none}. */
    private static java.util.Set<String> namedSet(String value, List<String> known, String what) {
        boolean negate = value.startsWith("!");
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String w : (negate ? value.substring(1) : value).split(",")) {
            if (w.equals("all")) named.addAll(known);
            else if (w.equals("none")) continue;
            else if (known.contains(w)) named.add(w);
            else throw new IllegalArgumentException("invalid " + what + " '" + w + "'");
        }
        java.util.Set<String> set = new java.util.HashSet<>(known);
        if (negate) set.removeAll(named);
        else set.retainAll(named);
        return set;
    }

    private static final List<String> QUALIFIERS = List.of("trace", "t", "signal", "signals", "s", "status", "quiet",
            "silent", "silence", "abbrev", "a", "verbose", "v", "raw", "x", "read", "reads", "r", "write", "writes",
            "w", "decode-fds", "decode-fd");

    /** The SET of {@code e} when its qualifier is one of {@code names}, else {@code null}. */
    private static String valueOf(String e, String... names) {
        int eq = e.indexOf('=');
        String qualifier = eq < 0 ? "trace" : e.substring(0, eq);
        if (!QUALIFIERS.contains(qualifier)) {
            throw new IllegalArgumentException("invalid -e qualifier '" + qualifier
                    + "' (supported: trace=, abbrev=, verbose=, raw=, signal=, read=, write=, status=, quiet=,"
                    + " decode-fds=)");
        }
        return List.of(names).contains(qualifier) ? e.substring(eq + 1) : null;
    }
}
