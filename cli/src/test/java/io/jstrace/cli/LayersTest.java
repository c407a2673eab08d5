package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What only core may do, read from the sources (DESIGN.md, Modules): read /proc, bind
 * native code (and so open netlink sockets: Java cannot without it), reach into core's
 * internals. Decoders, renderers and views ask core, through Tracee, HostFacts and
 * ProcessInfo, so they can be tested with fakes and a recorded trace decoded later.
 */
class LayersTest {
    private static final List<String> OUTSIDE_CORE = List.of("arch", "syscalls", "formatters", "views", "cli");

    private static Stream<Path> sources(String module) {
        try {
            return Files.walk(Path.of("..", module, "src", "main", "java")).filter(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> offenders(String... needles) {
        return offenders(OUTSIDE_CORE, needles);
    }

    private static List<String> offenders(List<String> modules, String... needles) {
        return modules.stream().flatMap(LayersTest::sources).filter(p -> {
            try {
                String src = Files.readString(p);
                return Stream.of(needles).anyMatch(src::contains);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).map(Path::toString).sorted().toList();
    }

    @Test
    void onlyCoreReadsProc() {
        assertEquals(List.of(), offenders("\"/proc"));
    }

    @Test
    void onlyCoreBindsNativeCode() {
        assertEquals(List.of(), offenders("import jnr.", "import com.kenai.jffi"));
    }

    /** The application (cli) may start core's machinery early; libraries built on core may not reach into it. */
    @Test
    void onlyTheApplicationReachesCoresInternals() {
        assertEquals(List.of(), offenders(List.of("arch", "syscalls", "formatters", "views"), "io.jstrace.core.internal"));
    }

    @Test
    void theCheckSeesTheSources() {
        assertTrue(sources("formatters").count() > 50, "formatters' sources not found from " + Path.of("").toAbsolutePath());
    }
}
