package io.jstrace.core;

/**
 * A system-wide event source: events about the whole machine that come without tracing
 * anything, such as the process-events connector ({@link ProcConnector}); later sock_diag
 * polling, packet capture and uprobes. They share one life-cycle:
 *
 * <ol>
 *   <li><b>open</b>: a static factory (or an {@link Opener}) subscribes; events come from
 *       that moment on, and a refusal is a {@link TraceException} with a one-line message;
 *   <li><b>run</b>: one thread calls {@link #next()} until it returns {@code null};
 *   <li><b>close</b>: any thread, any number of times; a {@link #next()} blocked on
 *       another thread returns {@code null} at once;
 *   <li><b>events lost</b>: what the kernel (or the source) dropped because the reader
 *       fell behind is counted, never hidden: {@link #lostEvents()}.
 * </ol>
 *
 * @param <E> the events
 */
public interface SystemSource<E> extends AutoCloseable {

    /** Opens a source: what a view keeps until it starts. */
    @FunctionalInterface
    interface Opener<E> {
        /** @throws TraceException when the kernel refuses (one-line message) */
        SystemSource<E> open() throws TraceException;
    }

    /**
     * The next event, waiting for it as long as it takes. Call from one thread at a time.
     *
     * @return the event, or {@code null} once {@link #close()} has been called (then always)
     * @throws TraceException when reading fails (not when events were lost)
     */
    E next() throws TraceException;

    /** Events lost so far because the reader fell behind. */
    long lostEvents();

    /** Stops the source and releases what it holds; safe from any thread, again and again. */
    @Override
    void close();
}
