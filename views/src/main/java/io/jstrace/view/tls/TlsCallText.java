package io.jstrace.view.tls;

import io.jstrace.view.Renderer;
import io.jstrace.view.tls.PlaintextEvent.Direction;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The machine's TLS calls as text, one line per call under a header, tracep's columns (time,
 * pid, command, {@code TX}/{@code RX}, function, server name) with the bytes moved added:
 * {@code TIME PID COMM DIR FUNCTION BYTES SNI}. An {@code _ex} call whose count could not be
 * read shows {@code <=N}, N the count asked for; a failed call (verbose only) {@code -}.
 * Verbose: also the result, the call's duration, the connection ({@code SSL *}) and the library.
 */
public final class TlsCallText implements Renderer<TlsCall> {
    private final boolean verbose;
    private final ZoneId zone = ZoneId.systemDefault();

    public TlsCallText(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public String header() {
        String h = String.format("%-15s %7s %-15s %-3s %-18s %8s %s", "TIME", "PID", "COMM", "DIR", "FUNCTION", "BYTES",
                "SNI");
        return verbose ? String.format("%s %s", pad(h), "RESULT DURATION CONN LIBRARY") : h;
    }

    @Override
    public String line(TlsCall c) {
        String bytes = !c.ok() ? "-" : c.length() < 0 ? "<=" + c.requested() : Long.toString(c.length());
        String s = String.format(Locale.ROOT, "%-15s %7d %-15s %-3s %-18s %8s %s", clock(c.timestamp()), c.pid(),
                c.comm(), c.direction() == Direction.WRITE ? "TX" : "RX", c.function(), bytes,
                c.sni() == null ? "-" : c.sni());
        if (!verbose) return s;
        return String.format(Locale.ROOT, "%s %6d %8s 0x%x %s", pad(s), c.result(), TlsText.ms(c.durationMs()),
                c.connection(), c.library());
    }

    /** The SNI column, at least as wide as a header's. */
    private static String pad(String s) {
        return String.format("%-84s", s);
    }

    private String clock(long epochNs) {
        LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(0, epochNs), zone);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1000);
    }
}
