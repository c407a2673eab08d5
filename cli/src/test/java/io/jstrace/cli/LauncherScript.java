package io.jstrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The ./jstrace launcher as the tests can run it before the jar exists: the script's own
 * lines that save the environment it was given (from its comment "The environment this
 * script was given" to "environment saved", taken from the file as they are), then exec
 * java on the test class path as the script execs it on the jar.
 */
final class LauncherScript {
    private LauncherScript() {}

    /** Writes the launcher into {@code dir}; its path. */
    static Path write(Path dir) throws IOException {
        String script = Files.readString(root().resolve("jstrace"));
        int from = script.indexOf("# The environment this script was given");
        int to = script.indexOf("# environment saved\n");
        if (from < 0 || to < from) throw new AssertionError("./jstrace no longer saves its environment as tested");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text = "#!/bin/sh\n" + script.substring(from, to)
                + "exec '" + java + "' -Djstrace.environ=\"$env\" -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n";
        Path launcher = dir.resolve("jstrace");
        Files.writeString(launcher, text);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }

    /** The project's root: the cli module's parent. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("jstrace")) ? p : p.getParent();
    }
}
