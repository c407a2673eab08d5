package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Many threads and many processes: nothing hangs, every exit is reported. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class StressTest {
    @TempDir
    Path dir;

    private static long count(String text, String suffix) {
        return text.lines().filter(l -> l.endsWith(suffix)).count();
    }

    @Test
    void fiveHundredThreadsStartAndExit() throws Exception {
        Path prog = TestPrograms.compile("many_threads");
        Path log = dir.resolve("log");
        var r = JstraceProcess.run(prog.getParent(), List.of("-f", "-e", "trace=exit", "-o", log.toString(), prog.toString()));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("done\n", r.stdout());
        String trace = Files.readString(log);
        assertEquals(501, count(trace, "+++ exited with 0 +++"), trace.lines().limit(20).toList().toString());
    }

    @Test
    void forkStormEveryExitReported() throws Exception {
        Path prog = TestPrograms.compile("fork_storm");
        Path log = dir.resolve("log");
        var r = JstraceProcess.run(prog.getParent(), List.of("-f", "-e", "trace=none", "-o", log.toString(), prog.toString()));
        assertEquals(0, r.exit(), r.stderr());
        int forked = Integer.parseInt(r.stdout().trim().split(" ")[1]);
        String trace = Files.readString(log);
        assertEquals(forked + 1, count(trace, "+++ exited with 0 +++"));
    }

    static boolean rootWithSetpriv() {
        return "root".equals(System.getProperty("user.name")) && TestPrograms.onPath("setpriv") != null;
    }

    /**
     * Root is not held to RLIMIT_NPROC (kernel/fork.c: copy_process exempts CAP_SYS_RESOURCE
     * and CAP_SYS_ADMIN), so the storm runs as nobody, where `ulimit -u` 64 bounds it.
     */
    @Test
    @EnabledIf("rootWithSetpriv")
    void forkStormBoundedByUlimitAsAnotherUser() throws Exception {
        Path shared = Files.createTempDirectory("jstrace-storm");
        try {
            Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path prog = Files.copy(TestPrograms.compile("fork_storm"), shared.resolve("fork_storm"));
            Files.setPosixFilePermissions(prog, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path log = dir.resolve("log");
            var r = JstraceProcess.run(shared, List.of("-f", "-e", "trace=none", "-o", log.toString(), "setpriv",
                    "--reuid=65534", "--regid=65534", "--clear-groups", prog.toString()));
            assertEquals(0, r.exit(), r.stderr());
            int forked = Integer.parseInt(r.stdout().trim().split(" ")[1]);
            assertTrue(forked < 64, "bounded by RLIMIT_NPROC: " + forked);
            assertEquals(forked + 1, count(Files.readString(log), "+++ exited with 0 +++"));
        } finally {
            try (var files = Files.list(shared)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(shared);
        }
    }

    @Test
    void environmentIsExactlyJstraces() throws Exception {
        var env = new ProcessBuilder("/usr/bin/env").redirectErrorStream(false);
        env.environment().put("JSTRACE_TEST_ODD", "a=b c\td");
        env.environment().put("A_FIRST", "1");
        String direct = new String(env.start().getInputStream().readAllBytes());
        var traced = JstraceProcess.builder(dir, List.of("-o", "/dev/null", "/usr/bin/env"));
        traced.environment().put("JSTRACE_TEST_ODD", "a=b c\td");
        traced.environment().put("A_FIRST", "1");
        String viaJstrace = new String(traced.start().getInputStream().readAllBytes());
        assertEquals(direct, viaJstrace);
    }
}
