package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT sent to jstrace alone, as strace takes it: in its interactive mode (the trace on
 * stderr, or -p) it detaches and exits 130; with -o FILE and a command it ignores it.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class InterruptTest {
    @TempDir
    Path dir;

    /** Starts jstrace with {@code args}, lets the command run, sends jstrace SIGINT; jstrace's exit status. */
    private Process interrupted(List<String> args) throws Exception {
        Process j = JstraceProcess.builder(dir, args).start();
        awaitTracedChild(j);
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(j.pid())).start().waitFor();
        assertTrue(j.waitFor(20, TimeUnit.SECONDS), "jstrace did not exit");
        return j;
    }

    /** Until jstrace traces its command: its handlers are installed by then, however slow its start. */
    private static void awaitTracedChild(Process j) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && j.isAlive()) {
            for (ProcessHandle c : j.children().toList()) {
                try {
                    for (String l : Files.readAllLines(Path.of("/proc/" + c.pid() + "/status"))) {
                        if (l.startsWith("TracerPid:") && !l.endsWith("\t0")) return; // the tracer thread
                    }
                } catch (java.io.IOException e) {
                    // gone (jstrace's own short-lived children)
                }
            }
            Thread.sleep(20);
        }
    }

    @Test
    void interactiveDetaches() throws Exception {
        Process j = interrupted(List.of("-e", "trace=clock_nanosleep", "sleep", "10"));
        String err = new String(j.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(130, j.exitValue(), err);
        assertTrue(err.contains(" <detached ...>\n"), err);
    }

    @Test
    void nonInteractiveIgnoresIt() throws Exception {
        Path log = dir.resolve("log");
        Process j = interrupted(List.of("-o", log.toString(), "-e", "trace=clock_nanosleep", "sleep", "2"));
        assertEquals(0, j.exitValue());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(0).startsWith("clock_nanosleep("), lines.toString());
        assertEquals("+++ exited with 0 +++", lines.get(lines.size() - 1));
    }
}
