package io.jstrace.core;

import java.util.List;

/**
 * A tracee thread's user stack at a stop, innermost frame first, as strace's {@code -k} shows
 * it: each pc with the mapped file it is in and the nearest function symbol before it.
 *
 * @param frames    the frames the unwinder could walk; it stops at the outermost frame, at a
 *                  pc outside every mapped file (then the last frame has no file), or when
 *                  a frame cannot be unwound
 * @param truncated the walk stopped at {@link #MAX_FRAMES} frames
 */
public record StackTrace(List<Frame> frames, boolean truncated) {
    /** The most frames a trace holds (strace's own cap, unwind-libunwind.c). */
    public static final int MAX_FRAMES = 256;

    /** No stack: not asked for, or not available. */
    public static final StackTrace NONE = new StackTrace(List.of(), false);

    /**
     * One frame.
     *
     * @param pc           the frame's pc: where the thread is (innermost) or a return address
     * @param file         the mapped file's path as /proc/PID/maps prints it ({@code [vdso]} too),
     *                     or {@code null} when no file mapping holds the pc
     * @param fileOffset   the pc's offset in that file (the mapping's file offset plus the pc's
     *                     distance from the mapping's start)
     * @param symbol       the function symbol at or before the pc, or {@code null}
     * @param symbolOffset the pc's distance from that symbol
     */
    public record Frame(long pc, String file, long fileOffset, String symbol, long symbolOffset) {}

    public StackTrace {
        frames = List.copyOf(frames);
    }
}
