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

/** One run of the command line: parse strace's options, trace, and exit as strace does. */
final class Jstrace {

    private final PrintStream err;

    Jstrace(PrintStream err) {
        this.err = err;
    }

    /** The name jstrace was invoked by, as strace's messages begin: the ./jstrace launcher passes its $0. */
    static final String NAME = System.getProperty("jstrace.argv0", "jstrace");

    /** Runs jstrace with {@code args}; returns the exit status. */
    int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (OptionRows.Help h) {
            OptionRows.usage(System.out);
            return 0;
        } catch (Options.UsageError e) {
            return e.help ? usageError(e.getMessage()) : fail(e.getMessage());
        } catch (IllegalArgumentException e) { // a qualifier's SET, as strace parses it when it comes
            return fail(e.getMessage());
        }
        if (o.version > 0) {
            System.out.print(versionText("jstrace"));
            return 0;
        }
        for (String w : o.warnings) err.println(NAME + ": " + w);
        String refusal = Refusals.of(o);
        if (refusal != null) return fail(refusal);
        try {
            return trace(o);
        } catch (Options.UsageError e) {
            return e.help ? usageError(e.getMessage()) : fail(e.getMessage());
        } catch (TraceException | IllegalArgumentException | IOException e) {
            return fail(e.getMessage());
        }
    }

    /**
     * The Maven project's version (version.properties, filled in by the build). Read only
     * when asked for: opening a resource of the jar costs a trace's start-up some
     * milliseconds (on JDK 18 and later, reflection's method handles are spun for it).
     */
    static String version() {
        var p = new java.util.Properties();
        try (var in = Jstrace.class.getResourceAsStream("version.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** strace -V's layout: the version, where it comes from, what this build does. */
    static String versionText(String name) {
        return name + " -- version " + version() + "\n"
                + "strace 6.1's command line and output, in Java\n"
                + "Java runtime: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                + System.getProperty("java.home") + ")\n"
                + "Optional features enabled: seccomp-bpf stack-trace=eh_frame no-secontext\n";
    }

    private int fail(String message) {
        err.println(NAME + ": " + message);
        return 1;
    }

    /**
     * A problem reported while tracing goes on, on one line: a {@link TraceException}'s own
     * message in strace's words ({@code jstrace: attach: ptrace(PTRACE_SEIZE, N): No such
     * process}), anything else (a listener's bug) with its type.
     */
    static String problem(Throwable e) {
        return NAME + ": " + (e instanceof TraceException ? e.getMessage() : e.toString());
    }

    /** -s, -X, --pidns-translation, the descriptor, per-syscall and per-descriptor qualifiers (-y, -v and the rest are qualifiers by now). */
    static DecodeOptions decodeOptions(Options o) {
        java.util.Set<String> fds = Qualifiers.decodeFds(o.expressions);
        XlatStyle style = o.constPrintStyle == null ? XlatStyle.ABBREV : XlatStyle.of(o.constPrintStyle);
        java.util.Set<String> details = new java.util.HashSet<>(fds);
        details.remove("path");
        return new DecodeOptions(o.stringLimit, false, fds.contains("path"), details, style,
                Qualifiers.perSyscall(o.expressions), Qualifiers.dumps(o.expressions),
                Qualifiers.decodePids(o.expressions).contains("pidns"), Qualifiers.decodePids(o.expressions).contains("comm"));
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
                err.println(NAME + ": Requested path " + q.render(quoted(p)) + " resolved into "
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

    private int trace(Options o) throws TraceException, IOException {
        DecodeOptions decode = decodeOptions(o);
        TraceOptions options = TraceOptions.defaults()
                .withFollowForks(o.follow())
                .withSyscalls(Qualifiers.syscalls(o.expressions))
                .withInheritedFds(inheritedFds())
                .withMeasureCpuTime(o.summary() && !o.wallClock)
                .withEnvironment(Environment.of(o.envChanges))
                .withDetachOnExecve(o.detachOnExecve)
                .withStackTraces(o.stackTraces && o.cflag != 1);
        List<Integer> pids = pids(o.pids);
        java.util.Set<String> tracePaths = tracePaths(o.tracePaths, Qualifiers.quiet(o.expressions));
        // strace tampers only with the calls it traces, -P's too (syscall.c, syscall_entering_trace)
        PathTrace onPath = tracePaths.isEmpty() ? null : new PathTrace(tracePaths, new TraceListener() {});
        options = options.withTampering(new io.jstrace.core.Tampering(Injections.bySyscall(o.expressions),
                (e, t) -> onPath == null || onPath.touches(e, t)));
        options = options.withSeccompFilter(o.seccompFilter()).withKillOnExit(o.killOnExit);
        TraceSession session = o.command.isEmpty() ? TraceSession.attach(pids, options)
                : TraceSession.launch(o.command, pids, options);
        StraceText.Escape escape = switch (o.xShort) {
            case 0 -> StraceText.Escape.OCTAL;
            case 1 -> StraceText.Escape.HEX_NON_PRINTABLE;
            case 3 -> StraceText.Escape.HEX_NON_PRINTABLE_CHARS;
            default -> StraceText.Escape.HEX_ALL;
        };
        boolean separately = o.outputSeparately;
        TextPrinter.Options printing = new TextPrinter.Options(
                decode, escape, o.follow() && !separately,
                o.output != null, o.column, Qualifiers.signals(o.expressions), TimingOptions.of(o),
                Qualifiers.statuses(o.expressions), Qualifiers.quiet(o.expressions), o.numbers,
                ColorChoice.of(o.color, o.output == null ? 2 : o.output.equals(STDOUT) ? 1 : -1, separately,
                        System.getenv()));
        Summary summary = o.summary() ? new Summary(SummaryOptions.of(o)) : null;
        boolean jsonOnly = "".equals(o.json);
        if (jsonOnly && separately) throw new IllegalArgumentException("--json writes one stream: -ff is not supported with it");
        Writer out = separately && summary == null ? null : output(o.output, o.append);
        PerThreadOutput files = separately ? new PerThreadOutput(o.output, o.append, printing) : null;
        TextPrinter printer = separately || jsonOnly ? null : new TextPrinter(out, printing, o.command.isEmpty() ? 0 : 1);
        Writer jsonOut = o.json == null ? null : jsonOnly ? out : output(o.json, o.append);
        JsonPrinter json = jsonOut == null ? null : new JsonPrinter(jsonOut, printing.signals(), printing.statuses());
        session.addListener(new Notices(err, o.output == null && !jsonOnly, printing.quiet().contains("attach"),
                printing.quiet().contains("exit")));
        PerfettoTrace timeline = o.perfetto == null ? null : new PerfettoTrace(output(o.perfetto, false));
        List<DecodedListener> renderers = new ArrayList<>();
        if (!o.summaryOnly()) renderers.add(jsonOnly ? json : separately ? files : printer);
        if (json != null && !jsonOnly) renderers.add(json);
        if (timeline != null) renderers.add(timeline);
        if (!renderers.isEmpty()) session.addListener(onPaths(tracePaths, new SyscallDecoding(decode, renderers)));
        if (summary != null) session.addListener(onPaths(tracePaths, summary));
        session.onError(e -> err.println(problem(e)));
        boolean toStdout = STDOUT.equals(o.output) || STDOUT.equals(o.json) || STDOUT.equals(o.perfetto);
        if (!o.command.isEmpty()) session.addListener(new TraceListener() {
            @Override
            public void onExec(io.jstrace.core.Exec exec, io.jstrace.core.Tracee tracee) {
                StandardFds.release(toStdout);
            }
        });
        if (summary != null) printSummaryOnDemand(summary, out, o.summaryInterval);
        int interruptible = o.interruptible != 0 ? o.interruptible : o.daemonizeShort != 0 ? 4
                : o.output != null && !o.command.isEmpty() ? 3 : 2;
        if (interruptible == 2) { // strace's interactive mode (-I waiting): these signals detach
            Signals.onTermination(session::detach);
        } else if (interruptible > 2) { // -I never, never_tstp: ignored
            Signals.ignoreTermination();
        } // -I anywhere: they keep their default action
        int status;
        try {
            status = session.start();
            Signals.mimic(session.launchedSignal());
        } finally {
            if (files != null) files.closeAll();
            if (printer != null && !o.summaryOnly()) printer.flush();
            if (json != null) json.flush();
            if (json != null && !jsonOnly) {
                if (o.json.equals(STDOUT)) jsonOut.flush();
                else jsonOut.close();
            }
            if (timeline != null) timeline.close();
            if (summary != null) summary.print(out);
            if (out != null) out.flush();
            if (out != null && o.output != null && !o.output.equals(STDOUT)) out.close();
        }
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

    /** The descriptors the command inherits ({@link StandardFds}). */
    static java.util.Set<Integer> inheritedFds() {
        return StandardFds.inherited();
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

    /** {@code -o -}: standard output (beyond strace 6.1, which writes a file named {@code -}). */
    static final String STDOUT = "-";

    private Writer output(String file, boolean append) throws IOException {
        if (file == null) return new OutputStreamWriter(err, StandardCharsets.ISO_8859_1);
        if (file.equals(STDOUT)) {
            return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(java.io.FileDescriptor.out),
                    StandardCharsets.ISO_8859_1), 1 << 16);
        }
        if (file.startsWith("|") || file.startsWith("!")) return PipeOutput.open(file.substring(1));
        try {
            return new ReportingWriter(file, new BufferedWriter(
                    new OutputStreamWriter(PumpedOutput.ifBlocking(file, new FileOutputStream(file, append)),
                            StandardCharsets.ISO_8859_1), 1 << 16),
                    err);
        } catch (IOException e) {
            throw new IOException("Can't fopen '" + file + "': " + reason(e));
        }
    }

    /** The system's words in an I/O exception's message: {@code No space left on device}. */
    static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int paren = m.lastIndexOf('(');
        return paren >= 0 && m.endsWith(")") ? m.substring(paren + 1, m.length() - 1) : m;
    }

    /** strace's two lines for a usage error, exit 1. */
    private int usageError(String message) {
        err.println(NAME + ": " + message);
        err.println("Try '" + NAME + " -h' for more information.");
        return 1;
    }

    /**
     * Notices strace prints on stderr: attaching and detaching always, a followed child's
     * arrival only when the trace itself goes to stderr.
     */
    private static final class Notices implements TraceListener {
        private final PrintStream err;
        private final boolean childNotices;
        private final boolean quiet;
        private final boolean quietExit;

        Notices(PrintStream err, boolean childNotices, boolean quiet, boolean quietExit) {
            this.err = err;
            this.childNotices = childNotices && !quiet;
            this.quiet = quiet;
            this.quietExit = quietExit;
        }

        @Override
        public void onAttach(int pid, List<Integer> tids) {
            if (quiet) return;
            err.println(NAME + ": Process " + pid + " attached"
                    + (tids.size() > 1 ? " with " + tids.size() + " threads" : ""));
        }

        @Override
        public void onNewChild(io.jstrace.core.NewChild child, io.jstrace.core.Tracee tracee) {
            if (!childNotices) return;
            err.print(NAME + ": Process " + child.childTid() + " attached\n");
            err.flush();
        }

        @Override
        public void onDetach(int pid, int tid, io.jstrace.core.SyscallEnter inSyscall) {
            if (quiet) return;
            err.print(NAME + ": Process " + tid + " detached\n");
            err.flush();
        }

        @Override
        public void onUnknownDetached(int pid) {
            if (quiet) return;
            err.print(NAME + ": Detached unknown pid " + pid + "\n");
            err.flush();
        }

        @Override
        public void onUnknownExit(int pid) {
            if (quietExit) return;
            err.print(NAME + ": Exit of unknown pid " + pid + " ignored\n");
            err.flush();
        }
    }
}
