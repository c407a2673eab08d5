package io.jstrace.core;

/**
 * Tracing could not start or go on: a command not found, a process that cannot be
 * attached. The message is one line, fit to print after {@code jstrace: }.
 */
public final class TraceException extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }
}
