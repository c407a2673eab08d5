package io.jstrace.view.term;

import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.view.Source;
import io.jstrace.view.View;
import io.jstrace.view.ViewBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The terminal recorder on the view skeleton: what a command (and its descendants) or a
 * running process writes to and, with {@link Builder#captureInput}, reads from any
 * terminal descriptor, with SIGWINCH and the size right after it, the sizes the program
 * reads (TIOCGWINSZ), terminal mode changes (TCSETS*) and other signals; each event with
 * its pid, tid and fd.
 *
 * <pre>{@code
 * try (TermView v = TermView.command(List.of("ls", "--color")).build();
 *      TraceWriter w = TraceWriter.open(Format.ASCIICAST_V3, out, v.metadata())) {
 *     v.onEvent(e -> w.write(e));   // IOException: wrap
 *     v.start();
 *     int status = v.waitFor();
 * }
 * }</pre>
 *
 * <p>A launched command stops only at the syscalls the recorder needs (a seccomp filter);
 * an attached process ({@code -p}) stops at every syscall.
 */
public final class TermView extends View<TermEvent> {
    /** Bytes read of one transfer: larger writes are cut, and a marker says how much was lost. */
    static final int PAYLOAD_LIMIT = 1 << 20;
    private final boolean input;
    private final long start;
    private final Size initialSize;

    private TermView(Builder b, ViewBuilder.Config<TermEvent> config) {
        super(config);
        this.input = b.input;
        this.start = b.start.getEpochSecond() * 1_000_000_000L + b.start.getNano();
        this.initialSize = b.initialSize;
    }

    public static Builder command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("no command");
        return new Builder(new Source.Command(argv, Set.of(0, 1, 2)));
    }

    public static Builder attach(int pid) {
        return new Builder(new Source.Attach(List.of(pid)));
    }

    @Override
    public TermView onEvent(java.util.function.Consumer<? super TermEvent> c) {
        super.onEvent(c);
        return this;
    }

    @Override
    protected TraceOptions traceOptions(TraceOptions defaults) {
        return defaults.withFollowForks(true).withSeccompFilter(true).withPayloads(PAYLOAD_LIMIT)
                .withSyscalls(s -> TermTracker.SYSCALLS.contains(s.name()));
    }

    @Override
    protected TraceListener tracer() {
        return new TermTracker(input, start, initialSize, this::emit);
    }

    @Override
    protected SystemFeed<?> openSystem() throws TraceException {
        throw new TraceException("record: the whole machine is not supported: record a command or -p PID");
    }

    /** How a {@link TermView} is set up. */
    public static final class Builder extends ViewBuilder<TermEvent, Builder> {
        private boolean input;
        private Instant start = Instant.now();
        private Size initialSize;

        private Builder(Source source) {
            super(source);
        }

        /** Records what the programs read from the terminal too (off by default, as asciinema's). */
        public Builder captureInput(boolean capture) {
            input = capture;
            return this;
        }

        /** The moment event times count from (by default when the builder was made). */
        public Builder start(Instant at) {
            start = at;
            return this;
        }

        /** The size at the start: a SIGWINCH that finds the same size adds no resize. */
        public Builder initialSize(Size size) {
            initialSize = size;
            return this;
        }

        public TermView build() {
            return new TermView(this, config());
        }
    }
}
