package io.jstrace.view.exec;

import io.jstrace.format.Json;
import io.jstrace.view.Renderer;
import java.util.List;
import java.util.Map;

/**
 * The exec view as JSON Lines: one object per event, as docs/jstrace-exec.schema.json
 * describes. Fields that do not apply to an event are absent; {@code null} means
 * unknown.
 */
public final class ExecJson {
    /** The JSON Lines renderer: no header, {@link #line} per event. */
    public static final Renderer<ExecEvent> RENDERER = ExecJson::line;

    private ExecJson() {}

    public static String line(ExecEvent e) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "event", switch (e.kind()) {
            case EXEC -> "exec";
            case EXEC_FAILED -> "exec_failed";
            case EXIT -> "exit";
        });
        b.append(",\"time\":");
        quoted(e.time().toString(), b);
        b.append(",\"pid\":").append(e.pid()).append(",\"ppid\":").append(e.ppid());
        b.append(",\"uid\":").append(e.uid()).append(",\"gid\":").append(e.gid());
        field(b, "comm", e.comm());
        field(b, "filename", e.filename());
        b.append(",\"argv\":");
        strings(b, e.argv());
        if (e.cwd() != null) field(b, "cwd", e.cwd());
        if (e.environment() != null) environment(b, e.environment());
        if (e.kind() != ExecEvent.Kind.EXIT) b.append(",\"truncated\":").append(e.truncated());
        if (e.errno() != null) field(b, "errno", e.errno());
        if (e.status() != null) status(b, e);
        b.append(",\"tags\":");
        strings(b, e.tags());
        return b.append('}').toString();
    }

    private static void status(StringBuilder b, ExecEvent e) {
        b.append(",\"exit_code\":").append(e.status().signal() == null ? Integer.toString(e.status().code()) : "null");
        field(b, "signal", e.status().signal() == null ? null : e.status().signal().name());
        b.append(",\"core_dumped\":").append(e.status().coreDumped());
        b.append(",\"duration_ns\":").append(e.duration().toNanos());
    }

    private static void environment(StringBuilder b, ExecEvent.EnvironmentChanges env) {
        b.append(",\"env\":{\"set\":{");
        boolean first = true;
        for (Map.Entry<String, String> v : env.set().entrySet()) {
            if (!first) b.append(',');
            first = false;
            quoted(v.getKey(), b);
            b.append(':');
            quoted(v.getValue(), b);
        }
        b.append("},\"unset\":");
        strings(b, env.unset());
        b.append('}');
    }

    private static void field(StringBuilder b, String name, String value) {
        if (b.length() > 1) b.append(',');
        quoted(name, b);
        b.append(':');
        if (value == null) b.append("null");
        else quoted(value, b);
    }

    private static void strings(StringBuilder b, List<String> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(',');
            quoted(values.get(i), b);
        }
        b.append(']');
    }

    /**
     * {@code value} as a JSON string, appended to {@code b}: the one use of the formatters'
     * JSON writer here.
     */
    private static void quoted(String value, StringBuilder b) {
        Json.text(value, b);
    }
}
