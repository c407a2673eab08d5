package io.jstrace.view.exec;

import io.jstrace.syscalls.Errno;
import io.jstrace.view.Renderer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The exec view as text, one line per event under a header: time, event, pid, ppid, uid,
 * gid, the command name before the exec, then the filename and argv as a command line a
 * shell takes back, and the classifiers' tags. An exit shows its status and how long the
 * program ran.
 */
public final class ExecText implements Renderer<ExecEvent> {
    private static final String FORMAT = "%-15s %-6s %-7s %-7s %-5s %-5s %-16s %s";
    /** Where FORMAT puts the filename: the widths above, each plus its space. */
    private static final int FILENAME_COLUMN = 16 + 7 + 8 + 8 + 6 + 6 + 17;
    private final boolean cwd;
    private final ZoneId zone = ZoneId.systemDefault();

    /** @param cwd whether events carry working directories to show */
    public ExecText(boolean cwd) {
        this.cwd = cwd;
    }

    @Override
    public String header() {
        return String.format(Locale.ROOT, FORMAT, "TIME", "EVENT", "PID", "PPID", "UID", "GID", "COMM",
                cwd ? "FILENAME  COMMAND  [TAGS]  CWD" : "FILENAME  COMMAND  [TAGS]").stripTrailing();
    }

    /** The event's line, with a second, indented line of environment changes when there are any. */
    @Override
    public String line(ExecEvent e) {
        String what = switch (e.kind()) {
            case EXEC -> exec(e);
            case EXEC_FAILED -> failed(e);
            case EXIT -> exit(e);
        };
        String kind = switch (e.kind()) {
            case EXEC -> "exec";
            case EXEC_FAILED -> "failed";
            case EXIT -> "exit";
        };
        StringBuilder b = new StringBuilder(FILENAME_COLUMN + what.length() + 16);
        time(e, b);
        field(b.append(' '), kind, 6);
        field(b, Integer.toString(e.pid()), 7);
        field(b, Integer.toString(e.ppid()), 7);
        field(b, id(e.uid()), 5);
        field(b, id(e.gid()), 5);
        field(b, e.comm() == null ? "?" : e.comm(), 16).append(what);
        String line = b.toString();
        return e.environment() == null || e.environment().isEmpty() ? line : line + "\n" + environment(e);
    }

    private String exec(ExecEvent e) {
        StringBuilder b = new StringBuilder();
        b.append(e.filename() == null ? "?" : e.filename()).append("  ").append(ShellWords.join(e.argv()));
        if (!e.tags().isEmpty()) b.append("  [").append(String.join(",", e.tags())).append(']');
        if (e.truncated()) b.append("  (truncated)");
        if (cwd && e.cwd() != null) b.append("  ").append(e.cwd());
        return b.toString();
    }

    private static String failed(ExecEvent e) {
        Errno errno = Errno.named(e.errno());
        String message = errno == null ? e.errno() : e.errno() + " (" + errno.message() + ")";
        return (e.filename() == null ? "?" : e.filename()) + "  " + ShellWords.join(e.argv()) + "  = -1 " + message;
    }

    private static String exit(ExecEvent e) {
        String ran = e.status() + " after " + seconds(e.duration());
        return e.argv().isEmpty() ? ran : ran + "  " + ShellWords.join(e.argv());
    }

    private static String environment(ExecEvent e) {
        StringBuilder b = new StringBuilder(" ".repeat(FILENAME_COLUMN)).append("env");
        for (Map.Entry<String, String> v : e.environment().set().entrySet()) {
            b.append(" +");
            ShellWords.quote(v.getKey() + "=" + v.getValue(), b);
        }
        for (String u : e.environment().unset()) b.append(" -").append(u);
        return b.toString();
    }

    /** {@code 1.204s}. */
    static String seconds(Duration d) {
        StringBuilder b = new StringBuilder(12).append(d.getSeconds()).append('.');
        return digits(b, d.getNano() / 1_000_000, 3).append('s').toString();
    }

    /** {@code 14:02:09.123456}, the event's local time of day: what a line is written for each event, so no Formatter. */
    private void time(ExecEvent e, StringBuilder b) {
        LocalTime t = LocalTime.ofInstant(e.time(), zone);
        digits(b, t.getHour(), 2).append(':');
        digits(b, t.getMinute(), 2).append(':');
        digits(b, t.getSecond(), 2).append('.');
        digits(b, t.getNano() / 1000, 6);
    }

    /** {@code n} in {@code width} digits with leading zeros (n is not negative). */
    private static StringBuilder digits(StringBuilder b, int n, int width) {
        String s = Integer.toString(n);
        for (int i = s.length(); i < width; i++) b.append('0');
        return b.append(s);
    }

    /** {@code s} left-justified in {@code width} columns and a space, as FORMAT's {@code %-Ns } (a longer one runs on). */
    private static StringBuilder field(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) b.append(' ');
        return b.append(' ');
    }

    private static String id(int id) {
        return id < 0 ? "?" : Integer.toString(id);
    }
}
