package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.dns.DnsEvent;
import io.jstrace.view.dns.DnsJson;
import io.jstrace.view.dns.DnsText;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/** {@code jstrace dns}: one line (or JSON object) per DNS exchange of a command or of running processes. */
final class DnsView {
    private final PrintStream err;
    private final ViewCommand<DnsEvent> lines;
    private DnsOptions o;

    DnsView(PrintStream err) {
        this.err = err;
        this.lines = new ViewCommand<>("dns", err);
    }

    int run(String[] args) {
        o = new DnsOptions();
        Integer done = lines.parse(o.spec(), args, () -> o.help);
        if (done != null) return done;
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.pids != null ? 1 : 0) + (o.system ? 1 : 0);
        if (sources != 1) return lines.usageError("dns: need exactly one of CMD [ARGS], -p PID[,PID...] and --system");
        try {
            return watch(builder().build());
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    private io.jstrace.view.dns.DnsView.Builder builder() {
        io.jstrace.view.dns.DnsView.Builder b;
        if (o.system) {
            b = io.jstrace.view.dns.DnsView.system();
        } else if (o.pids != null) {
            int[] pids = new int[o.pids.size()];
            for (int i = 0; i < pids.length; i++) pids[i] = number(o.pids.get(i), "-p");
            b = io.jstrace.view.dns.DnsView.attach(pids);
        } else {
            b = io.jstrace.view.dns.DnsView.command(o.command).inheritedFds(Jstrace.inheritedFds());
        }
        if (o.ports != null) {
            Set<Integer> ports = new HashSet<>();
            for (String p : o.ports) {
                int n = number(p, "--port");
                if (n < 1 || n > 65535) throw new IllegalArgumentException("dns: --port: out of range: " + p);
                ports.add(n);
            }
            b.ports(ports);
        }
        if (o.names != null) b.processNames(Set.copyOf(o.names));
        if (o.domain != null) b.domain(o.domain);
        if (o.types != null) b.types(Set.copyOf(o.types));
        return b;
    }

    private static int number(String s, String option) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dns: " + option + ": not a number: " + s);
        }
    }

    private int watch(io.jstrace.view.dns.DnsView view) throws TraceException, IOException {
        lines.open(o.output, !o.command.isEmpty(),
                o.json ? new DnsJson(o.time) : new DnsText(o.time, o.flat, o.namesOnly));
        return lines.watch(view, !o.command.isEmpty(), lines::event, () -> {});
    }
}
