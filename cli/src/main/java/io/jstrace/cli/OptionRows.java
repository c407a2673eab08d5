package io.jstrace.cli;

import io.jstrace.decode.XlatStyle;
import java.util.List;
import java.util.Map;

/**
 * The table of strace 6.1's options (strace.c: optstring and longopts, in longopts' order,
 * which decides getopt's ambiguity messages), one row each: letter, long names, value,
 * help, and what it does to {@link Options}, as strace.c's init() does it, in command-line
 * order. jstrace's own options come last.
 */
final class OptionRows {
    private OptionRows() {}

    /** What one use of an option does: {@code name} is how it was given ({@code -s}, {@code --string-limit}). */
    interface Apply {
        void apply(Options o, String name, String value);
    }

    /** {@code qualifier}: the {@code -e} qualifier a long option stands for ({@code --trace}: trace), or null. */
    record Row(char letter, List<String> longNames, Getopt.Arg arg, String label, String help, Apply apply,
            String qualifier) implements Getopt.Spec {}

    /** Thrown by -h: strace prints its help at once, whatever follows. */
    static final class Help extends RuntimeException {
        Help() {
            super(null, null, false, false);
        }
    }

    private static final Getopt.Arg NONE = Getopt.Arg.NONE, VALUE = Getopt.Arg.REQUIRED, OPTIONAL = Getopt.Arg.OPTIONAL;

    private static Row row(char letter, String longNames, Getopt.Arg arg, String label, String help, Apply apply) {
        return new Row(letter, longNames.isEmpty() ? List.of() : List.of(longNames.split(" ")), arg, label, help,
                apply, null);
    }

    /** A qualifier's long form ({@code --trace=SET}): the same as {@code -e trace=SET}, in its place. */
    private static Row qualifier(String longName, String qualifier, Getopt.Arg arg, String fallback, String help) {
        return new Row('\0', List.of(longName.split(" ")), arg, "SET", help,
                (o, n, v) -> expression(o, qualifier + "=" + (v == null ? fallback : v)), qualifier);
    }

    static void expression(Options o, String e) {
        String q = Qualifiers.qualifierOf(e);
        if (q.equals("quiet")) o.quietSet = true;
        if (q.equals("decode-fds")) o.decodeFdsSet = true;
        Qualifiers.check(e); // strace parses each qualifier as it comes: its errors come in order
        if (q.equals("inject")) { // and warns as it comes
            String w = Injections.parse(e.substring(e.indexOf('=') + 1), false).warning();
            if (w != null) o.warnings.add(w);
        }
        o.expressions.add(e);
    }

