package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * strace's own method: each C program in testdata prints the lines the tracer must
 * print; jstrace runs it with the registry's options and must write exactly those.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class CorpusTest {

    static Stream<Arguments> registry() {
        return TestPrograms.registry().stream().map(r -> Arguments.of(r.name(), r.options()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("registry")
    void printsWhatTheProgramExpects(String name, List<String> options, @TempDir Path dir) throws Exception {
        Path program = TestPrograms.compile(name);
        Path log = dir.resolve(name + ".log");
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-o", log.toString(), "./" + program.getFileName()));
        var result = JstraceProcess.run(program.getParent(), args);
        String expected = result.stdout();
        String actual = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        assertEquals(expected, actual, "stderr: " + result.stderr());
    }
}
