package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jstrace exec}'s options: which programs to watch and how to show them. */
@Command(name = "jstrace exec", sortOptions = false,
        description = "Show every program started by CMD and its descendants, by process PID and its descendants, "
                + "or on the whole machine (--system): argv, exit status and duration.")
final class ExecOptions {
    @Option(names = "-p", paramLabel = "PID",
            description = "attach to PID and its descendants; with --system, report only them")
    Integer pid;

    @Option(names = "--system", description = "the whole machine, through the kernel's process-events connector (root)")
    boolean system;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard error "
            + "(standard output without a command)")
    String output;

    @Option(names = {"-j", "--json"}, description = "one JSON object per event (docs/jstrace-exec.schema.json)")
    boolean json;

    @Option(names = {"-x", "--failed"}, description = "also show execs that failed, with their errno")
    boolean failed;

    @Option(names = "--cwd", description = "show each program's working directory")
    boolean cwd;

    @Option(names = "--env", description = "show each program's environment changes against its parent's")
    boolean env;

    @Option(names = "--tree", description = "at the end, the process tree with argv, exit statuses and durations")
    boolean tree;

    @Option(names = "--only", paramLabel = "TAG", description = "only execs tagged git-commit or build")
    String only;

    @Option(names = "--cgroup", paramLabel = "PATH", description = "only members of this cgroup v2 group")
    String cgroup;

    @Option(names = {"-u", "--uid"}, paramLabel = "UID", description = "only programs run by this real user id")
    Integer uid;

    @Option(names = "--comm", paramLabel = "REGEX", description = "only programs whose command name matches REGEX")
    String comm;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Parameters(paramLabel = "CMD", description = "the command to run, with its arguments")
    List<String> command = new ArrayList<>();
}
