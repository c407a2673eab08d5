package io.jstrace.cli;

import io.jstrace.render.Timing;
import io.jstrace.render.Timing.Stamp;

/** strace 6.1's timing options to a {@link Timing}: -t/-tt/-ttt, -r, -T, -i and their long forms. */
final class TimingOptions {
    private TimingOptions() {}

    static Timing of(Options o) {
        Stamp stamp = Stamp.NONE;
        int digits = 0;
        int t = o.timestamps.length;
        if (t > 0) {
            stamp = t >= 3 ? Stamp.UNIX : Stamp.TIME;
            digits = t >= 2 ? 6 : 0;
        }
        if (o.timestampsLong != null) {
            stamp = Stamp.TIME;
            for (String word : o.timestampsLong.split(",")) {
                switch (word) {
                    case "" -> {}
                    case "none" -> stamp = Stamp.NONE;
                    case "time" -> stamp = Stamp.TIME;
                    case "unix" -> stamp = Stamp.UNIX;
                    default -> digits = precision(word, "--timestamps");
                }
            }
        }
        int relative = o.relativeLong != null ? precisionOr(o.relativeLong, 6, "--relative-timestamps")
                : o.relative ? 6 : -1;
        int duration = o.syscallTimesLong != null ? precisionOr(o.syscallTimesLong, 6, "--syscall-times")
                : o.syscallTimes ? 6 : -1;
        return new Timing(stamp, digits, relative, duration, o.instructionPointer);
    }

    private static int precisionOr(String word, int otherwise, String option) {
        return word.isEmpty() ? otherwise : precision(word, option);
    }

    /** s, ms, us, ns: how many fraction digits. */
    private static int precision(String word, String option) {
        return switch (word) {
            case "s" -> 0;
            case "ms" -> 3;
            case "us" -> 6;
            case "ns" -> 9;
            default -> throw new IllegalArgumentException("invalid " + option + " argument: '" + word + "'");
        };
    }
}
