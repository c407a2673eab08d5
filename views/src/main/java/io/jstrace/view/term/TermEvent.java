package io.jstrace.view.term;

import java.util.Objects;

/**
 * One event of a terminal recording (the seed's {@code Event}, with the process that
 * caused it): bytes written to or read from a terminal, a resize, a signal, a size the
 * program read, a mode change, the exit status.
 *
 * @param ts     nanoseconds since the recording started
 * @param type   what happened
 * @param pid    the process, 0 when not known (a loaded asciicast file)
 * @param tid    the thread, 0 when not known
 * @param fd     the descriptor written or read, -1 when none
 * @param data   the bytes moved (output and input events), else empty; never {@code null}
 * @param size   the size, for {@link Type#RESIZE} and {@link Type#WINSIZE}, else {@code null}
 * @param text   the signal name ({@code SIGWINCH}) for {@link Type#SIGNAL}, the label for
 *               {@link Type#MARKER}, the exit status for {@link Type#EXIT}, else {@code null}
 */
public record TermEvent(long ts, Type type, int pid, int tid, int fd, byte[] data, Size size, String text) {
    private static final byte[] NONE = new byte[0];

    /** What an event is. The first five are the seed's; the rest are jstrace's. */
    public enum Type {
        STDOUT("stdout"), STDERR("stderr"), STDIN("stdin"), RESIZE("resize"), SIGNAL("signal"),
        /** The size a program read with ioctl TIOCGWINSZ. */
        WINSIZE("winsize"),
        /** A marker: a terminal mode change ({@code raw mode}), a note. */
        MARKER("marker"),
        /** The command's exit status, last. */
        EXIT("exit");

        private final String json;

        Type(String json) {
            this.json = json;
        }

        /** The name in the trace JSON ({@code stdout}). */
        public String json() {
            return json;
        }

        /** The type named {@code s} in the trace JSON, or {@code null}. */
        public static Type ofJson(String s) {
            for (Type t : values()) if (t.json.equals(s)) return t;
            return null;
        }

        /** Whether events of this type carry terminal output. */
        public boolean output() {
            return this == STDOUT || this == STDERR;
        }
    }

    public TermEvent {
        Objects.requireNonNull(type);
        if (data == null) data = NONE;
    }

    public static TermEvent output(long ts, Type type, byte[] data) {
        return new TermEvent(ts, type, 0, 0, type == Type.STDERR ? 2 : type == Type.STDIN ? 0 : 1, data, null, null);
    }

    public static TermEvent resize(long ts, Size size) {
        return new TermEvent(ts, Type.RESIZE, 0, 0, -1, null, size, null);
    }

    public static TermEvent signal(long ts, String name) {
        return new TermEvent(ts, Type.SIGNAL, 0, 0, -1, null, null, name);
    }

    public static TermEvent marker(long ts, String label) {
        return new TermEvent(ts, Type.MARKER, 0, 0, -1, null, null, label);
    }

    public static TermEvent exit(long ts, int status) {
        return new TermEvent(ts, Type.EXIT, 0, 0, -1, null, null, Integer.toString(status));
    }

    /** The same event at time {@code t}. */
    public TermEvent at(long t) {
        return new TermEvent(t, type, pid, tid, fd, data, size, text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TermEvent e && ts == e.ts && type == e.type && pid == e.pid && tid == e.tid && fd == e.fd
                && java.util.Arrays.equals(data, e.data) && Objects.equals(size, e.size) && Objects.equals(text, e.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, type, pid, tid, fd, java.util.Arrays.hashCode(data), size, text);
    }

    @Override
    public String toString() {
        return "TermEvent[" + ts + " " + type.json + (pid != 0 ? " pid=" + pid : "") + (fd >= 0 ? " fd=" + fd : "")
                + (data.length > 0 ? " " + data.length + " bytes" : "") + (size != null ? " " + size : "")
                + (text != null ? " " + text : "") + "]";
    }
}
