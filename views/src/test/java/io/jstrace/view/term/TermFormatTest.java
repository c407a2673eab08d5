package io.jstrace.view.term;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three formats written and read back; bad input (generated input: {@link TermPropertyTest}). */
class TermFormatTest {
    private static final Metadata MD = new Metadata(Instant.ofEpochSecond(1_700_000_000, 123), "run-1",
            List.of("sh", "-c", "echo 'hi'"), Map.of("TERM", "xterm-256color", "SHELL", "/bin/sh"), new Size(100, 30),
            Map.of(1, "/dev/pts/3"));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** "é€😀" written one byte per write, then text, a resize, a marker, the exit status. */
    private static List<TermEvent> events() {
        List<TermEvent> l = new ArrayList<>();
        byte[] u = bytes("é€😀\033[1m");
        long t = 0;
        for (byte b : u) l.add(new TermEvent(t += 333_333, TermEvent.Type.STDOUT, 7, 8, 1, new byte[] {b}, null, null));
        l.add(new TermEvent(t += 1_000_001, TermEvent.Type.STDERR, 7, 9, 2, bytes("err \"q\"\n"), null, null));
        l.add(TermEvent.resize(t += 2_500_000, new Size(40, 10)));
        l.add(TermEvent.marker(t += 1, "raw mode"));
        l.add(TermEvent.exit(t += 1_000_000_000, 3));
        return l;
    }

    private static byte[] write(Format f, List<TermEvent> events) throws IOException {
        return write(f, MD, events);
    }

