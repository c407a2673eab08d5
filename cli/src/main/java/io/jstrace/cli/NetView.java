package io.jstrace.cli;

import io.jstrace.core.TraceException;
import io.jstrace.view.Renderer;
import io.jstrace.view.View;
import io.jstrace.view.net.NetEvent;
import io.jstrace.view.net.NetJson;
import io.jstrace.view.net.NetText;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code jstrace net}: one line (or JSON object) per connection of a command or of
 * process trees as it opens, and with {@code -t} as it closes.
 */
final class NetView {
    private final PrintStream err;
    private PrintWriter out;
    private Renderer<NetEvent> renderer;
    private NetOptions o;
    private boolean headerPrinted;

    NetView(PrintStream err) {
        this.err = err;
    }

    int run(String[] args) {
        o = new NetOptions();
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
            err.println("jstrace: net: --system is not supported yet; trace a command or -p PID");
            return 1;
        }
        if (o.reverse) {
            err.println("jstrace: net: -r (reverse DNS) is not supported yet");
            return 1;
        }
        int sources = (o.command.isEmpty() ? 0 : 1) + (o.pids != null ? 1 : 0);
        if (sources != 1) return usageError("net: need exactly one of CMD [ARGS] and -p PID[,PID...]");
        if (o.ipv4 && o.ipv6) return usageError("net: -4 and -6 exclude each other");
        try {
            return watch(builder().build());
        } catch (TraceException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("jstrace: " + e.getMessage());
            return 1;
        }
    }

    private io.jstrace.view.net.NetView.Builder builder() {
        io.jstrace.view.net.NetView.Builder b = o.pids != null
                ? io.jstrace.view.net.NetView.attach(pids(o.pids))
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
        out = writer();
        renderer = o.json ? NetJson.RENDERER : new NetText(o.user);
        view.onEvent(this::print).onError(e -> err.println(Jstrace.problem(e)));
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
        out.println(renderer.header());
        out.flush();
    }

    private synchronized void print(NetEvent e) {
        if (!headerPrinted) header();
        out.println(renderer.line(e));
        out.flush();
    }

    /** -o FILE (-o -: standard output); else standard error beside a command's own output, standard output without one. */
    private PrintWriter writer() throws IOException {
        if ("-".equals(o.output)) return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        if (o.output != null) {
            return new PrintWriter(new OutputStreamWriter(new FileOutputStream(o.output), StandardCharsets.UTF_8));
        }
        PrintStream s = o.command.isEmpty() ? System.out : err;
        return new PrintWriter(new OutputStreamWriter(s, StandardCharsets.UTF_8));
    }

    private int usageError(String message) {
        err.println("jstrace: " + message);
        err.println("Try 'jstrace net -h' for more information.");
        return 1;
    }

    static boolean isNetView(String[] args) {
        return args.length > 0 && args[0].equals("net");
    }

    static String[] rest(String[] args) {
        return List.of(args).subList(1, args.length).toArray(new String[0]);
    }
}
