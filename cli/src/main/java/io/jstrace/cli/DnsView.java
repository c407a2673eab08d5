package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.Renderer;
import io.jstrace.view.View;
import io.jstrace.view.dns.DnsEvent;
import io.jstrace.view.dns.DnsJson;
import io.jstrace.view.dns.DnsText;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code jstrace dns}: one line (or JSON object) per DNS exchange of a command or of running processes. */
final class DnsView {
    private final PrintStream err;
    private PrintWriter out;
    private Renderer<DnsEvent> renderer;
    private DnsOptions o;
    private boolean headerPrinted;

    DnsView(PrintStream err) {
        this.err = err;
    }

    int run(String[] args) {
        o = new DnsOptions();
        CommandLine cl = OptionTable.getopt(o.spec());
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(Jstrace.optionMessage(e));
        }
        if (o.help) {
            cl.usage(System.out);
            return 0;
        }
        if (o.system) {
            err.println("jstrace: dns: --system is not supported yet: trace a command or -p PID");
            return 1;
        }
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.pids != null ? 1 : 0);
        if (sources != 1) return usageError("dns: need exactly one of CMD [ARGS] and -p PID[,PID...]");
        try {
            return watch(builder().build());
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    private io.jstrace.view.dns.DnsView.Builder builder() {
        io.jstrace.view.dns.DnsView.Builder b;
        if (o.pids != null) {
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
        out = writer();
        renderer = o.json ? new DnsJson(o.time) : new DnsText(o.time, o.flat, o.namesOnly);
        view.onEvent(e -> print(renderer.line(e))).onError(e -> err.println(Jstrace.problem(e)));
        view.onDropped(n -> err.println(View.droppedMessage(n)));
        Signals.onTermination(sig -> view.stop());
        view.start();
        header();
        int status;
        try {
            status = view.waitFor();
        } catch (InterruptedException e) {
            status = 1;
        }
        out.flush();
        if (o.output != null && !o.output.equals("-")) out.close();
        return o.command.isEmpty() ? 0 : status;
    }

    private synchronized void header() {
        if (headerPrinted || renderer.header() == null) return;
        headerPrinted = true;
        print(renderer.header());
    }

    private synchronized void print(String line) {
        if (!headerPrinted) header();
        out.println(line);
        out.flush();
    }

    /** -o FILE (- for standard output); else standard error beside a command's own output, standard output without one. */
    private PrintWriter writer() throws IOException {
        if (o.output != null && !o.output.equals("-")) {
            return new PrintWriter(new OutputStreamWriter(new FileOutputStream(o.output), StandardCharsets.UTF_8));
        }
        PrintStream s = o.command.isEmpty() || o.output != null ? System.out : err;
        return new PrintWriter(new OutputStreamWriter(s, StandardCharsets.UTF_8));
    }

    private int usageError(String message) {
        err.println("jstrace: " + message);
        err.println("Try 'jstrace dns -h' for more information.");
        return 1;
    }

    static boolean isDnsView(String[] args) {
        return args.length > 0 && args[0].equals("dns");
    }
}
