package io.jstrace.view.tls;

import io.jstrace.view.tls.PlaintextEvent.Direction;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The TLS libraries' plaintext functions, one row each: the bytes are at the second
 * argument (System V ABI: rsi), and the call's count is its result or, for the {@code _ex}
 * forms, the {@code size_t} its fourth argument points to.
 *
 * <ul>
 * <li>OpenSSL, LibreSSL, BoringSSL (ssl(7), SSL_write(3), SSL_read(3)):
 *     {@code int SSL_write(SSL *, const void *buf, int num)},
 *     {@code int SSL_write_ex(SSL *, const void *buf, size_t num, size_t *written)},
 *     {@code int SSL_read(SSL *, void *buf, int num)},
 *     {@code int SSL_read_ex(SSL *, void *buf, size_t num, size_t *readbytes)},
 *     {@code SSL_peek}/{@code SSL_peek_ex} as SSL_read: bytes &gt; 0 on success, 1 for _ex.
 * <li>GnuTLS (gnutls_record_send(3), gnutls_record_recv(3)):
 *     {@code ssize_t gnutls_record_send(gnutls_session_t, const void *data, size_t size)},
 *     {@code ssize_t gnutls_record_recv(gnutls_session_t, void *data, size_t size)}.
 * </ul>
 */
enum TlsFunction {
    SSL_write(Direction.WRITE, Result.INT),
    SSL_write_ex(Direction.WRITE, Result.EX),
    SSL_read(Direction.READ, Result.INT),
    SSL_read_ex(Direction.READ, Result.EX),
    SSL_peek(Direction.READ, Result.INT),
    SSL_peek_ex(Direction.READ, Result.EX),
    gnutls_record_send(Direction.WRITE, Result.SSIZE),
    gnutls_record_recv(Direction.READ, Result.SSIZE);

    /** How a call says how many bytes it moved. */
    enum Result {
        /** An int: the count when &gt; 0. */
        INT,
        /** An ssize_t: the count when &gt; 0. */
        SSIZE,
        /** 1 for success, the count in the size_t the fourth argument points to. */
        EX
    }

    final Direction direction;
    final Result result;

    TlsFunction(Direction direction, Result result) {
        this.direction = direction;
        this.result = result;
    }

    private static final Map<String, TlsFunction> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(Enum::name, Function.identity()));

    /** The row of function {@code name}, or {@code null}. */
    static TlsFunction of(String name) {
        return BY_NAME.get(name);
    }
}
