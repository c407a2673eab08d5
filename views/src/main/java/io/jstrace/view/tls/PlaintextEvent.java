package io.jstrace.view.tls;

import java.time.Instant;

/**
 * The plaintext of one TLS library call: what a process gave {@code SSL_write} (read at the
 * call's entry) or got from {@code SSL_read} (read at its return), before encryption or
 * after decryption.
 *
 * @param time      when the call was entered
 * @param pid       the process
 * @param tid       the thread that made the call
 * @param fd        the socket the call wrote or read: the descriptor of the write or read
 *                  syscall the same thread made inside the call, or of the last such syscall
 *                  seen for the same {@code SSL*}/{@code gnutls_session_t}; -1 when none was seen
 * @param function  the library function ({@code SSL_write_ex}, {@code gnutls_record_recv}, ...)
 * @param direction {@link Direction#WRITE} toward the peer, {@link Direction#READ} from it
 * @param length    how many bytes the call moved (its result)
 * @param data      the first bytes of them, at most the capture's cap
 */
public record PlaintextEvent(Instant time, int pid, int tid, int fd, String function, Direction direction,
        long length, byte[] data) {

    /** Which way the bytes went. */
    public enum Direction { WRITE, READ }

    /** Whether {@link #data} holds fewer bytes than the call moved. */
    public boolean truncated() {
        return data.length < length;
    }
}
