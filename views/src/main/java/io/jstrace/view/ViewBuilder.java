package io.jstrace.view;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every view's builder has: the source, the filter every event passes before it
 * reaches callbacks and streams, and the bound of each {@link View#events()} stream. A
 * view's builder extends this with its own settings and {@code build()}.
 *
 * @param <E> the view's event record
 * @param <B> the view's builder, returned by the setters here
 */
public abstract class ViewBuilder<E, B extends ViewBuilder<E, B>> {
    /** Events an {@link View#events()} stream holds for a reader that lags, by default. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    private Source source;
    private Predicate<? super E> filter = e -> true;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

    protected ViewBuilder(Source source) {
        this.source = Objects.requireNonNull(source);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The descriptors a launched command inherits (by default 0, 1 and 2); other sources ignore them. */
    public B inheritedFds(Set<Integer> fds) {
        if (source instanceof Source.Command c) source = new Source.Command(c.argv(), fds);
        return self();
    }

    /** Only events {@code keep} accepts reach callbacks and streams (filters add up). */
    public B filter(Predicate<? super E> keep) {
        Predicate<? super E> before = filter;
        Objects.requireNonNull(keep);
        filter = e -> before.test(e) && keep.test(e);
        return self();
    }

    /**
     * How many events each {@link View#events()} stream holds for a reader that lags
     * ({@value #DEFAULT_QUEUE_CAPACITY} by default); past that, events are dropped from
     * that stream and counted ({@link View#droppedEvents()}).
     */
    public B queueCapacity(int events) {
        if (events < 1) throw new IllegalArgumentException("queue capacity must be at least 1: " + events);
        queueCapacity = events;
        return self();
    }

    /** The source as set up so far. */
    public Source source() {
        return source;
    }

    /** What {@link View}'s constructor takes. */
    protected Config<E> config() {
        return new Config<>(source, filter, queueCapacity);
    }

    /** A builder's settings for {@link View}. */
    public record Config<E>(Source source, Predicate<? super E> filter, int queueCapacity) {}

    /** {@code Source.Command} of {@code argv}, inheriting 0, 1 and 2. */
    protected static Source command(List<String> argv) {
        return new Source.Command(argv, Set.of(0, 1, 2));
    }
}
