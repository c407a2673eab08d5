package io.jstrace.view.term;

/**
 * A terminal's size in character cells (the seed's {@code Size}).
 *
 * @param width  columns
 * @param height rows
 */
public record Size(int width, int height) {
    /** {@code COLSxROWS}, asciicast's resize form. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
