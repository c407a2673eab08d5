package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default seccomp filter changes nothing in the output: the whole corpus traced with
 * {@code -f} (so that the filter is installed: each row selects some syscalls, never all),
 * once with the default filter and once with {@code --seccomp-bpf=never}, each run's log
 * checked against the lines its own program printed. With {@code -f} every line starts with
 * its pid; a row of the registry without {@code -f} expects none, so a one-process log is
 * compared without it (and with runs of spaces as one: {@code -a} counts the prefix). One
 * program (sock_protocols) makes a seccomp filter of its own that fails socket() with
 * EPERM: jstrace then stops that process at every syscall, or those calls would be lost. A program that starts others is traced in them too with {@code -f},
 * which its own lines do not foresee: then the two logs must name the same calls and
 * events (how often and in which order a helper process polls is the scheduler's choice).
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class SeccompCorpusTest {
    private static final Pattern PID = Pattern.compile("^(\\d+) +");
    /** The call or event a line is about: its name, or the {@code +++}/{@code ---} kind. */
    private static final Pattern WHAT = Pattern.compile("^([a-z_0-9]+|\\+\\+\\+ [a-z]+|--- [A-Z]+)");

    static Stream<Arguments> registry() {
        return TestPrograms.registry().stream().map(r -> Arguments.of(r.name(), r.options()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("registry")
    void sameLinesWithAndWithoutTheFilter(String name, List<String> options, @TempDir Path dir) throws Exception {
        Path program = TestPrograms.compile(name);
        boolean followed = options.contains("-f");
        Run filtered = run(program, options, List.of(), dir.resolve("filtered.log"));
        Run plain = run(program, options, List.of("--seccomp-bpf=never"), dir.resolve("plain.log"));
        if (followed) {
            // a child's CPU ticks in SIGCHLD are the machine's load, as in CorpusTest
            assertEquals(CorpusTest.ticksMasked(filtered.expected), CorpusTest.ticksMasked(filtered.log),
                    "with the filter; stderr: " + filtered.stderr);
            assertEquals(CorpusTest.ticksMasked(plain.expected), CorpusTest.ticksMasked(plain.log),
                    "without the filter; stderr: " + plain.stderr);
            return;
        }
        if (filtered.pids().size() == 1 && plain.pids().size() == 1) {
            assertEquals(columns(filtered.expected), columns(filtered.unprefixed()), "with the filter; stderr: " + filtered.stderr);
            assertEquals(columns(plain.expected), columns(plain.unprefixed()), "without the filter; stderr: " + plain.stderr);
            return;
        }
        assertEquals(plain.calls(), filtered.calls(), "the calls and events named");
        assertFalse(filtered.log.isEmpty(), "stderr: " + filtered.stderr);
    }

    /** {@code -a}'s column counts the pid prefix: without it the spaces before {@code =} differ. */
    private static String columns(String log) {
        return log.replaceAll("  +", " ");
    }

    private record Run(String expected, String log, String stderr) {
        /** The pids that prefix the lines, in order of their first line. */
        Set<String> pids() {
            Set<String> pids = new LinkedHashSet<>();
            for (String line : log.split("\n")) {
                Matcher m = PID.matcher(line);
                if (m.find()) pids.add(m.group(1));
            }
            return pids;
        }

        String unprefixed() {
            return log.lines().map(l -> PID.matcher(l).replaceFirst("")).collect(Collectors.joining("\n", "", "\n"));
        }

        /**
         * The names of what the lines are about, each once, sorted: how often and in which
         * order a helper process polls or signals is the scheduler's choice, but no kind of
         * call or event may be missing (a call cut by another process's line prints a second
         * time, resumed, and counts once).
         */
        java.util.SortedSet<String> calls() {
            java.util.SortedSet<String> out = new java.util.TreeSet<>();
            for (String l : log.split("\n")) {
                Matcher m = WHAT.matcher(PID.matcher(l).replaceFirst(""));
                if (!l.contains(" <... ") && m.find()) out.add(m.group(1));
            }
            return out;
        }
    }

    private static Run run(Path program, List<String> options, List<String> extra, Path log) throws Exception {
        List<String> args = new ArrayList<>(extra);
        if (!options.contains("-f")) args.add("-f");
        args.addAll(options);
        args.addAll(List.of("-o", log.toString(), "./" + program.getFileName()));
        var result = JstraceProcess.run(program.getParent(), args);
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        return new Run(result.stdout(), text, result.stderr());
    }
}
