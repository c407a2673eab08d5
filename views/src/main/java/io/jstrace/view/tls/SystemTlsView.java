package io.jstrace.view.tls;

import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Uprobes;
import io.jstrace.view.Source;
import io.jstrace.view.View;
import io.jstrace.view.ViewBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The tls view of the whole machine (root): every call of a TLS library's plaintext
 * function by any process, through uprobes on every libssl and libgnutls found
 * ({@link TlsLibraries}), with the process, the direction, the bytes moved and the
 * connection's server name ({@link SystemTls}). Nothing is stopped and nothing is traced:
 * the kernel records each hit and the process runs on.
 *
 * <pre>{@code
 * try (SystemTlsView v = SystemTlsView.system().build()) {
 *     v.onEvent(c -> System.out.println(c.pid() + " " + c.function() + " " + c.length() + " " + c.sni()));
 *     v.start();
 *     Thread.sleep(10_000);
 * }
 * }</pre>
 *
 * <p>What it cannot see: a TLS stack that is no shared library of these (Go's, Java's
 * JSSE, a program's static copy of OpenSSL), and the plaintext itself (use
 * {@link TlsView} with {@code --plaintext} on a command or processes for that).
 */
public final class SystemTlsView extends View<TlsCall> {
    private final Pattern library;
    private List<Path> probed = List.of();

    private SystemTlsView(Builder b, ViewBuilder.Config<TlsCall> config) {
        super(config);
        this.library = b.library;
    }

    /** The view of the whole machine. */
    public static Builder system() {
        return new Builder();
    }

    @Override
    public SystemTlsView onEvent(Consumer<? super TlsCall> c) {
        super.onEvent(c);
        return this;
    }

    @Override
    public SystemTlsView onError(Consumer<Throwable> handler) {
        super.onError(handler);
        return this;
    }

    /** The libraries whose functions were probed, once started. */
    public List<Path> libraries() {
        return probed;
    }

    @Override
    protected TraceListener tracer() {
        throw new IllegalStateException("tls: the machine's view traces nothing");
    }

    @Override
    protected SystemFeed<?> openSystem() throws TraceException {
        Uprobes.checkPrivileges("tls: --system");
        SystemTls table = new SystemTls(TlsLibraries.find(library), this::emit);
        if (table.probes().isEmpty()) {
            throw new TraceException("tls: --system: no TLS library (libssl, libgnutls) found"
                    + (library == null ? "" : " whose path matches " + library.pattern()));
        }
        Uprobes uprobes;
        try {
            uprobes = Uprobes.open(table.probes());
        } catch (TraceException e) {
            throw new TraceException("tls: --system: " + e.getMessage());
        }
        probed = table.libraries();
        return new SystemFeed<>(uprobes, table::accept);
    }

    /** How a {@link SystemTlsView} is set up; {@link #build()} makes it. */
    public static final class Builder extends ViewBuilder<TlsCall, Builder> {
        private Pattern library;

        private Builder() {
            super(new Source.System());
        }

        /** Only the libraries whose path {@code regex} finds (tracep's {@code -l LIB}). */
        public Builder library(String regex) {
            library = Pattern.compile(regex);
            return this;
        }

        /** Only the calls of these processes (tracep's {@code -p PID,...}). */
        public Builder pids(Set<Integer> pids) {
            Set<Integer> p = Set.copyOf(pids);
            return filter(c -> p.contains(c.pid()));
        }

        public SystemTlsView build() {
            return new SystemTlsView(this, config());
        }
    }
}
