package io.jstrace.view.dns;

import io.jstrace.view.Renderer;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The dns view as text, one line per exchange under a header, tracep's columns (pid,
 * command, type, name, answers, round-trip time) with the time first ({@code -t}) and the
 * protocol, server and rcode added: {@code PID COMM PROTO SERVER TYPE QUERY RCODE LATENCY
 * ANSWERS}. A CNAME chain shows before the answers ({@code c.test -> h.test}); a query
 * with no response shows {@code timeout}. Flat ({@code -f}): single spaces, no alignment.
 * Names only ({@code -q}): the query's name alone.
 */
public final class DnsText implements Renderer<DnsEvent> {
    private final boolean time, flat, namesOnly;
    private final ZoneId zone = ZoneId.systemDefault();

    public DnsText(boolean time, boolean flat, boolean namesOnly) {
        this.time = time;
        this.flat = flat;
        this.namesOnly = namesOnly;
    }

    @Override
    public String header() {
        if (namesOnly) return null;
        return row("TIME", "PID", "COMM", "PROTO", "SERVER", "TYPE", "QUERY", "RCODE", "LATENCY", "ANSWERS");
    }

    @Override
    public String line(DnsEvent e) {
        if (namesOnly) return String.valueOf(e.query());
        String latency = e.timeout() ? "timeout" : e.latencyNanos() < 0 ? "-"
                : String.format(Locale.ROOT, "%.1fms", e.latencyMillis());
        StringBuilder answers = new StringBuilder();
        for (String c : e.cnameChain()) answers.append("-> ").append(c).append(' ');
        answers.append(String.join(" ", e.answers()));
        if (e.retries() > 0) answers.append(" (retries ").append(e.retries()).append(')');
        if (e.unmatched()) answers.append(" (unmatched response)");
        if (e.malformed() != null) answers.append(" (malformed: ").append(e.malformed()).append(')');
        String rcode = e.rcode() == null ? "-" : e.rcode();
        return row(clock(e), e.pid() < 0 ? "?" : Integer.toString(e.pid()), e.comm() == null ? "?" : e.comm(), e.proto(), e.server(),
                String.valueOf(e.type()), String.valueOf(e.query()), rcode, latency, answers.toString().strip());
    }

    private String row(String t, String pid, String comm, String proto, String server, String type, String query,
            String rcode, String latency, String answers) {
        String s = flat ? String.join(" ", pid, comm, proto, server, type, query, rcode, latency, answers)
                : String.format(Locale.ROOT, "%-7s %-15s %-5s %-21s %-6s %-30s %-8s %9s  %s", pid, comm, proto, server,
                        type, query, rcode, latency, answers);
        if (time) s = (flat ? t + " " : String.format(Locale.ROOT, "%-15s ", t)) + s;
        return s.stripTrailing();
    }

    private String clock(DnsEvent e) {
        LocalTime t = LocalTime.ofInstant(e.time(), zone);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1000);
    }
}
