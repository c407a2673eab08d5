package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jstrace net}'s options: tracep's letters where they fit, and which events to show. */
final class NetOptions {
    String pids;
    boolean system;
    String output;
    boolean json;
    boolean closes;
    boolean states;
    boolean user;
    boolean reverse;
    boolean ipv4;
    boolean ipv6;
    boolean outbound;
    boolean listening;
    boolean noTcpInfo;
    boolean help;
    List<String> command = new ArrayList<>();

    /** picocli's model of these options, one row each, bound to this object's fields. */
    CommandSpec spec() {
        return new OptionTable("jstrace net", "Show every connection of CMD and its descendants, or of processes PID"
                + " and their descendants: TCP, UDP flows per peer, unix sockets; pid, addresses, direction"
                + " (-> out, <- in, <-> not known), connect outcome and latency, and with -t the close with"
                + " duration, exact bytes and calls each way and the kernel's TCP counters.")
                .synopsis("jstrace net [OPTIONS] [--] CMD [ARGS...]\n       jstrace net [OPTIONS] -p PID[,PID...]\n       jstrace net [OPTIONS] --system")
                .value("-p", "PID[,PID...]", String.class,
                        "attach to these processes and their descendants", v -> pids = v)
                .flag("--system", "every socket of the machine (root): sock_diag snapshots and close notifications,"
                        + " owners from the process-events connector", v -> system = v)
                .value("-o --output", "FILE", String.class,
                        "write to FILE (- for standard output) instead of standard error (standard output without a command)",
                        v -> output = v)
                .flag("-j --json", "one JSON object per event (docs/jstrace-net.schema.json)", v -> json = v)
                .flag("-t --close", "also show each connection's close: duration, bytes/calls sent and received,"
                        + " TCP counters", v -> closes = v)
                .flag("-U --states", "also show state changes (a non-blocking connect, its outcome, shutdown,"
                        + " reset)", v -> states = v)
                .flag("-u --user", "show the owning user of each connection", v -> user = v)
                .flag("-r", "reverse DNS of remote addresses (ptr=NAME; looked up aside, cached)", v -> reverse = v)
                .flag("-4", "IPv4 only", v -> ipv4 = v)
                .flag("-6", "IPv6 only", v -> ipv6 = v)
                .flag("-O --outbound", "outbound connections only", v -> outbound = v)
                .flag("-l --listening", "also show sockets that start listening", v -> listening = v)
                .flag("--no-tcp-info", "do not read the kernel's TCP counters at close", v -> noTcpInfo = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("CMD", "the command to run, with its arguments", v -> command = v);
    }
}
