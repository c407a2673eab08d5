package io.jstrace.core.internal;

import io.jstrace.core.TraceException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tracefs, the kernel's tracing file system (Documentation/trace/ftrace.rst): where it is
 * mounted, its control files written one line at a time, and the kernel's own reason when
 * it refuses one ({@code error_log}).
 */
public final class Tracefs {
    /** Where tracefs is mounted today, and where it was under debugfs before Linux 4.1. */
    private static final List<Path> MOUNTS = List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing"));

    private Tracefs() {}

    /**
     * The directory tracefs is mounted on, mounting it on /sys/kernel/tracing when it is not
     * (mount(8), as {@code tracep} does).
     *
     * @param needs the control file the caller needs ({@code uprobe_events}): a tracefs
     *              without it means the kernel lacks the feature
     * @throws TraceException when it is not mounted and cannot be, or lacks {@code needs}
     */
    public static Path root(String needs) throws TraceException {
        Path root = mounted();
        if (root == null) {
            mount(MOUNTS.get(0));
            root = mounted();
            if (root == null) throw new TraceException("tracefs is not mounted and mounting it on " + MOUNTS.get(0) + " failed");
        }
        if (!Files.exists(root.resolve(needs))) throw new TraceException("this kernel's tracefs has no " + needs);
        return root;
    }

    private static Path mounted() {
        for (Path p : MOUNTS) {
            if (Files.exists(p.resolve("trace_pipe"))) return p;
        }
        return null;
    }

    private static void mount(Path on) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", on.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            // no mount(8): the caller's message says tracefs is not there
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes {@code line} to control file {@code file} in one write(2), appending (the
     * probe files add a definition per write; the others take the value either way).
     *
     * @throws TraceException with the kernel's error_log entry when it refuses
     */
    public static void write(Path root, Path file, String line) throws TraceException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = lastError(root);
            throw new TraceException(root.relativize(file) + ": " + reason(e) + (why == null ? "" : ": " + why));
        }
    }

    /** strerror's text of a failed open or write: FileOutputStream puts it after the path, in parentheses. */
    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int open = m.lastIndexOf(" (");
        return open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
    }

    /** The same, for a file whose failure does not matter (an option an older kernel lacks). */
    public static boolean tryWrite(Path root, Path file, String line) {
        try {
            write(root, file, line);
            return true;
        } catch (TraceException e) {
            return false;
        }
    }

    /**
     * The last entry of {@code error_log} (Linux 5.4+): the command the kernel refused and
     * why, as in {@code [  12.3] trace_uprobe: error: Invalid fetch argument}.
     */
    private static String lastError(Path root) {
        List<String> lines = ProcFs.lines(root.resolve("error_log"));
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            int at = l.indexOf("error: ");
            if (at >= 0) return l.substring(at + 7).strip();
        }
        return null;
    }
}
