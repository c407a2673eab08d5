package io.jstrace.view.tls;

import io.jstrace.render.JsonWriter;
import io.jstrace.view.Renderer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The tls view as JSON Lines: one object per event, as docs/jstrace-tls.schema.json
 * describes; tracep's {@code pid} and {@code name} (the process) under tracep's names.
 * {@code null} means not known (or not read: a hello that never came).
 */
public final class TlsJson {
    /** The JSON Lines renderer: no header, {@link #line} per event. */
    public static final Renderer<TlsEvent> RENDERER = TlsJson::line;

    private TlsJson() {}

    public static String line(TlsEvent e) {
        JsonWriter w = new JsonWriter(new StringBuilder(1024));
        w.beginObject().member("event", e.kind().json());
        w.member("ts", Instant.ofEpochSecond(0, e.timestamp()).toString()).member("ts_ns", e.timestamp());
        w.member("pid", e.pid()).member("tid", e.tid()).member("name", e.comm()).member("comm", e.comm())
                .member("fd", e.fd()).member("inode", e.inode()).member("local", e.local())
                .member("remote", e.remote()).member("role", e.role()).member("status", e.status())
                .member("problem", e.problem());
        w.member("sni", e.sni());
        strings(w.name("alpn_offered"), e.alpnOffered());
        w.member("alpn", e.alpn()).member("alpn_visible", e.alpnVisible());
        strings(w.name("versions_offered"), e.versionsOffered());
        w.member("version", e.version()).member("cipher", e.cipher());
        w.name("cipher_id");
        if (e.serverHello() == null || e.serverHello().cipherSuite() < 0) w.nullValue();
        else w.value(e.serverHello().cipherSuite());
        w.name("resumed");
        if (e.resumed() == null) w.nullValue();
        else w.value(e.resumed());
        w.member("hello_retry", e.helloRetry());
        w.name("client_random");
        if (e.clientHello() == null) w.nullValue();
        else w.value(HexFormat.of().formatHex(e.clientHello().random()));
        w.name("session_id");
        if (e.clientHello() == null) w.nullValue();
        else w.value(HexFormat.of().formatHex(e.clientHello().sessionId()));
        w.member("ja3", e.ja3()).member("ja3_md5", e.ja3Md5()).member("ja4", e.ja4());
        number(w, "hello_ms", e.helloMs());
        number(w, "handshake_ms", e.handshakeMs());
        w.member("tx_app_bytes", e.txAppBytes()).member("rx_app_bytes", e.rxAppBytes())
                .member("tx_app_records", e.txAppRecords()).member("rx_app_records", e.rxAppRecords())
                .member("counts_exact", e.countsExact());
        if (e.kind() == TlsEvent.Kind.CLOSE) {
            number(w, "duration_ms", e.durationMs());
            w.member("close", e.closeReason());
        }
        plaintext(w.name("plaintext"), e.plaintext());
        return w.endObject().out().toString();
    }

    private static void plaintext(JsonWriter w, List<TlsPlaintext> calls) {
        w.beginArray();
        for (TlsPlaintext p : calls) {
            w.beginObject().member("ts_ns", p.timestamp()).member("tid", p.tid()).member("function", p.function())
                    .member("dir", p.direction()).member("length", p.length())
                    .member("data_hex", HexFormat.of().formatHex(p.data())).member("truncated", p.truncated())
                    .endObject();
        }
        w.endArray();
    }

    private static void strings(JsonWriter w, List<String> values) {
        w.beginArray();
        for (String v : values) w.value(v);
        w.endArray();
    }

    private static void number(JsonWriter w, String name, Double v) {
        w.name(name);
        if (v == null) w.nullValue();
        else w.number(String.format(Locale.ROOT, "%.3f", v));
    }
}
