package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.Renderer;
import io.jstrace.view.tls.SystemTlsView;
import io.jstrace.view.tls.TlsCall;
import io.jstrace.view.tls.TlsCallJson;
import io.jstrace.view.tls.TlsCallSummary;
import io.jstrace.view.tls.TlsCallText;
import io.jstrace.view.tls.TlsEvent;
import io.jstrace.view.tls.TlsJson;
import io.jstrace.view.tls.TlsSummary;
import io.jstrace.view.tls.TlsText;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code jstrace tls}: one line (or JSON object) per TLS connection of a command or of
 * running processes as it closes, or with {@code -s} a summary at the end.
 */
final class TlsView {
    private final PrintStream err;
    private final ViewCommand<TlsEvent> lines;
    private TlsOptions o;

    TlsView(PrintStream err) {
        this.err = err;
        this.lines = new ViewCommand<>("tls", err);
    }

    int run(String[] args) {
        o = new TlsOptions();
        Integer done = lines.parse(o.spec(), args, () -> o.help);
        if (done != null) return done;
        if (o.system) return system();
        if (!o.plaintext && (o.library != null || o.plaintextCap != null || o.hex)) {
            return lines.usageError("tls: -l, --plaintext-cap and --hex go with --plaintext");
        }
        if (o.plaintextCap != null && o.plaintextCap < 0) return lines.usageError("tls: invalid --plaintext-cap: " + o.plaintextCap);
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.pids != null ? 1 : 0);
        if (sources != 1) return lines.usageError("tls: need exactly one of CMD [ARGS] and -p PID[,PID...]");
        try {
            return watch(builder().build());
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --system}: every TLS library call on the machine, through uprobes; {@code -p} keeps some processes. */
    private int system() {
        if (!o.command.isEmpty()) return lines.usageError("tls: --system traces no command");
        if (o.plaintext || o.plaintextCap != null || o.hex) {
            return lines.usageError("tls: --plaintext traces a command or -p PID: not with --system");
        }
        ViewCommand<TlsCall> calls = new ViewCommand<>("tls", err);
        try {
            SystemTlsView.Builder b = SystemTlsView.system();
            if (o.library != null) b.library(o.library);
            if (o.pids != null) b.pids(pidSet(pids(o.pids)));
            if (!o.verbose) b.filter(TlsCall::ok);
            SystemTlsView view = b.build();
            if (o.summary) {
                TlsCallSummary summary = new TlsCallSummary();
                calls.open(o.output, false, c -> null);
                return calls.watch(view, false, summary::add, () -> {
                    if (o.json) calls.print(summary.json());
                    else summary.text().forEach(calls::print);
                });
            }
            Renderer<TlsCall> r = o.json ? TlsCallJson.RENDERER : new TlsCallText(o.verbose);
            calls.open(o.output, false, o.quiet ? r::line : r);
            return calls.watch(view, false, calls::event, () -> {});
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    private static java.util.Set<Integer> pidSet(int[] pids) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int p : pids) set.add(p);
        return set;
    }

    private io.jstrace.view.tls.TlsView.Builder builder() {
        io.jstrace.view.tls.TlsView.Builder b = o.pids != null
                ? io.jstrace.view.tls.TlsView.attach(pids(o.pids))
                : io.jstrace.view.tls.TlsView.command(o.command).inheritedFds(Jstrace.inheritedFds());
        if (!o.verbose) b.tlsOnly().filter(e -> e.kind() == TlsEvent.Kind.CLOSE);
        if (o.plaintext) b.plaintext(o.plaintextCap != null ? o.plaintextCap : 4096);
        if (o.library != null) b.library(o.library);
        return b;
    }

    private static int[] pids(String list) {
        String[] parts = list.split(",");
        int[] pids = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                pids[k] = Integer.parseInt(parts[k].trim());
            } catch (NumberFormatException e) {
                pids[k] = -1;
            }
            if (pids[k] <= 0) throw new IllegalArgumentException("tls: -p: not a process id: '" + parts[k] + "'");
        }
        return pids;
    }

    private int watch(io.jstrace.view.tls.TlsView view) throws TraceException, IOException {
        boolean command = !o.command.isEmpty();
        if (o.summary) {
            TlsSummary summary = new TlsSummary();
            lines.open(o.output, command, e -> null);
            return lines.watch(view, command, summary::add, () -> {
                if (o.json) lines.print(summary.json());
                else summary.text().forEach(lines::print);
            });
        }
        Renderer<TlsEvent> r = o.json ? TlsJson.RENDERER : new TlsText(o.verbose, o.hex);
        lines.open(o.output, command, o.quiet ? r::line : r);
        return lines.watch(view, command, lines::event, () -> {});
    }
}
