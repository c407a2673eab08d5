package io.jstrace.strace;

import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceRecord;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.decode.StraceText;
import io.jstrace.decode.SyscallDecoding;
import io.jstrace.render.TextPrinter;
import io.jstrace.render.Timing;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * Ready-made listeners for {@link Strace#trace} or {@link io.jstrace.core.TraceSession#addListener}:
 * u-root's {@code PrintTraces} and {@code RecordTraces}.
 */
public final class Traces {
    private Traces() {}

    /**
     * Prints every record to {@code out} as strace's text, as strace prints it on its
     * standard error: {@code [pid N]} before a line while more than one thread is traced,
     * {@code <unfinished ...>} and {@code <... NAME resumed>} when lines of threads
     * interleave, {@code +++ exited with N +++}; each record flushed as it is printed.
     * Made for a launched command: it counts one traced thread to begin with.
     */
    public static TraceListener print(Writer out) {
        return print(out, DecodeOptions.defaults());
    }

    /** {@link #print(Writer)} with decoding options: the display size ({@code -s}) and the rest. */
    public static TraceListener print(Writer out, DecodeOptions decode) {
        TextPrinter.Options options = new TextPrinter.Options(decode, StraceText.Escape.OCTAL, true, false,
                Strace.COLUMN, signal -> true, Timing.none(), null, Set.of(), false);
        return new SyscallDecoding(decode, List.of(new TextPrinter(out, options, 1)));
    }

    /**
     * Puts every record into {@code queue}, in order. {@link BlockingQueue#put} waits for
     * room, and the tracee waits with it: a bounded queue holds the traced processes back
     * rather than lose a record. Records are immutable and outlive the stop; the
     * {@code Tracee} does not, so what is to be read of its memory is read by a listener.
     */
    public static TraceListener record(BlockingQueue<? super TraceRecord> queue) {
        return TraceListener.ofRecords(r -> {
            try {
                queue.put(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while queueing a record", e);
            }
        });
    }
}
