package io.jstrace.view.term;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a recording in any of the three {@link Format}s, found from its content. An
 * asciicast file is read one line at a time (any length), and so is the trace JSON in the
 * layout {@link TraceWriter} writes (the metadata, then one event per line): a recording of
 * any size is read in little memory. Trace JSON in another layout (the seed's own, indented)
 * is parsed whole, up to {@link #MAX_WHOLE_DOCUMENT}. Every problem is a
 * {@link TraceFormatException} with one line saying what and where; nothing else is thrown
 * for any content.
 */
public final class TraceReader implements Closeable {
    /** Longest line read: a guard against a file that is not a recording at all. */
    static final int MAX_LINE = 1 << 30;
    /** Largest trace JSON parsed whole (not in the writer's one-event-per-line layout). */
    static final int MAX_WHOLE_DOCUMENT = 16 << 20;
    /** How the writer's trace JSON starts: its first line, then this second one. */
    private static final String METADATA = "{\"metadata\":", EVENTS = "\"events\":[";

    private final Format format;
    private final Metadata metadata;
    private final BufferedReader lines;
    private final List<TermEvent> events;
    private int next;
    private int lineNumber = 1;
    /** Trace JSON read a line at a time: the events read so far, and whether its end was read. */
    private int traceEvents;
    private boolean traceEnded;
    /** Whether the last line {@link #readLine} gave ended with a newline. */
    private boolean lineEnded;
    private long lastTs;

    private TraceReader(Format format, Metadata metadata, BufferedReader lines, List<TermEvent> events) {
        this.format = format;
        this.metadata = metadata;
        this.lines = lines;
        this.events = events;
    }

    public static TraceReader open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return open(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads the header (or, for the trace JSON, the whole document) of {@code in}. */
    public static TraceReader open(InputStream in) throws IOException {
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(in, 1 << 16);
        b.mark(1 << 16);
        byte[] head = b.readNBytes(1 << 16);
        b.reset();
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (start.isEmpty()) throw new TraceFormatException("empty file: not a recording");
        if (start.charAt(0) != '{') throw new TraceFormatException("not a recording: neither asciicast nor trace JSON");
        int nl = start.indexOf('\n');
        String first = nl < 0 ? start : start.substring(0, nl);
        if (first.contains("\"version\"") && !first.startsWith("{\"metadata\"")) {
            return asciicast(utf8(b));
        }
        String[] two = start.split("\n", 3);
        if (two.length == 3 && two[0].startsWith(METADATA) && two[1].strip().equals(EVENTS)) return traceLines(b);
        return traceJson(b);
    }

    private static BufferedReader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** The trace JSON as {@link TraceWriter} writes it: the metadata line, the events line, one event per line. */
    private static TraceReader traceLines(InputStream in) throws IOException {
        BufferedReader r = utf8(in);
        String first = readLine(r, 1, null).strip();
        readLine(r, 2, null);
        Metadata md;
        try {
            if (!first.endsWith(",")) throw new Json.Bad("line 1: not the metadata");
            Map<?, ?> d = Json.object(Json.parse(first.substring(0, first.length() - 1) + "}"), "document");
            md = metadata(Json.object(d.get("metadata"), "metadata"));
        } catch (Json.Bad e) {
            throw new TraceFormatException("trace JSON: " + e.getMessage());
        }
        TraceReader t = new TraceReader(Format.TRACE, md, r, null);
        t.lineNumber = 2;
        return t;
    }

    /** The next line of {@code r} (line number {@code line}), {@code null} at the end; tells {@code t} whether it ended. */
    private static String readLine(BufferedReader r, int line, TraceReader t) throws IOException {
        try {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = r.read()) >= 0) {
                if (c == '\n') {
                    if (t != null) t.lineEnded = true;
                    return b.toString();
                }
                if (b.length() >= MAX_LINE) throw new TraceFormatException("line " + line + ": too long");
                b.append((char) c);
            }
            if (t != null) t.lineEnded = false;
            return b.length() == 0 ? null : b.toString();
        } catch (CharacterCodingException e) {
            throw new TraceFormatException("line " + line + ": not UTF-8 text");
        }
    }

    private static TraceReader asciicast(BufferedReader r) throws IOException {
        String header = readLine(r, 1, null);
        Map<?, ?> h;
        try {
            h = Json.object(Json.parse(header), "header");
        } catch (Json.Bad e) {
            throw new TraceFormatException("line 1: asciicast header: " + e.getMessage());
        }
        try {
            long version = Json.integer(h.get("version"), "version");
            int w, hgt;
            Map<String, String> env = new HashMap<>();
            String type = null;
            if (version == 2) {
                w = (int) Json.integer(h.get("width"), "width");
                hgt = (int) Json.integer(h.get("height"), "height");
            } else if (version == 3) {
                Map<?, ?> term = Json.object(h.get("term"), "term");
                w = (int) Json.integer(term.get("cols"), "term.cols");
                hgt = (int) Json.integer(term.get("rows"), "term.rows");
                if (term.get("type") instanceof String t) type = t;
            } else {
                throw new TraceFormatException("line 1: asciicast version " + version + " is not supported (2 and 3 are)");
            }
            if (w < 1 || hgt < 1 || w > 100_000 || hgt > 100_000) throw new Json.Bad("size " + w + "x" + hgt + " out of range");
            if (h.get("env") instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getKey() instanceof String k && e.getValue() instanceof String v) env.put(k, v);
                }
            }
            if (type != null) env.putIfAbsent("TERM", type);
            Instant at = Instant.EPOCH;
            if (h.get("timestamp") instanceof Number n) at = Instant.ofEpochSecond(n.longValue());
            List<String> command = h.get("command") instanceof String c ? List.of(c) : List.of();
            Metadata md = new Metadata(at, "", command, env, new Size(w, hgt), null);
            return new TraceReader(version == 2 ? Format.ASCIICAST_V2 : Format.ASCIICAST_V3, md, r, null);
        } catch (Json.Bad e) {
            throw new TraceFormatException("line 1: asciicast header: " + e.getMessage());
        }
    }

    private static TraceReader traceJson(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_WHOLE_DOCUMENT);
        if (in.read() >= 0) {
            throw new TraceFormatException("trace JSON larger than 16 MiB and not one event per line: not read");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(all)).toString();
        } catch (CharacterCodingException e) {
            throw new TraceFormatException("not UTF-8 text: not a recording");
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (Json.Bad e) {
            if (text.startsWith("{\"metadata\"") && e.getMessage().startsWith("unexpected end")) {
                int n = text.split("\n\\{\"ts\":", -1).length - 1;
                throw new TraceFormatException("trace JSON cut short: the recording did not finish (" + n
                        + " events written before the end)");
            }
            throw new TraceFormatException("trace JSON: " + e.getMessage());
        }
        try {
            Map<?, ?> d = Json.object(doc, "document");
            if (!d.containsKey("events") && !d.containsKey("metadata")) {
                throw new Json.Bad("no \"metadata\" or \"events\": not a trace");
            }
            Metadata md = metadata(d.get("metadata") == null ? Map.of() : Json.object(d.get("metadata"), "metadata"));
            List<TermEvent> events = new ArrayList<>();
            List<?> list = d.get("events") == null ? List.of() : Json.array(d.get("events"), "events");
            long last = 0;
            for (int k = 0; k < list.size(); k++) {
                TermEvent e = traceEvent(Json.object(list.get(k), "event " + k), k);
                if (e == null) continue;
                if (e.ts() < last) e = e.at(last); // out of order: kept in file order
                last = e.ts();
                events.add(e);
            }
            return new TraceReader(Format.TRACE, md, null, events);
        } catch (Json.Bad e) {
            throw new TraceFormatException("trace JSON: " + e.getMessage());
        }
    }

    private static Metadata metadata(Map<?, ?> m) throws Json.Bad {
        Instant at = Instant.EPOCH;
        if (m.get("timestamp") != null) {
            try {
                at = java.time.OffsetDateTime.parse(Json.string(m.get("timestamp"), "metadata.timestamp")).toInstant();
            } catch (DateTimeParseException e) {
                throw new Json.Bad("metadata.timestamp: not an RFC 3339 time");
            }
        }
        String run = m.get("run_id") == null ? "" : Json.string(m.get("run_id"), "metadata.run_id");
        List<String> command = new ArrayList<>();
        if (m.get("command") != null) {
            for (Object o : Json.array(m.get("command"), "metadata.command")) command.add(Json.string(o, "metadata.command"));
        }
        Map<String, String> env = new HashMap<>();
        if (m.get("environment") != null) {
            for (Map.Entry<?, ?> e : Json.object(m.get("environment"), "metadata.environment").entrySet()) {
                env.put(String.valueOf(e.getKey()), Json.string(e.getValue(), "metadata.environment"));
            }
        }
        Size size = new Size(80, 24);
        if (m.get("initial_size") != null) size = size(m.get("initial_size"), "metadata.initial_size");
        Map<Integer, String> ttys = new HashMap<>();
        if (m.get("terminals") instanceof Map<?, ?> t) {
            for (Map.Entry<?, ?> e : t.entrySet()) {
                try {
                    ttys.put(Integer.parseInt(String.valueOf(e.getKey())), Json.string(e.getValue(), "metadata.terminals"));
                } catch (NumberFormatException x) {
                    throw new Json.Bad("metadata.terminals: not a descriptor: " + e.getKey());
                }
            }
        }
        return new Metadata(at, run, command, env, size, ttys);
    }

    private static Size size(Object o, String what) throws Json.Bad {
        Map<?, ?> s = Json.object(o, what);
        long w = s.get("width") == null ? 0 : Json.integer(s.get("width"), what + ".width");
        long h = s.get("height") == null ? 0 : Json.integer(s.get("height"), what + ".height");
        if (w < 0 || h < 0 || w > 100_000 || h > 100_000) throw new Json.Bad(what + ": out of range");
        return new Size((int) w, (int) h);
    }

    private static TermEvent traceEvent(Map<?, ?> m, int k) throws Json.Bad {
        String where = "event " + k;
        long ts = Json.integer(m.get("ts"), where + ".ts");
        if (ts < 0) throw new Json.Bad(where + ".ts: negative");
        TermEvent.Type type = TermEvent.Type.ofJson(Json.string(m.get("type"), where + ".type"));
        if (type == null) return null; // an event type of a newer writer: skipped
        byte[] data = null;
        if (m.get("data") != null) {
            try {
                data = Base64.getDecoder().decode(Json.string(m.get("data"), where + ".data"));
            } catch (IllegalArgumentException e) {
                throw new Json.Bad(where + ".data: not base64");
            }
        }
        Size size = m.get("size") == null ? null : size(m.get("size"), where + ".size");
        if ((type == TermEvent.Type.RESIZE || type == TermEvent.Type.WINSIZE) && size == null) {
            throw new Json.Bad(where + ": a " + type.json() + " without a size");
        }
        String text = m.get("signal") != null ? Json.string(m.get("signal"), where + ".signal")
                : m.get("text") != null ? Json.string(m.get("text"), where + ".text") : null;
        int pid = m.get("pid") == null ? 0 : (int) Json.integer(m.get("pid"), where + ".pid");
        int tid = m.get("tid") == null ? 0 : (int) Json.integer(m.get("tid"), where + ".tid");
        int fd = m.get("fd") == null ? -1 : (int) Json.integer(m.get("fd"), where + ".fd");
        return new TermEvent(ts, type, pid, tid, fd, data, size, text);
    }

    public Format format() {
        return format;
    }

    public Metadata metadata() {
        return metadata;
    }

    /** The next event, or {@code null} at the end. */
    public TermEvent next() throws IOException {
        if (events != null) return next < events.size() ? events.get(next++) : null;
        if (format == Format.TRACE) return nextTraceLine();
        while (true) {
            String line = readLine(lines, ++lineNumber, this);
            if (line == null) return null;
            if (line.isBlank() || line.startsWith("#")) continue;
            TermEvent e;
            try {
                e = asciicastEvent(line);
            } catch (Json.Bad x) {
                throw new TraceFormatException("line " + lineNumber + ": " + x.getMessage());
            }
            if (e != null) return e;
        }
    }

    /** The next event of trace JSON in the writer's layout: one per line, a comma after all but the last. */
    private TermEvent nextTraceLine() throws IOException {
        while (!traceEnded) {
            String line = readLine(lines, ++lineNumber, this);
            if (line == null) throw cutShort(traceEvents);
            line = line.strip();
            if (line.isEmpty()) continue;
            if (line.equals("]}")) {
                traceEnded = true;
                break;
            }
            int k = traceEvents++;
            try {
                TermEvent e = traceEvent(Json.object(Json.parse(line.endsWith(",") ? line.substring(0, line.length() - 1)
                        : line), "event " + k), k);
                if (e == null) continue;
                if (e.ts() < lastTs) e = e.at(lastTs); // out of order: kept in file order
                lastTs = e.ts();
                return e;
            } catch (Json.Bad x) {
                if (!lineEnded) throw cutShort(traceEvents);
                throw new TraceFormatException("trace JSON: line " + lineNumber + ": " + x.getMessage());
            }
        }
        return null;
    }

    private static TraceFormatException cutShort(int events) {
        return new TraceFormatException("trace JSON cut short: the recording did not finish (" + events
                + " events written before the end)");
    }

    private TermEvent asciicastEvent(String line) throws Json.Bad {
        List<?> a = Json.array(Json.parse(line), "event");
        if (a.size() < 3) throw new Json.Bad("event: expected [time, code, data]");
        double t = Json.number(a.get(0), "event time");
        if (t < 0 || t > 1e9) throw new Json.Bad("event time out of range: " + t);
        String code = Json.string(a.get(1), "event code");
        String data = Json.string(a.get(2), "event data");
        long micros = Math.round(t * 1e6);
        long ts;
        if (format == Format.ASCIICAST_V3) ts = lastTs + micros * 1000;
        else ts = Math.max(lastTs, micros * 1000);
        lastTs = ts;
        return switch (code) {
            case "o" -> TermEvent.output(ts, TermEvent.Type.STDOUT, data.getBytes(StandardCharsets.UTF_8));
            case "i" -> TermEvent.output(ts, TermEvent.Type.STDIN, data.getBytes(StandardCharsets.UTF_8));
            case "m" -> TermEvent.marker(ts, data);
            case "x" -> new TermEvent(ts, TermEvent.Type.EXIT, 0, 0, -1, null, null, data);
            case "r" -> {
                int x = data.indexOf('x');
                try {
                    int w = Integer.parseInt(data.substring(0, Math.max(0, x)));
                    int h = Integer.parseInt(data.substring(x + 1));
                    if (w < 1 || h < 1) throw new NumberFormatException();
                    yield TermEvent.resize(ts, new Size(w, h));
                } catch (RuntimeException e) {
                    throw new Json.Bad("resize: not COLSxROWS: " + Json.quote(data.length() > 20 ? data.substring(0, 20) : data));
                }
            }
            default -> null; // unknown codes are ignored, as the spec says
        };
    }

    @Override
    public void close() throws IOException {
        if (lines != null) lines.close();
    }
}
