package io.jstrace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real command line in its own JVM, as a user runs ./jstrace. */
final class JstraceProcess {
    /** What a run left behind. */
    record Result(int exit, String stdout, String stderr) {}

    private JstraceProcess() {}

    static ProcessBuilder builder(Path dir, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    /**
     * Runs {@code options -o LOG command} under jstrace and under the system strace, in
     * {@code workdir}, with stdout a pipe for both; returns {jstrace's log, strace's log}.
     */
    static Path[] besideStrace(Path logs, Path workdir, List<String> options, List<String> command)
            throws IOException, InterruptedException {
        Path ours = logs.resolve("jstrace.log");
        Path theirs = logs.resolve("strace.log");
        List<String> j = new ArrayList<>(options);
        j.addAll(List.of("-o", ours.toString()));
        j.addAll(command);
        run(workdir, j);
        List<String> s = new ArrayList<>(List.of("strace"));
        s.addAll(options);
        s.addAll(List.of("-o", theirs.toString()));
        s.addAll(command);
        Process p = new ProcessBuilder(s).directory(workdir.toFile()).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new Path[] {ours, theirs};
    }

    static Result run(Path dir, List<String> args) throws IOException, InterruptedException {
        Process p = builder(dir, args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jstrace did not finish: " + args);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1),
                new String(err, StandardCharsets.ISO_8859_1));
    }
}
