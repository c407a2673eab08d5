package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.exec.ExecEvent;
import io.jstrace.view.exec.ExecJson;
import io.jstrace.view.exec.ExecText;
import io.jstrace.view.exec.ExecTracer;
import io.jstrace.view.exec.ExecTree;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code jstrace exec}: one line (or JSON object) per program started, and per program
 * ended, for a command, a process tree or the whole machine; the tree at the end.
 */
final class ExecView {
    private static final Set<String> TAGS = Set.of("git-commit", "build");

    private final PrintStream err;
    private final ViewCommand<ExecEvent> lines;
    /** Pids whose exec was shown: their exits are shown too. */
    private final Set<Integer> shown = new HashSet<>();
    private final ExecTree tree = new ExecTree();
    private ExecOptions o;

    ExecView(PrintStream err) {
        this.err = err;
        this.lines = new ViewCommand<>("exec", err);
    }

    int run(String[] args) {
        o = new ExecOptions();
        Integer done = lines.parse(o.spec(), args, () -> o.help);
        if (done != null) return done;
        // With --system, -p names the tree to report; without, the process to attach to.
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.system || o.pid != null ? 1 : 0);
        if (sources != 1) return lines.usageError("exec: need exactly one of CMD [ARGS], -p PID and --system");
        if (o.only != null && !TAGS.contains(o.only)) return lines.usageError("exec: --only takes git-commit or build");
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
        lines.open(o.output, !o.command.isEmpty(), o.json ? ExecJson.RENDERER : new ExecText(o.cwd));
        return lines.watch(tracer, !o.command.isEmpty(), this::event, () -> {
            if (o.tree && !o.json) lines.print(tree.render().stripTrailing());
            if (tracer.lostEvents() > 0) err.println("jstrace: exec: the kernel dropped " + tracer.lostEvents() + " events");
        });
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
        lines.event(e);
    }

    private boolean selected(ExecEvent e) {
        return o.only == null || e.tags().contains(o.only);
    }
}
