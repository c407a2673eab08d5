package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.net.NetEvent;
import io.jstrace.view.net.NetJson;
import io.jstrace.view.net.NetText;
import io.jstrace.view.net.ReverseDns;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code jstrace net}: one line (or JSON object) per connection of a command or of
 * process trees as it opens, and with {@code -t} as it closes.
 */
final class NetView {
    /** How long a line waits for its remote address's reverse-DNS name (-r) before it goes without. */
    private static final long REVERSE_WAIT_MS = 2000;
    private final PrintStream err;
    private final ViewCommand<NetEvent> lines;
    private NetOptions o;

    NetView(PrintStream err) {
        this.err = err;
        this.lines = new ViewCommand<>("net", err);
    }

    int run(String[] args) {
        o = new NetOptions();
        Integer done = lines.parse(o.spec(), args, () -> o.help);
        if (done != null) return done;
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.pids != null ? 1 : 0) + (o.system ? 1 : 0);
        if (sources != 1) return lines.usageError("net: need exactly one of CMD [ARGS], -p PID[,PID...] and --system");
        if (o.ipv4 && o.ipv6) return lines.usageError("net: -4 and -6 exclude each other");
        try {
            return watch(builder().build());
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    private io.jstrace.view.net.NetView.Builder builder() {
        io.jstrace.view.net.NetView.Builder b = o.system ? io.jstrace.view.net.NetView.system()
                : o.pids != null ? io.jstrace.view.net.NetView.attach(pids(o.pids))
                : io.jstrace.view.net.NetView.command(o.command);
        b.withUser(o.user).withTcpInfo(!o.noTcpInfo).inheritedFds(Jstrace.inheritedFds());
        b.filter(this::shown);
        return b;
    }

    private static int[] pids(String list) {
        String[] parts = list.split(",");
        int[] pids = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                pids[k] = Integer.parseInt(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("net: -p: not a process id: '" + parts[k] + "'");
            }
            if (pids[k] <= 0) throw new IllegalArgumentException("net: -p: not a process id: '" + parts[k] + "'");
        }
        return pids;
    }

    /** Which events the options show. */
    private boolean shown(NetEvent e) {
        switch (e.kind()) {
            case BLIND_SPOT -> {
                return true;
            }
            case CLOSE -> {
                if (!o.closes || (e.direction() == NetEvent.Direction.LISTEN && !o.listening)) return false;
            }
            case STATE -> {
                if (!o.states) return false;
            }
            case LISTEN -> {
                if (!o.listening) return false;
            }
            default -> {}
        }
        if (o.ipv4 && !"inet".equals(e.family())) return false;
        if (o.ipv6 && !"inet6".equals(e.family())) return false;
        return !o.outbound || e.outbound();
    }

    private int watch(io.jstrace.view.net.NetView view) throws TraceException, IOException {
        try (ReverseDns reverse = o.reverse ? new ReverseDns(REVERSE_WAIT_MS) : null) {
            if (reverse != null) view.onEvent(e -> reverse.prefetch(e.remote())); // on the tracer: starts, never waits
            lines.open(o.output, !o.command.isEmpty(), o.json ? (reverse != null ? NetJson.withReverse(reverse)
                    : NetJson.RENDERER) : new NetText(o.user, reverse));
            return lines.watch(view, !o.command.isEmpty(), lines::event, () -> {});
        }
    }
}
