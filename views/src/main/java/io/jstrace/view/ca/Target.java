package io.jstrace.view.ca;

/**
 * A server to fetch the chain of: a host name or address, a port, and the plaintext
 * protocol to upgrade first ({@code null} for TLS from the first byte).
 */
public record Target(String host, int port, StartTls starttls) {
    public Target {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("no host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /**
     * {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a bare IPv6 address; without a
     * port, {@code defaultPort}, or the STARTTLS protocol's own port when {@code defaultPort} is 0.
     *
     * @throws IllegalArgumentException on an empty host or a port that is not 1..65535
     */
    public static Target parse(String word, int defaultPort, StartTls starttls) {
        String host = word.trim();
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("unclosed [ in " + word);
            if (host.length() > close + 1) {
                if (host.charAt(close + 1) != ':') throw new IllegalArgumentException("not HOST:PORT: " + word);
                port = host.substring(close + 2);
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) { // one colon: HOST:PORT
            port = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
        }
        int fallback = defaultPort != 0 ? defaultPort : starttls != null ? starttls.port : 443;
        return new Target(host, port == null ? fallback : parsePort(port), starttls);
    }

    /** A port number, 1..65535. */
    public static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("not a port (1-65535): " + s);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
