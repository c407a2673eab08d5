package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.Renderer;
import io.jstrace.view.View;
import io.jstrace.view.exec.ExecEvent;
import io.jstrace.view.exec.ExecJson;
import io.jstrace.view.exec.ExecText;
import io.jstrace.view.exec.ExecTracer;
import io.jstrace.view.exec.ExecTree;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code jstrace exec}: one line (or JSON object) per program started, and per program
 * ended, for a command, a process tree or the whole machine; the tree at the end.
 */
final class ExecView {
    private static final Set<String> TAGS = Set.of("git-commit", "build");

    private final PrintStream err;
    /** Pids whose exec was shown: their exits are shown too. */
    private final Set<Integer> shown = new HashSet<>();
    private final ExecTree tree = new ExecTree();
    private PrintWriter out;
    private Renderer<ExecEvent> renderer;
    private ExecOptions o;
    private boolean headerPrinted;

    ExecView(PrintStream err) {
        this.err = err;
    }

    int run(String[] args) {
        o = new ExecOptions();
        CommandLine cl = OptionTable.getopt(o.spec());
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(Jstrace.optionMessage(e));
        }
        if (o.help) {
            cl.usage(System.out);
            return 0;
        }
        // With --system, -p names the tree to report; without, the process to attach to.
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.system || o.pid != null ? 1 : 0);
        if (sources != 1) return usageError("exec: need exactly one of CMD [ARGS], -p PID and --system");
        if (o.only != null && !TAGS.contains(o.only)) return usageError("exec: --only takes git-commit or build");
        try {
            return watch(builder().build());
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    private ExecTracer.Builder builder() {
        ExecTracer.Builder b = o.system ? ExecTracer.system()
                : o.pid != null ? ExecTracer.attach(o.pid) : ExecTracer.command(o.command);
        b.withCwd(o.cwd).withEnvironment(o.env).withFailedExecs(o.failed).inheritedFds(Jstrace.inheritedFds());
        if (o.system && o.pid != null) b.descendantsOf(o.pid);
        if (o.cgroup != null) b.cgroup(o.cgroup);
        if (o.uid != null) b.uid(o.uid);
        if (o.comm != null) b.comm(regex(o.comm));
        return b;
    }

    private static Pattern regex(String s) {
        try {
            return Pattern.compile(s);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("exec: --comm: bad regular expression: " + e.getDescription());
        }
    }

    private int watch(ExecTracer tracer) throws TraceException, IOException {
        out = writer();
        renderer = o.json ? ExecJson.RENDERER : new ExecText(o.cwd);
        tracer.onEvent(this::event).onError(e -> err.println(Jstrace.problem(e)));
        tracer.onDropped(n -> err.println(View.droppedMessage(n)));
        Signals.onTermination(sig -> tracer.stop());
        tracer.start();
        // Before any event, or now: without a command, the header says the view is
        // listening, and from here on nothing is missed.
        header();
        int status;
        try {
            status = tracer.waitFor();
        } catch (InterruptedException e) {
            status = 1;
        }
        if (o.tree && !o.json) print(tree.render().stripTrailing());
        if (tracer.lostEvents() > 0) err.println("jstrace: exec: the kernel dropped " + tracer.lostEvents() + " events");
        out.flush();
        if (o.output != null) out.close();
        return o.command.isEmpty() ? 0 : status;
    }

    /**
     * On the tracing thread, one event at a time. An exit shows when its process's exec
     * did; the tree also takes the exits of processes that never exec'd (unless --only
     * narrows it to tagged programs).
     */
    private void event(ExecEvent e) {
        boolean exit = e.kind() == ExecEvent.Kind.EXIT;
        boolean execShown = exit && shown.remove(e.pid());
        if (!exit && !selected(e)) return;
        if (e.kind() == ExecEvent.Kind.EXEC) shown.add(e.pid());
        if (o.tree && (!exit || execShown || o.only == null)) tree.add(e);
        if (exit && !execShown) return;
        print(renderer.line(e));
    }

    private boolean selected(ExecEvent e) {
        return o.only == null || e.tags().contains(o.only);
    }

    /** The text header, once, before any event. */
    private synchronized void header() {
        if (headerPrinted || renderer.header() == null) return;
        headerPrinted = true;
        print(renderer.header());
    }

    private synchronized void print(String line) {
        if (!headerPrinted) header();
        out.println(line);
        out.flush();
    }

    /** -o FILE; else standard error beside a command's own output, standard output without one. */
    private PrintWriter writer() throws IOException {
        if (o.output != null) {
            return new PrintWriter(new OutputStreamWriter(new FileOutputStream(o.output), StandardCharsets.UTF_8));
        }
        PrintStream s = o.command.isEmpty() ? System.out : err;
        return new PrintWriter(new OutputStreamWriter(s, StandardCharsets.UTF_8));
    }

    private int usageError(String message) {
        err.println("jstrace: " + message);
        err.println("Try 'jstrace exec -h' for more information.");
        return 1;
    }

    static boolean isExecView(String[] args) {
        return args.length > 0 && args[0].equals("exec");
    }

    static String[] rest(String[] args) {
        return List.of(args).subList(1, args.length).toArray(new String[0]);
    }
}
