package io.jstrace.view.tls;

import io.jstrace.render.JsonWriter;
import io.jstrace.view.tls.PlaintextEvent.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine's TLS calls summed up (tracep's {@code -s}): for each process and server name,
 * the calls that moved bytes and the bytes, each way; as text lines or one JSON object
 * ({@code "event":"summary"}). Bytes an {@code _ex} call moved without its count being
 * read are not in the sums: such calls are counted apart ({@code uncounted}).
 */
public final class TlsCallSummary {
    private record Key(int pid, String comm, String sni) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(pid, o.pid);
            if (c == 0) c = comm.compareTo(o.comm);
            return c != 0 ? c : String.valueOf(sni).compareTo(String.valueOf(o.sni));
        }
    }

    private static final class Sums {
        long txCalls, txBytes, rxCalls, rxBytes, uncounted;
    }

    private final Map<Key, Sums> sums = new TreeMap<>();

    /** Counts a call that succeeded (failed ones are ignored). */
    public synchronized void add(TlsCall c) {
        if (!c.ok()) return;
        Sums s = sums.computeIfAbsent(new Key(c.pid(), c.comm(), c.sni()), k -> new Sums());
        if (c.length() < 0) s.uncounted++;
        else if (c.direction() == Direction.WRITE) {
            s.txCalls++;
            s.txBytes += c.length();
        } else {
            s.rxCalls++;
            s.rxBytes += c.length();
        }
    }

    /** The summary as text lines under a header. */
    public synchronized List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%7s %-15s %-30s %8s %12s %8s %12s %s", "PID", "COMM", "SNI", "TX_CALLS", "TX_BYTES",
                "RX_CALLS", "RX_BYTES", "UNCOUNTED"));
        sums.forEach((k, s) -> lines.add(String.format(Locale.ROOT, "%7d %-15s %-30s %8d %12d %8d %12d %d", k.pid(),
                k.comm(), k.sni() == null ? "-" : k.sni(), s.txCalls, s.txBytes, s.rxCalls, s.rxBytes, s.uncounted)));
        return lines;
    }

    /** The summary as one JSON object. */
    public synchronized String json() {
        JsonWriter w = new JsonWriter(new StringBuilder(512));
        w.beginObject().member("event", "summary").name("by_process").beginArray();
        sums.forEach((k, s) -> w.beginObject().member("pid", k.pid()).member("name", k.comm()).member("sni", k.sni())
                .member("tx_calls", s.txCalls).member("tx_bytes", s.txBytes).member("rx_calls", s.rxCalls)
                .member("rx_bytes", s.rxBytes).member("uncounted", s.uncounted).endObject());
        return w.endArray().endObject().out().toString();
    }
}
