package io.jstrace.cli;

import io.jstrace.render.Timing;
import io.jstrace.render.Timing.Stamp;

/** strace 6.1's timing options, as {@link Options} holds them after parsing, to a {@link Timing}. */
final class TimingOptions {
    private TimingOptions() {}

    static Timing of(Options o) {
        Stamp stamp = switch (o.timestampFormat) {
            case "time" -> Stamp.TIME;
            case "unix" -> Stamp.UNIX;
            default -> Stamp.NONE;
        };
        return new Timing(stamp, o.timestampDigits, o.relativeDigits, o.durationDigits, o.instructionPointer);
    }
}
