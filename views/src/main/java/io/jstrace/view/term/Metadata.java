package io.jstrace.view.term;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a recording is of (the seed's {@code Metadata}, and which descriptors were terminals).
 *
 * @param timestamp   when it started
 * @param runId       an identifier of the run
 * @param command     the command recorded (for {@code -p}: the process's pid as {@code -p PID})
 * @param environment TERM, LANG, COLUMNS, LINES, SHELL as captured ({@link TermEnv#capture})
 * @param initialSize the terminal's size at the start
 * @param terminals   descriptor → terminal path ({@code /dev/pts/3}, or {@code tty} when
 *                    only known to be one) of the descriptors 0, 1, 2 that were terminals;
 *                    those missing were not (output to a file or pipe)
 */
public record Metadata(Instant timestamp, String runId, List<String> command, Map<String, String> environment,
        Size initialSize, Map<Integer, String> terminals) {
    public Metadata {
        Objects.requireNonNull(timestamp);
        runId = runId == null ? "" : runId;
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(initialSize);
        terminals = terminals == null ? Map.of() : Map.copyOf(terminals);
    }
}
