package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.syscalls.Signal;
import io.jstrace.testdata.TestPrograms;
import io.jstrace.view.exec.ExecEvent;
import io.jstrace.view.exec.ExecTracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The exec view on real process trees, through the library and through {@code jstrace exec}. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class ExecViewTest {
    private static final String LOOP_1000 = "i=0; while [ $i -lt 1000 ]; do /bin/true; i=$((i+1)); done";

    @TempDir
    Path dir;

    static boolean hasMakeAndCc() {
        return TestPrograms.onPath("make") != null && TestPrograms.onPath("cc") != null;
    }

    static boolean hasGit() {
        return TestPrograms.onPath("git") != null;
    }

    /** Every event of a traced command, and its exit status. */
    private record Run(List<ExecEvent> events, int status) {
        List<ExecEvent> of(ExecEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).toList();
        }

        ExecEvent execOf(String argv0) {
            return of(ExecEvent.Kind.EXEC).stream().filter(e -> e.argv().get(0).equals(argv0)).findFirst().orElseThrow(
                    () -> new AssertionError("no exec of " + argv0 + " in " + events));
        }

        ExecEvent exitOf(int pid) {
            return of(ExecEvent.Kind.EXIT).stream().filter(e -> e.pid() == pid).findFirst().orElseThrow();
        }
    }

    private Run trace(ExecTracer.Builder builder) throws Exception {
        List<ExecEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ExecTracer t = builder.inheritedFds(Set.of()).build()) {
            t.onExec(events::add).onExit(events::add);
            t.start();
            int status = t.waitFor();
            return new Run(List.copyOf(events), status);
        }
    }

    @Test
    void nestedShellsEachWithTheirParentAndStatus() throws Exception {
        Run r = trace(ExecTracer.command(List.of("sh", "-c", "sh -c 'sh -c \"/bin/true x\"; exit 3'; exit 5")));
        assertEquals(5, r.status());
        List<ExecEvent> execs = r.of(ExecEvent.Kind.EXEC);
        assertEquals(4, execs.size(), execs.toString());
        for (int i = 1; i < 4; i++) assertEquals(execs.get(i - 1).pid(), execs.get(i).ppid(), execs.toString());
        assertEquals("/usr/bin/sh", execs.get(0).filename());
        assertEquals("jstrace", execs.get(0).comm());
        assertEquals("sh", execs.get(1).comm(), "the name before the exec");
        assertEquals(List.of("/bin/true", "x"), execs.get(3).argv());
        assertEquals("/bin/true", execs.get(3).filename());
        assertEquals(0, r.exitOf(execs.get(3).pid()).status().code());
        assertEquals(3, r.exitOf(execs.get(1).pid()).status().code());
        assertEquals(5, r.exitOf(execs.get(0).pid()).status().code());
        assertTrue(r.exitOf(execs.get(0).pid()).duration().toNanos() > 0);
    }

    @Test
    @EnabledIf("hasMakeAndCc")
    void aMakefileBuildingTwoCFiles() throws Exception {
        Files.writeString(dir.resolve("a.c"), "int a(void) { return 1; }\n");
        Files.writeString(dir.resolve("b.c"), "int a(void);\nint main(void) { return a() - 1; }\n");
        Files.writeString(dir.resolve("Makefile"), "prog: a.o b.o\n\tcc -o prog a.o b.o\n%.o: %.c\n\tcc -c $< -o $@\n");
        Run r = trace(ExecTracer.command(List.of("make", "-C", dir.toString(), "-j2")).withCwd(true));
        assertEquals(0, r.status());
        ExecEvent make = r.execOf("make");
        assertTrue(make.isBuildCommand() && !make.isGitCommit());
        List<List<String>> compiles = r.of(ExecEvent.Kind.EXEC).stream().filter(e -> e.argv().get(0).equals("cc"))
                .map(ExecEvent::argv).sorted((x, y) -> x.toString().compareTo(y.toString())).toList();
        assertEquals(List.of(List.of("cc", "-c", "a.c", "-o", "a.o"), List.of("cc", "-c", "b.c", "-o", "b.o"),
                List.of("cc", "-o", "prog", "a.o", "b.o")), compiles);
        for (ExecEvent e : r.of(ExecEvent.Kind.EXEC)) {
            if (e.argv().get(0).equals("cc")) {
                assertTrue(e.isBuildCommand(), e.toString());
                assertEquals(make.pid(), e.ppid());
                assertEquals(dir.toRealPath().toString(), e.cwd());
                assertEquals(0, r.exitOf(e.pid()).status().code());
            }
        }
        assertTrue(Files.exists(dir.resolve("prog")));
    }

    @Test
    @EnabledIf("hasGit")
    void gitCommitInAFreshRepository() throws Exception {
        String script = "git init -q repo && git -C repo -c user.name=t -c user.email=t@example.com "
                + "commit -q --allow-empty -m first && git -C repo log --oneline >/dev/null";
        Run r = trace(ExecTracer.command(List.of("sh", "-c", "cd " + dir + " && " + script)));
        assertEquals(0, r.status());
        List<ExecEvent> commits = r.of(ExecEvent.Kind.EXEC).stream().filter(ExecEvent::isGitCommit).toList();
        assertEquals(1, commits.size(), r.events().toString());
        assertTrue(commits.get(0).argv().contains("commit"));
        assertFalse(r.execOf("git").isBuildCommand());
    }

    @Test
    void aProcessKilledByASignal() throws Exception {
        Run r = trace(ExecTracer.command(List.of("sh", "-c", "/bin/sleep 5 & sleep 0.3; kill -9 $!; wait; kill -SEGV $$")));
        ExecEvent sleep = r.execOf("/bin/sleep");
        ExecEvent.ExitStatus s = r.exitOf(sleep.pid()).status();
        assertEquals(Signal.SIGKILL, s.signal());
        assertEquals(-1, s.code());
        ExecEvent.ExitStatus shell = r.exitOf(r.execOf("sh").pid()).status();
        assertEquals(Signal.SIGSEGV, shell.signal());
        assertEquals(128 + 11, r.status());
    }

    @Test
    void aFailingExecWithItsErrno() throws Exception {
        Run r = trace(ExecTracer.command(List.of("sh", "-c", "/nonexistent/prog a b 2>/dev/null; /bin/true"))
                .withFailedExecs(true));
        List<ExecEvent> failed = r.of(ExecEvent.Kind.EXEC_FAILED);
        assertEquals(1, failed.size(), r.events().toString());
        assertEquals("/nonexistent/prog", failed.get(0).filename());
        assertEquals(List.of("/nonexistent/prog", "a", "b"), failed.get(0).argv());
        assertEquals("ENOENT", failed.get(0).errno());
        assertEquals(2, r.of(ExecEvent.Kind.EXEC).size());
        Run quiet = trace(ExecTracer.command(List.of("sh", "-c", "/nonexistent/prog 2>/dev/null; true")));
        assertTrue(quiet.of(ExecEvent.Kind.EXEC_FAILED).isEmpty(), "only when asked for");
    }

    @Test
    void environmentChangesAgainstTheParent() throws Exception {
        Run r = trace(ExecTracer.command(List.of("sh", "-c", "JSTRACE_X=1 exec env -u HOME /bin/true"))
                .withEnvironment(true));
        ExecEvent env = r.execOf("env");
        assertEquals("1", env.environment().set().get("JSTRACE_X"));
        ExecEvent t = r.execOf("/bin/true");
        assertEquals(List.of("HOME"), t.environment().unset());
    }

    @Test
    void theStreamEndsWhenTheCommandDoes() throws Exception {
        try (ExecTracer t = ExecTracer.command(List.of("sh", "-c", "/bin/true; /bin/true")).inheritedFds(Set.of()).build()) {
            var stream = t.events();
            t.start();
            Map<ExecEvent.Kind, Long> kinds = stream.collect(Collectors.groupingBy(ExecEvent::kind, Collectors.counting()));
            assertEquals(3L, kinds.get(ExecEvent.Kind.EXEC));
            assertEquals(3L, kinds.get(ExecEvent.Kind.EXIT));
            assertEquals(0, t.waitFor());
        }
    }

    /**
     * The shell attached to is not our child but an orphan: a JVM's own children are waited
     * for by its process reaper thread, and a wait from any thread of the tracer's process
     * takes ptrace stops too (wait(2): __WNOTHREAD is the exception).
     */
    @Test
    void attachingFollowsTheTreeFromNowOn() throws Exception {
        Path go = dir.resolve("go");
        String loop = "while [ ! -e " + go + " ]; do /bin/sleep 0.05; done; /bin/echo attached >/dev/null; exit 6";
        Process starter = new ProcessBuilder("sh", "-c", "sh -c '" + loop + "' >/dev/null 2>&1 & echo $!").start();
        int shell = Integer.parseInt(new String(starter.getInputStream().readAllBytes()).strip());
        assertEquals(0, starter.waitFor());
        List<ExecEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ExecTracer t = ExecTracer.attach(shell).build()) {
            t.onExec(events::add).onExit(events::add);
            t.start();
            Files.createFile(go);
            assertEquals(0, t.waitFor(), "attached, there is no command's status");
        } finally {
            if (!Files.exists(go)) Files.createFile(go); // the orphan must end whatever happened
        }
        Run r = new Run(List.copyOf(events), 0);
        assertEquals(List.of("/bin/echo", "attached"), r.execOf("/bin/echo").argv());
        assertEquals(shell, r.execOf("/bin/echo").ppid());
        ExecEvent end = r.exitOf(shell);
        assertEquals(6, end.status().code());
        assertEquals(List.of("sh", "-c"), end.argv().subList(0, 2), "known from /proc at attach");
    }

    // ---- no loss, through the command line

    @Test
    void thousandExecsTracedAsText() throws Exception {
        Path out = dir.resolve("events.txt");
        var r = JstraceProcess.run(dir, List.of("exec", "-o", out.toString(), "--", "sh", "-c", LOOP_1000 + "; exit 7"));
        assertEquals(7, r.exit(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("TIME "), lines.get(0));
        long trues = lines.stream().filter(l -> l.contains(" exec ") && l.endsWith("/bin/true  /bin/true")).count();
        assertEquals(1000, trues);
        assertEquals(1000, lines.stream().filter(l -> l.contains(" exit ") && l.contains("exited 0")).count());
    }

    @Test
    void thousandExecsTracedAsJson() throws Exception {
        Path out = dir.resolve("events.json");
        var r = JstraceProcess.run(dir, List.of("exec", "-j", "-o", out.toString(), "--", "sh", "-c", LOOP_1000));
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1000, lines.stream().filter(l -> l.startsWith("{\"event\":\"exec\"")
                && l.contains("\"filename\":\"/bin/true\",\"argv\":[\"/bin/true\"]")).count());
        assertSchema(lines);
    }

    // ---- the whole machine, through the process-events connector (root here)

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Starts {@code jstrace exec --system ARGS -o OUT} and returns once it is listening. */
    private Process systemView(Path out, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("exec", "--system", "-o", out.toString()));
        a.addAll(List.of(args));
        Process p = JstraceProcess.builder(dir, a).redirectErrorStream(true)
                .redirectOutput(dir.resolve("system.err").toFile()).start();
        boolean json = a.contains("-j");
        long deadline = System.nanoTime() + 60_000_000_000L;
        // Text: the header is written once the connector listens. JSON: the first event,
        // which these execs of our own provoke.
        while (!Files.exists(out) || Files.size(out) == 0) {
            if (json) new ProcessBuilder("/bin/true").start().waitFor();
            if (!p.isAlive() || System.nanoTime() > deadline) throw new AssertionError("the view did not start");
            Thread.sleep(20);
        }
        return p;
    }

    private List<String> stop(Process view, Path out) throws Exception {
        Thread.sleep(500);
        new ProcessBuilder("kill", "-INT", Long.toString(view.pid())).start().waitFor();
        assertTrue(view.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "stops on SIGINT");
        // stopped by SIGINT, it dies of SIGINT as strace does (a shell sees 130)
        assertEquals(128 + 2, view.exitValue(), Files.readString(dir.resolve("system.err")));
        return Files.readAllLines(out);
    }

    private static long loop() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", LOOP_1000).start();
        assertEquals(0, shell.waitFor());
        return shell.pid();
    }

    @Test
    @EnabledIf("root")
    void thousandExecsSystemWideAsText() throws Exception {
        Path out = dir.resolve("system.txt");
        Process view = systemView(out);
        long shell = loop();
        List<String> lines = stop(view, out);
        // PPID is the fourth column; a /bin/true gone before /proc was read still has it.
        long execs = lines.stream().map(l -> l.split(" +")).filter(f -> f.length > 4 && f[1].equals("exec")
                && f[3].equals(Long.toString(shell))).count();
        assertTrue(execs >= 1000, execs + " execs of " + shell + "'s children");
    }

    @Test
    @EnabledIf("root")
    void thousandExecsSystemWideAsJson() throws Exception {
        Path out = dir.resolve("system.json");
        Process view = systemView(out, "-j");
        long shell = loop();
        List<String> lines = stop(view, out);
        long execs = lines.stream().filter(l -> l.startsWith("{\"event\":\"exec\"") && l.contains(",\"ppid\":" + shell + ","))
                .count();
        assertTrue(execs >= 1000, execs + " execs of " + shell + "'s children");
        assertSchema(lines);
    }

    /**
     * A jstrace killed with SIGKILL cannot give the audit socket back; the next one that
     * claims it removes the rule and restores the status the killed one saved, and then
     * leaves everything as it was before either ran.
     */
    @Test
    @EnabledIf("root")
    void aKilledSystemViewsAuditClaimIsUndoneByTheNext() throws Exception {
        String before = auditStatus();
        Path state = Path.of("/run/jstrace-audit.state");
        Process killed = systemView(dir.resolve("killed.txt"));
        assertTrue(Files.exists(state), "the claim's saved status");
        killed.destroyForcibly().waitFor();
        Path out = dir.resolve("next.txt");
        Process view = systemView(out);
        new ProcessBuilder("/bin/true", "after-kill").start().waitFor();
        List<String> lines = stop(view, out);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" exec ") && l.endsWith("/bin/true after-kill")),
                String.join("\n", lines));
        assertFalse(Files.exists(state));
        assertEquals(before, auditStatus());
    }

    /** enabled, failure, pid, backlog_limit and backlog_wait_time, as AUDIT_GET reports them. */
    private static String auditStatus() throws Exception {
        try (io.jstrace.core.internal.AuditSocket s = io.jstrace.core.internal.AuditSocket.open()) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(s.status()).order(java.nio.ByteOrder.nativeOrder());
            return b.getInt(4) + " " + b.getInt(8) + " " + b.getInt(12) + " " + b.getInt(20) + " " + b.getInt(36);
        }
    }

    /** A new group in the cgroup v2 hierarchy (wherever it is mounted), or null where none can be made. */
    private static Path newCgroup() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            if (dash < 0 || !line.startsWith("cgroup2 ", dash + 3)) continue;
            Path g = Path.of(line.split(" ")[4], "jstrace-test-" + ProcessHandle.current().pid());
            try {
                return Files.createDirectory(g);
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    @Test
    @EnabledIf("root")
    void onlyMembersOfTheCgroup() throws Exception {
        Path group = newCgroup();
        org.junit.jupiter.api.Assumptions.assumeTrue(group != null, "cgroup v2 is not writable here");
        try {
            Path out = dir.resolve("cgroup.txt");
            Process view = systemView(out, "--cgroup", group.toString());
            String inside = "echo $$ > " + group.resolve("cgroup.procs") + " && /bin/sleep 0.21 && sh -c '/bin/sleep 0.22'";
            assertEquals(0, new ProcessBuilder("sh", "-c", inside).start().waitFor());
            assertEquals(0, new ProcessBuilder("sh", "-c", "/bin/sleep 0.23; sh -c '/bin/sleep 0.24'").start().waitFor());
            List<String> lines = stop(view, out);
            String all = String.join("\n", lines);
            assertTrue(all.contains("sleep 0.21") && all.contains("sleep 0.22"), all);
            assertFalse(all.contains("sleep 0.23") || all.contains("sleep 0.24"), all);
        } finally {
            Files.deleteIfExists(group);
        }
    }

    @Test
    void badUsageGetsStracesTwoLines() throws Exception {
        var r = JstraceProcess.run(dir, List.of("exec", "--only", "tests", "true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: exec: --only takes git-commit or build\nTry 'jstrace exec -h' for more information.\n",
                r.stderr());
        var none = JstraceProcess.run(dir, List.of("exec"));
        assertEquals(1, none.exit());
        assertTrue(none.stderr().startsWith("jstrace: exec: need exactly one of CMD [ARGS], -p PID and --system"));
        var missing = JstraceProcess.run(dir, List.of("exec", "/nonexistent"));
        assertEquals("jstrace: Can't stat '/nonexistent': No such file or directory\n", missing.stderr());
        assertEquals(1, missing.exit());
    }

    /** Every line is valid under docs/jstrace-exec.schema.json. */
    private static void assertSchema(List<String> lines) {
        var schema = Schemas.of("jstrace-exec.schema.json");
        for (String l : lines) assertEquals(null, Schemas.errors(schema, l), l);
    }
}
