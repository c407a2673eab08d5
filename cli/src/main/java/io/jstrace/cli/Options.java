package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** strace's options, with strace's letters and meanings. */
@Command(name = "jstrace", sortOptions = false, usageHelpAutoWidth = true,
        description = "Trace the system calls and signals of a command or of running processes.",
        customSynopsis = {"Usage: jstrace [-ACcfhinqrtTvVwxyzZ] [-a COLUMN] [-e EXPR]... [-o FILE] [-s STRSIZE] [-X FORMAT] [-P PATH]... [-p PID]... [--] [PROG [ARGS]]"})
final class Options {
    @Option(names = "-f", description = "follow forks, vforks and clones (threads); -ff with -o: a file per thread, FILE.TID")
    boolean[] follow = new boolean[0];

    @Option(names = "--seccomp-bpf",
            description = "with -f: stop only at the traced syscalls, by a seccomp filter in the command")
    boolean seccompBpf;

    @Option(names = "--output-separately", description = "with -o: a file per thread, FILE.TID (as -ff)")
    boolean outputSeparately;

    @Option(names = "-A", description = "with -o: append to the file(s) instead of truncating")
    boolean append;

    @Option(names = "-o", paramLabel = "FILE", description = "write the trace to FILE instead of stderr")
    String output;

    @Option(names = "-p", paramLabel = "PID", split = ",", description = "attach to process PID (repeatable, or a comma list)")
    List<String> pids = new ArrayList<>();

    @Option(names = "-s", paramLabel = "STRSIZE", description = "print at most STRSIZE bytes of each string (default 32)")
    int stringLimit = 32;

    @Option(names = "-e", paramLabel = "EXPR", description = "a qualifying expression: [QUALIFIER=]SET, e.g. -e trace=openat,close or -e trace=%%file;"
            + " qualifiers: trace, abbrev, verbose, raw, signal, read, write, status, quiet, decode-fds")
    List<String> expressions = new ArrayList<>();

    @Option(names = "-a", paramLabel = "COLUMN", description = "align return values at COLUMN (default 40)")
    int column = 40;

    @Option(names = {"-v", "--no-abbrev"}, description = "print structures and environments unabbreviated")
    boolean verbose;

    @Option(names = "-y", description = "print the paths of file descriptors: 3</etc/passwd>; -yy: also socket"
            + " addresses and device numbers")
    boolean[] fdPaths = new boolean[0];

    @Option(names = "--decode-fds", arity = "0..1", fallbackValue = "path", paramLabel = "SET",
            description = "what descriptors print with: path (-y), socket, dev, pidfd, all (-yy)")
    String decodeFds;

    @Option(names = {"-X", "--const-print-style"}, paramLabel = "FORMAT",
            description = "constants and flags: abbrev (names, the default), raw (numbers) or verbose (both)")
    String constPrintStyle;

    @Option(names = {"-P", "--trace-path"}, paramLabel = "PATH",
            description = "trace only syscalls that access PATH (repeatable)")
    List<String> tracePaths = new ArrayList<>();

    @Option(names = "--abbrev", paramLabel = "SET", description = "as -e abbrev=SET")
    String abbrev;

    @Option(names = "--verbose", paramLabel = "SET", description = "as -e verbose=SET")
    String verboseSet;

    @Option(names = "--raw", paramLabel = "SET", description = "as -e raw=SET")
    String raw;

    @Option(names = "--read", paramLabel = "SET", description = "as -e read=SET: dump the data read from these fds")
    String readData;

    @Option(names = "--write", paramLabel = "SET", description = "as -e write=SET: dump the data written to these fds")
    String writeData;

    @Option(names = "-x", description = "print non-ASCII strings in hex; -xx: all strings in hex")
    boolean[] hex = new boolean[0];

    @Option(names = "-t", description = "time of day before each line; -tt: with microseconds; -ttt: seconds since the epoch")
    boolean[] timestamps = new boolean[0];

    @Option(names = "--timestamps", arity = "0..1", fallbackValue = "", paramLabel = "FORMAT,PRECISION",
            description = "timestamps: FORMAT none, time or unix; PRECISION s, ms, us or ns")
    String timestampsLong;

    @Option(names = "-r", description = "relative timestamp: the time since the previous line")
    boolean relative;

    @Option(names = "--relative-timestamps", arity = "0..1", fallbackValue = "", paramLabel = "PRECISION",
            description = "-r with PRECISION s, ms, us or ns")
    String relativeLong;

    @Option(names = "-T", description = "time spent in each syscall, after it")
    boolean syscallTimes;

    @Option(names = "--syscall-times", arity = "0..1", fallbackValue = "", paramLabel = "PRECISION",
            description = "-T with PRECISION s, ms, us or ns")
    String syscallTimesLong;

    @Option(names = "-i", description = "the instruction pointer at each syscall")
    boolean instructionPointer;

    @Option(names = "-n", description = "the syscall number before each line")
    boolean numbers;

    @Option(names = {"-z", "--successful-only"}, description = "print only syscalls that returned without error")
    boolean successfulOnly;

    @Option(names = {"-Z", "--failed-only"}, description = "print only syscalls that returned an error")
    boolean failedOnly;

    @Option(names = "-q", description = "suppress attach/detach messages; -qq: also exit messages; -qqq: all")
    boolean[] quiet = new boolean[0];

    @Option(names = {"-c", "--summary-only"}, description = "count time, calls and errors per syscall; print a summary at exit")
    boolean summaryOnly;

    @Option(names = {"-C", "--summary"}, description = "like -c, and print the trace as well")
    boolean summary;

    @Option(names = {"-S", "--summary-sort-by"}, paramLabel = "SORTBY",
            description = "sort the summary by time (default), calls, errors, name, min-time, max-time, avg-time or nothing")
    String sortBy;

    @Option(names = {"-U", "--summary-columns"}, paramLabel = "COLUMNS",
            description = "summary columns: time-percent, total-time, min-time, max-time, avg-time, calls, errors, name")
    String summaryColumns;

    @Option(names = {"-w", "--summary-wall-clock"}, description = "summarise wall-clock time, not system CPU time")
    boolean wallClock;

    @Option(names = {"-O", "--summary-syscall-overhead"}, paramLabel = "OVERHEAD",
            description = "subtract OVERHEAD (microseconds, or with s, ms, us, ns) from each syscall's time")
    String overhead;

    @Option(names = "--json", description = "JSON Lines instead of text: one object per record (docs/jstrace.schema.json)")
    boolean json;

    @Option(names = "--perfetto", paramLabel = "FILE",
            description = "also write a timeline to FILE (Chrome trace-event JSON, for Perfetto or chrome://tracing)")
    String perfetto;

    @Option(names = "--summary-interval", paramLabel = "SECONDS",
            description = "with -c/-C: also print the summary so far every SECONDS (kill -USR1 prints it at any time)")
    Double summaryInterval;

    @Option(names = "-h", usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = "-V", versionHelp = true, description = "print the version and exit")
    boolean version;

    @Parameters(paramLabel = "PROG [ARGS]", description = "the command to run under trace")
    List<String> command = new ArrayList<>();
}
