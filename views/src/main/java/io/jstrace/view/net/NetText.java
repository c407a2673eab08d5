package io.jstrace.view.net;

import io.jstrace.view.Renderer;
import java.util.Locale;

/**
 * The net view as text, tracep's columns: {@code PID COMM PROTO LOCAL ARROW REMOTE} and
 * what the event adds: {@code →} outbound, {@code ←} inbound, {@code ↔} not known (found
 * open, a socketpair end), {@code •} listening, {@code ⇒} a state change, {@code ×} a
 * close with its duration and byte counts. A remote address that the process's own DNS
 * answers named shows the name: {@code 127.0.0.1:8000 (web.test)}.
 */
public final class NetText implements Renderer<NetEvent> {
    private final boolean user;
    private final ReverseDns reverse;

    /** With {@code user}, a USER column after COMM. */
    public NetText(boolean user) {
        this(user, null);
    }

    /**
     * With {@code user}, a USER column after COMM; with {@code reverse}, the remote
     * address's reverse-DNS name after it ({@code ptr=NAME}).
     */
    public NetText(boolean user, ReverseDns reverse) {
        this.user = user;
        this.reverse = reverse;
    }

    @Override
    public String header() {
        return String.format("%7s %-15s %s%-6s %-24s %s %-24s %s", "PID", "COMM", user ? String.format("%-10s ", "USER") : "",
                "PROTO", "LOCAL", " ", "REMOTE", "INFO");
    }

    @Override
    public String line(NetEvent e) {
        String who = String.format("%7s %-15s %s", e.pid() < 0 ? "?" : Integer.toString(e.pid()), e.comm() == null ? "?" : e.comm(),
                user ? String.format("%-10s ", e.user() != null ? e.user() : e.uid() >= 0 ? Integer.toString(e.uid()) : "?") : "");
        if (e.kind() == NetEvent.Kind.BLIND_SPOT) {
            return who + "!      " + e.detail() + " (fd " + e.fd() + "): byte counts of this process may be incomplete";
        }
        String arrow = switch (e.kind()) {
            case STATE -> "⇒";
            case CLOSE -> "×";
            default -> e.direction().arrow();
        };
        String proto = e.proto().equals("unix") ? switch (e.type()) {
            case "dgram" -> "UNIXDG";
            case "seqpacket" -> "UNIXSQ";
            default -> "UNIX";
        } : e.proto().toUpperCase(Locale.ROOT);
        StringBuilder s = new StringBuilder(who);
        String remote = e.remote() == null ? (e.peerInode() != 0 ? "socket:[" + e.peerInode() + "]" : "*") : e.remote();
        if (e.dnsName() != null) remote += " (" + e.dnsName() + ")";
        String ptr = reverse == null ? null : reverse.name(e.remote());
        if (ptr != null) remote += " ptr=" + ptr;
        s.append(String.format("%-6s %-24s %s %-24s", proto, e.local() == null ? "*" : e.local(), arrow, remote));
        switch (e.kind()) {
            case OPEN -> {
                if (e.error() != null) s.append(' ').append(e.error()).append(" (").append(e.errno()).append(')');
                if (e.connectMs() != null) s.append(" connect ").append(ms(e.connectMs()));
            }
            case STATE -> {
                s.append(' ').append(e.state());
                if (e.error() != null) s.append(' ').append(e.error());
                if (e.detail() != null) s.append(" (").append(e.detail()).append(')');
            }
            case CLOSE -> {
                s.append(' ').append(e.durationMs() == null ? "?" : ms(e.durationMs()));
                s.append(" tx ").append(count(e.txBytes())).append('/').append(count(e.txCalls()));
                s.append(" rx ").append(count(e.rxBytes())).append('/').append(count(e.rxCalls()));
                if (e.error() != null) s.append(' ').append(e.error());
                if (e.tcp() != null) {
                    s.append(" [").append(e.tcp().state());
                    if (e.tcp().bytesAcked() >= 0) s.append(" acked ").append(e.tcp().bytesAcked());
                    if (e.tcp().bytesReceived() >= 0) s.append(" rcvd ").append(e.tcp().bytesReceived());
                    if (e.tcp().retransmits() >= 0) s.append(" retrans ").append(e.tcp().retransmits());
                    if (e.tcp().rttUs() >= 0) s.append(" rtt ").append(ms(e.tcp().rttUs() / 1000.0));
                    s.append(']');
                }
                if (!"close".equals(e.closeReason())) s.append(" (").append(e.closeReason()).append(')');
            }
            case LISTEN -> s.append(" LISTEN");
            default -> {}
        }
        if (e.ioUring() && e.kind() != NetEvent.Kind.LISTEN) s.append(" io_uring!");
        // how a --system socket's holder was found, or why not; a socket no snapshot listed has no inode
        boolean unlisted = e.pid() < 0 || e.inode() == 0;
        if (unlisted && e.kind() != NetEvent.Kind.STATE && e.detail() != null) s.append(" (").append(e.detail()).append(')');
        return s.toString().stripTrailing();
    }

    /** A count, {@code ?} when not known (-1). */
    private static String count(long n) {
        return n < 0 ? "?" : Long.toString(n);
    }

    static String ms(double ms) {
        if (ms >= 100) return String.format(Locale.ROOT, "%.0fms", ms);
        if (ms >= 1) return String.format(Locale.ROOT, "%.1fms", ms);
        return String.format(Locale.ROOT, "%.3fms", ms);
    }
}
