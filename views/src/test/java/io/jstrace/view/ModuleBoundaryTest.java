package io.jstrace.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the views module may and may not do, read from the sources (run from views/). */
class ModuleBoundaryTest {
    /** The exec view's /proc readers that core's ProcessInfo has no equivalent of (yet). */
    private static final Set<String> PROC_READERS = Set.of("CgroupV2.java", "ExecFilename.java", "ProcessTree.java");

    private static List<Path> sources(String root) throws IOException {
        try (Stream<Path> s = Files.walk(Path.of(root))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noNativeOrNetlinkCodeOfItsOwn() throws IOException {
        for (Path p : sources("src/main/java")) {
            String src = Files.readString(p);
            assertFalse(src.contains("import io.jstrace.core.internal"), p + " reaches into core's internals");
            assertFalse(src.contains("jnr.") || src.contains("com.kenai.jffi"), p + " binds native code");
        }
    }

    @Test
    void procIsReadOnlyWhereCoreCannotYet() throws IOException {
        List<String> readers = sources("src/main/java").stream().filter(p -> {
            try {
                return Files.readString(p).contains("\"/proc");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(PROC_READERS.stream().sorted().toList(), readers);
    }

    @Test
    void formattersKeepsNoView() throws IOException {
        assertFalse(Files.exists(Path.of("../formatters/src/main/java/io/jstrace/exec")));
        for (Path p : sources("../formatters/src/main/java")) {
            assertFalse(Files.readString(p).contains("io.jstrace.view"), p + " depends on the views");
        }
    }
}