    static final List<Row> ROWS = List.of(
            row('a', "columns", VALUE, "COLUMN", "align return values at COLUMN (default 40)",
                    (o, n, v) -> o.column = uint(v, Integer.MAX_VALUE, n)),
            row('A', "output-append-mode", NONE, null, "with -o: append to the file(s) instead of truncating",
                    (o, n, v) -> o.append = true),
            row('b', "detach-on", VALUE, "SYSCALL", "detach when the tracee calls SYSCALL (execve only)",
                    (o, n, v) -> {
                        if (!v.equals("execve")) throw Options.die("Syscall '" + v + "' for -b isn't supported");
                        o.detachOnExecve = true;
                    }),
            row('c', "summary-only", NONE, null, "count time, calls and errors per syscall; print a summary at exit",
                    (o, n, v) -> o.cflag = summaryFlag(o, 1)),
            row('C', "summary", NONE, null, "like -c, and print the trace as well",
                    (o, n, v) -> o.cflag = summaryFlag(o, 2)),
            row('d', "debug", NONE, null, "print jstrace's own debugging messages on stderr",
                    (o, n, v) -> o.debug = true),
            row('\0', "daemonize daemonised daemonized", OPTIONAL, "grandchild|pgroup|session",
                    "as -D, -DD, -DDD", (o, n, v) -> o.daemonizeLong = daemonize(v, n)),
            row('E', "env", VALUE, "VAR[=VAL]", "set VAR to VAL in the command's environment, or remove VAR",
                    (o, n, v) -> o.envChanges.add(v)),
            row('\0', "follow-forks", NONE, null, "as -f", (o, n, v) -> o.followForks = true),
            row('\0', "output-separately", NONE, null, "with -o: a file per thread, FILE.TID (as -ff)",
                    (o, n, v) -> o.outputSeparately = true),
            row('h', "help", NONE, null, "print this help and exit", (o, n, v) -> {
                o.help = true;
                throw new Help();
            }),
            row('i', "instruction-pointer", NONE, null, "print the instruction pointer at each syscall",
                    (o, n, v) -> o.instructionPointer = true),
            row('I', "interruptible", VALUE, "1..4",
                    "when signals may interrupt jstrace: 1 anywhere, 2 waiting, 3 never, 4 never_tstp",
                    (o, n, v) -> o.interruptible = interruptible(v, n)),
            row('k', "stack-traces", NONE, null, "obtain stack trace between each syscall",
                    (o, n, v) -> o.stackTraces = true),
            row('n', "syscall-number", NONE, null, "print the syscall number before each line", (o, n, v) -> o.numbers = true),
            row('o', "output", VALUE, "FILE", "write the trace to FILE instead of stderr ('-': stdout, '|CMD': pipe to CMD)",
                    (o, n, v) -> o.output = v),
            row('O', "summary-syscall-overhead", VALUE, "OVERHEAD",
                    "subtract OVERHEAD (microseconds, or with s, ms, us, ns) from each syscall's time",
                    (o, n, v) -> o.overhead = SummaryOptions.checkOverhead(v, n)),
            row('p', "attach", VALUE, "PID", "attach to process PID (repeatable, or a list)",
                    (o, n, v) -> o.pids.addAll(pidList(v))),
            row('P', "trace-path", VALUE, "PATH", "trace only syscalls that access PATH (repeatable)",
                    (o, n, v) -> o.tracePaths.add(v)),
            row('r', "relative-timestamps", OPTIONAL, "PRECISION",
                    "relative timestamp: the time since the previous line; PRECISION s, ms, us or ns",
                    (o, n, v) -> o.relativeDigits = precision(v, n)),
            row('s', "string-limit", VALUE, "STRSIZE", "print at most STRSIZE bytes of each string (default 32)",
                    (o, n, v) -> o.stringLimit = uint(v, 0xffffffffL / 4, n)),
            row('S', "summary-sort-by", VALUE, "SORTBY",
                    "sort the summary by time (default), calls, errors, name, min-time, max-time, avg-time or"
                    + " nothing",
                    (o, n, v) -> o.sortBy = SummaryOptions.checkSortBy(v)),
            row('\0', "absolute-timestamps timestamps", OPTIONAL, "[format:]FORMAT,[precision:]PRECISION",
                    "timestamps: FORMAT none, time or unix; PRECISION s, ms, us or ns", (o, n, v) -> {
                        o.timestampsLong = true;
                        if (!timestamps(o, v == null ? "format:time" : v)) throw badValue(n, v);
                    }),
            row('T', "syscall-times", OPTIONAL, "PRECISION", "print the time spent in each syscall, after it",
                    (o, n, v) -> o.durationDigits = precision(v, n)),
            row('u', "user", VALUE, "USERNAME", "run the command as USERNAME (root only)", (o, n, v) -> o.user = v),
            row('U', "summary-columns", VALUE, "COLUMNS",
                    "summary columns: time-percent, total-time, min-time, max-time, avg-time, calls, errors, name",
                    (o, n, v) -> o.summaryColumns = SummaryOptions.checkColumns(v)),
            row('v', "no-abbrev", NONE, null, "print structures and environments unabbreviated",
                    (o, n, v) -> expression(o, "abbrev=none")),
            row('V', "version", NONE, null, "print the version and exit", (o, n, v) -> o.version++),
            row('w', "summary-wall-clock", NONE, null, "summarise wall-clock time, not system CPU time",
                    (o, n, v) -> o.wallClock = true),
            row('\0', "strings-in-hex", OPTIONAL, "none|non-ascii-chars|non-ascii|all",
                    "strings in hex: as -x (non-ascii), -xx (all)", (o, n, v) -> o.xLong = stringsInHex(v, n)),
            row('X', "const-print-style", VALUE, "FORMAT",
                    "constants and flags: abbrev (names, the default), raw (numbers) or verbose (both)",
                    (o, n, v) -> {
                        if (XlatStyle.of(v) == null) throw badValue(n, v);
                        o.constPrintStyle = v;
                    }),
            row('\0', "pidns-translation", NONE, null, "as --decode-pids=pidns",
                    (o, n, v) -> expression(o, "decode-pids=pidns")),
            row('z', "successful-only", NONE, null, "print only syscalls that returned without error",
                    (o, n, v) -> status(o, "successful")),
            row('Z', "failed-only failing-only", NONE, null, "print only syscalls that returned an error",
                    (o, n, v) -> status(o, "failed")),
            row('\0', "seccomp-bpf", OPTIONAL, "never",
                    "stop only at the traced syscalls, by a seccomp filter in the command (the default with -f,"
                    + " a command and a syscall filter); =never: no filter",
                    (o, n, v) -> {
                        if (v != null && !v.equals("never")) throw badValue(n, v);
                        o.seccompBpf = v == null;
                        o.seccompNever = v != null;
                    }),
            row('\0', "kill-on-exit", NONE, null, "kill the command and its children when jstrace exits",
                    (o, n, v) -> o.killOnExit = true),
            row('\0', "tips", OPTIONAL, "[id:]ID,[format:]FORMAT", "strace's tips (not in jstrace)",
                    (o, n, v) -> {
                        if (!tips(v == null ? "" : v)) throw badValue(n, v);
                        throw Options.die("--tips is not supported by jstrace: strace's tips are strace's own text");
                    }),
            qualifier("trace", "trace", VALUE, null, "trace only the syscalls in SET: names, %classes"
                    + " (%file, %process, %net...), /REGEX, ! to negate"),
            qualifier("abbrev", "abbrev", VALUE, null, "abbreviate the structures of the syscalls in SET"),
            qualifier("verbose", "verbose", VALUE, null, "dereference the structures of the syscalls in SET"),
            qualifier("raw", "raw", VALUE, null, "print the arguments of the syscalls in SET undecoded"),
            qualifier("signals", "signal", VALUE, null, "print only the signals in SET (names or numbers)"),
            qualifier("status", "status", VALUE, null, "print only the syscalls that returned with a status in SET:"
                    + " successful, failed, unfinished, unavailable, detached"),
            qualifier("read", "read", VALUE, null, "dump the data read from the descriptors in SET"),
            qualifier("write", "write", VALUE, null, "dump the data written to the descriptors in SET"),
            qualifier("fault", "fault", VALUE, null, "as inject, with error=ENOSYS unless one is given"),
            qualifier("inject", "inject", VALUE, null, "tamper with the syscalls in SET: SET[:error=ERRNO"
                    + "|:retval=VALUE] [:signal=SIG] [:delay_enter=DELAY] [:delay_exit=DELAY]"
                    + " [:when=FIRST[..LAST][+STEP]]"),
            qualifier("kvm", "kvm", VALUE, null, "print the exit reason of each KVM vcpu (SET: vcpu)"),
            qualifier("quiet silent silence", "quiet", OPTIONAL, "attach,personality", "suppress the messages in"
                    + " SET: attach, exit, path-resolution, personality, thread-execve"),
            qualifier("decode-fds", "decode-fds", OPTIONAL, "path",
                    "what descriptors print with: path (-y), socket, dev, pidfd, all (-yy)"),
            qualifier("decode-pids", "decode-pids", VALUE, null, "what pids print with: comm (-Y), pidns"),
            row('\0', "secontext", OPTIONAL, "FORMAT", "SELinux contexts (not in this build)", (o, n, v) -> {
                throw Options.die("SELinux context printing (--secontext option) is not supported by this build"
                        + " of jstrace");
            }),
            // the short options that have no long form of their own
            row('D', "", NONE, null, "run the tracer as a detached grandchild (-DD: its own process group,"
                    + " -DDD: its own session)", (o, n, v) -> o.daemonizeShort++),
            row('e', "", VALUE, "EXPR",
                    "a qualifying expression: [QUALIFIER=]SET, e.g. -e trace=openat,close or -e trace=%file",
                    (o, n, v) -> expression(o, v)),
            row('f', "", NONE, null, "follow forks, vforks and clones; -ff with -o: a file per thread, FILE.TID",
                    (o, n, v) -> o.followShort++),
            row('F', "", NONE, null, "as -f (deprecated)", (o, n, v) -> o.optF = true),
            row('q', "", NONE, null, "suppress attach/detach messages; -qq: also exit messages; -qqq: all",
                    (o, n, v) -> o.qShort++),
            row('t', "", NONE, null, "time of day before each line; -tt: with microseconds; -ttt: since the epoch",
                    (o, n, v) -> o.tShort++),
            row('x', "", NONE, null, "print non-ASCII strings in hex; -xx: all strings in hex",
                    (o, n, v) -> o.xShort = Math.min(o.xShort + 1, 2)),
            row('y', "", NONE, null, "print paths of descriptors: 3</etc/passwd>; -yy: sockets and devices too",
                    (o, n, v) -> o.yShort++),
            row('Y', "", NONE, null, "print pids with their command names: 1234<bash> (--decode-pids=comm)",
                    (o, n, v) -> expression(o, "decode-pids=comm")),
            // jstrace's own
            row('\0', "json", OPTIONAL, "FILE", "JSON Lines instead of text, one object per record"
                    + " (docs/jstrace.schema.json); with FILE, JSON Lines to FILE beside the text",
                    (o, n, v) -> o.json = v == null ? "" : v),
            row('\0', "color", OPTIONAL, "WHEN",
                    "colour syscall names, results, signals and exits: auto (on a terminal, without NO_COLOR;"
                            + " the default), always (also --color alone), never; STRACE_COLORS as strace 7",
                    (o, n, v) -> o.color = ColorChoice.when(v, n)),
            row('\0', "perfetto", VALUE, "FILE",
                    "also write a timeline to FILE (Chrome trace-event JSON, for Perfetto or chrome://tracing)",
                    (o, n, v) -> o.perfetto = v),
            row('\0', "summary-interval", VALUE, "SECONDS",
                    "with -c/-C: also print the summary so far every SECONDS (kill -USR1 prints it at any time)",
                    (o, n, v) -> o.summaryInterval = positive(v, n)));

