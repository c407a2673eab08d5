package io.jstrace.view.tls;

import java.util.List;

/**
 * One TLS connection of a traced process (a TCP socket, by inode, whichever descriptors and
 * processes share it), read from the bytes its own syscalls moved: its ClientHello and
 * ServerHello, and the record headers after them. {@link Kind#HANDSHAKE} when the
 * ServerHello has been read; {@link Kind#CLOSE}, the full record, when the last descriptor
 * is closed or the last process holding it ends (or tracing ends).
 *
 * @param kind            what happened
 * @param timestamp       when, nanoseconds since the epoch
 * @param pid             the process that first moved bytes on it
 * @param tid             that process's thread
 * @param comm            the process's command name, or {@code null}
 * @param fd              its descriptor in that process
 * @param inode           the socket's inode
 * @param local           its own address ({@code 127.0.0.1:40312}), or {@code null}
 * @param remote          the peer's address, or {@code null}
 * @param role            {@code client} (it wrote the ClientHello) or {@code server} (it read it); {@code null} when not TLS
 * @param status          {@code ok} (both hellos read), {@code no_server_hello} (a ClientHello and no ServerHello
 *                        before the end), {@code malformed} (a hello that does not parse, or a stream that stopped
 *                        looking like TLS before the hellos), {@code not_tls} (its first bytes are no TLS handshake)
 * @param problem         what was wrong for {@code malformed} and {@code not_tls}, or a note (the stream lost after
 *                        the hellos), else {@code null}
 * @param clientHello     the ClientHello as read, or {@code null}
 * @param serverHello     the ServerHello as read (after a HelloRetryRequest: the second), or {@code null}
 * @param helloRetry      whether the server answered the first ClientHello with a HelloRetryRequest
 * @param ja3             the JA3 string of the (first) ClientHello, or {@code null}
 * @param ja3Md5          its MD5
 * @param ja4             the JA4 fingerprint of the (first) ClientHello
 * @param helloMs         from the ClientHello's syscall to the ServerHello's, or {@code null}
 * @param handshakeMs     from the ClientHello's syscall to the client's first application_data record (in TLS 1.3
 *                        its encrypted Finished, in TLS 1.2 its first data after the handshake), or {@code null}
 * @param txAppBytes      bytes of application_data records it sent (record lengths; in TLS 1.3 the encrypted
 *                        handshake messages too, as they travel in application_data records)
 * @param rxAppBytes      the same, received
 * @param txAppRecords    application_data records sent
 * @param rxAppRecords    application_data records received
 * @param countsExact     whether both streams were followed to the end (else the counts are lower bounds)
 * @param durationMs      for a close: from its first bytes to the close, else {@code null}
 * @param closeReason     for a close: {@code close}, {@code exit}, {@code exec}, {@code detach}, else {@code null}
 * @param plaintext       the library calls' plaintext on this connection, in order: filled with {@code --plaintext},
 *                        empty otherwise
 */
public record TlsEvent(Kind kind, long timestamp, int pid, int tid, String comm, int fd, long inode, String local,
        String remote, String role, String status, String problem, ClientHello clientHello, ServerHello serverHello,
        boolean helloRetry, String ja3, String ja3Md5, String ja4, Double helloMs, Double handshakeMs,
        long txAppBytes, long rxAppBytes, long txAppRecords, long rxAppRecords, boolean countsExact,
        Double durationMs, String closeReason, List<TlsPlaintext> plaintext) {

    /** What an event says. */
    public enum Kind {
        /** The ServerHello was read: what was negotiated. */
        HANDSHAKE,
        /** The connection ended: the full record. */
        CLOSE;

        /** The JSON name. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether it is a TLS connection (its first bytes were a ClientHello's record). */
    public boolean tls() {
        return !"not_tls".equals(status);
    }

    /** The server name the client asked for, or {@code null}. */
    public String sni() {
        return clientHello == null ? null : clientHello.sni();
    }

    /** The protocols the client offered. */
    public List<String> alpnOffered() {
        return clientHello == null ? List.of() : clientHello.alpn();
    }

    /**
     * Whether the server's ALPN choice can be seen: up to TLS 1.2 it is in the ServerHello;
     * in TLS 1.3 it travels in EncryptedExtensions, which only the endpoints can read.
     */
    public boolean alpnVisible() {
        return serverHello != null && serverHello.version() != 0x0304;
    }

    /** The protocol the server chose ({@code null} when it chose none, or in TLS 1.3: see {@link #alpnVisible()}). */
    public String alpn() {
        return serverHello == null ? null : serverHello.alpn();
    }

    /** The versions the client offered ({@code TLSv1.3}...), GREASE left out: supported_versions, else its legacy_version. */
    public List<String> versionsOffered() {
        if (clientHello == null) return List.of();
        if (clientHello.supportedVersions().isEmpty()) {
            return clientHello.legacyVersion() < 0 ? List.of() : List.of(TlsNames.version(clientHello.legacyVersion()));
        }
        return clientHello.supportedVersions().stream().filter(v -> !ClientHello.grease(v)).map(TlsNames::version)
                .toList();
    }

    /** The version negotiated ({@code TLSv1.3}), or {@code null}. */
    public String version() {
        return serverHello == null || serverHello.version() < 0 ? null : TlsNames.version(serverHello.version());
    }

    /** The cipher suite chosen (its IANA name), or {@code null}. */
    public String cipher() {
        return serverHello == null ? null : TlsNames.cipher(serverHello.cipherSuite());
    }

    /**
     * Whether the session was resumed: TLS 1.3, the server accepted a pre-shared key (RFC 8446
     * section 4.2.11); before, it echoed the client's non-empty session id (RFC 5246 section
     * 7.4.1.3, RFC 5077 section 3.4); {@code null} without a ServerHello.
     */
    public Boolean resumed() {
        if (serverHello == null || clientHello == null) return null;
        if (serverHello.version() == 0x0304) return serverHello.preSharedKey();
        return clientHello.sessionId().length > 0
                && java.util.Arrays.equals(clientHello.sessionId(), serverHello.sessionId());
    }
}
