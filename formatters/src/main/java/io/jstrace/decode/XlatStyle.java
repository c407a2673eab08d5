package io.jstrace.decode;

/**
 * How constants and flags print, strace's {@code -X} ({@code --const-print-style}, src/xlat.h
 * xlat_style): {@code O_RDWR|O_CREAT}, {@code 0x42}, or {@code 0x42 /* O_RDWR|O_CREAT *\/}.
 */
public enum XlatStyle {
    /** The names (the default). */
    ABBREV,
    /** The number only: hex for flags and most constants. */
    RAW,
    /** The number, then the names in a comment. */
    VERBOSE;

    /** {@code -X}'s argument, or {@code null} if strace would reject it. */
    public static XlatStyle of(String name) {
        return switch (name) {
            case "abbrev" -> ABBREV;
            case "raw" -> RAW;
            case "verbose" -> VERBOSE;
            default -> null;
        };
    }
}