    private static int summaryFlag(Options o, int flag) {
        if (o.cflag != 0 && o.cflag != flag) {
            throw Options.help("-c/--summary-only and -C/--summary are mutually exclusive");
        }
        return flag;
    }

    /** strace.c's error_opt_arg: {@code invalid -s argument: 'x'}, with the name the option was given by. */
    static Options.UsageError badValue(String name, String value) {
        return Options.help("invalid " + name + " argument: '" + value + "'");
    }

    /** strace's string_to_uint (strtoll, base 10, the whole word, 0..max). */
    static int uint(String v, long max, String name) {
        long n = uintOr(v, max);
        if (n < 0) throw badValue(name, v);
        return (int) n;
    }

    /** As strace's string_to_uint_upto: the number, or -1. */
    static long uintOr(String v, long max) {
        String s = v.stripLeading();
        if (s.startsWith("+")) s = s.substring(1);
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) return -1;
        try {
            long n = Long.parseLong(s);
            return n > max ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code -p}: a list of pids, split at commas and white space (strace.c: process_opt_p_list). */
    private static List<String> pidList(String v) {
        List<String> pids = new java.util.ArrayList<>();
        for (String p : v.split("[\n\t ,]", -1)) {
            long pid = uintOr(p, Integer.MAX_VALUE);
            if (pid <= 0) throw Options.die("Invalid process id: '" + p + "'");
            if (pid == ProcessHandle.current().pid()) throw Options.die("I'm sorry, I can't let you do that, Dave.");
            pids.add(p);
        }
        return pids;
    }

