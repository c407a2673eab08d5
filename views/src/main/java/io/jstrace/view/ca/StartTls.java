package io.jstrace.view.ca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The plaintext exchange before the TLS handshake of protocols that upgrade a connection,
 * as {@code openssl s_client -starttls} makes it: read the greeting, ask, read the go-ahead.
 */
public enum StartTls {
    /** RFC 3207: 220 greeting, EHLO, STARTTLS, 220. */
    SMTP(25),
    /** RFC 3501 section 6.2.1 (RFC 9051): "* OK" greeting, "a STARTTLS", "a OK". */
    IMAP(143),
    /** RFC 2595 section 4: "+OK" greeting, STLS, "+OK". */
    POP3(110),
    /** RFC 4217 section 4: 220 greeting, AUTH TLS, 234. */
    FTP(21);

    /** The protocol's own port, when none is given. */
    public final int port;

    StartTls(int port) {
        this.port = port;
    }

    /** The protocol named {@code name} (smtp, imap, pop3, ftp), or {@code null}. */
    public static StartTls named(String name) {
        for (StartTls s : values()) if (s.name().equalsIgnoreCase(name)) return s;
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Makes the exchange on {@code socket}; it is then ready for the handshake.
     *
     * @throws IOException when the server refuses, with the server's line
     */
    void negotiate(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        switch (this) {
            case SMTP -> {
                expect(reply(in), "220");
                send(out, "EHLO jstrace.invalid");
                expect(reply(in), "250");
                send(out, "STARTTLS");
                expect(reply(in), "220");
            }
            case IMAP -> {
                expect(line(in), "* OK");
                send(out, "a STARTTLS");
                String l;
                while ((l = line(in)).startsWith("* ")) {} // untagged data before the tagged answer
                expect(l, "a OK");
            }
            case POP3 -> {
                expect(line(in), "+OK");
                send(out, "STLS");
                expect(line(in), "+OK");
            }
            case FTP -> {
                expect(reply(in), "220");
                send(out, "AUTH TLS");
                expect(reply(in), "234");
            }
        }
    }

    private void expect(String line, String start) throws IOException {
        if (!line.startsWith(start)) throw new IOException(this + " STARTTLS refused: " + line);
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A reply of SMTP and FTP: "NNN-text" lines until "NNN text" (RFC 5321 section 4.2.1); its last line. */
    private static String reply(InputStream in) throws IOException {
        String l;
        while ((l = line(in)).length() >= 4 && l.charAt(3) == '-') {}
        return l;
    }

    /** One line up to CRLF (or LF), at most 4096 bytes; the byte-at-a-time reads leave nothing buffered for TLS. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("the server closed the connection before STARTTLS");
            if (b.size() > 4096) throw new IOException("a line longer than 4096 bytes before STARTTLS");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
