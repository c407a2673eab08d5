package io.jstrace.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the syscall tables with tools/SyscallNumbersGen.java and checks that the
 * committed X86_64Syscalls.java and Aarch64Syscalls.java are exactly what it writes.
 * Needs gcc and linux-libc-dev's headers, so it is skipped where they are missing.
 */
@EnabledIf("generatorCanRun")
class GeneratedTablesAreFreshTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final Path SOURCES = MODULE.resolve("src/main/java/io/jstrace/arch");

    static boolean generatorCanRun() {
        return Files.isRegularFile(ROOT.resolve("tools/SyscallNumbersGen.java"))
                && Files.isRegularFile(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"))
                && Files.isRegularFile(Path.of("/usr/include/asm-generic/unistd.h"))
                && onPath("gcc");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    @Test
    void committedTablesMatchTheGenerator(@TempDir Path out) throws IOException, InterruptedException {
        runGenerator(out);
        for (String file : new String[] {"X86_64Syscalls.java", "Aarch64Syscalls.java"}) {
            assertArrayEquals(Files.readAllBytes(SOURCES.resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file + " is stale: run `java tools/SyscallNumbersGen.java` from the project root");
        }
    }

    private static void runGenerator(Path out) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "tools/SyscallNumbersGen.java", out.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(true, p.waitFor(2, TimeUnit.MINUTES), "generator timed out");
        assertEquals(0, p.exitValue(), "generator failed:\n" + log);
    }
}
