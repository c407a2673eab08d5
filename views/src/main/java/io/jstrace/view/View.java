package io.jstrace.view;

import io.jstrace.core.SystemSource;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The skeleton every view is built on (exec now; net, dns, tls, term later). A view is a
 * {@link Source}, a state table that turns what the source reports into the view's event
 * records, its {@link Renderer}s and a subcommand; this class gives them all the same
 * callbacks, the same bounded {@link #events()} stream and one life-cycle:
 *
 * <pre>{@code
 * try (SomeView v = SomeView.command(List.of("make")).build()) {   // or attach(pid...), system()
 *     v.onEvent(e -> ...);          // on the view's tracing thread, in order
 *     Stream<E> s = v.events();     // or on another thread, through a bounded queue
 *     v.start();                    // once
 *     int status = v.waitFor();     // the command's exit status
 * }                                 // close(): stop() if still running
 * }</pre>
 *
 * <p>Callbacks hold the tracing thread: a launched or attached process waits for them, as
 * it waits for strace's printing. A stream never does: each holds at most the builder's
 * {@link ViewBuilder#queueCapacity queue capacity} of events for a reader that lags, and
 * drops the rest, counted by {@link #droppedEvents()} and reported once tracing ends
 * ({@link #onDropped}). Events a system-wide source's kernel side lost are
 * {@link #lostEvents()}.
 *
 * <p>A view subclass supplies the source-specific parts: {@link #traceOptions} and
 * {@link #tracer()} for a traced source, {@link #openSystem()} for the system-wide one,
 * and hands each event it makes to {@link #emit}.
 *
 * @param <E> the view's event record
 */
public abstract class View<E> implements AutoCloseable {
    private enum State { NEW, STARTED, CLOSED }

    private final Source source;
    private final Predicate<? super E> filter;
    private final int queueCapacity;
    private final List<Consumer<? super E>> callbacks = new CopyOnWriteArrayList<>();
    private final List<EventQueue<E>> streams = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    /** Set first thing when tracing ends: a stream asked for after that ends at once. */
    private volatile boolean ended;
    private State state = State.NEW;
    private boolean stopRequested;
    private TraceSession session;
    private SystemSource<?> system;
    private volatile Consumer<Throwable> errors = e -> java.lang.System.err.println("jstrace: " + e);
    private volatile LongConsumer droppedReport = n -> java.lang.System.err.println(droppedMessage(n));

    protected View(ViewBuilder.Config<E> config) {
        this.source = config.source();
        this.filter = config.filter();
        this.queueCapacity = config.queueCapacity();
    }

    /** strace's style: {@code jstrace: 12 events dropped: the consumer was too slow}. */
    public static String droppedMessage(long dropped) {
        return "jstrace: " + dropped + (dropped == 1 ? " event" : " events") + " dropped: the consumer was too slow";
    }

    /** Where this view's events come from. */
    public final Source source() {
        return source;
    }

    /** Calls {@code c} for each event that passes the builder's filters, on the tracing thread, in order. */
    public View<E> onEvent(Consumer<? super E> c) {
        callbacks.add(Objects.requireNonNull(c));
        return this;
    }

    /** Calls {@code c} for the events {@code which} accepts: what a view's typed callbacks ({@code onExec}) are made of. */
    protected final void onEvent(Predicate<? super E> which, Consumer<? super E> c) {
        Objects.requireNonNull(which);
        Objects.requireNonNull(c);
        callbacks.add(e -> {
            if (which.test(e)) c.accept(e);
        });
    }

    /** Where callbacks' exceptions go; by default, standard error. */
    public View<E> onError(Consumer<Throwable> handler) {
        errors = Objects.requireNonNull(handler);
        return this;
    }

    /**
     * What is told, once tracing has ended, of events dropped from {@link #events()}
     * streams (only when some were): by default {@link #droppedMessage} on standard error.
     */
    public View<E> onDropped(LongConsumer report) {
        droppedReport = Objects.requireNonNull(report);
        return this;
    }

    /**
     * Every event from now on, as a blocking stream that ends when tracing ends (or when
     * the reading thread is interrupted). Ask for it before {@link #start()} to miss
     * nothing. At most the builder's queue capacity of events wait for the reader; the
     * rest are dropped and counted ({@link #droppedEvents()}); the tracing never waits
     * for a stream. Closing the stream stops its queueing.
     */
    public Stream<E> events() {
        EventQueue<E> q = new EventQueue<>(queueCapacity, dropped);
        streams.add(q);
        if (ended) q.end();
        return q.stream(() -> {
            streams.remove(q);
            q.end();
        });
    }

    /** Events dropped so far from {@link #events()} streams whose readers lagged more than the queue capacity. */
    public final long droppedEvents() {
        return dropped.get();
    }

    /** Events the system-wide source lost because it fell behind (0 for a traced source). */
    public final long lostEvents() {
        SystemSource<?> s;
        synchronized (this) {
            s = system;
        }
        return s == null ? 0 : s.lostEvents();
    }

    /**
     * Starts, once. A command is looked up in PATH and prepared, a process tree is read
     * from /proc, or the system-wide source is opened (then the view is listening when
     * this returns); tracing then runs on a thread of its own. With ptrace, the launch or
     * the attach itself happens on that thread, shortly after this returns: its failure
     * is thrown by {@link #waitFor()}.
     *
     * @throws TraceException when the command cannot be found, the process does not
     *     exist, or the system-wide source cannot be opened (one-line message); the view
     *     has then ended
     * @throws IllegalStateException when the view was started (successfully or not) or
     *     closed before
     */
    public final void start() throws TraceException {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException(state == State.CLOSED ? "view closed" : "view already started");
            }
            state = State.STARTED;
        }
        try {
            if (source.traced()) startTraced();
            else startSystem();
        } catch (TraceException | RuntimeException e) {
            finish(null, e);
            throw e;
        }
    }

    private void startTraced() throws TraceException {
        TraceOptions options = traceOptions(TraceOptions.defaults());
        TraceSession s;
        if (source instanceof Source.Command c) {
            options = options.withInheritedFds(c.inheritedFds());
            s = TraceSession.launch(c.argv(), options);
            beforeLaunch();
        } else {
            List<Integer> pids = beforeAttach(((Source.Attach) source).pids());
            s = TraceSession.attach(pids, options);
        }
        s.addListener(tracer());
        configure(s);
        s.onError(e -> errors.accept(e));
        synchronized (this) {
            session = s;
            if (stopRequested) s.detach();
        }
        s.startAsync().whenComplete((status, failure) -> finish(status, failure));
    }

    private void startSystem() throws TraceException {
        SystemFeed<?> feed = openSystem();
        synchronized (this) {
            system = feed.source();
            if (stopRequested) feed.source().close();
        }
        Thread t = new Thread(() -> {
            Throwable failure = null;
            try {
                feed.run();
            } catch (Throwable e) {
                failure = e;
            } finally {
                feed.source().close();
            }
            finish(failure == null ? 0 : null, failure);
        }, "jstrace-view-system");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Tracing has ended: the drops are reported, then the streams end and {@link #waitFor()}
     * returns, so that a reader at the end of a stream, or back from waitFor, has seen the report.
     */
    private void finish(Integer status, Throwable failure) {
        ended = true;
        long n = dropped.get();
        if (n > 0) {
            try {
                droppedReport.accept(n);
            } catch (RuntimeException x) {
                errors.accept(x);
            }
        }
        for (EventQueue<E> q : streams) q.end();
        if (failure != null) done.completeExceptionally(failure);
        else done.complete(status);
    }

    /**
     * Hands an event to the callbacks, then to every stream, when it passes the filters.
     * Called by the view's state table on the tracing thread.
     */
    protected final void emit(E e) {
        if (e == null || !filter.test(e)) return;
        for (Consumer<? super E> c : callbacks) {
            try {
                c.accept(e);
            } catch (RuntimeException x) {
                errors.accept(x);
            }
        }
        for (EventQueue<E> q : streams) q.offer(e);
    }

    /**
     * Waits until tracing ends: the command and all its descendants are gone, the traced
     * processes are gone, or {@link #stop()} was called.
     *
     * @return the command's exit status as a shell shows it ({@code 128 + N} after signal
     *     N); 0 for the other sources
     * @throws TraceException when starting or tracing failed
     * @throws IllegalStateException when the view was never started
     */
    public final int waitFor() throws TraceException, InterruptedException {
        synchronized (this) {
            if (state != State.STARTED && !done.isDone()) throw new IllegalStateException("view not started");
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TraceException t) throw t;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new TraceException(String.valueOf(e.getCause()));
        }
    }

    /**
     * Stops: detaches from the traced processes, which run on, or closes the system-wide
     * source. Safe from any thread (a signal handler), before {@link #start()} too (then
     * the view stops as soon as it starts); calling it again does nothing more.
     */
    public final void stop() {
        TraceSession s;
        SystemSource<?> c;
        synchronized (this) {
            stopRequested = true;
            s = session;
            c = system;
        }
        if (s != null) s.detach();
        if (c != null) c.close();
    }

    /** Stops if still running; a view never started cannot be started after. */
    @Override
    public final void close() {
        synchronized (this) {
            if (state == State.NEW) {
                state = State.CLOSED;
                return;
            }
        }
        if (!done.isDone()) stop();
    }

    /** Whether tracing has ended (or failed to start). */
    public final boolean isDone() {
        return done.isDone();
    }

    // ---- what a view supplies

    /** The trace options for a traced source, from {@code defaults}: which syscalls stop, seccomp, forks. */
    protected TraceOptions traceOptions(TraceOptions defaults) {
        return defaults.withFollowForks(true);
    }

    /** The listener that feeds the view's state table from a traced source; called once, in {@link #start()}. */
    protected abstract TraceListener tracer();

    /** Before a command is launched (its program found): e.g. the state table learns of jstrace itself. */
    protected void beforeLaunch() {}

    /**
     * What a view adds to its session before it starts, after its {@link #tracer()}:
     * breakpoints, further listeners. Nothing by default.
     */
    protected void configure(TraceSession session) {}

    /**
     * Before processes are attached to: the pids to seize, e.g. each one's descendants too.
     *
     * @throws TraceException when a process does not exist
     */
    protected List<Integer> beforeAttach(List<Integer> pids) throws TraceException {
        return pids;
    }

    /**
     * Opens the view's system-wide source and says what to do with its events; called
     * once, in {@link #start()}, on the starting thread.
     *
     * @throws TraceException when it cannot be opened
     */
    protected abstract SystemFeed<?> openSystem() throws TraceException;

    /**
     * A system-wide source and what the view does with each of its events (on the view's
     * system thread; the handler calls {@link #emit} for the view events it makes).
     */
    protected record SystemFeed<S>(SystemSource<S> source, Consumer<? super S> handler) {
        public SystemFeed {
            Objects.requireNonNull(source);
            Objects.requireNonNull(handler);
        }

        void run() throws TraceException {
            for (S e; (e = source.next()) != null; ) handler.accept(e);
        }
    }
}
