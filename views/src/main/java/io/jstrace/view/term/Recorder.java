package io.jstrace.view.term;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records terminal events with their times (the seed's {@code Recorder}): in memory until
 * {@link #save}, as the seed does, or streamed to a {@link TraceWriter} as they come
 * ({@link #streaming}). Thread-safe.
 */
public final class Recorder implements AutoCloseable {
    private final Metadata metadata;
    private final long startNanos = System.nanoTime();
    private final List<TermEvent> events;
    private final TraceWriter writer;

    /** The seed's {@code NewRecorder}: events kept in memory until {@link #save}. */
    public Recorder(String runId, List<String> command, Map<String, String> env, Size initialSize) {
        this(new Metadata(Instant.now(), runId, command, env, initialSize, null), null);
    }

    private Recorder(Metadata metadata, TraceWriter writer) {
        this.metadata = metadata;
        this.writer = writer;
        this.events = writer == null ? new ArrayList<>() : null;
    }

    /** A recorder that writes each event to {@code writer} at once and keeps none. */
    public static Recorder streaming(Metadata metadata, TraceWriter writer) {
        return new Recorder(metadata, writer);
    }

    public Metadata metadata() {
        return metadata;
    }

    private long now() {
        return System.nanoTime() - startNanos;
    }

    /** Records output, input or any event of {@code type} carrying {@code data} (copied). */
    public void addEvent(TermEvent.Type type, byte[] data) {
        add(TermEvent.output(now(), type, data.clone()));
    }

    public void addResize(int width, int height) {
        add(TermEvent.resize(now(), new Size(width, height)));
    }

    public void addSignal(String signal) {
        add(TermEvent.signal(now(), signal));
    }

    public void addMarker(String label) {
        add(TermEvent.marker(now(), label));
    }

    /** Records {@code e} as it is (its time included). */
    public synchronized void add(TermEvent e) {
        if (events != null) {
            events.add(e);
            return;
        }
        try {
            writer.write(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** What was recorded so far (empty for a streaming recorder). */
    public synchronized Trace trace() {
        return new Trace(metadata, events == null ? List.of() : events);
    }

    /** Writes the trace JSON to {@code path} (a streaming recorder has written as it went: this is an error). */
    public void save(Path path) throws IOException {
        if (events == null) throw new IllegalStateException("a streaming recorder has nothing kept to save");
        trace().save(path);
    }

    /** Closes the streaming writer, if any. */
    @Override
    public void close() throws IOException {
        if (writer != null) writer.close();
    }
}
