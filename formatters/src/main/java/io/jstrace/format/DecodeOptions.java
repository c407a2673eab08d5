package io.jstrace.format;

/**
 * What the user asked of decoding.
 *
 * @param stringLimit strace's {@code -s}: bytes of a string, and elements of an array, to print
 * @param verbose     strace's {@code -v}: print structures and environments in full
 * @param fdPaths     strace's {@code -y}: print what each descriptor refers to, {@code 3</etc/passwd>}
 */
public record DecodeOptions(int stringLimit, boolean verbose, boolean fdPaths) {
    /** Without {@code -y}. */
    public DecodeOptions(int stringLimit, boolean verbose) {
        this(stringLimit, verbose, false);
    }

    /** strace's defaults: {@code -s 32}, abbreviated structures. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(32, false, false);
    }
}