    private static int daemonize(String v, String name) {
        if (v == null) return 1;
        return switch (v) {
            case "grandchild" -> 1;
            case "pgroup", "pgrp" -> 2;
            case "session" -> 3;
            default -> throw badValue(name, v);
        };
    }

    private static int interruptible(String v, String name) {
        int i = switch (v) {
            case "anywhere", "always" -> 1;
            case "waiting" -> 2;
            case "never" -> 3;
            case "never_tstp" -> 4;
            default -> (int) uintOr(v, 4);
        };
        if (i <= 0) throw badValue(name, v);
        return i;
    }

    private static int stringsInHex(String v, String name) {
        if (v == null) return 2;
        return switch (v) {
            case "none" -> 0;
            case "non-ascii" -> 1;
            case "all" -> 2;
            case "non-ascii-chars" -> 3;
            default -> throw badValue(name, v);
        };
    }

    /** The digits of s, ms, us or ns (strace's str2timescale_optarg: 6 when left out). */
    static int precision(String v, String name) {
        int d = precisionOr(v == null ? "us" : v);
        if (d < 0) throw badValue(name, v);
        return d;
    }

    private static int precisionOr(String v) {
        return switch (v) {
            case "s" -> 0;
            case "ms" -> 3;
            case "us" -> 6;
            case "ns" -> 9;
            default -> -1;
        };
    }

