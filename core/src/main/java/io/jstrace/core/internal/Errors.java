package io.jstrace.core.internal;

import io.jstrace.syscalls.Errno;

/** Messages for errno values in the tracer's own errors. */
final class Errors {
    private Errors() {}

    /** strerror-style text: {@code No such process}. */
    static String message(int errno) {
        return Errno.of(errno).message();
    }
}
