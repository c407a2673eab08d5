package io.jstrace.view;

/**
 * A view's events as lines of output: text under a header, or JSON Lines (one object per
 * event, described by a schema in docs/). A line may hold a newline of its own (a
 * continuation line).
 *
 * @param <E> the view's event record
 */
@FunctionalInterface
public interface Renderer<E> {

    /** The line above the events, or {@code null} for none (JSON Lines). */
    default String header() {
        return null;
    }

    /** The event, without its final newline. */
    String line(E event);
}
