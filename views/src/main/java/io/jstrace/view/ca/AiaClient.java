package io.jstrace.view.ca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Downloads a caIssuers URI: an HTTP/1.0 GET (RFC 9112; RFC 5280 section 4.2.2.1 says
 * caIssuers is http or ldap, never https, which would need the chain being looked for),
 * redirects followed up to three times, the whole exchange bounded by a deadline and the
 * body by a byte cap. A plain socket rather than the JDK's HttpClient: a deadline on
 * every read and a cap on every byte, so a server that trickles or sends a gigabyte
 * costs at most the deadline and the cap.
 */
final class AiaClient {
    private static final int MAX_HEADER = 16 * 1024, MAX_REDIRECTS = 3;

    /** What a download gave: the body, or why there is none. */
    record Download(String url, byte[] body, String error) {}

    private final int maxBytes;

    AiaClient(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** GET {@code url} before {@code deadline} (System.nanoTime()). */
    Download get(String url, long deadline) {
        String at = url;
        try {
            for (int hop = 0; ; hop++) {
                URI uri = new URI(at);
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    return new Download(url, null, "not an http URL: " + at);
                }
                Response r = exchange(uri, deadline);
                if (r.status / 100 == 3 && r.location != null) {
                    if (hop == MAX_REDIRECTS) return new Download(url, null, "more than 3 redirects");
                    at = uri.resolve(r.location).toString();
                    continue;
                }
                if (r.status != 200) return new Download(url, null, "HTTP " + r.status);
                return new Download(url, r.body, null);
            }
        } catch (URISyntaxException e) {
            return new Download(url, null, "not a URL: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return new Download(url, null, "timed out");
        } catch (IOException e) {
            return new Download(url, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private record Response(int status, String location, byte[] body) {}

    private Response exchange(URI uri, long deadline) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), port), millisLeft(deadline));
            String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + port;
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + host
                    + "\r\nUser-Agent: jstrace-ca\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = head(s, in, deadline);
            String[] lines = head.split("\r?\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/")) throw new IOException("not an HTTP response");
            int code;
            try {
                code = Integer.parseInt(status[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP response");
            }
            String location = null;
            long length = -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) continue;
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("location")) location = value;
                else if (name.equals("content-length")) length = parseLength(value);
                else if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("identity")) {
                    throw new IOException("transfer-encoding " + value + " in an HTTP/1.0 response");
                }
            }
            if (code != 200) return new Response(code, location, null);
            if (length > maxBytes) throw new IOException(tooBig(length + " bytes announced"));
            return new Response(code, location, body(s, in, deadline, length));
        }
    }

    /** The status line and headers, up to the empty line. */
    private static String head(Socket s, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0; // how much of CRLF CRLF (or LF LF) has been seen
        while (true) {
            s.setSoTimeout(millisLeft(deadline));
            int c = in.read();
            if (c < 0) throw new IOException("the server closed the connection before its response");
            b.write(c);
            if (b.size() > MAX_HEADER) throw new IOException("HTTP headers longer than " + MAX_HEADER + " bytes");
            if (c == '\n') {
                if (state == 1) break;
                state = 1;
            } else if (c != '\r') {
                state = 0;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] body(Socket s, InputStream in, long deadline, long length) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (length < 0 || b.size() < length) {
            s.setSoTimeout(millisLeft(deadline));
            int n = in.read(buf);
            if (n < 0) break;
            b.write(buf, 0, n);
            if (b.size() > maxBytes) throw new IOException(tooBig("more"));
        }
        if (length >= 0 && b.size() < length) throw new IOException("the body ended after " + b.size() + " of "
                + length + " bytes");
        return b.toByteArray();
    }

    private String tooBig(String what) {
        return what + ": over the cap of " + maxBytes + " bytes";
    }

    private static long parseLength(String v) throws IOException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException("Content-Length: not a number: " + v);
        }
    }

    /** The time left before {@code deadline}, at least 1 ms (0 would mean no timeout to a socket). */
    static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("timed out");
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
