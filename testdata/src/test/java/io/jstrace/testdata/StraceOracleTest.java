package io.jstrace.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle: the system strace, run exactly as the end-to-end harness runs jstrace
 * ({@code cd DIR && strace OPTIONS -o LOG ./NAME > OUT}), writes for every registry row
 * the very lines the program printed. This proves the corpus right; it runs only where
 * strace is installed and ptrace is permitted, and skips the rows that trace a syscall
 * the system strace does not know.
 */
@Tag("ptrace")
@EnabledOnOs(OS.LINUX)
class StraceOracleTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static Path strace;

    @BeforeAll
    static void needStraceAndPtrace() {
        assumeTrue(TestPrograms.ptracePermitted(), "ptrace not permitted or no gcc");
        strace = TestPrograms.onPath("strace");
        assumeTrue(strace != null, "strace is not on PATH");
    }

    static Stream<TestPrograms.Row> rows() {
        return TestPrograms.registry().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void straceWritesWhatTheProgramExpects(TestPrograms.Row row) throws IOException, InterruptedException {
        Path binary = TestPrograms.compile(row.name());
        Path dir = binary.getParent();
        Path log = dir.resolve(row.name() + ".strace.log");
        Path out = dir.resolve(row.name() + ".out");
        Files.deleteIfExists(log);

        List<String> command = new ArrayList<>();
        command.add(strace.toString());
        command.addAll(row.options());
        command.addAll(List.of("-o", log.toString(), "./" + row.name()));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve(row.name() + ".err").toFile())
                .start();
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "timed out: " + command);

        // a row for a syscall newer than the system strace (cachestat and strace 6.1): its
        // program states the later release's lines, which this strace cannot check
        String err = Files.readString(dir.resolve(row.name() + ".err"));
        assumeTrue(!err.contains(": invalid system call "), err.strip());
        String expected = Files.readString(out);
        assertTrue(expected.endsWith(" +++\n"), "the program printed no exit line: " + expected);
        assertEquals(expected, Files.readString(log), String.join(" ", command));
    }
}
