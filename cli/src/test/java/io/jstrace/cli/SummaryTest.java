package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.testdata.TestPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * -c tables against strace's on the same programs: calls, errors, names, order and
 * layout must match; the three time columns (30 characters) differ run to run and are masked.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class SummaryTest {
    @TempDir
    Path dir;

    static boolean straceInstalled() {
        return TestPrograms.onPath("strace") != null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-c -S calls", "-c -w -S calls", "-f -c -S calls", "-c -S name", "-c -S errors -U calls,errors,name"})
    @EnabledIf("straceInstalled")
    void tableMatchesStrace(String flags) throws Exception {
        Path prog = TestPrograms.compile("fork");
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), List.of(flags.split(" ")),
                List.of(prog.toString()));
        boolean timeColumns = !flags.contains("-U");
        assertEquals(masked(logs[1], timeColumns), masked(logs[0], timeColumns));
    }

    @org.junit.jupiter.api.Test
    void summaryWithTraceIsTheTraceThenTheTable() throws Exception {
        Path log = dir.resolve("log");
        var r = JstraceProcess.run(dir, List.of("-C", "-e", "trace=close", "-o", log.toString(), "/bin/true"));
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = Files.readAllLines(log);
        int exited = lines.indexOf("+++ exited with 0 +++");
        assertEquals("close(3)                                = 0", lines.get(0));
        assertEquals("% time     seconds  usecs/call     calls    errors syscall", lines.get(exited + 1));
        assertEquals(" close", lines.get(exited + 3).substring(lines.get(exited + 3).length() - 6));
    }

    private static String masked(Path log, boolean timeColumns) throws Exception {
        return Files.readAllLines(log).stream()
                .map(l -> timeColumns && l.length() > 30 && !l.startsWith("-") && !l.startsWith("%")
                        ? "#".repeat(30) + l.substring(30) : l)
                .collect(Collectors.joining("\n"));
    }
}
