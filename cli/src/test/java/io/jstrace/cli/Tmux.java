package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of the test's own (a private socket, no configuration file), killed at
 * close: a real terminal whose screen the test reads with {@code capture-pane}.
 */
final class Tmux implements AutoCloseable {
    private final Path dir;
    final String socket = "jstrace-term-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private int sessions;

    /** A server whose first session, {@code t}, is an 80x24 pane running {@code command}. */
    Tmux(Path dir, String command) throws Exception {
        this.dir = dir;
        session("t", command);
    }

    /** A new session {@code name} of 80x24 cells running {@code command}. */
    void session(String name, String command) throws Exception {
        tmux("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-s", name, command);
        sessions++;
    }

    String tmux(String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("tmux", "-L", socket));
        c.addAll(List.of(args));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }

    /** The text of pane {@code target}, without attributes. */
    String text(String target) throws Exception {
        return tmux("capture-pane", "-p", "-t", target);
    }

    /**
     * Everything tmux shows in pane {@code target}: every cell with its attributes
     * ({@code capture-pane -e}), the cursor, the size and whether the alternate screen is on.
     */
    String screen(String target) throws Exception {
        return tmux("capture-pane", "-p", "-e", "-t", target)
                + tmux("display-message", "-p", "-t", target,
                        "cursor #{cursor_x},#{cursor_y} size #{pane_width}x#{pane_height} alternate #{alternate_on}");
    }

    /** Waits until pane {@code target} shows {@code text}; its text. */
    String waitForText(String target, String text) throws Exception {
        String s = "";
        for (int k = 0; k < 600; k++) {
            s = text(target);
            if (s.contains(text)) return s;
            Thread.sleep(50);
        }
        throw new AssertionError("pane " + target + " never showed \"" + text + "\":\n" + s);
    }

    /** Runs {@code script} in the pane's shell and waits for it; its exit status. */
    int run(String script) throws Exception {
        Path s = dir.resolve("step" + System.nanoTime() + ".sh"), rc = dir.resolve("rc" + System.nanoTime());
        Files.writeString(s, script + "\n" + statusTo(rc) + "\n");
        tmux("send-keys", "-t", "t", "sh " + s, "Enter");
        return waitFor(rc, 60);
    }

    /** A shell command that writes the last command's status to {@code rc} atomically. */
    static String statusTo(Path rc) {
        return "echo $? > " + rc + ".tmp; mv " + rc + ".tmp " + rc;
    }

    /** Waits for the status a {@link #statusTo} line writes. */
    static int waitFor(Path rc, int seconds) throws Exception {
        for (int k = 0; k < seconds * 20; k++) {
            if (Files.exists(rc)) return Integer.parseInt(Files.readString(rc).trim());
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + rc);
    }

    /** The jstrace command line, quoted for a shell. */
    static String jstrace(String... args) {
        StringBuilder b = new StringBuilder();
        for (String a : JstraceProcess.builder(Path.of("."), List.of(args)).command()) b.append(quote(a)).append(' ');
        return b.toString().trim();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() throws Exception {
        tmux("kill-server");
    }
}
