package io.jstrace.view.term;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a recording as it happens, one event at a time, in one of the {@link Format}s:
 * nothing but a character carry-over is held in memory. The asciicast formats are
 * append-only NDJSON; the trace JSON is written one event per line, closed by
 * {@link #close()} ({@link Trace#load} says clearly when a crash left it unclosed).
 * Each event is flushed to the stream when written.
 */
public abstract sealed class TraceWriter implements Closeable permits TraceWriter.TraceJson, TraceWriter.Asciicast {
    protected final Writer out;
    private boolean closed;

    TraceWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Opens a writer of {@code format} on {@code out} and writes the header from {@code metadata}. */
    public static TraceWriter open(Format format, OutputStream out, Metadata metadata) throws IOException {
        TraceWriter w = format == Format.TRACE ? new TraceJson(out) : new Asciicast(out, format == Format.ASCIICAST_V3);
        w.header(metadata);
        w.out.flush();
        return w;
    }

    abstract void header(Metadata m) throws IOException;

    abstract void event(TermEvent e) throws IOException;

    abstract void end() throws IOException;

    /** Writes one event (times must not go backwards; a later one is written at the previous time). */
    public final synchronized void write(TermEvent e) throws IOException {
        if (closed) throw new IOException("recording closed");
        event(e);
        out.flush();
    }

    /** Ends the recording (the trace JSON's closing brackets) and closes the stream. */
    @Override
    public final synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            end();
        } finally {
            out.close();
        }
    }

    static String env(Map<String, String> env) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (b.length() > 1) b.append(',');
            b.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
        }
        return b.append('}').toString();
    }

    static String command(java.util.List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (b.length() > 0) b.append(' ');
            b.append(a.matches("[A-Za-z0-9_./=:,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /** The seed's trace JSON, streamed: the metadata, then one event per line. */
    static final class TraceJson extends TraceWriter {
        private boolean first = true;

        TraceJson(OutputStream out) {
            super(out);
        }

        @Override
        void header(Metadata m) throws IOException {
            StringBuilder b = new StringBuilder("{\"metadata\":{\"timestamp\":")
                    .append(Json.quote(DateTimeFormatter.ISO_INSTANT.format(m.timestamp())))
                    .append(",\"run_id\":").append(Json.quote(m.runId())).append(",\"command\":[");
            for (int k = 0; k < m.command().size(); k++) {
                if (k > 0) b.append(',');
                b.append(Json.quote(m.command().get(k)));
            }
            b.append("],\"environment\":").append(env(m.environment())).append(",\"initial_size\":{\"width\":")
                    .append(m.initialSize().width()).append(",\"height\":").append(m.initialSize().height())
                    .append("},\"terminals\":{");
            boolean f = true;
            for (Map.Entry<Integer, String> e : new TreeMap<>(m.terminals()).entrySet()) {
                if (!f) b.append(',');
                f = false;
                b.append('"').append(e.getKey()).append("\":").append(Json.quote(e.getValue()));
            }
            b.append("}},\n\"events\":[");
            out.write(b.toString());
        }

        @Override
        void event(TermEvent e) throws IOException {
            StringBuilder b = new StringBuilder(first ? "\n" : ",\n");
            first = false;
            b.append("{\"ts\":").append(e.ts()).append(",\"type\":\"").append(e.type().json()).append('"');
            if (e.data().length > 0) b.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(e.data())).append('"');
            if (e.size() != null) {
                b.append(",\"size\":{\"width\":").append(e.size().width()).append(",\"height\":")
                        .append(e.size().height()).append('}');
            }
            if (e.type() == TermEvent.Type.SIGNAL && e.text() != null) b.append(",\"signal\":").append(Json.quote(e.text()));
            else if (e.text() != null) b.append(",\"text\":").append(Json.quote(e.text()));
            if (e.pid() != 0) b.append(",\"pid\":").append(e.pid()).append(",\"tid\":").append(e.tid());
            if (e.fd() >= 0) b.append(",\"fd\":").append(e.fd());
            out.write(b.append('}').toString());
        }

        @Override
        void end() throws IOException {
            out.write("\n]}\n");
        }
    }

    /**
     * asciicast v2 (absolute times) or v3 (intervals whose sum is the rounded absolute
     * time: error diffusion, no drift; an {@code x} event for the exit status). Output to
     * any terminal descriptor is {@code o}, input {@code i}, resizes {@code r}, markers
     * {@code m}; signals and the sizes a program read are in the trace format only.
     */
    static final class Asciicast extends TraceWriter {
        private final boolean v3;
        private final Utf8Carry output = new Utf8Carry(), input = new Utf8Carry();
        private long lastMicros;

        Asciicast(OutputStream out, boolean v3) {
            super(out);
            this.v3 = v3;
        }

        @Override
        void header(Metadata m) throws IOException {
            StringBuilder b = new StringBuilder("{\"version\":").append(v3 ? 3 : 2);
            String term = m.environment().get("TERM");
            if (v3) {
                b.append(",\"term\":{\"cols\":").append(m.initialSize().width()).append(",\"rows\":")
                        .append(m.initialSize().height());
                if (term != null) b.append(",\"type\":").append(Json.quote(term));
                b.append('}');
            } else {
                b.append(",\"width\":").append(m.initialSize().width()).append(",\"height\":")
                        .append(m.initialSize().height());
            }
            b.append(",\"timestamp\":").append(m.timestamp().getEpochSecond());
            if (!m.command().isEmpty()) b.append(",\"command\":").append(Json.quote(command(m.command())));
            b.append(",\"env\":").append(env(m.environment()));
            out.write(b.append("}\n").toString());
        }

        @Override
        void event(TermEvent e) throws IOException {
            switch (e.type()) {
                case STDOUT, STDERR -> line(e.ts(), "o", output.take(e.data()));
                case STDIN -> line(e.ts(), "i", input.take(e.data()));
                case RESIZE -> {
                    if (e.size() != null) line(e.ts(), "r", e.size().toString());
                }
                case MARKER -> line(e.ts(), "m", e.text() == null ? "" : e.text());
                case EXIT -> {
                    String rest = output.flush();
                    if (!rest.isEmpty()) line(e.ts(), "o", rest);
                    if (v3) line(e.ts(), "x", e.text() == null ? "0" : e.text());
                }
                default -> {}
            }
        }

        private void line(long ts, String code, String data) throws IOException {
            if (data.isEmpty() && (code.equals("o") || code.equals("i"))) return;
            long micros = Math.max(lastMicros, Math.round(ts / 1000.0));
            long t = v3 ? micros - lastMicros : micros;
            lastMicros = micros;
            out.write("[" + seconds(t) + ", \"" + code + "\", " + Json.quote(data) + "]\n");
        }

        static String seconds(long micros) {
            return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
        }

        @Override
        void end() throws IOException {
            String rest = output.flush();
            if (!rest.isEmpty()) line(lastMicros * 1000, "o", rest);
        }
    }
}
