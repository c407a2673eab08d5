package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * strace 6.1's options, with strace's letters, long names and meanings, as they stand
 * after the command line: {@link OptionRows} applies each option in order to these fields
 * as strace.c's init() does, then {@link #finish} checks what strace checks after its
 * getopt loop, with its messages.
 */
final class Options {
    /** {@code -f} counted; {@code --follow-forks}. */
    int followShort;
    boolean followForks;
    boolean outputSeparately;
    /** --seccomp-bpf given (strace's: its warnings apply); --seccomp-bpf=never given, the last one winning. */
    boolean seccompBpf;
    boolean seccompNever;
    boolean killOnExit;
    boolean append;
    String output;
    List<String> pids = new ArrayList<>();
    int stringLimit = 32;
    /** Every qualifier in command-line order, as {@code QUALIFIER=SET}: -e, the long forms, -v, -Y... */
    List<String> expressions = new ArrayList<>();
    int column = 40;
    int yShort;
    /** A decode-fds qualifier came (-e decode-fds=, --decode-fds): -y may not come too. */
    boolean decodeFdsSet;
    String constPrintStyle;
    List<String> tracePaths = new ArrayList<>();
    /** -x counted (at most 2), or 3 for {@code --strings-in-hex=non-ascii-chars}; {@code --strings-in-hex}'s level, -1 when not given. */
    int xShort;
    int xLong = -1;
    int tShort;
    boolean timestampsLong;
    /** The timestamp: format {@code none}, {@code time} or {@code unix}; digits of the fraction. */
    String timestampFormat = "none";
    int timestampDigits = 0;
    /** -r and -T: the digits of their fraction, -1 when not asked for. */
    int relativeDigits = -1;
    int durationDigits = -1;
    boolean instructionPointer;
    /** {@code -k}: a stack trace under each syscall and signal line. */
    boolean stackTraces;
    boolean numbers;
    /** -z and -Z as given, the last one winning (strace: each clears the status set). */
    int statusFlags;
    String statusShort;
    int qShort;
    /** A quiet qualifier came (-e quiet=, --quiet): -q may not come too. */
    boolean quietSet;
    /** 1 -c, 2 -C (strace's CFLAG_ONLY_STATS, CFLAG_BOTH), 0 neither. */
    int cflag;
    String sortBy;
    String summaryColumns;
    boolean wallClock;
    String overhead;
    boolean detachOnExecve;
    boolean debug;
    int daemonizeShort;
    int daemonizeLong;
    List<String> envChanges = new ArrayList<>();
    boolean optF;
    /** -I: 1 anywhere, 2 waiting, 3 never, 4 never_tstp; 0 not given. */
    int interruptible;
    String user;
    /** {@code --json}: {@code ""} for JSON Lines instead of the text, a file for JSON Lines beside it. */
    String json;
    String perfetto;
    /** {@code --color}: auto, always or never. */
    String color = "auto";
    Double summaryInterval;
    boolean help;
    int version;
    List<String> command = new ArrayList<>();

    boolean summaryOnly() {
        return cflag == 1;
    }

    boolean summary() {
        return cflag != 0;
    }

    /** {@code -f} in either spelling. */
    boolean follow() {
        return followForks || followShort > 0;
    }

    /** A failure of the command line: strace's message, and whether strace adds its "Try ... -h" line. */
    static final class UsageError extends RuntimeException {
        final boolean help;

        UsageError(String message, boolean help) {
            super(message);
            this.help = help;
        }
    }

    static UsageError help(String message) {
        return new UsageError(message, true);
    }

    static UsageError die(String message) {
        return new UsageError(message, false);
    }

    /** Parses {@code args} as strace 6.1 does, up to and including its checks after the options. */
    static Options parse(String[] args) {
        Options o = new Options();
        int first;
        try {
            first = Getopt.parse(OptionRows.ROWS, args, f -> f.spec().apply().apply(o, f.name(), f.value()));
        } catch (Getopt.Error e) {
            throw help(e.getMessage());
        }
        o.command = List.of(args).subList(first, args.length);
        if (!o.help && o.version == 0) o.finish();
        return o;
    }

