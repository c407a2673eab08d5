package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.examples.CountSyscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The README's library example compiles, runs, and is the code the README shows. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class LibraryExampleTest {

    @Test
    void countsSyscallsOfARealCommand() throws Exception {
        Map<String, Integer> counts = CountSyscalls.count(List.of("sh", "-c", "cat /etc/hostname /etc/hostname >/dev/null"));
        assertTrue(counts.get("execve") >= 2, counts.toString());
        assertTrue(counts.getOrDefault("read", 0) >= 2, counts.toString());
        assertTrue(counts.get("exit_group") >= 1, counts.toString());
    }

    @Test
    void readmeQuotesTheExample() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        String source = Files.readString(Path.of("src/test/java/io/jstrace/core/examples/CountSyscalls.java"));
        String body = source.substring(source.indexOf("public class CountSyscalls"));
        assertTrue(readme.contains(body.strip()), "README.md must quote CountSyscalls.java from its class line on");
    }
}
