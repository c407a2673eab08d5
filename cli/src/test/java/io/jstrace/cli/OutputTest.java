package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Where output goes: -o, -A, -ff. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class OutputTest {
    @TempDir
    Path dir;

    @Test
    void ffWritesOneFilePerProcessWithoutPrefixes() throws Exception {
        Path prog = TestPrograms.compile("fork");
        Path base = dir.resolve("trace");
        var r = JstraceProcess.run(prog.getParent(),
                List.of("-ff", "-e", "trace=fork,exit_group", "-e", "signal=none", "-o", base.toString(), "./fork"));
        assertEquals("", r.stderr());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        String parent = Files.readString(files.get(0));
        String child = Files.readString(files.get(1));
        assertTrue(parent.startsWith("fork()"), parent);
        assertTrue(parent.endsWith("exit_group(0)                           = ?\n+++ exited with 0 +++\n"), parent);
        assertTrue(child.endsWith("exit_group(42)                          = ?\n+++ exited with 42 +++\n"), child);
        long childTid = Long.parseLong(files.get(1).getFileName().toString().substring("trace.".length()));
        assertTrue(parent.contains("= " + childTid + "\n"), parent);
    }

    @Test
    void ffOnAProgramThatForksTwiceMakesThreeFiles() throws Exception {
        Path prog = TestPrograms.compile("fork_twice");
        Path base = dir.resolve("t");
        var r = JstraceProcess.run(prog.getParent(),
                List.of("-ff", "-e", "trace=write,exit_group", "-e", "signal=none", "-o", base.toString(),
                        prog.toString()));
        assertEquals(0, r.exit(), r.stderr());
        List<String> texts = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) texts.add(Files.readString(p));
        }
        assertEquals(List.of(
                line("exit_group(0)", "?") + "+++ exited with 0 +++\n",
                line("write(1, \"one\\n\", 4)", "4") + line("exit_group(1)", "?") + "+++ exited with 1 +++\n",
                line("write(1, \"two\\n\", 4)", "4") + line("exit_group(2)", "?") + "+++ exited with 2 +++\n"),
                texts);
    }

    /** A syscall line as strace aligns it: the call padded to column 39, then " = ". */
    private static String line(String call, String ret) {
        return String.format("%-39s = %s%n", call, ret);
    }

    @Test
    void pipeToACommand() throws Exception {
        Path out = dir.resolve("counted");
        var r = JstraceProcess.run(dir, List.of("-e", "trace=exit_group", "-o", "|wc -l > " + out, "/bin/true"));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("2", Files.readString(out).trim());
    }

    /**
     * A terminal's Ctrl-C with {@code -o FILE}: the SIGINT reaches jstrace and the command
     * (one process group); jstrace ignores it, as strace does, and records the command's end.
     */
    @Test
    void interruptLosesNothingAlreadySeen() throws Exception {
        Path log = dir.resolve("log");
        Path prog = TestPrograms.compile("busy_threads");
        Process j = JstraceProcess.builder(dir, List.of("-f", "-o", log.toString(), prog.toString())).start();
        j.getInputStream().read(); // the target says "ready" through us
        Thread.sleep(1000);
        for (ProcessHandle p : j.toHandle().children().toList()) {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        }
        new ProcessBuilder("kill", "-INT", Long.toString(j.pid())).start().waitFor();
        assertTrue(j.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(130, j.exitValue());
        String trace = Files.readString(log);
        assertTrue(trace.endsWith(" +++ killed by SIGINT +++\n"), trace.substring(Math.max(0, trace.length() - 200)));
        long calls = trace.lines().filter(l -> l.contains("getppid()")).count();
        assertTrue(calls > 50, "only " + calls + " getppid records");
        assertTrue(trace.lines().allMatch(l -> l.matches("\\d+ +\\S.*")), "a line without its pid prefix");
    }

    @Test
    void appendKeepsWhatWasThere() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "before\n");
        var r = JstraceProcess.run(dir, List.of("-A", "-o", log.toString(), "-e", "trace=exit_group", "/bin/true"));
        assertEquals(0, r.exit());
        assertEquals("before\nexit_group(0)                           = ?\n+++ exited with 0 +++\n", Files.readString(log));
    }
}
