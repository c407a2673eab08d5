package io.jstrace.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The C tracee corpus: programs that make syscalls and print, on stdout, exactly the
 * lines a strace-compatible tracer writes to its {@code -o} log (strace's own
 * {@code tests/*.c} method), and the registry that says with which tracer options
 * each one runs.
 *
 * <p>An end-to-end test, for every {@link #registry() row}, runs
 * {@code cd DIR && TRACER OPTIONS -o LOG ./NAME > OUT} with {@code DIR} the directory of
 * {@link #compile(String) compile(NAME)} and asserts that {@code LOG} equals {@code OUT}
 * byte for byte. The programs are checked against the system strace by
 * {@code StraceOracleTest} and {@code testdata/check-with-strace.sh}.
 *
 * <p>Sources are packaged as resources under {@code io/jstrace/testdata/c/}; they are
 * extracted to {@code target/jstrace-testdata/} of the calling module (or, if there is
 * no {@code target} directory, to a directory under {@code java.io.tmpdir}) and compiled
 * with {@code gcc -O1 -static -pthread -w}, once per JVM. All methods are thread-safe.
 */
public final class TestPrograms {
    private static final String SOURCES = "io/jstrace/testdata/c";
    private static final String REGISTRY = "/io/jstrace/testdata/tests.tsv";
    private static final List<String> GCC_FLAGS = List.of("-O1", "-static", "-pthread", "-w");
    private static final long GCC_TIMEOUT_SECONDS = 120;
    private static final int CAP_SYS_PTRACE = 19;

    private static final Map<String, Path> compiled = new HashMap<>();
    private static Path sourceDir;

    private TestPrograms() {}

    /**
     * One end-to-end test: the program {@code name} (compiled from {@code name.c}) and the
     * tracer options it runs with, without {@code -o LOG} and the program itself.
     *
     * @param name the program name, not {@code null}
     * @param options the tracer options, in order, not {@code null}, unmodifiable
     */
    public record Row(String name, List<String> options) {
        /** Checks the arguments and copies {@code options}. */
        public Row {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty program name");
            options = List.copyOf(options);
        }
    }

    /**
     * Compiles {@code src/main/c/NAME.c} (with the rest of the corpus next to it, for
     * {@code tests.h}) unless this JVM already did, and returns the binary. The binary's
     * directory is the one to run it in: programs create their scratch files in the
     * working directory, under names that start with their own name.
     *
     * @param name the program name as in the registry, not {@code null}
     * @return the absolute path of the executable, not {@code null}
     * @throws IllegalArgumentException if there is no source {@code NAME.c}
     * @throws IllegalStateException if gcc fails or times out
     * @throws UncheckedIOException if the sources cannot be extracted or gcc cannot be started
     */
    public static synchronized Path compile(String name) {
        Path binary = compiled.get(name);
        if (binary != null) return binary;
        Path source = sourceDir().resolve(name + ".c");
        if (name.contains("/") || !Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no tracee program " + name + " (" + source + ")");
        }
        Path binDir = sourceDir().resolveSibling("bin");
        binary = binDir.resolve(name);
        try {
            Files.createDirectories(binDir);
            Path partial = Files.createTempFile(binDir, name, ".partial");
            List<String> command = new ArrayList<>(List.of("gcc"));
            command.addAll(GCC_FLAGS);
            command.addAll(List.of("-o", partial.toString(), source.toString()));
            run(command);
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("compiling " + name, e);
        }
        compiled.put(name, binary);
        return binary;
    }

    /**
     * The registry {@code tests.tsv}: one row per end-to-end test, in file order. Blank
     * lines and lines starting with {@code #} are skipped; options are the
     * whitespace-separated words after the tab.
     *
     * @return the rows, not {@code null}, unmodifiable
     * @throws IllegalStateException if the registry is missing or a line is malformed
     */
    public static List<Row> registry() {
        String text;
        try (InputStream in = TestPrograms.class.getResourceAsStream(REGISTRY)) {
            if (in == null) throw new IllegalStateException("missing resource " + REGISTRY);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0) throw new IllegalStateException("tests.tsv: no NAME<TAB>OPTIONS in: " + line);
            String options = line.substring(tab + 1).strip();
            rows.add(new Row(line.substring(0, tab), options.isEmpty() ? List.of() : List.of(options.split("\\s+"))));
        }
        return List.copyOf(rows);
    }

    /**
     * Whether end-to-end tests can run here: gcc is on {@code PATH} and the Yama LSM (if
     * present) lets this process trace its children ({@code ptrace_scope} 0 or 1, or 2
     * with {@code CAP_SYS_PTRACE}).
     */
    public static boolean ptracePermitted() {
        if (onPath("gcc") == null) return false;
        Path scopeFile = Path.of("/proc/sys/kernel/yama/ptrace_scope");
        if (!Files.exists(scopeFile)) return true;
        try {
            int scope = Integer.parseInt(Files.readString(scopeFile).strip());
            return scope <= 1 || (scope == 2 && hasCapSysPtrace());
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * The executable {@code program} found on {@code PATH}, as a shell would find it.
     *
     * @param program a file name without {@code /}, not {@code null}
     * @return the path, or {@code null} if there is none
     */
    public static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static boolean hasCapSysPtrace() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                return (caps & (1L << CAP_SYS_PTRACE)) != 0;
            }
        }
        return false;
    }

    /** Extracts every corpus file (*.c, *.h) once per JVM; returns the directory holding them. */
    private static synchronized Path sourceDir() {
        if (sourceDir != null) return sourceDir;
        try {
            Path root = cacheRoot();
            Path dir = root.resolve("c");
            Files.createDirectories(dir);
            URL url = TestPrograms.class.getClassLoader().getResource(SOURCES + "/tests.h");
            if (url == null) throw new IllegalStateException("missing resource " + SOURCES + "/tests.h");
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                copyFromJar(uri, dir);
            } else {
                copyCorpus(Path.of(uri).getParent(), dir);
            }
            sourceDir = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting the tracee corpus", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyFromJar(URI uri, Path dir) throws IOException {
        FileSystem jar;
        boolean opened;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri);
            opened = false;
        }
        try {
            copyCorpus(jar.provider().getPath(uri).getParent(), dir);
        } finally {
            if (opened) jar.close();
        }
    }

    private static void copyCorpus(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".c") && !name.endsWith(".h")) continue;
                Path partial = Files.createTempFile(to, name, ".partial");
                Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, to.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /**
     * {@code target/jstrace-testdata} of the module whose tests run (surefire's working
     * directory), else a per-user directory in {@code java.io.tmpdir}; the system property
     * {@code jstrace.testdata.dir} overrides both.
     */
    private static Path cacheRoot() {
        String override = System.getProperty("jstrace.testdata.dir");
        if (override != null && !override.isEmpty()) return Path.of(override).toAbsolutePath();
        Path target = Path.of("target").toAbsolutePath();
        if (Files.isDirectory(target)) return target.resolve("jstrace-testdata");
        return Path.of(System.getProperty("java.io.tmpdir"), "jstrace-testdata-" + System.getProperty("user.name"))
                .toAbsolutePath();
    }

    private static void run(List<String> command) throws IOException {
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        gcc.getOutputStream().close();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!gcc.waitFor(GCC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                gcc.destroyForcibly();
                throw new IllegalStateException("gcc timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        if (gcc.exitValue() != 0) {
            throw new IllegalStateException(
                    "gcc failed (" + gcc.exitValue() + "): " + String.join(" ", command) + "\n" + output);
        }
    }
}
