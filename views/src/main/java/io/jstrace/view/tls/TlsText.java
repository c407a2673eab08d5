package io.jstrace.view.tls;

import io.jstrace.view.Renderer;
import java.util.Locale;

/**
 * The tls view as text, one line per connection in the net view's columns: {@code PID COMM
 * FD LOCAL ARROW REMOTE} ({@code →} the process is the client, {@code ←} the server), then
 * {@code SNI VERSION CIPHER} and the rest: the ALPN chosen, {@code resumed}, the handshake's
 * duration, application data bytes/records each way, the JA4 fingerprint; the status when
 * the hellos were not both read. Verbose: what the client offered and JA3 too, and a
 * {@code handshake} line as each ServerHello is read.
 */
public final class TlsText implements Renderer<TlsEvent> {
    private final boolean verbose, hex;

    public TlsText(boolean verbose) {
        this(verbose, false);
    }

    /**
     * With {@code verbose}, what the client offered; the plaintext calls (with
     * {@code --plaintext}) under their connection's line, escaped as strace escapes
     * strings, or with {@code hex} as a hex dump.
     */
    public TlsText(boolean verbose, boolean hex) {
        this.verbose = verbose;
        this.hex = hex;
    }

    @Override
    public String header() {
        return String.format("%7s %-15s %4s %-21s %s %-21s %-20s %-7s %-30s %s", "PID", "COMM", "FD", "LOCAL", " ",
                "REMOTE", "SNI", "VERSION", "CIPHER", "INFO");
    }

    @Override
    public String line(TlsEvent e) {
        String arrow = e.role() == null ? "↔" : e.role().equals("client") ? "→" : "←";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%7d %-15s %4d %-21s %s %-21s %-20s %-7s %-30s",
                e.pid(), e.comm() == null ? "?" : e.comm(), e.fd(), dash(e.local()), arrow, dash(e.remote()),
                dash(e.sni()), dash(e.version()), dash(e.cipher())));
        if (e.kind() == TlsEvent.Kind.HANDSHAKE) s.append(" handshake");
        if (!e.tls()) return s.append(" not TLS: ").append(e.problem()).toString();
        if (!e.status().equals("ok")) s.append(' ').append(e.status());
        if (e.alpn() != null) s.append(" alpn ").append(e.alpn());
        if (Boolean.TRUE.equals(e.resumed())) s.append(" resumed");
        if (e.helloRetry()) s.append(" hello-retry");
        if (e.handshakeMs() != null) s.append(" hs ").append(ms(e.handshakeMs()));
        else if (e.helloMs() != null) s.append(" hello ").append(ms(e.helloMs()));
        if (e.kind() == TlsEvent.Kind.CLOSE) {
            s.append(" tx ").append(e.txAppBytes()).append('/').append(e.txAppRecords());
            s.append(" rx ").append(e.rxAppBytes()).append('/').append(e.rxAppRecords());
            if (!e.countsExact()) s.append('+');
            if (!"close".equals(e.closeReason())) s.append(" (").append(e.closeReason()).append(')');
        }
        if (e.ja4() != null) s.append(" ja4 ").append(e.ja4());
        if (verbose) {
            if (e.ja3Md5() != null) s.append(" ja3 ").append(e.ja3Md5());
            s.append(" offered ").append(String.join(",", e.versionsOffered()));
            if (!e.alpnOffered().isEmpty()) s.append(" alpn ").append(String.join(",", e.alpnOffered()));
        }
        if (e.problem() != null) s.append(" (").append(e.problem()).append(')');
        String line = s.toString().stripTrailing();
        if (e.kind() != TlsEvent.Kind.CLOSE || e.plaintext().isEmpty()) return line;
        StringBuilder calls = new StringBuilder(line);
        for (TlsPlaintext p : e.plaintext()) plaintext(calls.append('\n'), p);
        return calls.toString();
    }

    /** {@code   > SSL_write 82: "GET / HTTP/1.1\r\n..."} ({@code >} the process sent it, {@code <} it read it). */
    private void plaintext(StringBuilder s, TlsPlaintext p) {
        s.append("    ").append(p.direction().equals("write") ? '>' : '<').append(' ').append(p.function()).append(' ')
                .append(p.length()).append(':');
        if (hex) {
            for (int at = 0; at < p.data().length; at += 16) {
                s.append(String.format(Locale.ROOT, "%n     %05x ", at));
                for (int i = at; i < Math.min(at + 16, p.data().length); i++) {
                    s.append(String.format(Locale.ROOT, " %02x", p.data()[i] & 0xff));
                }
            }
            if (p.truncated()) s.append(String.format(Locale.ROOT, "%n     ..."));
            return;
        }
        s.append(" \"");
        for (byte b : p.data()) {
            int c = b & 0xff;
            switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) s.append((char) c);
                    else s.append(String.format(Locale.ROOT, "\\x%02x", c));
                }
            }
        }
        s.append('"');
        if (p.truncated()) s.append("...");
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    static String ms(double ms) {
        if (ms >= 100) return String.format(Locale.ROOT, "%.0fms", ms);
        if (ms >= 1) return String.format(Locale.ROOT, "%.1fms", ms);
        return String.format(Locale.ROOT, "%.3fms", ms);
    }
}
