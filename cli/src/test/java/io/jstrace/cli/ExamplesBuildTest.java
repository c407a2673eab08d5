package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * jstrace as a dependency: the library's artifacts this build made (main, sources and
 * Javadoc jars, each pom) are installed into a local repository of the test's own, which
 * reads everything else from the build's local repository, never writing there; then
 * {@code examples/}, a Maven project outside the reactor, is built against them offline and
 * run on a real command. The README quotes its dependency and its code.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class ExamplesBuildTest {
    /** The library's modules, in dependency order, and their automatic module names. */
    private static final List<String> MODULES = List.of("arch", "syscalls", "core", "formatters", "views");
    private static final String VERSION = "0.1.0-SNAPSHOT";

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void theExamplesProjectBuildsAndRunsAgainstTheInstalledArtifacts() throws Exception {
        Path repo = dir.resolve("repo");
        linkRepository(Path.of(System.getProperty("jstrace.localRepository",
                System.getProperty("user.home") + "/.m2/repository")), repo);
        Path installer = Files.createDirectories(dir.resolve("installer"));
        Files.writeString(installer.resolve("pom.xml"), installerPom());
        mvn(installer, repo, "validate");
        for (String m : MODULES) {
            Path at = repo.resolve("io/jstrace/jstrace-" + m + "/" + VERSION);
            for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom")) {
                assertTrue(Files.isRegularFile(at.resolve("jstrace-" + m + "-" + VERSION + suffix)), m + suffix);
            }
            try (JarFile jar = new JarFile(at.resolve("jstrace-" + m + "-" + VERSION + ".jar").toFile())) {
                assertEquals("io.jstrace." + m, jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            }
        }

        Path examples = dir.resolve("examples");
        copy(ROOT.resolve("examples"), examples);
        mvn(examples, repo, "package");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", examples.resolve("target/classes") + ":" + examples.resolve("target/lib") + "/*",
                "example.OpenedFiles", "cat", "/etc/hostname").redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), out);
        assertTrue(out.contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3\n"), out);
        assertTrue(out.contains("+++ exited with 0 +++\nexit status 0\n"), out);
        assertTrue(out.endsWith("opened /etc/hostname\n"), out);
    }

    @Test
    void readmeQuotesTheDependencyAndTheExample() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String pom = Files.readString(ROOT.resolve("examples/pom.xml"));
        String dependency = pom.substring(pom.indexOf("    <dependency>"), pom.indexOf("</dependency>") + 13);
        assertTrue(readme.contains(dependency), "README.md must quote examples/pom.xml's <dependency>");
        String source = Files.readString(ROOT.resolve("examples/src/main/java/example/OpenedFiles.java"));
        assertTrue(readme.contains(source), "README.md must quote OpenedFiles.java whole, imports and all");
    }

    /**
     * A local repository whose every entry links to {@code from}'s, but {@code io/jstrace},
     * which is its own: installs land here, plugins and dependencies are read from there.
     */
    private static void linkRepository(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("io"));
        try (Stream<Path> top = Files.list(from)) {
            for (Path p : top.toList()) {
                if (!p.getFileName().toString().equals("io")) Files.createSymbolicLink(to.resolve(p.getFileName()), p);
            }
        }
        if (!Files.isDirectory(from.resolve("io"))) return;
        try (Stream<Path> io = Files.list(from.resolve("io"))) {
            for (Path p : io.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("jstrace")) Files.createSymbolicLink(to.resolve("io").resolve(name), p);
            }
        }
    }

    /** A pom whose only work is install:install-file of the parent and each module, as this build made them. */
    private static String installerPom() {
        StringBuilder executions = new StringBuilder();
        executions.append(execution("parent", ROOT.resolve("pom.xml"), ROOT.resolve("pom.xml"), "<packaging>pom</packaging>"));
        for (String m : MODULES) {
            Path target = ROOT.resolve(m).resolve("target");
            String base = "jstrace-" + m + "-" + VERSION;
            executions.append(execution(m, target.resolve(base + ".jar"), ROOT.resolve(m).resolve("pom.xml"),
                    "<sources>" + target.resolve(base + "-sources.jar") + "</sources><javadoc>"
                            + target.resolve(base + "-javadoc.jar") + "</javadoc>"));
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.jstrace.test</groupId>
                  <artifactId>installer</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-install-plugin</artifactId>
                    <version>3.1.1</version>
                    <executions>%s</executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(executions);
    }

    private static String execution(String id, Path file, Path pom, String more) {
        return "<execution><id>" + id + "</id><phase>validate</phase><goals><goal>install-file</goal></goals>"
                + "<configuration><file>" + file + "</file><pomFile>" + pom + "</pomFile>" + more
                + "</configuration></execution>";
    }

    private static void mvn(Path project, Path repo, String phase) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + repo, phase));
        Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "mvn " + phase + " ended");
        assertEquals(0, p.exitValue(), "mvn " + phase + " in " + project + ":\n" + out);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) continue;
                if (Files.isDirectory(p)) Files.createDirectories(to.resolve(rel));
                else Files.copy(p, to.resolve(rel));
            }
        }
    }
}
