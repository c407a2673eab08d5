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
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(65_536);
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
