package io.jstrace.view.exec;

import io.jstrace.core.ProcConnector;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The exec view as a library: every program started (and every failed exec, when asked)
 * and every process's end, for a command and its descendants, a running process tree, or
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
 * order; {@link #events()} hands the same events to another thread.
 */
public final class ExecTracer implements AutoCloseable {
    private enum Backend { COMMAND, ATTACH, SYSTEM }

    /** Ends every {@link #events()} stream. */
    private static final Object END = new Object();

    private final Backend backend;
    private final List<String> command;
    private final int pid;
    private final ExecSettings settings;
    private final Set<Integer> inheritedFds;
    private final List<Consumer<ExecEvent>> execListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ExecEvent>> exitListeners = new CopyOnWriteArrayList<>();
    private final List<BlockingQueue<Object>> streams = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final ProcessTable table;
    private volatile TraceSession session;
    private volatile ProcConnector connector;
    private volatile SystemExecs system;
    private Consumer<Throwable> errors = e -> System.err.println("jstrace: " + e);

    private ExecTracer(Builder b) {
        this.backend = b.backend;
        this.command = b.command;
        this.pid = b.pid;
        this.settings = b.settings;
        this.inheritedFds = b.inheritedFds;
        this.table = new ProcessTable(settings);
    }

    /** A tracer that launches {@code argv} (PATH searched) and follows it and its descendants. */
    public static Builder command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("no command");
        return new Builder(Backend.COMMAND, List.copyOf(argv), -1);
    }

    /** A tracer that attaches to {@code pid} and the descendants it has, and follows their forks. */
    public static Builder attach(int pid) {
        return new Builder(Backend.ATTACH, List.of(), pid);
    }

    /** A tracer of the whole machine, through the process-events connector (root or CAP_NET_ADMIN). */
    public static Builder system() {
        return new Builder(Backend.SYSTEM, List.of(), -1);
    }

    /** Calls {@code c} for each exec (and failed exec, when asked for), on the tracing thread. */
    public ExecTracer onExec(Consumer<ExecEvent> c) {
        execListeners.add(Objects.requireNonNull(c));
        return this;
    }

    /** Calls {@code c} for each process that ends, on the tracing thread. */
    public ExecTracer onExit(Consumer<ExecEvent> c) {
        exitListeners.add(Objects.requireNonNull(c));
        return this;
    }

    /** Where callbacks' exceptions go; by default, standard error. */
    public ExecTracer onError(Consumer<Throwable> handler) {
        errors = Objects.requireNonNull(handler);
        return this;
    }

    /**
     * Every event from now on, as a blocking stream that ends when tracing ends. Ask for
     * it before {@link #start()} to miss nothing.
     */
    public Stream<ExecEvent> events() {
        BlockingQueue<Object> q = new LinkedBlockingQueue<>();
        streams.add(q);
        if (done.isDone()) q.add(END);
        var it = new java.util.Iterator<ExecEvent>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) next = take(q);
                return next != END;
            }

            @Override
            public ExecEvent next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                ExecEvent e = (ExecEvent) next;
                next = null;
                return e;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    private static Object take(BlockingQueue<Object> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    /**
     * Starts tracing on a thread of its own and returns once the tracees are seized or the
     * connector is listening.
     *
     * @throws TraceException when the command cannot be started, the process cannot be
     *     traced, or the connector cannot be opened (one-line message)
     */
    public void start() throws TraceException {
        switch (backend) {
            case COMMAND -> startCommand();
            case ATTACH -> startAttach();
            case SYSTEM -> startSystem();
        }
    }

    private TraceOptions traceOptions() {
        boolean failed = settings.failedExecs();
        return TraceOptions.defaults().withFollowForks(true).withSeccompFilter(true).withInheritedFds(inheritedFds)
                .withSyscalls(s -> failed && TracedExecs.isExec(s.name()));
    }

    private void startCommand() throws TraceException {
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo me = ProcessInfo.read(self).orElse(null);
        table.known(self, me == null ? 0 : me.ppid(), "jstrace", List.of("jstrace"),
                settings.environment() ? ProcessInfo.environ(self) : Map.of(), ProcessTable.epochNow());
        trace(TraceSession.launch(command, traceOptions()));
    }

    private void startAttach() throws TraceException {
        List<Integer> pids = table.seed(pid);
        if (pids.isEmpty()) throw new TraceException("attach: ptrace(PTRACE_SEIZE, " + pid + "): No such process");
        trace(TraceSession.attach(pids, traceOptions()));
    }

    private void trace(TraceSession s) {
        session = s;
        s.addListener(new TracedExecs(table, this::deliver));
        s.onError(errors);
        s.startAsync().whenComplete((status, failure) -> finish(failure == null ? status : null, failure));
    }

    private void startSystem() throws TraceException {
        ProcConnector c = ProcConnector.open();
        connector = c;
        SystemExecs s = new SystemExecs(c, table, this::deliver);
        system = s;
        if (settings.descendantsOf() >= 0) table.seed(settings.descendantsOf());
        Thread t = new Thread(() -> {
            try {
                s.run();
                finish(0, null);
            } catch (TraceException | RuntimeException e) {
                finish(null, e);
            }
        }, "jstrace-exec-system");
        t.setDaemon(true);
        t.start();
    }

    private void finish(Integer status, Throwable failure) {
        if (failure != null) done.completeExceptionally(failure);
        else done.complete(status);
        for (BlockingQueue<Object> q : streams) q.add(END);
    }

    private void deliver(ExecEvent e) {
        for (Consumer<ExecEvent> c : e.kind() == ExecEvent.Kind.EXIT ? exitListeners : execListeners) {
            try {
                c.accept(e);
            } catch (RuntimeException x) {
                errors.accept(x);
            }
        }
        for (BlockingQueue<Object> q : streams) q.add(e);
    }

    /**
     * Waits until tracing ends: the command and all its descendants are gone, the traced
     * processes are gone, or {@link #stop()} was called.
     *
     * @return the command's exit status as a shell shows it ({@code 128 + N} after signal N);
     *     0 for the other backends
     * @throws TraceException when tracing failed
     */
    public int waitFor() throws TraceException, InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TraceException t) throw t;
            throw new TraceException(String.valueOf(e.getCause()));
        }
    }

    /** Stops: detaches from the traced processes, which run on, or stops listening. */
    public void stop() {
        TraceSession s = session;
        if (s != null) s.detach();
        ProcConnector c = connector;
        if (c != null) c.close();
    }

    /** Events the kernel dropped because the system backend fell behind (0 for the others). */
    public long lostEvents() {
        SystemExecs s = system;
        return s == null ? 0 : s.lost();
    }

    /** Stops if still running. */
    @Override
    public void close() {
        if (!done.isDone()) stop();
    }

    /** How an {@link ExecTracer} is set up; {@link #build()} makes it. */
    public static final class Builder {
        private final Backend backend;
        private final List<String> command;
        private final int pid;
        private ExecSettings settings = ExecSettings.defaults();
        private Set<Integer> inheritedFds = Set.of(0, 1, 2);

        private Builder(Backend backend, List<String> command, int pid) {
            this.backend = backend;
            this.command = command;
            this.pid = pid;
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

        /** Reports failed execs too (traced backends; the system connector sees only successes). */
        public Builder withFailedExecs(boolean failed) {
            settings = new ExecSettings(settings.cwd(), settings.environment(), failed, settings.descendantsOf(),
                    settings.cgroup(), settings.uid(), settings.comm());
            return this;
        }

        /** Only {@code pid} and its descendants (system backend). */
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

        /** The descriptors a launched command inherits (by default 0, 1 and 2). */
        public Builder inheritedFds(Set<Integer> fds) {
            inheritedFds = Set.copyOf(fds);
            return this;
        }

        public ExecTracer build() {
            if (settings.descendantsOf() >= 0 && backend != Backend.SYSTEM) {
                throw new IllegalStateException("descendantsOf is for the system backend; attach(pid) follows a tree");
            }
            return new ExecTracer(this);
        }
    }
}
