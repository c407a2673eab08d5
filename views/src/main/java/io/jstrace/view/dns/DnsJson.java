package io.jstrace.view.dns;

import io.jstrace.render.JsonWriter;
import io.jstrace.view.Renderer;
import java.util.List;
import java.util.Locale;

/**
 * The dns view as JSON Lines: one object per exchange, as docs/jstrace-dns.schema.json
 * describes. tracep's fields keep tracep's names and meanings ({@code answers},
 * {@code latency_ms}, {@code name}: the process, {@code pid}, {@code query},
 * {@code rcode}, {@code type}, and {@code ts} when asked for); the rest follow them.
 */
public final class DnsJson implements Renderer<DnsEvent> {
    private final boolean ts;

    /** @param ts whether to add tracep's {@code ts} (its {@code -t}): the query's time, RFC 3339 in UTC */
    public DnsJson(boolean ts) {
        this.ts = ts;
    }

    @Override
    public String line(DnsEvent e) {
        JsonWriter w = new JsonWriter(new StringBuilder(512));
        w.beginObject();
        if (ts) w.member("ts", e.time().toString());
        w.member("time_ns", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
        known(w, "pid", e.pid()); // -1 (--system): the socket or its holder was gone, or no thread is known
        known(w, "tid", e.tid());
        w.member("name", e.comm() == null ? "?" : e.comm()).member("comm", e.comm());
        known(w, "fd", e.fd());
        w.member("proto", e.proto())
                .member("server", e.server()).member("via", e.via()).member("id", e.id())
                .member("query", e.query()).member("type", e.type()).member("class", e.clazz());
        w.member("rcode", e.rcode());
        strings(w.name("answers"), e.answers());
        w.name("latency_ms");
        if (e.latencyNanos() < 0) w.nullValue();
        else w.number(String.format(Locale.ROOT, "%.3f", e.latencyMillis()));
        DnsMessage r = e.response();
        if (r != null) {
            w.name("flags").beginObject().member("qr", r.isResponse()).member("aa", r.aa()).member("tc", r.tc())
                    .member("rd", r.rd()).member("ra", r.ra()).member("ad", r.ad()).member("cd", r.cd()).endObject();
            w.member("opcode", r.opcode());
            records(w.name("answer_rrs"), r.answers());
            records(w.name("authority_rrs"), r.authority());
            records(w.name("additional_rrs"), r.additional());
        }
        strings(w.name("cname_chain"), e.cnameChain());
        DnsMessage.Edns edns = r != null ? r.edns() : e.queryMessage() != null ? e.queryMessage().edns() : null;
        w.name("edns");
        if (edns == null) w.nullValue();
        else w.beginObject().member("udp_size", edns.udpSize()).member("version", edns.version())
                .member("do", edns.dnssecOk()).endObject();
        w.member("query_bytes", e.queryBytes()).member("response_bytes", e.responseBytes())
                .member("retries", e.retries()).member("syscall_send", e.syscallSend())
                .member("syscall_recv", e.syscallRecv()).member("timeout", e.timeout())
                .member("unmatched", e.unmatched()).member("malformed", e.malformed());
        nscd(w.name("nscd"), e);
        w.name("lookup");
        if (e.lookup() == 0) w.nullValue();
        else w.number(Long.toString(e.lookup()));
        return w.endObject().out().toString();
    }

    private static void nscd(JsonWriter w, DnsEvent e) {
        if (e.nscd() == null) {
            w.nullValue();
            return;
        }
        Nscd.Answer a = e.nscdAnswer();
        w.beginObject().member("request", e.nscd().type()).member("key", e.nscd().key());
        w.name("found");
        if (a == null) w.nullValue();
        else w.number(Integer.toString(a.found()));
        w.name("h_errno");
        if (a == null) w.nullValue();
        else w.number(Integer.toString(a.error()));
        w.member("canonical", a == null ? null : a.canonical()).endObject();
    }

    private static void known(JsonWriter w, String name, int v) {
        w.name(name);
        if (v < 0) w.nullValue();
        else w.value(v);
    }

    private static void records(JsonWriter w, List<DnsRecord> rs) {
        w.beginArray();
        for (DnsRecord r : rs) {
            w.beginObject().member("name", r.name()).member("type", r.type()).member("class", r.clazz())
                    .member("ttl", r.ttl()).member("data", r.data()).endObject();
        }
        w.endArray();
    }

    private static void strings(JsonWriter w, List<String> values) {
        w.beginArray();
        for (String v : values) w.value(v);
        w.endArray();
    }
}
