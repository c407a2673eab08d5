package io.jstrace.view.net;

import io.jstrace.core.MergedSource;
import io.jstrace.core.ProcessEvents;
import io.jstrace.core.SocketMonitor;
import io.jstrace.core.SocketOwners;
import io.jstrace.core.SystemSource;
import io.jstrace.core.SocketHolders;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.view.Source;
import io.jstrace.view.View;
import io.jstrace.view.ViewBuilder;
import io.jstrace.view.dns.DnsAnswers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The net view as a library: every connection of a command and its descendants, or of
 * running process trees — TCP, UDP flows per peer, unix stream and datagram sockets,
 * listening sockets — with the exact pid and thread, addresses, direction, connect
 * outcome and latency, duration, and the bytes and calls sent and received, exact from
 * the syscalls' return values; TCP sockets also get the kernel's counters (bytes acked
 * and received, retransmits, rtt) read through sock_diag just before their last close.
 *
 * <pre>{@code
 * try (NetView v = NetView.command(List.of("curl", "-s", "http://127.0.0.1:8000/")).build()) {
 *     v.onClose(e -> System.out.println(e.remote() + " " + e.txBytes() + " " + e.rxBytes()));
 *     v.start();
 *     int status = v.waitFor();
 * }
 * }</pre>
 *
 * <p>Tracees stop only at the socket, descriptor and transfer syscalls (a seccomp filter
 * selects them for a launched command); of each transfer the view reads at most its first
 * {@value DnsAnswers#PAYLOAD_LIMIT} bytes, for the process's own DNS answers: a
 * connection's {@link NetEvent#dnsName()} is the name they gave for its remote address. A
 * process that sets up io_uring (or maps a socket) is reported with a
 * {@link NetEvent.Kind#BLIND_SPOT} event and its connections are flagged
 * {@link NetEvent#ioUring()}: their counts may miss what moved without syscalls.
 *
 * <p>The whole machine ({@link #system()}, root) is watched without ptrace: sock_diag
 * snapshots and destroy notifications, owners from the process-events connector's
 * process table (see {@link SystemConnections} for what it can and cannot know).
 */
public final class NetView extends View<NetEvent> {
    private final NetSettings settings;

    private NetView(Builder b, ViewBuilder.Config<NetEvent> config) {
        super(config);
        this.settings = b.settings;
    }

    /** A view that launches {@code argv} (PATH searched) and follows it and its descendants. */
    public static Builder command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("no command");
        return new Builder(new Source.Command(argv, Set.of(0, 1, 2)));
    }

    /** A view that attaches to each of {@code pids} and the descendants they have now, and follows their forks. */
    public static Builder attach(int... pids) {
        List<Integer> list = new ArrayList<>();
        for (int pid : pids) list.add(pid);
        return new Builder(new Source.Attach(list));
    }

    /** A view of every socket on the machine (its network namespace); needs root. */
    public static Builder system() {
        return new Builder(new Source.System());
    }

    /** Connections as they open (their connect's outcome known, or accepted, or first used). */
    public NetView onOpen(Consumer<NetEvent> c) {
        onEvent(e -> e.kind() == NetEvent.Kind.OPEN, c);
        return this;
    }

    /** Connections as they end: the full record with byte counts and duration. */
    public NetView onClose(Consumer<NetEvent> c) {
        onEvent(e -> e.kind() == NetEvent.Kind.CLOSE, c);
        return this;
    }

    /** State changes: a non-blocking connect in progress and its outcome, shutdowns, resets. */
    public NetView onState(Consumer<NetEvent> c) {
        onEvent(e -> e.kind() == NetEvent.Kind.STATE, c);
        return this;
    }

    /** Sockets that start listening. */
    public NetView onListen(Consumer<NetEvent> c) {
        onEvent(e -> e.kind() == NetEvent.Kind.LISTEN, c);
        return this;
    }

    /** Processes that set up I/O the syscalls do not show (io_uring, a mapped socket). */
    public NetView onBlindSpot(Consumer<NetEvent> c) {
        onEvent(e -> e.kind() == NetEvent.Kind.BLIND_SPOT, c);
        return this;
    }

    @Override
    public NetView onEvent(Consumer<? super NetEvent> c) {
        super.onEvent(c);
        return this;
    }

    @Override
    public NetView onError(Consumer<Throwable> handler) {
        super.onError(handler);
        return this;
    }

    @Override
    protected TraceOptions traceOptions(TraceOptions defaults) {
        return defaults.withFollowForks(true).withSeccompFilter(true).withPayloads(DnsAnswers.PAYLOAD_LIMIT)
                .withSyscalls(s -> Connections.SYSCALLS.contains(s.name()));
    }

    @Override
    protected TraceListener tracer() {
        return new Connections(settings, this::emit);
    }

    /** Each process and its descendants now. */
    @Override
    protected List<Integer> beforeAttach(List<Integer> pids) throws TraceException {
        Set<Integer> all = new LinkedHashSet<>();
        for (int pid : pids) {
            ProcessHandle h = ProcessHandle.of(pid).orElse(null);
            if (h == null) throw new TraceException("attach: ptrace(PTRACE_SEIZE, " + pid + "): No such process");
            all.add(pid);
            h.descendants().forEach(d -> all.add((int) d.pid()));
        }
        return List.copyOf(all);
    }

    @Override
    protected SystemFeed<?> openSystem() throws TraceException {
        SocketOwners.checkPrivileges("net: --system");
        SocketMonitor monitor = SocketMonitor.open(settings.interval());
        SocketHolders holders = new SocketHolders(true);
        SystemConnections table = new SystemConnections(settings, this::emit, holders);
        ProcessEvents events;
        try {
            // with the connects' and accepts' audit records: a connection too short for a snapshot is still named
            events = ProcessEvents.open(Set.of(ProcessEvents.Audited.CONNECTIONS));
        } catch (TraceException | RuntimeException e) {
            monitor.close();
            holders.close();
            throw e;
        }
        table.owners().auditing(events.auditRefusal() == null);
        // the process table on a thread of its own: a socket's question may wait for its record
        SystemSource<SocketMonitor.Event> feed = MergedSource.alongside(monitor, events, table.owners()::accept);
        return new SystemFeed<>(holders.alongside(feed), table::accept);
    }

    /** How a {@link NetView} is set up; {@link #build()} makes it. */
    public static final class Builder extends ViewBuilder<NetEvent, Builder> {
        private NetSettings settings = NetSettings.defaults();

        private Builder(Source source) {
            super(source);
        }

        /** Reads each TCP socket's kernel counters before its last close (on by default). */
        public Builder withTcpInfo(boolean read) {
            settings = new NetSettings(read, settings.user(), settings.interval());
            return this;
        }

        /** Reads each process's owning user ({@link NetEvent#uid()}, {@link NetEvent#user()}). */
        public Builder withUser(boolean user) {
            settings = new NetSettings(settings.tcpInfo(), user, settings.interval());
            return this;
        }

        /** How often the system source lists every socket (100 ms by default; closes come at once). */
        public Builder withInterval(java.time.Duration interval) {
            settings = new NetSettings(settings.tcpInfo(), settings.user(), interval);
            return this;
        }

        public NetView build() {
            return new NetView(this, config());
        }
    }
}
