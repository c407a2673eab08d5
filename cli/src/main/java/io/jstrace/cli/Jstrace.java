package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.SyscallDecoding;
import io.jstrace.render.JsonPrinter;
import io.jstrace.filter.PathTrace;
import io.jstrace.render.PerfettoTrace;
import io.jstrace.decode.StraceText;
import io.jstrace.render.Summary;
import io.jstrace.render.TextPrinter;
import io.jstrace.decode.XlatStyle;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** One run of the command line: parse strace's options, trace, and exit as strace does. */
final class Jstrace {
    static final String VERSION = "0.1.0";

    private final PrintStream err;
    private volatile int fatalSignal;

    Jstrace(PrintStream err) {
        this.err = err;
    }

    /** Runs jstrace with {@code args}; returns the exit status. */
    int run(String[] args) {
        Options o = new Options();
        CommandLine cl = OptionTable.getopt(o.spec());
        try {
            cl.parseArgs(OptionTable.attachOptionalValues(cl.getCommandSpec(), args));
        } catch (ParameterException e) {
            return usageError(optionMessage(e));
        }
        if (o.help) {
            cl.usage(System.out);
            return 0;
        }
        if (o.version) {
            System.out.println("jstrace -- version " + VERSION);
            return 0;
        }
        if (o.constPrintStyle != null && XlatStyle.of(o.constPrintStyle) == null) {
            boolean longForm = List.of(args).stream().anyMatch(a -> a.startsWith("--const-print-style"));
            return usageError("invalid " + (longForm ? "--const-print-style" : "-X") + " argument: '"
                    + o.constPrintStyle + "'");
        }
        if (o.command.isEmpty() && o.pids.isEmpty()) return usageError("must have PROG [ARGS] or -p PID");
        if (!o.command.isEmpty() && !o.pids.isEmpty()) return usageError("-p and PROG [ARGS] are mutually exclusive");
        try {
            return trace(o, List.of(args));
        } catch (TraceException | IllegalArgumentException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A problem reported while tracing goes on, on one line: a {@link TraceException}'s own
     * message in strace's words ({@code jstrace: attach: ptrace(PTRACE_SEIZE, N): No such
     * process}), anything else (a listener's bug) with its type.
     */
    static String problem(Throwable e) {
        return "jstrace: " + (e instanceof TraceException ? e.getMessage() : e.toString());
    }

    /**
     * -s, -y/-yy, -X and the per-syscall and per-descriptor qualifiers; -v as abbrev=none,
     * in its place among the -e abbrev= expressions.
     */
    static DecodeOptions decodeOptions(Options o, List<String> args) {
        List<String> e = new ArrayList<>(o.expressions);
        if (o.abbrev != null) e.add("abbrev=" + o.abbrev);
        if (o.verboseSet != null) e.add("verbose=" + o.verboseSet);
        if (o.raw != null) e.add("raw=" + o.raw);
        if (o.readData != null) e.add("read=" + o.readData);
        if (o.writeData != null) e.add("write=" + o.writeData);
        java.util.Set<String> fds = Qualifiers.decodeFds(o.expressions, o.decodeFds, o.fdPaths.length);
        XlatStyle style = o.constPrintStyle == null ? XlatStyle.ABBREV : XlatStyle.of(o.constPrintStyle);
        java.util.Set<String> details = new java.util.HashSet<>(fds);
        details.remove("path");
        boolean verboseLast = o.verbose && OptionOrder.verboseLast(args);
        return new DecodeOptions(o.stringLimit, false, fds.contains("path"), details, style,
                Qualifiers.perSyscall(e, o.verbose, verboseLast),
                Qualifiers.dumps(e));
    }

    /**
     * {@code -P}: each path and its canonical form, saying so when they differ unless
     * {@code -e quiet=path-resolution} (pathtrace_select_set).
     */
    private java.util.Set<String> tracePaths(List<String> paths, java.util.Set<String> quiet) {
        java.util.Set<String> set = new java.util.LinkedHashSet<>();
        for (String p : paths) {
            set.add(p);
            String real = PathTrace.canonical(p);
            if (real == null) continue;
            if (!quiet.contains("path-resolution")) {
                StraceText q = new StraceText(StraceText.Escape.OCTAL);
                err.println("jstrace: Requested path " + q.render(quoted(p)) + " resolved into "
                        + q.render(quoted(real)));
            }
            set.add(real);
        }
        return set;
    }

    private static io.jstrace.decode.Value quoted(String s) {
        return new io.jstrace.decode.Value.Str(s.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static TraceListener onPaths(java.util.Set<String> paths, TraceListener listener) {
        return paths.isEmpty() ? listener : new PathTrace(paths, listener);
    }

    /** strace's conditions for {@code --seccomp-bpf}, with its messages (strace.c: init). */
    private boolean seccompFilter(Options o, List<Integer> pids) {
        if (!o.seccompBpf) return false;
        if (o.follow.length == 0) {
            err.println("jstrace: --seccomp-bpf cannot be used without -f/--follow-forks, disabling");
            return false;
        }
        if (!pids.isEmpty()) {
            err.println("jstrace: --seccomp-bpf is not enabled for processes attached with -p");
            return false;
        }
        return true;
    }

    private int trace(Options o, List<String> args) throws TraceException, IOException {
        DecodeOptions decode = decodeOptions(o, args);
        TraceOptions options = TraceOptions.defaults()
                .withFollowForks(o.follow.length > 0)
                .withSyscalls(Qualifiers.syscalls(o.expressions))
                .withInheritedFds(inheritedFds())
                .withMeasureCpuTime((o.summaryOnly || o.summary) && !o.wallClock);
        List<Integer> pids = pids(o.pids);
        java.util.Set<String> tracePaths = tracePaths(o.tracePaths, Qualifiers.quiet(o.expressions, o.quiet.length));
        options = options.withSeccompFilter(seccompFilter(o, pids));
        TraceSession session = pids.isEmpty()
                ? TraceSession.launch(o.command, options)
                : TraceSession.attach(pids, options);
        StraceText.Escape escape = o.hex.length == 0 ? StraceText.Escape.OCTAL
                : o.hex.length == 1 ? StraceText.Escape.HEX_NON_PRINTABLE : StraceText.Escape.HEX_ALL;
        boolean separately = o.output != null && (o.follow.length > 1 || o.outputSeparately);
        TextPrinter.Options printing = new TextPrinter.Options(
                decode, escape, o.follow.length > 0 && !separately,
                o.output != null, o.column, Qualifiers.signals(o.expressions), TimingOptions.of(o),
                Qualifiers.statuses(o.expressions, o.successfulOnly, o.failedOnly),
                Qualifiers.quiet(o.expressions, o.quiet.length), o.numbers);
        Summary summary = o.summaryOnly || o.summary ? new Summary(SummaryOptions.of(o)) : null;
        boolean jsonOnly = "".equals(o.json);
        if (jsonOnly && separately) throw new IllegalArgumentException("--json writes one stream: -ff is not supported with it");
        Writer out = separately && summary == null ? null : output(o.output, o.append);
        PerThreadOutput files = separately ? new PerThreadOutput(o.output, o.append, printing) : null;
        TextPrinter printer = separately || jsonOnly ? null : new TextPrinter(out, printing, pids.isEmpty() ? 1 : 0);
        Writer jsonOut = o.json == null ? null : jsonOnly ? out : output(o.json, o.append);
        JsonPrinter json = jsonOut == null ? null : new JsonPrinter(jsonOut, printing.signals(), printing.statuses());
        session.addListener(new Notices(err, o.output == null && !jsonOnly, printing.quiet().contains("attach")));
        PerfettoTrace timeline = o.perfetto == null ? null : new PerfettoTrace(output(o.perfetto, false));
        List<DecodedListener> renderers = new ArrayList<>();
        if (!o.summaryOnly) renderers.add(jsonOnly ? json : separately ? files : printer);
        if (json != null && !jsonOnly) renderers.add(json);
        if (timeline != null) renderers.add(timeline);
        if (!renderers.isEmpty()) session.addListener(onPaths(tracePaths, new SyscallDecoding(decode, renderers)));
        if (summary != null) session.addListener(onPaths(tracePaths, summary));
        session.onError(e -> err.println(problem(e)));
        if (summary != null) printSummaryOnDemand(summary, out, o.summaryInterval);
        if (o.output == null || !pids.isEmpty()) { // strace's interactive mode: these signals detach
            Signals.onTermination(sig -> {
                fatalSignal = sig;
                session.detach(sig);
            });
        } else {
            Signals.ignoreTermination();
        }
        int status;
        try {
            status = session.start();
        } finally {
            if (files != null) files.closeAll();
            if (printer != null && !o.summaryOnly) printer.flush();
            if (json != null) json.flush();
            if (json != null && !jsonOnly) jsonOut.close();
            if (timeline != null) timeline.close();
            if (summary != null) summary.print(out);
            if (out != null) out.flush();
            if (out != null && o.output != null) out.close();
        }
        if (fatalSignal != 0) return 128 + fatalSignal;
        return status;
    }

    /**
     * Beyond strace (its issues #47 and #48): the summary so far, on SIGUSR1 and every
     * {@code interval} seconds, without stopping the trace. Writers lock per call, so a
     * table never splits a trace line.
     */
    private static void printSummaryOnDemand(Summary summary, Writer out, Double interval) {
        Runnable print = () -> {
            try {
                synchronized (out) {
                    summary.print(out);
                    out.flush();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Signals.onUsr1(print);
        if (interval == null) return;
        if (interval <= 0) throw new IllegalArgumentException("invalid --summary-interval: '" + interval + "'");
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jstrace-summary");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.round(interval * 1000);
        timer.scheduleAtFixedRate(print, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * The descriptors jstrace itself was given, which the command inherits: the ./jstrace
     * script lists them in {@code -Djstrace.fds} before it execs java; 0, 1 and 2 otherwise.
     */
    static java.util.Set<Integer> inheritedFds() {
        java.util.Set<Integer> fds = new java.util.HashSet<>(List.of(0, 1, 2));
        for (String f : System.getProperty("jstrace.fds", "").split(",")) {
            if (!f.isBlank() && f.chars().allMatch(Character::isDigit)) fds.add(Integer.parseInt(f));
        }
        return fds;
    }

    private static List<Integer> pids(List<String> specs) {
        List<Integer> pids = new ArrayList<>();
        for (String s : specs) {
            try {
                int pid = Integer.parseInt(s.trim());
                if (pid <= 0) throw new NumberFormatException();
                pids.add(pid);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid process id: '" + s + "'");
            }
        }
        return pids;
    }

    private Writer output(String file, boolean append) throws IOException {
        if (file == null) return new OutputStreamWriter(err, StandardCharsets.ISO_8859_1);
        if (file.startsWith("|") || file.startsWith("!")) return PipeOutput.open(file.substring(1));
        try {
            return new ReportingWriter(file, new BufferedWriter(
                    new OutputStreamWriter(new FileOutputStream(file, append), StandardCharsets.ISO_8859_1), 1 << 16),
                    err);
        } catch (IOException e) {
            throw new IOException("Can't fopen '" + file + "': " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int paren = m.lastIndexOf('(');
        return paren >= 0 && m.endsWith(")") ? m.substring(paren + 1, m.length() - 1) : m;
    }

    /** strace's two lines for a usage error, exit 1. */
    private int usageError(String message) {
        err.println("jstrace: " + message);
        err.println("Try 'jstrace -h' for more information.");
        return 1;
    }

    /** getopt's wording: {@code invalid option -- 'Q'}, {@code option requires an argument -- 'p'}. */
    static String optionMessage(ParameterException e) {
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec opt) {
            return "option requires an argument -- '" + opt.shortestName().substring(1) + "'";
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("--")) return "unrecognized option '" + arg + "'"; // getopt_long's wording
            return "invalid option -- '" + badLetter(arg) + "'";
        }
        String m = e.getMessage();
        if (e.getCause() instanceof CommandLine.TypeConversionException
                && e.getArgSpec() instanceof CommandLine.Model.OptionSpec opt) { // strace.c: error_opt_arg
            return "invalid " + opt.shortestName() + " argument: '" + e.getValue() + "'";
        }
        if (m != null && m.startsWith("Expected parameter for option")) {
            int q = m.indexOf('\'');
            String name = q >= 0 ? m.substring(q + 1, m.indexOf('\'', q + 1)) : "?";
            return "option requires an argument -- '" + name.replace("-", "") + "'";
        }
        return m;
    }

    private static String badLetter(String arg) {
        if (arg.startsWith("--")) return arg.substring(2);
        for (char c : arg.substring(1).toCharArray()) {
            if ("fopseavxyhVtrTiAnzZqcCSUwOXP".indexOf(c) < 0) return String.valueOf(c);
        }
        return arg.length() > 1 ? arg.substring(1, 2) : arg;
    }

    /**
     * Notices strace prints on stderr: attaching and detaching always, a followed child's
     * arrival only when the trace itself goes to stderr.
     */
    private static final class Notices implements TraceListener {
        private final PrintStream err;
        private final boolean childNotices;
        private final boolean quiet;

        Notices(PrintStream err, boolean childNotices, boolean quiet) {
            this.err = err;
            this.childNotices = childNotices && !quiet;
            this.quiet = quiet;
        }

        @Override
        public void onAttach(int pid, List<Integer> tids) {
            if (quiet) return;
            err.println("jstrace: Process " + pid + " attached"
                    + (tids.size() > 1 ? " with " + tids.size() + " threads" : ""));
        }

        @Override
        public void onNewChild(io.jstrace.core.NewChild child, io.jstrace.core.Tracee tracee) {
            if (!childNotices) return;
            err.print("jstrace: Process " + child.childTid() + " attached\n");
            err.flush();
        }

        @Override
        public void onDetach(int pid, int tid, io.jstrace.core.SyscallEnter inSyscall) {
            if (quiet) return;
            err.print("jstrace: Process " + tid + " detached\n");
            err.flush();
        }
    }
}
