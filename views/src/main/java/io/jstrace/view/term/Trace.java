package io.jstrace.view.term;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole recording in memory (the seed's {@code Trace}): load any of the three formats,
 * save in any, decode for people, find clears and resize problems. For recordings too
 * large for memory, read with {@link TraceReader} and feed a {@link Decoder} instead.
 */
public final class Trace {
    private final Metadata metadata;
    private final List<TermEvent> events;

    public Trace(Metadata metadata, List<TermEvent> events) {
        this.metadata = metadata;
        this.events = List.copyOf(events);
    }

    public Metadata metadata() {
        return metadata;
    }

    public List<TermEvent> events() {
        return events;
    }

    /** Reads {@code path} in whichever format it is; {@link TraceFormatException} says why not. */
    public static Trace load(Path path) throws IOException {
        try (TraceReader r = TraceReader.open(path)) {
            List<TermEvent> l = new ArrayList<>();
            for (TermEvent e; (e = r.next()) != null; ) l.add(e);
            return new Trace(r.metadata(), l);
        }
    }

    /** Writes the trace JSON to {@code path}. */
    public void save(Path path) throws IOException {
        save(path, Format.TRACE);
    }

    public void save(Path path, Format format) throws IOException {
        try (OutputStream o = Files.newOutputStream(path)) {
            save(o, format);
        }
    }

    public void save(OutputStream o, Format format) throws IOException {
        TraceWriter w = TraceWriter.open(format, o, metadata);
        for (TermEvent e : events) w.write(e);
        w.close();
    }

    /** Every event with its control sequences spelled out, decoded with one parser across events. */
    public List<Decoder.Decoded> decode() {
        Decoder d = new Decoder();
        List<Decoder.Decoded> l = new ArrayList<>();
        for (int k = 0; k < events.size(); k++) l.add(d.accept(k, events.get(k)));
        return l;
    }

    private Decoder analysed() {
        Decoder d = new Decoder();
        for (int k = 0; k < events.size(); k++) d.accept(k, events.get(k));
        return d;
    }

    /** The index of every event in which a clear (any form) or alternate-screen switch completes. */
    public int[] findClearScreen() {
        return analysed().clears().stream().mapToInt(Decoder.Clear::event).distinct().toArray();
    }

    /** Every clear with its form and time. */
    public List<Decoder.Clear> clears() {
        return analysed().clears();
    }

    /** See {@link Decoder#resizeIssues(long)}. */
    public List<String> findResizeIssues(long windowNanos) {
        return analysed().resizeIssues(windowNanos);
    }
}
