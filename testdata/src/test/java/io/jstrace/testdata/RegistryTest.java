package io.jstrace.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Invariants of tests.tsv and the corpus it names; the last test needs gcc. */
class RegistryTest {
    private static final List<TestPrograms.Row> ROWS = TestPrograms.registry();

    @Test
    void namesAreUniqueAndPlentiful() {
        Set<String> names = new HashSet<>();
        for (TestPrograms.Row row : ROWS) assertTrue(names.add(row.name()), "duplicate row " + row.name());
        assertTrue(ROWS.size() >= 15, "only " + ROWS.size() + " rows");
    }

    @Test
    void everyRowHasASourceAndNoOutputOption() {
        for (TestPrograms.Row row : ROWS) {
            assertNotNull(TestPrograms.class.getResource("c/" + row.name() + ".c"), row.name() + ".c");
            assertFalse(row.options().contains("-o"), row.name() + ": the harness adds -o LOG");
            assertFalse(row.options().contains(""), row.name() + ": empty option word");
        }
    }

    /**
     * A program that prints expected lines (it includes tests.h, or another corpus file)
     * must have a row, or nothing would ever check it. Helper tracees without expected
     * output (attach targets, stress loads) may live beside them unregistered.
     */
    @Test
    void everyExpectingProgramIsRegistered() throws IOException, URISyntaxException {
        Path dir = Path.of(TestPrograms.class.getResource("c/tests.h").toURI()).getParent();
        Set<String> expecting = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".c") && Files.readString(file).contains("#include \"")) {
                    expecting.add(name.substring(0, name.length() - 2));
                }
            }
        }
        Set<String> registered = ROWS.stream().map(TestPrograms.Row::name).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(expecting.size() >= 15, expecting.toString());
        assertEquals(expecting, registered);
    }

    @Test
    void optionsAreTheWordsAfterTheTab() {
        TestPrograms.Row strsize = ROWS.stream().filter(r -> r.name().equals("strsize")).findFirst().orElseThrow();
        assertEquals(List.of("-s", "8", "-a", "20", "-e", "trace=write"), strsize.options());
    }

    @Test
    void everyProgramCompiles() {
        assumeTrue(TestPrograms.onPath("gcc") != null, "gcc is not on PATH");
        for (TestPrograms.Row row : ROWS) {
            Path binary = TestPrograms.compile(row.name());
            assertTrue(Files.isExecutable(binary), binary.toString());
            assertEquals(binary, TestPrograms.compile(row.name()), "compiled once per JVM");
        }
    }
}