    /**
     * strace.c's parse_ts_arg: comma-separated {@code [format:]none|time|unix} and
     * {@code [precision:]s|ms|us|ns}, case aside; an unset format keeps the one before, or time.
     */
    static boolean timestamps(Options o, String arg) {
        String format = null;
        int digits = -1;
        for (String token : arg.split(",")) {
            if (token.isEmpty()) continue;
            String t = token.toLowerCase(java.util.Locale.ROOT);
            boolean isFormat = !t.startsWith("precision:"), isScale = !t.startsWith("format:");
            if (t.startsWith("format:")) t = t.substring(7);
            else if (t.startsWith("precision:")) t = t.substring(10);
            if (isFormat && List.of("none", "time", "unix").contains(t)) {
                format = t;
            } else if (isScale && precisionOr(t) >= 0) {
                digits = precisionOr(t);
            } else {
                return false;
            }
        }
        if (format != null) o.timestampFormat = format;
        else if (o.timestampFormat.equals("none")) o.timestampFormat = "time";
        if (digits >= 0) o.timestampDigits = digits;
        return true;
    }

    /** strace.c's parse_tips_arg: {@code [id:]random|N} and {@code [format:]none|compact|full}. */
    private static boolean tips(String arg) {
        for (String token : arg.split(",")) {
            if (token.isEmpty()) continue;
            String t = token.toLowerCase(java.util.Locale.ROOT);
            boolean isId = !t.startsWith("format:"), isFormat = !t.startsWith("id:");
            if (t.startsWith("id:")) t = t.substring(3);
            else if (t.startsWith("format:")) t = t.substring(7);
            if (isId && (t.equals("random") || uintOr(t, Integer.MAX_VALUE) >= 0)) continue;
            if (isFormat && List.of("none", "compact", "full").contains(t)) continue;
            return false;
        }
        return true;
    }

    /** -z, -Z: each replaces the status set (strace: clear_number_set_array, then add). */
    private static void status(Options o, String which) {
        o.statusFlags++;
        expression(o, "status=" + which);
    }

    private static double positive(String v, String name) {
        try {
            double d = Double.parseDouble(v);
            if (d > 0) return d;
        } catch (NumberFormatException e) {
            // below
        }
        throw badValue(name, v);
    }