    /** {@code events} as a file in format {@code f} (also for {@link TermPropertyTest}). */
    static byte[] write(Format f, Metadata md, List<TermEvent> events) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        TraceWriter w = TraceWriter.open(f, o, md);
        for (TermEvent e : events) w.write(e);
        w.close();
        return o.toByteArray();
    }

    /** The recording in {@code file}, read with {@link TraceReader} (also for {@link TermPropertyTest}). */
    static Trace read(byte[] file) throws IOException {
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file))) {
            List<TermEvent> l = new ArrayList<>();
            for (TermEvent e; (e = r.next()) != null; ) l.add(e);
            return new Trace(r.metadata(), l);
        }
    }

    private static byte[] output(Trace t) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (TermEvent e : t.events()) if (e.type().output()) o.writeBytes(e.data());
        return o.toByteArray();
    }

    @Test
    void theTraceJsonKeepsEveryEventExactly() throws IOException {
        Trace t = read(write(Format.TRACE, events()));
        assertEquals(events(), t.events());
        assertEquals(MD.timestamp(), t.metadata().timestamp());
        assertEquals(MD.command(), t.metadata().command());
        assertEquals(MD.environment(), t.metadata().environment());
        assertEquals(MD.terminals(), t.metadata().terminals());
        assertEquals(new Size(100, 30), t.metadata().initialSize());
    }

    @Test
    void theSeedsOwnJsonLoads() throws IOException {
        String go = """
                {
                  "metadata": {"timestamp": "2026-02-11T10:00:00.5+01:00", "run_id": "r", "command": ["bash"],
                    "environment": {"TERM": "xterm"}, "initial_size": {"width": 80, "height": 24}},
                  "events": [
                    {"ts": 5, "type": "stdout", "data": "aGk="},
                    {"ts": 9, "type": "resize", "size": {"width": 100, "height": 40}},
                    {"ts": 10, "type": "signal", "signal": "SIGWINCH"}
                  ]
                }""";
        Trace t = read(bytes(go));
        assertEquals(3, t.events().size());
        assertArrayEquals(bytes("hi"), t.events().get(0).data());
        assertEquals(new Size(100, 40), t.events().get(1).size());
        assertEquals("SIGWINCH", t.events().get(2).text());
    }

    @Test
    void asciicastCarriesSplitCharactersAndKeepsTheBytes() throws IOException {
        for (Format f : new Format[] {Format.ASCIICAST_V2, Format.ASCIICAST_V3}) {
            String file = new String(write(f, events()), StandardCharsets.UTF_8);
            String[] lines = file.split("\n");
            assertTrue(lines[0].startsWith(f == Format.ASCIICAST_V2 ? "{\"version\":2,\"width\":100,\"height\":30"
                    : "{\"version\":3,\"term\":{\"cols\":100,\"rows\":30,\"type\":\"xterm-256color\"}"), lines[0]);
            assertTrue(file.contains("\"é\"") && file.contains("\"€\"") && file.contains("\"😀\""), file);
            assertTrue(file.contains("\"r\", \"40x10\"") && file.contains("\"m\", \"raw mode\""), file);
            assertEquals(f == Format.ASCIICAST_V3, file.contains("\"x\", \"3\""), file);
            Trace t = read(file.getBytes(StandardCharsets.UTF_8));
            assertEquals(f, TraceReader.open(new ByteArrayInputStream(bytes(file))).format());
            assertArrayEquals(bytes("é€😀\033[1merr \"q\"\n"), output(t));
            assertEquals(new Size(100, 30), t.metadata().initialSize());
            // times survive to the microsecond, without drift
            TermEvent last = t.events().stream().filter(e -> e.type() == TermEvent.Type.MARKER).findFirst().orElseThrow();
            long want = events().get(events().size() - 2).ts();
            assertTrue(Math.abs(last.ts() - want) <= 1000, last.ts() + " vs " + want);
        }
    }

    @Test
    void v3IntervalsAreErrorDiffused() throws IOException {
        List<TermEvent> l = new ArrayList<>();
        for (int k = 1; k <= 3000; k++) l.add(TermEvent.output(k * 333_333L, TermEvent.Type.STDOUT, bytes("x")));
        String[] lines = new String(write(Format.ASCIICAST_V3, l), StandardCharsets.UTF_8).split("\n");
        long sum = 0;
        for (int k = 1; k < lines.length; k++) {
            String t = lines[k].substring(1, lines[k].indexOf(','));
            sum += Math.round(Double.parseDouble(t) * 1e6);
        }
        assertEquals(Math.round(3000 * 333_333L / 1000.0), sum);
    }

    @Test
    void badFilesSayWhatIsWrongInOneLine() {
        String[][] cases = {
            {"", "empty file"},
            {"hello", "not a recording"},
            {"\u0000\u0001binary", "not a recording"},
            {"{\"version\":2}\n", "line 1: asciicast header: width: not an integer"},
            {"{\"version\":9,\"width\":1,\"height\":1}\n", "asciicast version 9 is not supported"},
            {"{\"version\":2,\"width\":80,\"height\":24}\n[0.1, \"o\", \"x\"]\n[0.2, \"o\"\n", "line 3: unexpected end"},
            {"{\"version\":2,\"width\":80,\"height\":24}\n[0.1, \"r\", \"axb\"]\n", "line 2: resize: not COLSxROWS"},
            {"{\"version\":2,\"width\":80,\"height\":24}\n[-1, \"o\", \"x\"]\n", "line 2: event time out of range"},
            {"{\"metadata\":{},\n\"events\":[\n{\"ts\":1,\"type\":\"stdout\",\"data\":\"aGk=\"},\n{\"ts\":2,",
                "trace JSON cut short: the recording did not finish (2 events written before the end)"},
            {"{\"metadata\":{},\"events\":[{\"ts\":1,\"type\":\"stdout\",\"data\":\"!!\"}]}", "event 0.data: not base64"},
            {"{\"a\":1}", "not a trace"},
        };
        for (String[] c : cases) {
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(bytes(c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[1] + " in: " + e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void recorderAndRecordingStreams() throws IOException {
        Recorder rec = new Recorder("id", List.of("prog"), TermEnv.capture(Map.of("TERM", "dumb", "HOME", "/h")),
                new Size(80, 24));
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (RecordingOutputStream o = new RecordingOutputStream(screen, rec, TermEvent.Type.STDOUT)) {
            o.write(bytes("abc"));
        }
        byte[] got = new RecordingInputStream(new ByteArrayInputStream(bytes("typed")), rec, TermEvent.Type.STDIN).readAllBytes();
        rec.addResize(10, 5);
        rec.addSignal("SIGWINCH");
        assertArrayEquals(bytes("typed"), got);
        assertArrayEquals(bytes("abc"), screen.toByteArray());
        Trace t = rec.trace();
        assertEquals(List.of("stdout", "stdin", "resize", "signal"), t.events().stream().map(e -> e.type().json()).toList());
        assertEquals(Map.of("TERM", "dumb"), t.metadata().environment());
        java.nio.file.Path f = java.nio.file.Files.createTempFile("rec", ".json");
        try {
            rec.save(f);
            Trace back = Trace.load(f);
            assertEquals(t.events(), back.events());
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
