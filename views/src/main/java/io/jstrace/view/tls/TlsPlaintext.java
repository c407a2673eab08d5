package io.jstrace.view.tls;

/**
 * One call of a TLS library's read or write function on a connection, with its plaintext:
 * filled only with {@code --plaintext} (breakpoints on the library; see the plaintext
 * mode), empty otherwise.
 *
 * @param timestamp when the call returned (a read) or was entered (a write), nanoseconds since the epoch
 * @param tid       the thread that called it
 * @param function  the library function ({@code SSL_write_ex}, {@code gnutls_record_recv})
 * @param direction {@code write} (the process sent it) or {@code read}
 * @param length    the bytes the call moved
 * @param data      the first of them, at most the session's cap
 * @param truncated whether {@code data} holds fewer than {@code length} bytes
 */
public record TlsPlaintext(long timestamp, int tid, String function, String direction, long length, byte[] data,
        boolean truncated) {}
