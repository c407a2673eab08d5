package io.jstrace.cli;

import io.jstrace.arch.Arch;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.filter.Status;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.SignalFilter;
import io.jstrace.syscalls.StraceSet;
import io.jstrace.syscalls.SyscallFilter;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * strace's {@code -e QUALIFIER=SET} expressions (filter_qualify.c). A SET without a
 * qualifier it knows is a trace set ({@code -e open}, and {@code -e foo=bar} too, which
 * strace reads as the syscall {@code foo=bar}); a later expression for the same qualifier
 * replaces an earlier one.
 */
final class Qualifiers {
    private Qualifiers() {}

    /** filter_qualify.c's qual_options: each spelling and the qualifier it means. */
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("trace", "trace"), Map.entry("t", "trace"),
            Map.entry("abbrev", "abbrev"), Map.entry("a", "abbrev"), Map.entry("verbose", "verbose"),
            Map.entry("v", "verbose"), Map.entry("raw", "raw"), Map.entry("x", "raw"), Map.entry("signal", "signal"),
            Map.entry("signals", "signal"), Map.entry("s", "signal"), Map.entry("status", "status"),
            Map.entry("quiet", "quiet"), Map.entry("silent", "quiet"), Map.entry("silence", "quiet"),
            Map.entry("q", "quiet"), Map.entry("read", "read"), Map.entry("reads", "read"), Map.entry("r", "read"),
            Map.entry("write", "write"), Map.entry("writes", "write"), Map.entry("w", "write"),
            Map.entry("fault", "fault"), Map.entry("inject", "inject"), Map.entry("kvm", "kvm"),
            Map.entry("decode-fd", "decode-fds"), Map.entry("decode-fds", "decode-fds"),
            Map.entry("decode-pid", "decode-pids"), Map.entry("decode-pids", "decode-pids"),
            Map.entry("secontext", "secontext"));

    /** The qualifier {@code e} sets: {@code trace} unless it begins with a known name and '='. */
    static String qualifierOf(String e) {
        int eq = e.indexOf('=');
        return eq < 0 ? "trace" : NAMES.getOrDefault(e.substring(0, eq), "trace");
    }

    /** The SET of {@code e}: all of it for a trace set without a known qualifier. */
    private static String setOf(String e) {
        int eq = e.indexOf('=');
        return eq < 0 || !NAMES.containsKey(e.substring(0, eq)) ? e : e.substring(eq + 1);
    }

    /** The SET of the last expression for {@code qualifier}, or {@code null}. */
    private static String last(List<String> expressions, String qualifier) {
        String set = null;
        for (String e : expressions) {
            if (qualifierOf(e).equals(qualifier)) set = setOf(e);
        }
        return set;
    }

    /** Parses {@code e} as strace does when it comes, for its errors; jstrace's refusals too. */
    static void check(String e) {
        String set = setOf(e);
        switch (qualifierOf(e)) {
            case "trace", "abbrev", "verbose", "raw" -> {
                try {
                    syscallSet(set);
                } catch (IllegalArgumentException x) { // strace adds its "Try -h" line to this one alone
                    if (x.getMessage().startsWith("incorrect personality")) throw Options.help(x.getMessage());
                    throw x;
                }
            }
            case "signal" -> SignalFilter.parse(set);
            case "status" -> status(set);
            case "quiet" -> named(set, QUIET, "quiet");
            case "decode-fds" -> named(set, DECODE_FDS, "decode-fds");
            case "decode-pids" -> decodePids(set);
            case "read", "write" -> descriptors(set);
            case "kvm" -> {
                if (!set.equals("vcpu")) throw Options.die("invalid -e kvm= argument: '" + set + "'");
                throw Options.die("-e kvm=vcpu is not supported by jstrace");
            }
            case "inject", "fault" -> Injections.parse(set, qualifierOf(e).equals("fault"));
            case "secontext" -> throw Options.die(
                    "SELinux context printing (--secontext option) is not supported by this build of jstrace");
            default -> throw new IllegalArgumentException("invalid -e qualifier '" + qualifierOf(e)
                    + "' (supported: trace=, abbrev=, verbose=, raw=, signal=, read=, write=, status=, quiet=,"
                    + " decode-fds=, decode-pids=, inject=, fault=)");
        }
    }

    static Predicate<SyscallInfo> syscalls(List<String> expressions) {
        String set = last(expressions, "trace");
        return set == null ? s -> true : syscallSet(set);
    }

    static Predicate<Signal> signals(List<String> expressions) {
        String set = last(expressions, "signal");
        return set == null ? s -> true : SignalFilter.parse(set);
    }

    /** {@code -e status=}, {@code -z}, {@code -Z} (as status=successful, status=failed): the outcomes to print, or {@code null} for all. */
    static Set<Status> statuses(List<String> expressions) {
        String set = last(expressions, "status");
        if (set == null) return null;
        Predicate<Status> in = status(set);
        Set<Status> s = java.util.EnumSet.noneOf(Status.class);
        for (Status st : Status.values()) if (in.test(st)) s.add(st);
        return s;
    }

    private static Predicate<Status> status(String set) {
        return StraceSet.parse(set, "status", w -> {
            for (Status s : Status.values()) {
                if (s.name().equalsIgnoreCase(w)) return Set.of(s);
            }
            return null;
        });
    }

    /** filter_qualify.c's quiet_strs: each word and the message it silences. */
    private static final Map<String, String> QUIET = Map.of("attach", "attach", "exit", "exit", "exits", "exit",
            "path-resolution", "path-resolution", "personality", "personality", "superseded", "thread-execve",
            "thread-execve", "thread-execve");

    /** The messages to suppress: -q, -qq, -qqq and -e quiet= are all quiet= expressions by now. */
    static Set<String> quiet(List<String> expressions) {
        String set = last(expressions, "quiet");
        return set == null ? Set.of() : members(named(set, QUIET, "quiet"), QUIET);
    }

    private static final Map<String, String> DECODE_FDS = Map.of("path", "path", "socket", "socket", "dev", "dev",
            "pidfd", "pidfd");

    /** What descriptors print with: -y, -yy, --decode-fds and -e decode-fds= are decode-fds= expressions by now. */
    static Set<String> decodeFds(List<String> expressions) {
        String set = last(expressions, "decode-fds");
        return set == null ? Set.of() : members(named(set, DECODE_FDS, "decode-fds"), DECODE_FDS);
    }

    private static final Map<String, String> DECODE_PIDS = Map.of("comm", "comm", "pidns", "pidns");

    /** What pids print with: comm (-Y), pidns (--pidns-translation). */
    static Set<String> decodePids(List<String> expressions) {
        String set = last(expressions, "decode-pids");
        return set == null ? Set.of() : members(decodePids(set), DECODE_PIDS);
    }

    private static Predicate<String> decodePids(String set) {
        return named(set, DECODE_PIDS, "decode-pids");
    }

    /** A set of words from {@code known} (each naming a member), in strace's grammar. */
    private static Predicate<String> named(String set, Map<String, String> known, String what) {
        return StraceSet.parse(set, what, w -> known.containsKey(w) ? Set.of(known.get(w)) : null);
    }

    private static Set<String> members(Predicate<String> in, Map<String, String> known) {
        Set<String> s = new java.util.HashSet<>();
        for (String m : known.values()) if (in.test(m)) s.add(m);
        return s;
    }

    /**
     * {@code -e abbrev=}, {@code -e verbose=}, {@code -e raw=}: syscall sets in {@code -e trace=}'s
     * grammar; {@code -v} is an abbrev=none in its place.
     */
    static DecodeOptions.PerSyscall perSyscall(List<String> expressions) {
        DecodeOptions.PerSyscall d = DecodeOptions.PerSyscall.defaults();
        String a = last(expressions, "abbrev"), v = last(expressions, "verbose"), r = last(expressions, "raw");
        return new DecodeOptions.PerSyscall(a == null ? d.abbrev() : syscallSet(a),
                v == null ? d.verbose() : syscallSet(v), r == null ? d.raw() : syscallSet(r));
    }

    static Predicate<SyscallInfo> syscallSet(String value) {
        return SyscallFilter.parse(value, SyscallTable.of(Arch.host()));
    }

    /** {@code -e read=}, {@code -e write=}: descriptor sets (strace's parse_fd_token). */
    static DecodeOptions.Dumps dumps(List<String> expressions) {
        String r = last(expressions, "read"), w = last(expressions, "write");
        return new DecodeOptions.Dumps(r == null ? fd -> false : descriptors(r), w == null ? fd -> false : descriptors(w));
    }

    /** A set of descriptors in strace's grammar. */
    static IntPredicate descriptors(String value) {
        Predicate<Integer> in = StraceSet.parse(value, "descriptor", w -> {
            long fd = OptionRows.uintOr(w, Integer.MAX_VALUE);
            return fd < 0 || !Character.isDigit(w.charAt(0)) ? null : Set.of((int) fd);
        });
        return in::test;
    }
}
