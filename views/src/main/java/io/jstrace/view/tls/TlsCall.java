package io.jstrace.view.tls;

import io.jstrace.view.tls.PlaintextEvent.Direction;

/**
 * One call of a TLS library's plaintext function anywhere on the machine, seen by uprobes
 * ({@link SystemTlsView}): who called it, which way the bytes went, how many, and the
 * server name of the connection it was on.
 *
 * @param timestamp  when it was called, nanoseconds since the epoch (to the microsecond)
 * @param pid        the process
 * @param tid        the thread
 * @param comm       the thread's command name
 * @param function   {@code SSL_write}, {@code SSL_read_ex}, {@code gnutls_record_recv}, ...
 * @param direction  {@link Direction#WRITE}: the process gave the bytes to the library to send (tracep's TX);
 *                   {@link Direction#READ}: it got them from the library (RX)
 * @param requested  the byte count the caller passed
 * @param length     the bytes the call moved: its result, or for the {@code _ex} forms the {@code size_t} its
 *                   fourth argument points to, read from the caller's stack at return; 0 when the call failed;
 *                   -1 when that {@code size_t} was not within reach (not on the caller's stack)
 * @param result     what the function returned ({@code -1} with {@code SSL_ERROR_WANT_READ} for a non-blocking
 *                   socket with nothing to read, {@code 1} for an {@code _ex} success)
 * @param ok         whether the call succeeded
 * @param durationMs from the call to its return
 * @param connection the {@code SSL *} or {@code gnutls_session_t}: one value per connection while it lives
 * @param sni        the server name of the connection: what the client set ({@code SSL_set_tlsext_host_name},
 *                   {@code gnutls_server_name_set}) or the server was sent ({@code SSL_get_servername}), or
 *                   {@code null}
 * @param library    the library's file
 */
public record TlsCall(long timestamp, int pid, int tid, String comm, String function, Direction direction,
        long requested, long length, long result, boolean ok, double durationMs, long connection, String sni,
        String library) {}
