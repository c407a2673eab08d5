package io.jstrace.view.tls;

import io.jstrace.render.JsonWriter;
import io.jstrace.view.Renderer;
import io.jstrace.view.tls.PlaintextEvent.Direction;
import java.time.Instant;
import java.util.Locale;

/**
 * The machine's TLS calls as JSON Lines, one object per call ({@code "event":"call"}), as
 * docs/jstrace-tls.schema.json describes; tracep's {@code pid} and {@code name} (the
 * process) under tracep's names. {@code length} is {@code null} when an {@code _ex}
 * call's count could not be read, {@code sni} when the connection's is not known.
 */
public final class TlsCallJson {
    /** The JSON Lines renderer: no header, {@link #line} per call. */
    public static final Renderer<TlsCall> RENDERER = TlsCallJson::line;

    private TlsCallJson() {}

    public static String line(TlsCall c) {
        JsonWriter w = new JsonWriter(new StringBuilder(384));
        w.beginObject().member("event", "call");
        w.member("ts", Instant.ofEpochSecond(0, c.timestamp()).toString()).member("ts_ns", c.timestamp());
        w.member("pid", c.pid()).member("tid", c.tid()).member("name", c.comm()).member("comm", c.comm())
                .member("function", c.function()).member("dir", c.direction() == Direction.WRITE ? "write" : "read")
                .member("requested", c.requested());
        w.name("length");
        if (c.length() < 0) w.nullValue();
        else w.value(c.length());
        w.member("result", c.result()).member("ok", c.ok());
        w.name("duration_ms").number(String.format(Locale.ROOT, "%.3f", c.durationMs()));
        w.member("conn", "0x" + Long.toHexString(c.connection())).member("sni", c.sni()).member("library", c.library());
        return w.endObject().out().toString();
    }
}
