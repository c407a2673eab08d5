package io.jstrace.core;

import io.jstrace.core.internal.Dispatcher;
import io.jstrace.core.internal.Launcher;
import io.jstrace.core.internal.PtraceLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A trace of one launched command or of attached processes.
 *
 * <p>Life cycle, as a JFR {@code RecordingStream}: create with {@link #launch} or
 * {@link #attach}, add listeners, then {@link #start()} (traces on the calling thread
 * until every tracee is gone) or {@link #startAsync()} (on a new platform thread), and
 * {@link #close()}. ptrace requires every request to come from the thread that seized the
 * tracee, so all tracing happens on that one thread, and listeners run on it while the
 * tracee is stopped.
 *
 * <pre>{@code
 * try (TraceSession session = TraceSession.launch(List.of("ls", "-l"), TraceOptions.defaults())) {
 *     session.addListener(new TraceListener() {
 *         public void onSyscallExit(SyscallExit exit, Tracee tracee) {
 *             System.out.println(exit.enter().name() + " = " + exit.returnValue());
 *         }
 *     });
 *     int status = session.start();
 * }
 * }</pre>
 */
public final class TraceSession implements AutoCloseable {
    private final TraceOptions options;
    private final List<byte[]> command;
    private final List<byte[]> environment;
    private final byte[] program;
    private final List<Integer> pids;
    private final Dispatcher dispatcher = new Dispatcher();
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    private volatile PtraceLoop loop;
    private volatile boolean started;
    private volatile boolean detachRequested;
    private volatile int forwardSignal;

    private TraceSession(TraceOptions options, List<byte[]> command, List<byte[]> environment, byte[] program,
            List<Integer> pids) {
        this.options = options;
        this.command = command;
        this.environment = environment;
        this.program = program;
        this.pids = pids;
    }

    /**
     * Prepares to launch {@code command}; nothing runs until {@link #start()}. The program
     * is looked up in {@code PATH} now, jstrace's own.
     *
     * <p>The command gets the bytes its words stand for as {@link TraceeText}: UTF-8, and a
     * byte that is not UTF-8 where its escape is, so a word read from a tracee or from
     * jstrace's own command line reaches the program byte for byte.
     *
     * @param command the program and its arguments, not empty
     * @throws TraceException when the program does not exist or is not executable
     */
    public static TraceSession launch(List<String> command, TraceOptions options) throws TraceException {
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        List<byte[]> argv = new ArrayList<>();
        for (String word : command) argv.add(TraceeText.bytes(word));
        List<byte[]> own = Launcher.inheritedEnvironment();
        List<byte[]> env = environment(Objects.requireNonNull(options), own);
        // in jstrace's own PATH, not the command's (-E PATH=... changes the command's alone)
        byte[] program = Launcher.resolve(io.jstrace.core.internal.jnr.Native.libc(), argv.get(0), own);
        return new TraceSession(options, List.copyOf(argv), env, program, List.of());
    }

    /**
     * Prepares to launch {@code command} and, once it is started, to attach to each of
     * {@code pids} as well (strace's {@code -p PID} given with a command).
     */
    public static TraceSession launch(List<String> command, List<Integer> pids, TraceOptions options)
            throws TraceException {
        TraceSession s = launch(command, options);
        return new TraceSession(s.options, s.command, s.environment, s.program, List.copyOf(pids));
    }

    /** Prepares to attach to every thread of each of {@code pids}; nothing happens until {@link #start()}. */
    public static TraceSession attach(List<Integer> pids, TraceOptions options) {
        if (pids.isEmpty()) throw new IllegalArgumentException("no pid");
        return new TraceSession(Objects.requireNonNull(options), List.of(), List.of(), null, List.copyOf(pids));
    }

    /**
     * Adds a listener. Listeners run on the tracer thread while the tracee is stopped.
     *
     * @throws IllegalStateException if the session has started
     */
    public void addListener(TraceListener listener) {
        if (started) throw new IllegalStateException("session already started");
        dispatcher.add(Objects.requireNonNull(listener));
    }

    /**
     * Stops every traced process at {@code breakpoint} (x86_64), reported to listeners'
     * {@link TraceListener#onBreakpoint}. The session then also traces every thread and sees
     * every fork (a forked child it does not follow gets its code back), and watches
     * {@code mmap} for libraries mapped later. On detach every breakpoint is taken out and
     * the processes run on unchanged. Without breakpoints none of this costs anything.
     *
     * @throws IllegalStateException if the session has started
     * @throws UnsupportedOperationException on an architecture other than x86_64
     */
    public void addBreakpoint(Breakpoint breakpoint) {
        if (started) throw new IllegalStateException("session already started");
        if (!(io.jstrace.arch.Arch.host() instanceof io.jstrace.arch.X86_64)) {
            throw new UnsupportedOperationException("breakpoints on " + io.jstrace.arch.Arch.host().name());
        }
        breakpoints.add(Objects.requireNonNull(breakpoint));
    }

    /** Where listeners' exceptions go; by default they are printed to standard error. */
    public void onError(Consumer<Throwable> handler) {
        dispatcher.onError(Objects.requireNonNull(handler));
    }

    /**
     * Launches or attaches, then traces on the calling thread until no tracee is left or
     * {@link #detach()} is called.
     *
     * @return the launched command's status as a shell reports it (its exit code, or 128 +
     *     the signal that killed it); 0 for attached processes
     * @throws TraceException when launching or attaching fails
     * @throws IllegalStateException if already started
     */
    private volatile int launchedSignal;

    public int start() throws TraceException {
        synchronized (this) {
            if (started) throw new IllegalStateException("session already started");
            started = true;
        }
        PtraceLoop l = new PtraceLoop(options, dispatcher, List.copyOf(breakpoints));
        if (program != null) l.launch(program, command, environment);
        if (!pids.isEmpty()) l.attach(pids);
        loop = l;
        if (detachRequested) l.requestDetach(forwardSignal);
        int status = l.run();
        launchedSignal = (status & 0x7f) != 0 && (status & 0xff) != 0x7f ? status & 0x7f : 0;
        return shellStatus(status);
    }

    /** The signal that killed the launched command once {@link #start()} has returned; 0 if it exited. */
    public int launchedSignal() {
        return launchedSignal;
    }

    /** Runs {@link #start()} on a new platform thread; the future completes with its result. */
    public CompletableFuture<Integer> startAsync() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(start());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "jstrace-tracer");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /**
     * Detaches from every tracee; {@link #start()} then returns. Attached processes run on
     * as they were (a stopped one stays stopped). Safe from any thread, e.g. a signal handler.
     */
    public void detach() {
        detach(0);
    }

    /**
     * Detaches as {@link #detach()}, then sends {@code signal} to the launched command, as
     * strace does when it is itself killed: the command it started gets the same signal.
     *
     * @param signal a signal number, or 0 for none
     */
    public void detach(int signal) {
        forwardSignal = signal;
        detachRequested = true;
        PtraceLoop l = loop;
        if (l != null) l.requestDetach(signal);
    }

    /** The pid of the launched command once started, or -1. */
    public int launchedPid() {
        PtraceLoop l = loop;
        return l == null ? -1 : l.launchedPid();
    }

    /** Detaches if tracing is still going on. */
    @Override
    public void close() {
        if (started) detach();
    }

    private static List<byte[]> environment(TraceOptions options, List<byte[]> own) {
        if (options.environment() == null) return own;
        List<byte[]> env = new ArrayList<>();
        for (String e : options.environment()) env.add(TraceeText.bytes(e));
        return env;
    }

    /** A wait status as a shell shows it: exit code, or 128 + signal number. */
    private static int shellStatus(int s) {
        return (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f);
    }
}
