package io.jstrace.view.exec;

import io.jstrace.core.CgroupV2;
import io.jstrace.core.ProcessEvents;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.view.Source;
import io.jstrace.view.View;
import io.jstrace.view.ViewBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The exec view as a library: every program started (and every failed exec, when asked)
 * and every process's end, for a command and its descendants, running process trees, or
 * the whole machine.
 *
 * <pre>{@code
 * try (ExecTracer t = ExecTracer.command(List.of("make", "-j2")).build()) {
 *     t.onExec(e -> System.out.println(e.pid() + " " + e.argv()));
 *     t.start();
 *     int status = t.waitFor();
 * }
 * }</pre>
 *
 * <p>A command or a process tree is traced with ptrace, following every fork; tracees stop
 * only at fork, exec and exit events (a seccomp filter adds execve and execveat when failed
 * execs are asked for). The whole machine is watched through the kernel's process-events
 * connector, which needs root or CAP_NET_ADMIN. Callbacks run on the tracing thread, in
 * order; {@link #events()} hands the same events to another thread through a bounded
 * queue. The life-cycle ({@link #start()} once, {@link #waitFor()}, {@link #stop()},
 * {@link #close()}) is {@link View}'s.
 */
public final class ExecTracer extends View<ExecEvent> {
    private final ExecSettings settings;
    private final ProcessTable table;

    private ExecTracer(Builder b, ViewBuilder.Config<ExecEvent> config) {
        super(config);
        this.settings = b.settings;
        this.table = new ProcessTable(settings);
    }

    /** A tracer that launches {@code argv} (PATH searched) and follows it and its descendants. */
    public static Builder command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("no command");
        return new Builder(new Source.Command(argv, Set.of(0, 1, 2)));
    }

    /** A tracer that attaches to each of {@code pids} and the descendants they have, and follows their forks. */
    public static Builder attach(int... pids) {
        List<Integer> list = new ArrayList<>();
        for (int pid : pids) list.add(pid);
        return new Builder(new Source.Attach(list));
    }

    /** A tracer of the whole machine, through the process-events connector (root or CAP_NET_ADMIN). */
    public static Builder system() {
        return new Builder(new Source.System());
    }

    /** Calls {@code c} for each exec (and failed exec, when asked for), on the tracing thread. */
    public ExecTracer onExec(Consumer<ExecEvent> c) {
        onEvent(e -> e.kind() != ExecEvent.Kind.EXIT, c);
        return this;
    }

    /** Calls {@code c} for each process that ends, on the tracing thread. */
    public ExecTracer onExit(Consumer<ExecEvent> c) {
        onEvent(e -> e.kind() == ExecEvent.Kind.EXIT, c);
        return this;
    }

    @Override
    public ExecTracer onEvent(Consumer<? super ExecEvent> c) {
        super.onEvent(c);
        return this;
    }

    @Override
    public ExecTracer onError(Consumer<Throwable> handler) {
        super.onError(handler);
        return this;
    }

    @Override
    protected TraceOptions traceOptions(TraceOptions defaults) {
        boolean failed = settings.failedExecs();
        return defaults.withFollowForks(true).withSeccompFilter(true)
                .withSyscalls(s -> failed && TracedExecs.isExec(s.name()));
    }

    @Override
    protected TraceListener tracer() {
        return new TracedExecs(table, this::emit);
    }

    /** The launched command's parent is jstrace itself: its first exec shows {@code jstrace} as the name before. */
    @Override
    protected void beforeLaunch() {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo me = ProcessInfo.read(self).orElse(null);
        table.known(self, me == null ? 0 : me.ppid(), "jstrace", List.of("jstrace"),
                settings.environment() ? ProcessInfo.environ(self) : Map.of(), ProcessTable.epochNow());
    }

    /** Each process and its descendants now, as the table learns them from /proc. */
    @Override
    protected List<Integer> beforeAttach(List<Integer> pids) throws TraceException {
        Set<Integer> all = new LinkedHashSet<>();
        for (int pid : pids) {
            List<Integer> tree = table.seed(pid);
            if (tree.isEmpty()) throw new TraceException("attach: ptrace(PTRACE_SEIZE, " + pid + "): No such process");
            all.addAll(tree);
        }
        return List.copyOf(all);
    }

    @Override
    protected SystemFeed<?> openSystem() throws TraceException {
        ProcessEvents c = ProcessEvents.open(Set.of(ProcessEvents.Audited.EXEC));
        try {
            SystemExecs s = new SystemExecs(table, this::emit);
            if (settings.descendantsOf() >= 0) table.seed(settings.descendantsOf());
            s.warmUp();
            return new SystemFeed<>(c, s::accept);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** How an {@link ExecTracer} is set up; {@link #build()} makes it. */
    public static final class Builder extends ViewBuilder<ExecEvent, Builder> {
        private ExecSettings settings = ExecSettings.defaults();

        private Builder(Source source) {
            super(source);
        }

        /** Reads each exec's working directory. */
        public Builder withCwd(boolean cwd) {
            settings = new ExecSettings(cwd, settings.environment(), settings.failedExecs(), settings.descendantsOf(),
                    settings.cgroup(), settings.uid(), settings.comm());
            return this;
        }

        /** Compares each exec's environment with its parent's ({@link ExecEvent#environment()}). */
        public Builder withEnvironment(boolean environment) {
            settings = new ExecSettings(settings.cwd(), environment, settings.failedExecs(), settings.descendantsOf(),
                    settings.cgroup(), settings.uid(), settings.comm());
            return this;
        }

        /** Reports failed execs too (traced sources; the system connector sees only successes). */
        public Builder withFailedExecs(boolean failed) {
            settings = new ExecSettings(settings.cwd(), settings.environment(), failed, settings.descendantsOf(),
                    settings.cgroup(), settings.uid(), settings.comm());
            return this;
        }

        /** Only {@code pid} and its descendants (system source). */
        public Builder descendantsOf(int pid) {
            settings = new ExecSettings(settings.cwd(), settings.environment(), settings.failedExecs(), pid,
                    settings.cgroup(), settings.uid(), settings.comm());
            return this;
        }

        /**
         * Only members of a cgroup v2 group and the groups below it: its path in the
         * mounted hierarchy ({@code /sys/fs/cgroup/build}), or below the hierarchy's root
         * ({@code /build}).
         */
        public Builder cgroup(String group) {
            String g = CgroupV2.relative(group);
            settings = new ExecSettings(settings.cwd(), settings.environment(), settings.failedExecs(),
                    settings.descendantsOf(), g, settings.uid(), settings.comm());
            return this;
        }

        /** Only programs run with this real user id. */
        public Builder uid(int uid) {
            settings = new ExecSettings(settings.cwd(), settings.environment(), settings.failedExecs(),
                    settings.descendantsOf(), settings.cgroup(), uid, settings.comm());
            return this;
        }

        /** Only programs whose command name (after the exec) matches {@code regex} somewhere. */
        public Builder comm(Pattern regex) {
            settings = new ExecSettings(settings.cwd(), settings.environment(), settings.failedExecs(),
                    settings.descendantsOf(), settings.cgroup(), settings.uid(), regex);
            return this;
        }

        public ExecTracer build() {
            if (settings.descendantsOf() >= 0 && !(source() instanceof Source.System)) {
                throw new IllegalStateException("descendantsOf is for the system source; attach(pid) follows a tree");
            }
            return new ExecTracer(this, config());
        }
    }
}
