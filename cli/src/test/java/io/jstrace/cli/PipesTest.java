package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output where pipes expect it (DESIGN.md, Views): a view with a command writes to standard
 * error, as strace does; with no command ({@code --system}, {@code -p}) to standard output;
 * {@code -o -} is standard output, in the views and in the trace itself. Each case is a real
 * pipe from jstrace into the real jq, which fails on anything that is not JSON.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class PipesTest {
    @TempDir
    Path dir;

    /** What the last stage of a pipeline left: its status, its stdout; the first stage's status and stderr. */
    record Piped(int jstrace, String jstraceErr, int jq, List<String> lines) {}

    /** {@code jstrace ARGS | jq -c JQARGS}, the pipe made by the JDK; ends when jstrace ends. */
    private Piped pipe(List<String> args, String... jqArgs) throws Exception {
        List<Process> ps = start(args, jqArgs);
        Process jstrace = ps.get(0), jq = ps.get(1);
        assertTrue(jstrace.waitFor(60, TimeUnit.SECONDS), "jstrace ended");
        return finish(jstrace, jq);
    }

    private List<Process> start(List<String> args, String... jqArgs) throws Exception {
        ProcessBuilder jstrace = JstraceProcess.builder(dir, args)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("jstrace.err").toFile());
        jstrace.command().add(1, "-Djstrace.fds=0,1,2"); // as the launcher runs it: stdout is let go unless used
        List<String> jqCommand = new java.util.ArrayList<>(List.of("jq", "-c"));
        jqCommand.addAll(List.of(jqArgs));
        ProcessBuilder jq = new ProcessBuilder(jqCommand).directory(dir.toFile())
                .redirectOutput(dir.resolve("jq.out").toFile()).redirectError(dir.resolve("jq.err").toFile());
        return ProcessBuilder.startPipeline(List.of(jstrace, jq));
    }

    private Piped finish(Process jstrace, Process jq) throws Exception {
        assertTrue(jq.waitFor(30, TimeUnit.SECONDS), "jq ended");
        assertEquals("", Files.readString(dir.resolve("jq.err")), "jq read JSON only");
        return new Piped(jstrace.exitValue(), Files.readString(dir.resolve("jstrace.err")), jq.exitValue(),
                Files.readAllLines(dir.resolve("jq.out")));
    }

    @Test
    void execViewWithCommandAndDashOWritesJsonToThePipe() throws Exception {
        Piped p = pipe(List.of("exec", "-j", "-o", "-", "--", "sh", "-c", "/bin/echo hi >/dev/null; exit 3"),
                "[.event, .argv]");
        assertEquals(3, p.jstrace(), "the command's status");
        assertEquals(0, p.jq());
        assertEquals(List.of("[\"exec\",[\"sh\",\"-c\",\"/bin/echo hi >/dev/null; exit 3\"]]",
                "[\"exec\",[\"/bin/echo\",\"hi\"]]", "[\"exit\",[\"/bin/echo\",\"hi\"]]",
                "[\"exit\",[\"sh\",\"-c\",\"/bin/echo hi >/dev/null; exit 3\"]]"), p.lines());
        assertEquals("", p.jstraceErr());
    }

    @Test
    void execViewWithCommandWritesToStandardErrorAsStraceDoes() throws Exception {
        Piped p = pipe(List.of("exec", "-j", "--", "/bin/true"), ".argv");
        assertEquals(0, p.jstrace());
        assertEquals(List.of(), p.lines(), "nothing on the pipe");
        assertTrue(p.jstraceErr().contains("\"argv\":[\"/bin/true\"]"), p.jstraceErr());
    }

    @Test
    void traceWithDashOWritesItsJsonToThePipe() throws Exception {
        Piped p = pipe(List.of("-f", "--json", "-o", "-", "-e", "trace=openat", "sh", "-c", "cat /etc/hostname >/dev/null"),
                "select(.type==\"syscall\" and .args.filename==\"/etc/hostname\") | [.name, .ret >= 0]");
        assertEquals(0, p.jstrace());
        assertEquals(0, p.jq());
        assertEquals(List.of("[\"openat\",true]"), p.lines());
    }

    @Test
    void traceTextWithDashOGoesToStandardOutput() throws Exception {
        Piped p = pipe(List.of("-o", "-", "-e", "trace=close", "/bin/true"), "-R", "-r", ".");
        assertEquals(0, p.jstrace());
        assertEquals(List.of("close(3)                                = 0", "+++ exited with 0 +++"), p.lines().subList(
                p.lines().size() - 2, p.lines().size()));
        JstraceProcess.Result r = JstraceProcess.run(dir, List.of("-o", "-", "-e", "trace=close", "/bin/true"));
        assertEquals(0, r.exit());
        assertTrue(r.stdout().contains("close(3)") && r.stdout().endsWith("+++ exited with 0 +++\n"), r.stdout());
        assertTrue(Files.notExists(dir.resolve("-")), "no file named -");
        assertEquals("", r.stderr());
    }

    /** {@code jstrace exec --system -j | jq}: no command, so the view writes to standard output. */
    @Test
    @EnabledIf("root")
    void execSystemWritesJsonToThePipe() throws Exception {
        Path prog = dir.resolve("pipes-marker-" + ProcessHandle.current().pid());
        Files.copy(Path.of("/bin/true"), prog);
        prog.toFile().setExecutable(true);
        List<Process> ps = start(List.of("exec", "--system", "-j"),
                "select(.filename==\"" + prog + "\") | [.event, .argv]");
        Process jstrace = ps.get(0), jq = ps.get(1);
        Path out = dir.resolve("jq.out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline && !Files.readString(out).contains("\"exit\"")) {
                new ProcessBuilder(prog.toString(), "x").start().waitFor();
                Thread.sleep(200);
            }
        } finally {
            jstrace.destroy(); // SIGTERM, as a user stops it
        }
        assertTrue(jstrace.waitFor(20, TimeUnit.SECONDS), "jstrace ends on SIGTERM");
        Piped p = finish(jstrace, jq);
        assertEquals(0, p.jq());
        assertTrue(p.lines().contains("[\"exec\",[\"" + prog + "\",\"x\"]]"), p.lines().toString());
        assertTrue(p.lines().contains("[\"exit\",[\"" + prog + "\",\"x\"]]"), p.lines().toString());
    }

    static boolean root() {
        return new File("/proc/self").exists() && "0".equals(uid());
    }

    private static String uid() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return s;
        } catch (Exception e) {
            return "";
        }
    }
}
