package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
