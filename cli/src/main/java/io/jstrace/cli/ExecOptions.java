package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jstrace exec}'s options: which programs to watch and how to show them. */
final class ExecOptions {
    Integer pid;
    boolean system;
    String output;
    boolean json;
    boolean failed;
    boolean cwd;
    boolean env;
    boolean tree;
    String only;
    String cgroup;
    Integer uid;
    String comm;
    boolean help;
    List<String> command = new ArrayList<>();

    /** picocli's model of these options, one row each, bound to this object's fields. */
    CommandSpec spec() {
        return new OptionTable("jstrace exec", "Show every program started by CMD and its descendants, by process"
                + " PID and its descendants, or on the whole machine (--system): argv, exit status and duration.")
                .synopsis("jstrace exec [OPTIONS] [--] CMD [ARGS...]\n       jstrace exec [OPTIONS] -p PID\n       jstrace exec [OPTIONS] --system")
                .value("-p", "PID", Integer.class,
                        "attach to PID and its descendants; with --system, report only them", v -> pid = v)
                .flag("--system",
                        "the whole machine, through the kernel's process-events connector (root)", v -> system = v)
                .value("-o --output", "FILE", String.class,
                        "write to FILE (- for standard output) instead of standard error (standard output without a command)",
                        v -> output = v)
                .flag("-j --json", "one JSON object per event (docs/jstrace-exec.schema.json)", v -> json = v)
                .flag("-x --failed", "also show execs that failed, with their errno", v -> failed = v)
                .flag("--cwd", "show each program's working directory", v -> cwd = v)
                .flag("--env", "show each program's environment changes against its parent's", v -> env = v)
                .flag("--tree",
                        "at the end, the process tree with argv, exit statuses and durations", v -> tree = v)
                .value("--only", "TAG", String.class, "only execs tagged git-commit or build", v -> only = v)
                .value("--cgroup", "PATH", String.class, "only members of this cgroup v2 group", v -> cgroup = v)
                .value("-u --uid", "UID", Integer.class, "only programs run by this real user id", v -> uid = v)
                .value("--comm", "REGEX", String.class,
                        "only programs whose command name matches REGEX", v -> comm = v)
                .help("-h --help", "show this help", v -> help = v)
                .positionals("CMD", "the command to run, with its arguments", v -> command = v);
    }
}
