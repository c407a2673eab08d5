package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** strace's options, with strace's letters and meanings. */
final class Options {
    boolean[] follow = new boolean[0];
    boolean seccompBpf;
    boolean outputSeparately;
    boolean append;
    String output;
    List<String> pids = new ArrayList<>();
    int stringLimit = 32;
    List<String> expressions = new ArrayList<>();
    int column = 40;
    boolean verbose;
    boolean[] fdPaths = new boolean[0];
    String decodeFds;
    String constPrintStyle;
    List<String> tracePaths = new ArrayList<>();
    String abbrev;
    String verboseSet;
    String raw;
    String readData;
    String writeData;
    boolean[] hex = new boolean[0];
    boolean[] timestamps = new boolean[0];
    String timestampsLong;
    boolean relative;
    String relativeLong;
    boolean syscallTimes;
    String syscallTimesLong;
    boolean instructionPointer;
    boolean numbers;
    boolean successfulOnly;
    boolean failedOnly;
    boolean[] quiet = new boolean[0];
    boolean summaryOnly;
    boolean summary;
    String sortBy;
    String summaryColumns;
    boolean wallClock;
    String overhead;
    /** {@code --json}: {@code ""} for JSON Lines instead of the text, a file for JSON Lines beside it. */
    String json;
    String perfetto;
    Double summaryInterval;
    boolean help;
    boolean version;
    List<String> command = new ArrayList<>();

    /** picocli's model of these options, one row each, bound to this object's fields. */
    CommandSpec spec() {
        return new OptionTable("jstrace", "Trace the system calls and signals of a command or of running processes.")
                .synopsis("jstrace [-ACcfhinqrtTvVwxyzZ] [-a COLUMN] [-e EXPR]... [-o FILE] [-s STRSIZE]"
                        + " [-X FORMAT] [-P PATH]... [-p PID]... [--] [PROG [ARGS]]")
                .counted("-f",
                        "follow forks, vforks and clones (threads); -ff with -o: a file per thread, FILE.TID",
                        v -> follow = v)
                .flag("--seccomp-bpf",
                        "with -f: stop only at the traced syscalls, by a seccomp filter in the command",
                        v -> seccompBpf = v)
                .flag("--output-separately",
                        "with -o: a file per thread, FILE.TID (as -ff)", v -> outputSeparately = v)
                .flag("-A", "with -o: append to the file(s) instead of truncating", v -> append = v)
                .value("-o", "FILE", String.class, "write the trace to FILE instead of stderr", v -> output = v)
                .list("-p", "PID", ",", "attach to process PID (repeatable, or a comma list)", v -> pids = v)
                .value("-s", "STRSIZE", Integer.class,
                        "print at most STRSIZE bytes of each string (default 32)", v -> stringLimit = v)
                .list("-e", "EXPR", null,
                        "a qualifying expression: [QUALIFIER=]SET, e.g. -e trace=openat,close or -e trace=%file;"
                        + " qualifiers: trace, abbrev, verbose, raw, signal, read, write, status, quiet, decode-fds",
                        v -> expressions = v)
                .value("-a", "COLUMN", Integer.class, "align return values at COLUMN (default 40)", v -> column = v)
                .flag("-v --no-abbrev", "print structures and environments unabbreviated", v -> verbose = v)
                .counted("-y",
                        "print the paths of file descriptors: 3</etc/passwd>; -yy: also socket addresses and device"
                        + " numbers",
                        v -> fdPaths = v)
                .optional("--decode-fds", "SET", "path",
                        "what descriptors print with: path (-y), socket, dev, pidfd, all (-yy)", v -> decodeFds = v)
                .value("-X --const-print-style", "FORMAT", String.class,
                        "constants and flags: abbrev (names, the default), raw (numbers) or verbose (both)",
                        v -> constPrintStyle = v)
                .list("-P --trace-path", "PATH", null,
                        "trace only syscalls that access PATH (repeatable)", v -> tracePaths = v)
                .value("--abbrev", "SET", String.class, "as -e abbrev=SET", v -> abbrev = v)
                .value("--verbose", "SET", String.class, "as -e verbose=SET", v -> verboseSet = v)
                .value("--raw", "SET", String.class, "as -e raw=SET", v -> raw = v)
                .value("--read", "SET", String.class,
                        "as -e read=SET: dump the data read from these fds", v -> readData = v)
                .value("--write", "SET", String.class,
                        "as -e write=SET: dump the data written to these fds", v -> writeData = v)
                .counted("-x", "print non-ASCII strings in hex; -xx: all strings in hex", v -> hex = v)
                .counted("-t",
                        "time of day before each line; -tt: with microseconds; -ttt: seconds since the epoch",
                        v -> timestamps = v)
                .optional("--timestamps", "FORMAT,PRECISION", "",
                        "timestamps: FORMAT none, time or unix; PRECISION s, ms, us or ns", v -> timestampsLong = v)
                .flag("-r", "relative timestamp: the time since the previous line", v -> relative = v)
                .optional("--relative-timestamps", "PRECISION", "",
                        "-r with PRECISION s, ms, us or ns", v -> relativeLong = v)
                .flag("-T", "time spent in each syscall, after it", v -> syscallTimes = v)
                .optional("--syscall-times", "PRECISION", "",
                        "-T with PRECISION s, ms, us or ns", v -> syscallTimesLong = v)
                .flag("-i", "the instruction pointer at each syscall", v -> instructionPointer = v)
                .flag("-n", "the syscall number before each line", v -> numbers = v)
                .flag("-z --successful-only",
                        "print only syscalls that returned without error", v -> successfulOnly = v)
                .flag("-Z --failed-only", "print only syscalls that returned an error", v -> failedOnly = v)
                .counted("-q", "suppress attach/detach messages; -qq: also exit messages; -qqq: all", v -> quiet = v)
                .flag("-c --summary-only",
                        "count time, calls and errors per syscall; print a summary at exit", v -> summaryOnly = v)
                .flag("-C --summary", "like -c, and print the trace as well", v -> summary = v)
                .value("-S --summary-sort-by", "SORTBY", String.class,
                        "sort the summary by time (default), calls, errors, name, min-time, max-time, avg-time"
                        + " or nothing",
                        v -> sortBy = v)
                .value("-U --summary-columns", "COLUMNS", String.class,
                        "summary columns: time-percent, total-time, min-time, max-time, avg-time, calls, errors,"
                        + " name",
                        v -> summaryColumns = v)
                .flag("-w --summary-wall-clock", "summarise wall-clock time, not system CPU time", v -> wallClock = v)
                .value("-O --summary-syscall-overhead", "OVERHEAD", String.class,
                        "subtract OVERHEAD (microseconds, or with s, ms, us, ns) from each syscall's time",
                        v -> overhead = v)
                .optional("--json", "FILE", "",
                        "JSON Lines instead of text: one object per record (docs/jstrace.schema.json);"
                        + " with FILE, JSON Lines to FILE beside the text", v -> json = v)
                .value("--perfetto", "FILE", String.class,
                        "also write a timeline to FILE (Chrome trace-event JSON, for Perfetto or chrome://tracing)",
                        v -> perfetto = v)
                .value("--summary-interval", "SECONDS", Double.class,
                        "with -c/-C: also print the summary so far every SECONDS (kill -USR1 prints it at any time)",
                        v -> summaryInterval = v)
                .help("-h", "print this help and exit", v -> help = v)
                .version("-V", "print the version and exit", v -> version = v)
                .positionals("PROG [ARGS]", "the command to run under trace", v -> command = v);
    }
}
