package io.jstrace.core;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Several system-wide sources read as one: a thread per source hands its events to one
 * bounded queue (a source's thread waits when the queue is full, so the kernel queues
 * for it as it would for a slow reader), and {@link #next()} takes them in the order they
 * came. It ends when {@link #close()} is called or any source fails or ends; a failure is
 * thrown by {@link #next()}. How a view that needs the process-events connector and
 * another source (sock_diag, packet capture) reads both on its one thread.
 */
public final class MergedSource implements SystemSource<Object> {
    private static final Object END = new Object();

    private final List<SystemSource<?>> sources;
    /**
     * Small on purpose: a reader that lags holds the sources' threads, so a periodic source
     * (sock_diag snapshots) skips what it would have queued, and the kernel's own queues
     * hold the rest.
     */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(16);
    private volatile boolean closed;
    private volatile TraceException failure;

    private MergedSource(List<SystemSource<?>> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Starts reading every source of {@code sources}, open already; closing the merge closes them. */
    public static MergedSource of(List<SystemSource<?>> sources) {
        MergedSource m = new MergedSource(sources);
        for (SystemSource<?> s : m.sources) {
            Thread t = new Thread(() -> m.pump(s), "jstrace-source");
            t.setDaemon(true);
            t.start();
        }
        return m;
    }

    private void pump(SystemSource<?> s) {
        try {
            for (Object e; (e = s.next()) != null; ) {
                while (!closed && !queue.offer(e, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // full: the reader is behind; the kernel queues meanwhile
                }
            }
        } catch (TraceException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = new TraceException(String.valueOf(e));
        } finally {
            queue.offer(END);
        }
    }

    /** The next event of any source; {@code null} once closed or a source ended. */
    @Override
    public Object next() throws TraceException {
        if (closed) return null;
        Object e;
        try {
            e = queue.take();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            close();
            return null;
        }
        if (e != END) return e;
        close();
        if (failure != null) throw failure;
        return null;
    }

    /**
     * {@code main}'s events, read on the caller's thread with nothing in between, while a
     * thread of its own hands {@code side}'s events to {@code onSide}: for a view whose
     * main events must be acted on at once (a packet's socket looked up before it closes)
     * and whose side source keeps a table up to date (the process-events connector).
     * Closing it closes both; a failure of {@code side} ends it. Its end comes once
     * {@code side}'s thread is done too, for at most {@link #SIDE_PATIENCE_MILLIS}: a source
     * cleans up on its reading thread (a tracing instance is deleted by its reader, an audit
     * claim undone by its), and a process that exits at the end would otherwise leave that
     * undone.
     */
    public static <E, S> SystemSource<E> alongside(SystemSource<E> main, SystemSource<S> side,
            java.util.function.Consumer<? super S> onSide) {
        Thread t = new Thread(() -> {
            try {
                for (S e; (e = side.next()) != null; ) onSide.accept(e);
            } catch (TraceException | RuntimeException e) {
                main.close();
            }
        }, "jstrace-source");
        t.setDaemon(true);
        t.start();
        return new SystemSource<>() {
            @Override
            public E next() throws TraceException {
                E e = null;
                try {
                    return e = main.next();
                } finally {
                    if (e == null) {
                        side.close();
                        join(t);
                    }
                }
            }

            @Override
            public long lostEvents() {
                return main.lostEvents() + side.lostEvents();
            }

            @Override
            public void close() {
                main.close();
                side.close();
            }
        };
    }

    /** How long the end of {@link #alongside} waits for its side's thread. */
    static final long SIDE_PATIENCE_MILLIS = 3000;

    private static void join(Thread t) {
        try {
            t.join(SIDE_PATIENCE_MILLIS);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long lostEvents() {
        long n = 0;
        for (SystemSource<?> s : sources) n += s.lostEvents();
        return n;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (SystemSource<?> s : sources) s.close();
        queue.offer(END);
    }
}
