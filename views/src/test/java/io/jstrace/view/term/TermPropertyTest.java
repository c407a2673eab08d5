package io.jstrace.view.term;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the terminal recorder's parser and readers on generated input: nothing
 * throws but {@link TraceFormatException}; how a stream is cut into writes changes no
 * finding; what is written is read back.
 */
class TermPropertyTest {
    private static final Metadata MD = new Metadata(Instant.ofEpochSecond(1_700_000_000), "p", List.of("prog"),
            Map.of("TERM", "xterm"), new io.jstrace.view.term.Size(80, 24), Map.of(1, "/dev/pts/0"));

    /** Bytes rich in what the parser branches on: ESC, CSI/OSC/DCS introducers, terminators, UTF-8 leads. */
    @Provide
    Arbitrary<byte[]> terminalBytes() {
        Arbitrary<Byte> special = Arbitraries.of("\033[]P;?:0123456789mJHhlc\007\\X^_ \r\n\t\u0018\u001a\u009b"
                .chars().mapToObj(c -> (byte) c).toArray(Byte[]::new));
        Arbitrary<Byte> utf8 = Arbitraries.of((byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, (byte) 0xac,
                (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0xff, (byte) 0xc0);
        Arbitrary<Byte> b = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, special), net.jqwik.api.Tuple.of(2, utf8),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes()));
        return b.array(byte[].class).ofMaxSize(200);
    }

    private static List<TermEvent> cut(byte[] all, List<Integer> cuts) {
        int[] at = cuts.stream().mapToInt(c -> Math.floorMod(c, all.length + 1)).sorted().toArray();
        List<TermEvent> l = new ArrayList<>();
        int from = 0;
        for (int c : at) {
            l.add(TermEvent.output(l.size(), TermEvent.Type.STDOUT, Arrays.copyOfRange(all, from, c)));
            from = c;
        }
        l.add(TermEvent.output(l.size(), TermEvent.Type.STDOUT, Arrays.copyOfRange(all, from, all.length)));
        return l;
    }

    private static List<String> clearForms(List<TermEvent> events) {
        return new Trace(MD, events).clears().stream().map(Decoder.Clear::form).toList();
    }

    private static List<Decoder.Mode> modes(List<TermEvent> events) {
        Decoder d = new Decoder();
        for (int k = 0; k < events.size(); k++) d.accept(k, events.get(k));
        return d.modes();
    }

    @Property(tries = 200)
    void howTheStreamIsCutIntoWritesChangesNoFinding(@ForAll("terminalBytes") byte[] all,
            @ForAll @Size(max = 12) List<Integer> cuts) {
        List<TermEvent> whole = List.of(TermEvent.output(0, TermEvent.Type.STDOUT, all));
        List<TermEvent> split = cut(all, cuts);
        assertEquals(clearForms(whole), clearForms(split));
        assertEquals(modes(whole), modes(split));
        new Trace(MD, split).decode();
        new Trace(MD, split).findResizeIssues(1_000_000);
    }

    @Property(tries = 200)
    void theParserTakesAnyBytes(@ForAll byte[] any, @ForAll("terminalBytes") byte[] rich) {
        AnsiParser p = new AnsiParser(new AnsiParser.Handler() {});
        p.feed(any);
        p.feed(rich);
        Decoder d = new Decoder();
        d.accept(0, TermEvent.output(0, TermEvent.Type.STDOUT, any));
        d.accept(1, TermEvent.output(1, TermEvent.Type.STDERR, rich));
        d.accept(2, TermEvent.output(2, TermEvent.Type.STDIN, any));
        d.resizeIssues(0);
    }

    @Provide
    Arbitrary<List<TermEvent>> events() {
        Arbitrary<Long> gap = Arbitraries.longs().between(0, 5_000_000_000L);
        Arbitrary<TermEvent.Type> type = Arbitraries.of(TermEvent.Type.class);
        Arbitrary<byte[]> data = terminalBytes();
        Arbitrary<io.jstrace.view.term.Size> size = Combinators.combine(Arbitraries.integers().between(1, 500),
                Arbitraries.integers().between(1, 500)).as(io.jstrace.view.term.Size::new);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<TermEvent> e = Combinators.combine(gap, type, data, size, text, Arbitraries.integers().between(1, 1 << 22))
                .as((g, t, d, s, x, pid) -> switch (t) {
                    case STDOUT, STDERR, STDIN -> new TermEvent(g, t, pid, pid, t == TermEvent.Type.STDIN ? 0 : 1, d, null, null);
                    case RESIZE, WINSIZE -> new TermEvent(g, t, pid, pid, -1, null, s, null);
                    default -> new TermEvent(g, t, pid, pid, -1, null, null, x);
                });
        return e.list().ofMaxSize(20).map(TermPropertyTest::cumulative);
    }

    /** Gaps made into times since the start. */
    private static List<TermEvent> cumulative(List<TermEvent> gaps) {
        List<TermEvent> l = new ArrayList<>();
        long t = 0;
        for (TermEvent e : gaps) l.add(e.at(t += e.ts()));
        return l;
    }

    private static byte[] write(Format f, List<TermEvent> events) throws IOException {
        return TermFormatTest.write(f, MD, events);
    }

    private static List<TermEvent> read(byte[] file) throws IOException {
        return TermFormatTest.read(file).events();
    }

    @Property(tries = 100)
    void theTraceJsonGivesBackEveryEvent(@ForAll("events") List<TermEvent> events) throws IOException {
        assertEquals(events, read(write(Format.TRACE, events)));
    }

    @Property(tries = 100)
    void asciicastGivesBackTheOutputBytes(@ForAll("events") List<TermEvent> generated) throws IOException {
        // the exit status comes last: its event ends the text (a character cut there is U+FFFD)
        List<TermEvent> events = generated.stream().filter(e -> e.type() != TermEvent.Type.EXIT).toList();
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        for (TermEvent e : events) if (e.type().output()) want.writeBytes(e.data());
        // what a terminal shows is text: bytes that are not UTF-8 are U+FFFD in asciicast, as asciinema writes them
        String text = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(want.toByteArray())).toString();
        for (Format f : new Format[] {Format.ASCIICAST_V2, Format.ASCIICAST_V3}) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (TermEvent e : read(write(f, events))) if (e.type().output()) got.writeBytes(e.data());
            assertEquals(text, got.toString(StandardCharsets.UTF_8), f.label());
        }
    }

    /** A valid recording with random edits: each reader either reads it or says what is wrong, nothing else. */
    @Property(tries = 400)
    void damagedFilesAreReadOrRefusedInOneLine(@ForAll("events") List<TermEvent> events,
            @ForAll("formats") Format f, @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.constraints.IntRange(
                    min = 0, max = Integer.MAX_VALUE) Integer> positions, @ForAll @Size(min = 8, max = 8) byte[] bytes,
            @ForAll boolean truncate) throws IOException {
        byte[] b = write(f, events);
        for (int k = 0; k < positions.size(); k++) b[positions.get(k) % b.length] = bytes[k];
        if (truncate) b = Arrays.copyOf(b, positions.get(0) % (b.length + 1));
        readOrRefuse(b);
    }

    @Property(tries = 300)
    void anyBytesAreReadOrRefusedInOneLine(@ForAll @Size(max = 300) byte[] any, @ForAll("formats") Format f)
            throws IOException {
        // bare bytes, and bytes after each format's first line (so the event readers see them)
        readOrRefuse(any);
        byte[] head = write(f, List.of());
        int nl = f == Format.TRACE ? head.length - 4 : head.length;
        byte[] b = Arrays.copyOf(head, nl + any.length);
        System.arraycopy(any, 0, b, nl, any.length);
        readOrRefuse(b);
    }

    @Provide
    Arbitrary<Format> formats() {
        return Arbitraries.of(Format.class);
    }

    private static void readOrRefuse(byte[] b) throws IOException {
        try {
            List<TermEvent> l = read(b);
            new Trace(MD, l).decode();
            new Trace(MD, l).findResizeIssues(250_000_000);
        } catch (TraceFormatException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty() || e.getMessage().contains("\n")) {
                throw new AssertionError("not one line: " + e.getMessage());
            }
        }
    }
}
