package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * strace's own method: each C program in testdata prints the lines the tracer must
 * print; jstrace runs it with the registry's options and must write exactly those.
 * When the whole registry passes, the syscalls its lines name must number at least
 * {@link #DISTINCT_SYSCALLS}: the corpus may grow, never shrink.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class CorpusTest {
    static final int DISTINCT_SYSCALLS = 250;

    /** A line's syscall: after the optional pid prefix, {@code NAME(} or {@code <... NAME resumed>}. */
    private static final Pattern SYSCALL = Pattern.compile("^(?:\\d+ +)?(?:<\\.\\.\\. )?([a-z_0-9]+)(?:\\(| resumed>)");

    private static final Set<String> passed = new ConcurrentSkipListSet<>();
    private static final Set<String> syscalls = new ConcurrentSkipListSet<>();

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
        assertEquals(ticksMasked(expected), ticksMasked(actual), "stderr: " + result.stderr());
        syscalls.addAll(syscallNames(expected));
        passed.add(name);
    }

    @AfterAll
    static void theCorpusCoversEnoughSyscalls() {
        Set<String> all = new TreeSet<>();
        TestPrograms.registry().forEach(r -> all.add(r.name()));
        if (!passed.equals(all)) return; // a filtered or failing run says nothing about coverage
        assertTrue(syscalls.size() >= DISTINCT_SYSCALLS,
                "the corpus names " + syscalls.size() + " distinct syscalls: " + syscalls);
    }

    /** A child's CPU time at exit in a SIGCHLD (clock ticks): a tick of it or not is the machine's load, not the program. */
    private static final Pattern CHILD_TICKS =
            Pattern.compile("(si_[us]time=)\\d+(?: /\\* [0-9.]+ s \\*/)?");

    static String ticksMasked(String log) {
        return CHILD_TICKS.matcher(log).replaceAll("$1?");
    }

    static Set<String> syscallNames(String log) {
        Set<String> names = new TreeSet<>();
        for (String line : log.split("\n")) {
            Matcher m = SYSCALL.matcher(line);
            if (m.find()) names.add(m.group(1));
        }
        return names;
    }
}
