package io.jstrace.view.exec;

import io.jstrace.render.JsonWriter;
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
        JsonWriter w = new JsonWriter(new StringBuilder(256));
        w.beginObject().member("event", switch (e.kind()) {
            case EXEC -> "exec";
            case EXEC_FAILED -> "exec_failed";
            case EXIT -> "exit";
        });
        w.member("time", e.time().toString()).member("pid", e.pid()).member("ppid", e.ppid())
                .member("uid", e.uid()).member("gid", e.gid()).member("comm", e.comm())
                .member("filename", e.filename());
        strings(w.name("argv"), e.argv());
        if (e.cwd() != null) w.member("cwd", e.cwd());
        if (e.environment() != null) environment(w, e.environment());
        if (e.kind() != ExecEvent.Kind.EXIT) w.member("truncated", e.truncated());
        if (e.errno() != null) w.member("errno", e.errno());
        if (e.status() != null) status(w, e);
        strings(w.name("tags"), e.tags());
        return w.endObject().out().toString();
    }

    private static void status(JsonWriter w, ExecEvent e) {
        w.name("exit_code");
        if (e.status().signal() == null) w.value(e.status().code());
        else w.nullValue();
        w.member("signal", e.status().signal() == null ? null : e.status().signal().name())
                .member("core_dumped", e.status().coreDumped()).member("duration_ns", e.duration().toNanos());
    }

    private static void environment(JsonWriter w, ExecEvent.EnvironmentChanges env) {
        w.name("env").beginObject().name("set").beginObject();
        for (Map.Entry<String, String> v : env.set().entrySet()) w.member(v.getKey(), v.getValue());
        w.endObject();
        strings(w.name("unset"), env.unset());
        w.endObject();
    }

    private static void strings(JsonWriter w, List<String> values) {
        w.beginArray();
        for (String v : values) w.value(v);
        w.endArray();
    }
}
