package io.jstrace.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test's own native programs (resources under {@code io/jstrace/testdata/native/})
 * with the system gcc, dynamically linked (unlike {@link TestPrograms}): the breakpoint and
 * TLS tests need the real shared libraries. Each build is made once per JVM, in a
 * temporary directory removed at exit.
 */
public final class Gcc {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path dir;

    private Gcc() {}

    /**
     * The program (or, with {@code -shared}, library) built from {@code source}
     * (e.g. {@code "bp_threads.c"}) with {@code flags} after the source.
     *
     * @throws IllegalStateException when gcc fails
     */
    public static Path build(String source, String output, String... flags) {
        return BUILT.computeIfAbsent(output, o -> compile(source, o, flags));
    }

    private static synchronized Path compile(String source, String output, String[] flags) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("jstrace-native");
                dir.toFile().deleteOnExit();
            }
            Path src = dir.resolve(source);
            try (InputStream in = Gcc.class.getResourceAsStream("native/" + source)) {
                if (in == null) throw new IllegalStateException("no source " + source);
                Files.write(src, in.readAllBytes());
            }
            Path out = dir.resolve(output);
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O1", "-g0", "-o", out.toString(), src.toString()));
            cmd.addAll(List.of(flags));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("gcc " + source + ": " + log);
            }
            src.toFile().deleteOnExit();
            out.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
