package io.jstrace.view.net;

import io.jstrace.render.JsonWriter;
import io.jstrace.view.Renderer;
import java.time.Instant;

/**
 * The net view as JSON Lines: one object per event, as docs/jstrace-net.schema.json
 * describes; tracep's {@code pid} and {@code name} (the process) under tracep's names.
 * Fields that do not apply to an event are absent; {@code null} means not known.
 */
public final class NetJson {
    /** The JSON Lines renderer: no header, {@link #line} per event. */
    public static final Renderer<NetEvent> RENDERER = NetJson::line;

    private NetJson() {}

    /** The renderer that adds {@code rdns}, the remote address's reverse-DNS name (tracep's {@code -r}). */
    public static Renderer<NetEvent> withReverse(ReverseDns reverse) {
        return e -> line(e, reverse);
    }

    public static String line(NetEvent e) {
        return line(e, null);
    }

    private static String line(NetEvent e, ReverseDns reverse) {
        JsonWriter w = new JsonWriter(new StringBuilder(384));
        w.beginObject().member("event", e.kind().json());
        Instant t = Instant.ofEpochSecond(0, e.timestamp());
        w.member("ts", t.toString()).member("ts_ns", e.timestamp());
        counter(w, "pid", e.pid()); // -1: not known (--system: the owner was gone)
        counter(w, "tid", e.tid());
        w.member("name", e.comm()).member("comm", e.comm());
        if (e.uid() >= 0) w.member("uid", e.uid()).member("user", e.user());
        counter(w, "fd", e.fd());
        if (e.kind() == NetEvent.Kind.BLIND_SPOT) {
            w.member("io_uring", true).member("detail", e.detail());
            return w.endObject().out().toString();
        }
        w.member("inode", e.inode()).member("proto", e.proto()).member("family", e.family())
                .member("type", e.type()).member("local", e.local()).member("remote", e.remote());
        if (e.peerInode() != 0) w.member("peer_inode", e.peerInode());
        w.member("dir", e.direction().json()).member("state", e.state()).member("error", e.error())
                .member("errno", e.errno());
        number(w, "connect_ms", e.connectMs());
        if (e.kind() == NetEvent.Kind.CLOSE) number(w, "duration_ms", e.durationMs());
        counter(w, "tx_bytes", e.txBytes()); // -1 (--system): what the kernel does not count
        counter(w, "rx_bytes", e.rxBytes());
        counter(w, "tx_calls", e.txCalls());
        counter(w, "rx_calls", e.rxCalls());
        if (e.kind() == NetEvent.Kind.CLOSE) {
            if (e.tcp() != null) {
                w.member("tcp_state", e.tcp().state());
                counter(w, "tcp_bytes_acked", e.tcp().bytesAcked());
                counter(w, "tcp_bytes_received", e.tcp().bytesReceived());
                counter(w, "retrans", e.tcp().retransmits());
                counter(w, "rtt_us", e.tcp().rttUs());
            }
            w.member("close", e.closeReason());
        }
        if (e.detail() != null) w.member("detail", e.detail());
        w.member("io_uring", e.ioUring()).member("dns_name", e.dnsName());
        if (reverse != null) w.member("rdns", reverse.name(e.remote()));
        return w.endObject().out().toString();
    }

    private static void number(JsonWriter w, String name, Double v) {
        w.name(name);
        if (v == null) w.nullValue();
        else w.number(String.format(java.util.Locale.ROOT, "%.3f", v));
    }

    private static void counter(JsonWriter w, String name, long v) {
        w.name(name);
        if (v < 0) w.nullValue();
        else w.value(v);
    }
}
