package io.jstrace.core;

import io.jstrace.core.internal.TraceInstance;
import io.jstrace.core.internal.Tracefs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A system source of kernel trace events read from a tracing instance of jstrace's own
 * ({@code jstrace_PID_TOPIC}, removed at close and by the next jstrace after a SIGKILL),
 * with marks to tell when what was recorded before a moment has all been read:
 * {@link TcpStates}, {@link UdpRoutes}, {@link UnixSockets}.
 *
 * @param <E> the events
 */
abstract class TraceEvents<E> implements SystemSource<E> {
    private static final int BUFFER_KB = 2048;
    private final TraceInstance instance;

    TraceEvents(TraceInstance instance) {
        this.instance = instance;
    }

    /**
     * A new instance recording {@code events} ({@code system:event}, each with
     * {@code filter}), read from the moment this returns.
     *
     * @throws TraceException when tracefs is not there, or the kernel lacks an event
     */
    static TraceInstance record(String topic, String filter, String... events) throws TraceException {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String e : events) filters.put(e, filter);
        return record(topic, filters);
    }

    /**
     * A new instance recording each of {@code filters}' events ({@code system:event}) with
     * its filter ({@code null}: none), read from the moment this returns.
     *
     * @throws TraceException when tracefs is not there, or the kernel lacks an event
     */
    static TraceInstance record(String topic, Map<String, String> filters) throws TraceException {
        Path root = Tracefs.root("instances");
        TraceInstance.removeStale(root);
        TraceInstance t = TraceInstance.make(root, TraceInstance.name(topic), BUFFER_KB, () -> {});
        try {
            for (Map.Entry<String, String> e : filters.entrySet()) {
                int colon = e.getKey().indexOf(':');
                t.enable(e.getKey().substring(0, colon), e.getKey().substring(colon + 1), e.getValue());
            }
            t.start();
            return t;
        } catch (TraceException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** One line as an event, {@code null} when it is none (a mark is {@link #mark(TraceInstance.Line)}). */
    abstract E event(TraceInstance.Line l);

    /** The line's mark as an event, {@code null} when it is not one. */
    static TraceMark mark(TraceInstance.Line l) {
        long n = TraceInstance.markNumber(l);
        return n >= 0 ? new TraceMark(n) : null;
    }

    /**
     * Writes a mark into the recording, to be reported in its place: once it is, every event
     * recorded before this call has been.
     *
     * @return the mark's number, or -1 when it could not be written (the source is closed)
     */
    public long mark() {
        return instance.mark();
    }

    @Override
    public E next() throws TraceException {
        return instance.next(this::event);
    }

    /** For tests: a line of trace_pipe as an event, {@code null} when it is none. */
    E parseLine(String line) {
        return instance.parse(line, this::event);
    }

    /** Events the kernel dropped because the reader fell behind. */
    @Override
    public long lostEvents() {
        return instance.lost();
    }

    @Override
    public void close() {
        instance.close();
    }
}
