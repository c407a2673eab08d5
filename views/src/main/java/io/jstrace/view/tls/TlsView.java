package io.jstrace.view.tls;

import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.view.Source;
import io.jstrace.view.View;
import io.jstrace.view.ViewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tls view as a library: every TLS connection of a command and its descendants, or of
 * running processes, read from the bytes their own socket syscalls move — so any TLS stack
 * (OpenSSL, GnuTLS, JSSE, Go, Rust), client or server side: the server name, ALPN offered
 * and chosen, versions offered and negotiated, cipher suite, resumption, the JA3 and JA4
 * client fingerprints, the handshake's duration and the application data each way.
 *
 * <pre>{@code
 * try (TlsView v = TlsView.command(List.of("curl", "-sk", "https://127.0.0.1:4433/")).build()) {
 *     v.onClose(e -> System.out.println(e.sni() + " " + e.version() + " " + e.cipher() + " " + e.ja4()));
 *     v.start();
 *     int status = v.waitFor();
 * }
 * }</pre>
 *
 * <p>Tracees stop at the syscalls that move bytes and at close (a seccomp filter for a
 * launched command); no breakpoint is set and nothing is decrypted. Connections already
 * open when tracing starts show as {@code not_tls} (their first bytes seen are mid-stream).
 * The whole machine is {@link SystemTlsView}: uprobes on its TLS libraries' calls.
 */
public final class TlsView extends View<TlsEvent> {
    /**
     * Bytes read of each transfer: a whole ClientHello, and enough of a big read or write
     * for the record headers inside it; beyond it a stream's record counts stop ({@link
     * TlsEvent#countsExact()}).
     */
    static final int PAYLOAD_LIMIT = 1 << 16;

    /** The bytes kept of each library call with {@code --plaintext}, -1 without it. */
    private final int plaintextCap;
    /** Which mapped files' TLS functions get breakpoints (a regular expression), null for all. */
    private final String library;
    private TlsTracker tracker;

    private TlsView(Builder b, ViewBuilder.Config<TlsEvent> config) {
        super(config);
        this.plaintextCap = b.plaintextCap;
        this.library = b.library;
    }

    /** A view that launches {@code argv} (PATH searched) and follows it and its descendants. */
    public static Builder command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("no command");
        return new Builder(new Source.Command(argv, Set.of(0, 1, 2)));
    }

    /** A view that attaches to each of {@code pids} and follows their forks from then on. */
    public static Builder attach(int... pids) {
        List<Integer> list = new ArrayList<>();
        for (int pid : pids) list.add(pid);
        return new Builder(new Source.Attach(list));
    }

    /** Calls {@code c} when a connection's ServerHello has been read. */
    public TlsView onHandshake(Consumer<TlsEvent> c) {
        onEvent(e -> e.kind() == TlsEvent.Kind.HANDSHAKE, c);
        return this;
    }

    /** Calls {@code c} when a connection ends, with its full record (TCP connections that were not TLS too). */
    public TlsView onClose(Consumer<TlsEvent> c) {
        onEvent(e -> e.kind() == TlsEvent.Kind.CLOSE, c);
        return this;
    }

    @Override
    public TlsView onEvent(Consumer<? super TlsEvent> c) {
        super.onEvent(c);
        return this;
    }

    @Override
    public TlsView onError(Consumer<Throwable> handler) {
        super.onError(handler);
        return this;
    }

    @Override
    protected TraceOptions traceOptions(TraceOptions defaults) {
        TraceOptions o = defaults.withFollowForks(true).withPayloads(PAYLOAD_LIMIT)
                .withSyscalls(s -> TlsTracker.SYSCALLS.contains(s.name()));
        // With breakpoints every syscall stops: a seccomp filter outlives a detach, and a
        // command detached from would then get ENOSYS from the mmap the breakpoints watch.
        return plaintextCap < 0 ? o.withSeccompFilter(true) : PlaintextCapture.traceOptionsFor(o);
    }

    @Override
    protected TraceListener tracer() {
        tracker = new TlsTracker(this::emit);
        return tracker;
    }

    /** With {@code --plaintext}: breakpoints on the TLS libraries, each call's bytes added to its connection. */
    @Override
    protected void configure(TraceSession session) {
        if (plaintextCap < 0) return;
        TlsTracker t = tracker;
        new PlaintextCapture(plaintextCap, e -> t.plaintext(e.pid(), e.fd(), new TlsPlaintext(
                e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano(), e.tid(), e.function(),
                e.direction() == PlaintextEvent.Direction.WRITE ? "write" : "read", e.length(), e.data(),
                e.truncated()))).install(session, library);
    }

    @Override
    protected SystemFeed<?> openSystem() throws TraceException {
        throw new TraceException("tls: the machine's TLS calls are SystemTlsView's: trace a command or -p PID");
    }

    /** How a {@link TlsView} is set up; {@link #build()} makes it. */
    public static final class Builder extends ViewBuilder<TlsEvent, Builder> {
        private int plaintextCap = -1;
        private String library;

        private Builder(Source source) {
            super(source);
        }

        /**
         * The plaintext of every TLS library call (OpenSSL, LibreSSL, BoringSSL, GnuTLS), at
         * most {@code cap} bytes each, through breakpoints on the library's functions
         * ({@link PlaintextCapture}), in the connection's {@link TlsEvent#plaintext()}. Every
         * syscall then stops. x86_64 only.
         */
        public Builder plaintext(int cap) {
            if (cap < 0) throw new IllegalArgumentException("tls: plaintext cap " + cap);
            plaintextCap = cap;
            return this;
        }

        /** With {@link #plaintext}: only in the mapped files whose path {@code regex} finds (tracep's {@code -l LIB}). */
        public Builder library(String regex) {
            java.util.regex.Pattern.compile(regex); // a bad one fails here, not in the tracee
            library = regex;
            return this;
        }

        /** Only TLS connections: those whose first bytes were not a ClientHello left out. */
        public Builder tlsOnly() {
            return filter(TlsEvent::tls);
        }

        public TlsView build() {
            if (source() instanceof Source.System) throw new IllegalStateException("tls: the machine is SystemTlsView's");
            if (library != null && plaintextCap < 0) throw new IllegalStateException("tls: -l LIB is for --plaintext");
            return new TlsView(this, config());
        }
    }
}
