package io.jstrace.view.term;

import java.io.IOException;

/** A file that is not a recording this reader understands: the message is one line, for people. */
public final class TraceFormatException extends IOException {
    public TraceFormatException(String message) {
        super(message);
    }
}
