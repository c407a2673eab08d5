package io.jstrace.view;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One {@link View#events()} stream's queue: at most {@code capacity} events wait for the
 * reader; an event that finds the queue full is dropped and counted. One thread offers
 * (the view's tracing thread), one reads.
 */
final class EventQueue<E> {
    /** Ends the stream; it always has a place of its own past the events' capacity. */
    private static final Object END = new Object();

    private final int capacity;
    private final LinkedBlockingQueue<Object> queue;
    private final AtomicLong dropped;
    private volatile boolean ended;

    /** @param dropped where this queue's drops are added (the view's total) */
    EventQueue(int capacity, AtomicLong dropped) {
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity + 1);
        this.dropped = dropped;
    }

    /** Queues {@code e}, or counts it dropped when {@code capacity} events are waiting. */
    void offer(E e) {
        if (ended) return;
        if (queue.size() >= capacity || !queue.offer(e)) dropped.incrementAndGet();
    }

    /** No more events: the stream ends after those queued. Call once, after the last {@link #offer}. */
    synchronized void end() {
        if (ended) return;
        ended = true;
        queue.offer(END); // the place past capacity: never refused, as only events fill the rest
    }

    /** A blocking stream of the queued events, ending at {@link #end()}, or when the reading thread is interrupted. */
    Stream<E> stream(Runnable onClose) {
        Iterator<E> it = new Iterator<>() {
            private Object next;
            private boolean over;

            @Override
            public boolean hasNext() {
                if (over) return false;
                if (next == null) next = take();
                if (next == END) {
                    over = true;
                    next = null;
                }
                return !over;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (!hasNext()) throw new NoSuchElementException();
                E e = (E) next;
                next = null;
                return e;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(onClose);
    }

    private Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }
}