    /** strace -h's synopsis lines. */
    static final List<String> SYNOPSIS = List.of(
            "jstrace [-ACdffhiqqrtttTvVwxxyyYzZ] [-I N] [-b execve] [-e EXPR]... [-a COLUMN] [-o FILE]"
                    + " [-s STRSIZE] [-X FORMAT] [-O OVERHEAD] [-S SORTBY] [-U COLUMNS] [-P PATH]... [-p PID]..."
                    + " [--seccomp-bpf[=never]] [--kill-on-exit] { -p PID | [-DDD] [-E VAR[=VAL]]... [-u USERNAME] PROG [ARGS] }",
            "jstrace COMMAND [OPTIONS] [ARGS]");

    /**
     * strace -h's sections, in its order, and the rows each lists, by letter or first long name.
     * A row in none of them is listed under the last.
     */
    private static final List<Map.Entry<String, List<String>>> SECTIONS = List.of(
            Map.entry("General", List.of("e")),
            Map.entry("Startup", List.of("E", "p", "u")),
            Map.entry("Tracing", List.of("b", "daemonize", "D", "f", "follow-forks", "F", "I", "kill-on-exit")),
            Map.entry("Filtering", List.of("trace", "signals", "status", "P", "z", "Z")),
            Map.entry("Output format", List.of("a", "abbrev", "verbose", "raw", "read", "write", "quiet", "kvm",
                    "decode-fds", "decode-pids", "pidns-translation", "i", "k", "n", "o", "A", "output-separately",
                    "q", "r", "s", "absolute-timestamps", "t", "T", "v", "strings-in-hex", "x", "X", "y", "Y",
                    "secontext", "json", "perfetto")),
            Map.entry("Statistics", List.of("c", "C", "O", "S", "U", "w", "summary-interval")),
            Map.entry("Tampering", List.of("inject", "fault")),
            Map.entry("Miscellaneous", List.of("d", "h", "seccomp-bpf", "tips", "V")));

    /** A row's key in {@link #SECTIONS}. */
    static String key(Row r) {
        return r.letter() != 0 ? String.valueOf(r.letter()) : r.longNames().get(0);
    }

    /** The rows as strace -h lists them. */
    static List<Usage.Section> sections() {
        List<Usage.Section> sections = new java.util.ArrayList<>();
        java.util.Set<Row> listed = new java.util.HashSet<>();
        for (var s : SECTIONS) {
            List<Usage.Entry> entries = new java.util.ArrayList<>();
            for (String k : s.getValue()) {
                for (Row r : ROWS) {
                    if (key(r).equals(k) && listed.add(r)) entries.add(entry(r));
                }
            }
            sections.add(new Usage.Section(s.getKey(), entries));
        }
        for (Row r : ROWS) {
            if (listed.add(r)) sections.get(sections.size() - 1).entries().add(entry(r));
        }
        return sections;
    }

    /** A row's names as strace -h writes them: {@code -o FILE, --output=FILE}; {@code -e trace=SET, --trace=SET}. */
    private static Usage.Entry entry(Row r) {
        List<Usage.Name> names = new java.util.ArrayList<>();
        String label = r.arg() == NONE ? null : r.label();
        boolean optional = r.arg() == OPTIONAL;
        if (r.qualifier() != null) names.add(new Usage.Name("-e " + r.qualifier(), "SET", false));
        if (r.letter() != 0) names.add(new Usage.Name("-" + r.letter(), optional ? null : label, false));
        for (String l : r.longNames()) { // the value once: --daemonize[=...], --daemonised
            names.add(new Usage.Name("--" + l, names.stream().anyMatch(n -> n.option().startsWith("--")) ? null : label,
                    optional));
        }
        return new Usage.Entry(names, r.help());
    }

    /** The help. */
    static void usage(java.io.PrintStream out) {
        Usage.print(Usage.main(), out);
    }
}
