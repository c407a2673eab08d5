package io.jstrace.view.tls;

import io.jstrace.render.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The connections' summary (tracep's {@code -s}): how many closed, by status, and the TLS
 * ones counted by server name, version, cipher, ALPN, resumption and JA4 ({@code -} for
 * none); as text lines or one JSON object ({@code "event":"summary"}).
 */
public final class TlsSummary {
    private static final List<String> KEYS = List.of("status", "sni", "version", "cipher", "alpn", "resumed", "ja4");
    private long connections;
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    /** Counts a close event (other kinds are ignored). */
    public synchronized void add(TlsEvent e) {
        if (e.kind() != TlsEvent.Kind.CLOSE) return;
        connections++;
        count("status", e.status());
        if (!e.tls()) return;
        count("sni", e.sni());
        count("version", e.version());
        count("cipher", e.cipher());
        count("alpn", e.alpn());
        count("ja4", e.ja4());
        count("resumed", e.resumed() == null ? null : e.resumed() ? "yes" : "no");
    }

    private void count(String what, String value) {
        counts.computeIfAbsent(what, k -> new TreeMap<>()).merge(value == null ? "-" : value, 1L, Long::sum);
    }

    /** The summary as text lines. */
    public synchronized List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add("connections " + connections);
        for (String key : KEYS) {
            if (!counts.containsKey(key)) continue;
            StringBuilder s = new StringBuilder(String.format("%-11s", key));
            counts.get(key).forEach((k, n) -> s.append(' ').append(k).append(' ').append(n));
            lines.add(s.toString());
        }
        return lines;
    }

    /** The summary as one JSON object. */
    public synchronized String json() {
        JsonWriter w = new JsonWriter(new StringBuilder(512));
        w.beginObject().member("event", "summary").member("connections", connections).name("by").beginObject();
        for (String key : KEYS) {
            w.name(key).beginObject();
            counts.getOrDefault(key, Map.of()).forEach(w::member);
            w.endObject();
        }
        return w.endObject().endObject().out().toString();
    }
}
