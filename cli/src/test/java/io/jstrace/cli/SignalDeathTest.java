package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminating signals as strace handles them (strace.c: init's {@code interactive}, and
 * terminate's "mimic that"), on real processes through the ./jstrace launcher. A Python
 * parent (signal_parent.py) starts jstrace, signals it once the traced process is traced,
 * and reports how jstrace died as waitpid saw it (a negative returncode: WIFSIGNALED) and
 * how soon the traced process was detached.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class SignalDeathTest {
    private static final int SIGINT = 2, SIGTERM = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path jstrace;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void launcher() throws Exception {
        jstrace = LauncherScript.write(dir);
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    /**
     * The issue's reproducer: a {@code &} job of a script is given SIGINT ignored; jstrace
     * -p installs its handler anyway, detaches within a second, the process runs on
     * untraced, and jstrace dies of SIGINT: bash's {@code wait} says 130, and waitpid says
     * killed by signal 2 (strace does both).
     */
    @Test
    void attachedDetachesOnAnInheritedIgnoredSigintAndDiesOfIt() throws Exception {
        Process sleeper = start("sleep", "120");
        String bash = "\"$J\" -p " + sleeper.pid() + " -o log & until grep -q 'TracerPid:[[:space:]]*[1-9]' /proc/"
                + sleeper.pid() + "/status; do sleep 0.05; done; kill -INT $!; wait $!; echo $?";
        List<String> lines = output("bash", "-c", bash).lines().toList();
        assertEquals("130", lines.get(lines.size() - 1), "bash's wait: " + lines);
        assertTrue(lines.contains("jstrace: Process " + sleeper.pid() + " detached"), lines.toString());
        assertEquals("0", tracerOf(sleeper.pid()));

        JsonNode r = parent("--ignore-int", "--traced", Long.toString(sleeper.pid()), "--signal", "2", "--",
                jstrace.toString(), "-p", Long.toString(sleeper.pid()), "-o", dir.resolve("log2").toString());
        assertEquals(-SIGINT, r.get("returncode").asInt(), r.toString());
        assertTrue(r.get("detach_ms").asInt() < 1000, r.toString());
        assertTrue(sleeper.isAlive() && "0".equals(tracerOf(sleeper.pid())), "runs on, untraced");
        assertTrue(!r.get("state").asText().equals("t"), r.toString());
        assertTrue(r.get("stderr").asText().contains("jstrace: Process " + sleeper.pid() + " detached"), r.toString());
    }

    /** Launched, trace on stderr (interactive): SIGTERM detaches, kills the command with it, jstrace dies of it. */
    @Test
    void launchedDiesOfSigterm() throws Exception {
        JsonNode r = parent("--pidfile", "pid", "--signal", "15", "--", jstrace.toString(), "sh", "-c",
                "echo $$ > pid.tmp && mv pid.tmp pid && exec sleep 120");
        assertEquals(-SIGTERM, r.get("returncode").asInt(), r.toString());
        assertTrue(r.get("exit_ms").asInt() < 3000, r.toString());
    }

    /** strace's non-interactive mode (-o FILE and a command): SIGINT is the command's alone; its status is jstrace's. */
    @Test
    void nonInteractiveIgnoresSigint() throws Exception {
        JsonNode r = parent("--pidfile", "pid", "--signal", "2", "--", jstrace.toString(), "-o", "/dev/null", "sh",
                "-c", "echo $$ > pid.tmp && mv pid.tmp pid && sleep 2; exit 7");
        assertEquals(7, r.get("returncode").asInt(), r.toString());
    }

    /** The exec view over the whole machine, SIGINT inherited ignored: it stops and dies of SIGINT. */
    @Test
    @EnabledIf("io.jstrace.cli.ExecViewTest#root")
    void execSystemDiesOfAnInheritedIgnoredSigint() throws Exception {
        Path out = dir.resolve("system.log");
        JsonNode r = parent("--ignore-int", "--wait-file", out.toString(), "--signal", "2", "--", jstrace.toString(),
                "exec", "--system", "-o", out.toString());
        assertEquals(-SIGINT, r.get("returncode").asInt(), r.toString());
        assertTrue(r.get("exit_ms").asInt() < 2000, r.toString());
    }

    /**
     * Issue 17, 7: the trace goes to a pipe nobody reads and fills it; on SIGTERM the
     * tracee is detached and running within a second, and jstrace dies of SIGTERM.
     */
    @Test
    void aFullPipeDoesNotHoldUpTheDetach() throws Exception {
        Process busy = start("sh", "-c", "while :; do : > /dev/null; done");
        JsonNode r = parent("--unread-stderr", "--traced", Long.toString(busy.pid()), "--settle", "1.5", "--signal",
                "15", "--", jstrace.toString(), "-p", Long.toString(busy.pid()));
        assertTrue(r.get("detach_ms").isInt() && r.get("detach_ms").asInt() < 1000, r.toString());
        assertTrue(r.get("state").asText().startsWith("R") || r.get("state").asText().startsWith("S"), r.toString());
        assertEquals(-SIGTERM, r.get("returncode").asInt(), r.toString());
        assertTrue(busy.isAlive());
    }

    /** The same with -o FIFO whose reader does not read: detached at once, and the loss said on stderr. */
    @Test
    void aFifoNobodyReadsIsReported() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process busy = start("sh", "-c", "while :; do : > /dev/null; done");
        JsonNode r = parent("--fifo-reader", fifo.toString(), "--traced", Long.toString(busy.pid()), "--settle",
                "1.5", "--signal", "15", "--", jstrace.toString(), "-p", Long.toString(busy.pid()), "-o",
                fifo.toString());
        assertTrue(r.get("detach_ms").isInt() && r.get("detach_ms").asInt() < 1000, r.toString());
        assertEquals(-SIGTERM, r.get("returncode").asInt(), r.toString());
        assertTrue(r.get("stderr").asText().matches("(?s).*jstrace: " + fifo + ": [0-9]+ bytes not written: its reader did not read them\n.*"),
                r.toString());
    }

    private JsonNode parent(String... args) throws Exception {
        Path script = dir.resolve("signal_parent.py");
        try (InputStream in = getClass().getResourceAsStream("signal_parent.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        String out = output(command.toArray(String[]::new));
        return JSON.readTree(out);
    }

    private String output(String... command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("J", jstrace.toString());
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + List.of(command));
        }
        return out;
    }

    private Process start(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    private static String tracerOf(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("TracerPid:")) return l.substring(10).strip();
        }
        return null;
    }
}
