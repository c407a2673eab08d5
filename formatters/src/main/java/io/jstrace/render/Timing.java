package io.jstrace.render;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * strace's timing columns (strace(1): -t, -tt, -ttt, -r, -T, -i and their long forms):
 * an absolute or relative timestamp before each line, the time spent in each syscall
 * after it, and the instruction pointer.
 *
 * @param stamp              absolute timestamps: none, time of day, or seconds since the epoch
 * @param stampDigits        fraction digits of absolute stamps (0, 3, 6 or 9)
 * @param relativeDigits     fraction digits of relative stamps ({@code -r}), or -1 for none
 * @param durationDigits     fraction digits of syscall times ({@code -T}), or -1 for none
 * @param instructionPointer print the instruction pointer ({@code -i})
 */
public record Timing(Stamp stamp, int stampDigits, int relativeDigits, int durationDigits,
        boolean instructionPointer) {

    /** The kinds of absolute timestamp: {@code --timestamps=none|time|unix}. */
    public enum Stamp { NONE, TIME, UNIX }

    /** The local time zone, read only by a trace that prints times of day (its tzdata costs start-up 15 ms). */
    private static final class Local {
        static final ZoneId ZONE = ZoneId.systemDefault();
    }

    /** No timing columns. */
    public static Timing none() {
        return new Timing(Stamp.NONE, 0, -1, -1, false);
    }

    /** Whether any column goes before the line. */
    boolean prefixes() {
        return stamp != Stamp.NONE || relativeDigits >= 0 || instructionPointer;
    }

    /**
     * Appends the columns before a line: the stamp of {@code epochNanos}, the time since
     * {@code previousNanos} (the previous line's), and the instruction pointer ({@code ip},
     * or 0 when there is none, which strace prints as question marks).
     */
    void prefix(StringBuilder out, long epochNanos, long previousNanos, long ip) {
        stamps(out, epochNanos, previousNanos);
        pointer(out, ip);
    }

    /** The absolute and relative timestamps. */
    void stamps(StringBuilder out, long epochNanos, long previousNanos) {
        if (stamp == Stamp.TIME) {
            LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(0, epochNanos), Local.ZONE);
            two(out, t.getHour()).append(':');
            two(out, t.getMinute()).append(':');
            two(out, t.getSecond());
            fraction(out, Math.floorMod(epochNanos, 1_000_000_000L), stampDigits);
            out.append(' ');
        } else if (stamp == Stamp.UNIX) {
            out.append(Math.floorDiv(epochNanos, 1_000_000_000L));
            fraction(out, Math.floorMod(epochNanos, 1_000_000_000L), stampDigits);
            out.append(' ');
        }
        if (relativeDigits >= 0) {
            long d = Math.max(0, epochNanos - previousNanos);
            String sec = Long.toString(d / 1_000_000_000L);
            out.append(" ".repeat(Math.max(0, 6 - sec.length()))).append(sec);
            fraction(out, d % 1_000_000_000L, relativeDigits);
            out.append(' ');
        }
    }

    /** The instruction pointer column, under -i. */
    void pointer(StringBuilder out, long ip) {
        if (instructionPointer) {
            if (ip == 0) {
                out.append("[????????????????] ");
            } else {
                String hex = Long.toHexString(ip);
                out.append('[').append("0".repeat(Math.max(0, 16 - hex.length()))).append(hex).append("] ");
            }
        }
    }

    /** {@code -T}: the time spent in the syscall, {@code  <0.000014>}. */
    void duration(StringBuilder out, long nanos) {
        if (durationDigits < 0) return;
        out.append(" <").append(nanos / 1_000_000_000L);
        fraction(out, nanos % 1_000_000_000L, durationDigits);
        out.append('>');
    }

    private static StringBuilder two(StringBuilder out, int v) {
        return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** {@code .NNN} with {@code digits} digits of {@code nanos} (truncated, as strace does). */
    private static void fraction(StringBuilder out, long nanos, int digits) {
        if (digits <= 0) return;
        String n = Long.toString(nanos);
        String nine = "0".repeat(9 - n.length()) + n;
        out.append('.').append(nine, 0, digits);
    }
}
