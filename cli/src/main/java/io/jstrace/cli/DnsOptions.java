package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jstrace dns}'s options: tracep's letters with tracep's meanings, where they fit. */
final class DnsOptions {
    List<String> pids;
    boolean system;
    String output;
    boolean json;
    boolean time;
    boolean namesOnly;
    boolean flat;
    List<String> names;
    String domain;
    List<String> types;
    List<String> ports;
    boolean help;
    List<String> command = new ArrayList<>();

    /** picocli's model of these options, one row each, bound to this object's fields. */
    CommandSpec spec() {
        return new OptionTable("jstrace dns", "Show every DNS query of CMD and its descendants, or of processes"
                + " PID..., with its answers, rcode and latency: UDP and TCP to port 53, read from the syscalls"
                + " that carry them, attributed to the exact pid and thread.")
                .synopsis("jstrace dns [OPTIONS] [--] CMD [ARGS...]\n       jstrace dns [OPTIONS] -p PID[,PID...]\n       jstrace dns [OPTIONS] --system")
                .list("-p --pid", "PID", ",",
                        "attach to these processes (and follow their new children); tracep's -p filters instead",
                        v -> pids = v)
                .flag("--system", "every DNS packet of the machine (root): captured on every interface, each query"
                        + " attributed to its socket's process", v -> system = v)
                .value("-o --output", "FILE", String.class,
                        "write to FILE (- for standard output) instead of standard error (standard output without a command: -p, --system)",
                        v -> output = v)
                .flag("-j --json", "one JSON object per exchange (docs/jstrace-dns.schema.json)", v -> json = v)
                .flag("-t --time", "show the time of each query (JSON: ts)", v -> time = v)
                .flag("-q --names-only", "print only the queried names", v -> namesOnly = v)
                .flag("-f --flat", "flat output: no column alignment", v -> flat = v)
                .list("-n --name", "NAME", ",", "only these process names (command names)", v -> names = v)
                .value("-d --domain", "DOMAIN", String.class, "only queries whose name contains DOMAIN",
                        v -> domain = v)
                .list("-T --type", "TYPE", ",", "only these record types (A, AAAA, MX, ...)", v -> types = v)
                .list("--port", "PORT", ",", "server ports that carry DNS (default 53)", v -> ports = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("CMD", "the command to run, with its arguments", v -> command = v);
    }
}
