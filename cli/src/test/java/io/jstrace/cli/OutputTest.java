package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Where output goes: -o, -A, -ff. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class OutputTest {
    @TempDir
    Path dir;

    @Test
    void ffWritesOneFilePerProcessWithoutPrefixes() throws Exception {
        Path prog = TestPrograms.compile("fork");
        Path base = dir.resolve("trace");
        var r = JstraceProcess.run(prog.getParent(),
                List.of("-ff", "-e", "trace=fork,exit_group", "-e", "signal=none", "-o", base.toString(), "./fork"));
        assertEquals("", r.stderr());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        String parent = Files.readString(files.get(0));
        String child = Files.readString(files.get(1));
        assertTrue(parent.startsWith("fork()"), parent);
        assertTrue(parent.endsWith("exit_group(0)                           = ?\n+++ exited with 0 +++\n"), parent);
        assertTrue(child.endsWith("exit_group(42)                          = ?\n+++ exited with 42 +++\n"), child);
        long childTid = Long.parseLong(files.get(1).getFileName().toString().substring("trace.".length()));
        assertTrue(parent.contains("= " + childTid + "\n"), parent);
    }

    @Test
    void appendKeepsWhatWasThere() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "before\n");
        var r = JstraceProcess.run(dir, List.of("-A", "-o", log.toString(), "-e", "trace=exit_group", "/bin/true"));
        assertEquals(0, r.exit());
        assertEquals("before\nexit_group(0)                           = ?\n+++ exited with 0 +++\n", Files.readString(log));
    }
}
