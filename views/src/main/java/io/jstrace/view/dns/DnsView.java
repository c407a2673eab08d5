package io.jstrace.view.dns;

import io.jstrace.core.MergedSource;
import io.jstrace.core.PacketCapture;
import io.jstrace.core.ProcessEvents;
import io.jstrace.core.SocketOwners;
import io.jstrace.core.SystemSource;
import io.jstrace.core.SocketHolders;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.view.Source;
import io.jstrace.view.View;
import io.jstrace.view.ViewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The dns view as a library: every DNS exchange of a command and its descendants, or of
 * running processes, read from the bytes their syscalls move (UDP and TCP to port 53 by
 * default), with the exact pid and tid of the asker.
 *
 * <pre>{@code
 * try (DnsView v = DnsView.command(List.of("getent", "ahosts", "example.com")).build()) {
 *     v.onExchange(e -> System.out.println(e.query() + " " + e.type() + " " + e.rcode() + " " + e.answers()));
 *     v.start();
 *     int status = v.waitFor();
 * }
 * }</pre>
 *
 * <p>Tracees stop only at the syscalls that move bytes and at close (a seccomp filter for
 * a launched command). Callbacks run on the tracing thread, in order; {@link #events()}
 * hands the same events to another thread through a bounded queue. The whole machine
 * ({@link #system()}, root) is read from captured packets, without ptrace: see
 * {@link SystemDns}.
 */
public final class DnsView extends View<DnsEvent> {
    /** Bytes read of each transfer: a whole DNS message over UDP or TCP. */
    static final int PAYLOAD_LIMIT = 65_537;
    private final Set<Integer> ports;

    private DnsView(Builder b, ViewBuilder.Config<DnsEvent> config) {
        super(config);
        this.ports = Set.copyOf(b.ports);
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

    /** A view of every DNS packet on the machine (its network namespace); needs root. */
    public static Builder system() {
        return new Builder(new Source.System());
    }

    /** Calls {@code c} for each query that was answered (and each response that matched no query). */
    public DnsView onExchange(Consumer<DnsEvent> c) {
        onEvent(e -> !e.timeout(), c);
        return this;
    }

    /** Calls {@code c} for each query left without a response when its socket closed or its process ended. */
    public DnsView onTimeout(Consumer<DnsEvent> c) {
        onEvent(DnsEvent::timeout, c);
        return this;
    }

    @Override
    public DnsView onEvent(Consumer<? super DnsEvent> c) {
        super.onEvent(c);
        return this;
    }

    @Override
    public DnsView onError(Consumer<Throwable> handler) {
        super.onError(handler);
        return this;
    }

    @Override
    protected TraceOptions traceOptions(TraceOptions defaults) {
        return defaults.withFollowForks(true).withSeccompFilter(true).withPayloads(PAYLOAD_LIMIT)
                .withSyscalls(s -> DnsTracker.SYSCALLS.contains(s.name()));
    }

    @Override
    protected TraceListener tracer() {
        return new DnsTracker(ports, this::emit);
    }

    @Override
    protected SystemFeed<?> openSystem() throws TraceException {
        SocketOwners.checkPrivileges("dns: --system");
        PacketCapture capture = PacketCapture.open(ports);
        SocketHolders holders = new SocketHolders(false);
        ProcessEvents connector;
        try {
            // the connects' audit records: a client gone before its socket is looked up is still named
            connector = ProcessEvents.open(Set.of(ProcessEvents.Audited.CONNECTIONS));
        } catch (TraceException | RuntimeException e) {
            capture.close();
            holders.close();
            throw e;
        }
        SystemDns table = new SystemDns(ports, this::emit, holders);
        table.owners().auditing(connector.auditRefusal() == null);
        // packets on the view's thread as they come: a query's socket is looked up before it closes
        SystemSource<PacketCapture.Packet> feed = MergedSource.alongside(capture, connector, table.owners()::accept);
        return new SystemFeed<>(holders.alongside(feed), table::accept);
    }

    /** How a {@link DnsView} is set up; {@link #build()} makes it. */
    public static final class Builder extends ViewBuilder<DnsEvent, Builder> {
        private Set<Integer> ports = Set.of(53);

        private Builder(Source source) {
            super(source);
        }

        /** The server ports whose traffic is DNS (53 by default). */
        public Builder ports(Set<Integer> serverPorts) {
            if (serverPorts.isEmpty()) throw new IllegalArgumentException("no port");
            ports = Set.copyOf(serverPorts);
            return this;
        }

        /** Only processes whose command name is one of {@code names} (tracep's {@code -n}). */
        public Builder processNames(Set<String> names) {
            Set<String> n = Set.copyOf(names);
            return filter(e -> e.comm() != null && n.contains(e.comm()));
        }

        /** Only queries whose name contains {@code part}, ignoring case (tracep's {@code -d}). */
        public Builder domain(String part) {
            String d = part.toLowerCase(Locale.ROOT);
            return filter(e -> e.query() != null && e.query().toLowerCase(Locale.ROOT).contains(d));
        }

        /** Only queries of these types ({@code A}, {@code AAAA}, ...; tracep's {@code -T}). */
        public Builder types(Set<String> types) {
            Set<String> t = new java.util.HashSet<>();
            for (String s : types) {
                int n = DnsTypes.typeNumber(s.trim());
                if (n < 0) throw new IllegalArgumentException("dns: unknown record type: " + s);
                t.add(DnsTypes.type(n));
            }
            return filter(e -> e.type() != null && t.contains(e.type()));
        }

        public DnsView build() {
            return new DnsView(this, config());
        }
    }
}