    /** strace.c's checks after the getopt loop, in its order. */
    private void finish() {
        if (command.isEmpty() && pids.isEmpty()) throw help("must have PROG [ARGS] or -p PID");
        if (daemonizeLong != 0) {
            if (daemonizeShort != 0) throw die("-D and --daemonize cannot be provided simultaneously");
            daemonizeShort = daemonizeLong;
        }
        if (command.isEmpty() && daemonizeShort != 0) throw help("PROG [ARGS] must be specified with -D/--daemonize");
        if (daemonizeShort > 3) {
            throw help("Too many -D's (" + daemonizeShort + "), maximum supported -D count is 3");
        }
        if (tShort > 0) {
            if (timestampsLong) throw die("-t and --absolute-timestamps cannot be provided simultaneously");
            OptionRows.timestamps(this, tShort == 1 ? "format:time" : tShort == 2 ? "precision:us,format:time"
                    : "format:unix,precision:us");
        }
        if (xLong >= 0) {
            if (xShort > 0) throw die("-x and --strings-in-hex cannot be provided simultaneously");
            xShort = xLong;
        }
        if (yShort > 0) {
            if (decodeFdsSet) throw die("-y and --decode-fds cannot be provided simultaneously");
            expressions.add("decode-fds=" + (yShort == 1 ? "path" : "all"));
        }
        if (seccompBpf && detachOnExecve) {
            warn("--seccomp-bpf is not enabled because it is not compatible with -b");
            seccompBpf = false;
        }
        if (followShort > 0) {
            if (followForks) throw die("-f and --follow-forks cannot be provided simultaneously");
            if (followShort >= 2 && outputSeparately) {
                throw die("-ff and --output-separately cannot be provided simultaneously");
            }
            followForks = true;
            outputSeparately = followShort >= 2;
        }
        if (seccompBpf) {
            if (!pids.isEmpty() && (command.isEmpty() || debug)) {
                warn("--seccomp-bpf is not enabled for processes attached with -p");
            }
            if (!followForks) {
                warn("--seccomp-bpf cannot be used without -f/--follow-forks, disabling");
                seccompBpf = false;
            }
        }
        if (killOnExit && !pids.isEmpty()) throw die("--kill-on-exit and -p/--attach are mutually exclusive options");
        if (optF) {
            if (followForks) {
                warn("deprecated option -F ignored");
            } else {
                warn("option -F is deprecated, please use -f/--follow-forks instead");
                followForks = true;
            }
        }
        summaryChecks();
        if (output == null) {
            if (outputSeparately && !followForks) warn("--output-separately has no effect without -o/--output");
            if (append) warn("-A/--output-append-mode has no effect without -o/--output");
        }
        if (statusFlags > 1) {
            warn("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
                    + "See status qualifier for more complex filters.");
        }
        if (output != null && (output.startsWith("|") || output.startsWith("!")) && outputSeparately) {
            throw help("piping the output and -ff/--output-separately are mutually exclusive");
        }
        if (output == null) outputSeparately = false; // -ff without -o FILE is the same as single -f
        if (output != null && !command.isEmpty() && qShort == 0 && !quietSet) qShort = 1;
        if (qShort > 0) {
            if (quietSet) throw die("-q and -e quiet/--quiet cannot be provided simultaneously");
            expressions.add("quiet=" + (qShort == 1 ? "attach,personality" : qShort == 2
                    ? "exit,attach,personality" : "all"));
        }
    }

    /**
     * Whether a launched command gets a seccomp filter: when asked for, as strace's
     * --seccomp-bpf, and by default whenever that is safe and changes nothing in the output:
     * every child is traced (-f: an untraced one would get ENOSYS from the filter), no process
     * is attached (the loop resumes every tracee alike), no -b execve (a detached program
     * keeps the filter), no syscall tampering (its syscalls would have to stop too). A filter
     * that selects every syscall is not installed (core's PtraceLoop).
     */
    boolean seccompFilter() {
        if (command.isEmpty()) return false;
        if (seccompBpf) return true;
        return !seccompNever && followForks && pids.isEmpty() && !detachOnExecve
                && expressions.stream().map(Qualifiers::qualifierOf).noneMatch(q -> q.equals("inject") || q.equals("fault"));
    }

    /** strace.c's checks of -c, -C and the summary options against the rest. */
    private void summaryChecks() {
        if (outputSeparately && cflag != 0) {
            throw help("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
        }
        if (wallClock && cflag == 0) {
            throw help("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
        }
        if (summaryColumns != null && cflag == 0) {
            throw help("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
        }
        if (sortBy != null && cflag == 0) {
            warn("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
        }
        if (cflag != 1) return;
        if (instructionPointer) warn("-i/--instruction-pointer has no effect with -c/--summary-only");
        if (stackTraces) warn("-k/--stack-traces has no effect with -c/--summary-only");
        if (numbers) warn("-n/--syscall-number has no effect with -c/--summary-only");
        if (relativeDigits >= 0) warn("-r/--relative-timestamps has no effect with -c/--summary-only");
        if (!timestampFormat.equals("none")) warn("-t/--absolute-timestamps has no effect with -c/--summary-only");
        if (durationDigits >= 0) warn("-T/--syscall-times has no effect with -c/--summary-only");
        if (decodesFds()) warn("-y/--decode-fds has no effect with -c/--summary-only");
    }

    private boolean decodesFds() {
        return !Qualifiers.decodeFds(expressions).isEmpty();
    }

    /** Messages strace prints and goes on: collected here, printed by the caller before the trace. */
    final List<String> warnings = new ArrayList<>();

    private void warn(String message) {
        warnings.add(message);
    }
}
