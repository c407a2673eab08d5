package io.jstrace.format;

/**
 * What the user asked of decoding.
 *
 * @param stringLimit strace's {@code -s}: bytes of a string, and elements of an array, to print
 * @param verbose     strace's {@code -v}: print structures and environments in full
 */
public record DecodeOptions(int stringLimit, boolean verbose) {
    /** strace's defaults: {@code -s 32}, abbreviated structures. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(32, false);
    }
}
