package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.cli.examples.FailedOpens;
import io.jstrace.cli.examples.ListBuildCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The README's exec-view example compiles, runs, and is the code the README shows. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class ExecExampleTest {

    @Test
    void listsTheBuildCommandsOfARealCommand() throws Exception {
        List<String> lines = ListBuildCommands.run(List.of("sh", "-c", "cc --version >/dev/null; ls / >/dev/null; exit 2"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" cc --version"), lines.toString());
        assertTrue(lines.get(1).contains(" exited 0 after "), lines.toString());
        assertEquals("status 2", lines.get(2));
    }

    @Test
    void failedOpensOfARealCommand() throws Exception {
        List<String> lines = FailedOpens.run(List.of("cat", "/nonexistent/x"));
        assertTrue(lines.contains("ENOENT \"/nonexistent/x\""), lines.toString());
        assertEquals("status 1", lines.get(lines.size() - 1));
    }

    @Test
    void readmeQuotesTheDecodingExample() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/test/java/io/jstrace/cli/examples/FailedOpens.java"));
        String body = source.substring(source.indexOf("public class FailedOpens"));
        assertTrue(readme.contains(body.strip()), "README.md must quote FailedOpens.java from its class line on");
    }

    @Test
    void readmeQuotesTheExample() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/test/java/io/jstrace/cli/examples/ListBuildCommands.java"));
        String body = source.substring(source.indexOf("public class ListBuildCommands"));
        assertTrue(readme.contains(body.strip()), "README.md must quote ListBuildCommands.java from its class line on");
    }
}
