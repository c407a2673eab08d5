package io.jstrace.view.term;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the terminal view's readers of outside data: the escape-sequence decoder on
 * random and sequence-rich bytes split at random, and the recording loaders (trace JSON,
 * asciicast v2 and v3) on mutated recordings. The decoder always produces text; a loader
 * either reads events or reports one {@link TraceFormatException}, nothing else.
 * Inputs per property: {@code fuzz.tries} (pom.xml; -Pfuzz for many).
 */
class TermFuzz {
    private static final String[] PIECES = {"\033[", "\033]", "\033P", "\033\\", "\007", "\033", ";", ":", "?", "1",
        "38;2;1;2;3", "m", "H", "J", "K", "h", "l", "\r", "\n", "\b", "\t", "é", "€", "😀", "\u009b", "\377", "\300",
        "\033[?1049h", "\033]0;title\007", "\033_apc\033\\", "99999999999999999999", "x"};

    @Property
    void decoderReadsAnyOutput(@ForAll("terminalBytes") List<byte[]> writes) {
        Decoder d = new Decoder();
        long ts = 0;
        int i = 0;
        for (byte[] w : writes) {
            Decoder.Decoded out = d.accept(i++, new TermEvent(ts += 1000, TermEvent.Type.STDOUT, 1, 1, 1, w, null, null));
            assertNotNull(out.text());
        }
        d.accept(i, TermEvent.resize(ts + 1, new Size(80, 24)));
        assertNotNull(d.clears());
        assertNotNull(d.modes());
        assertNotNull(d.resizeIssues(1_000_000));
    }

    @Property
    void loadersReadOrReportMutatedRecordings(@ForAll("recordings") byte[] file) throws IOException {
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file))) {
            assertNotNull(r.metadata());
            for (int n = 0; n < 10_000 && r.next() != null; n++) {}
        } catch (TraceFormatException e) {
            assertNotNull(e.getMessage()); // the one-line report of a bad file
        }
    }

    @Provide
    Arbitrary<List<byte[]>> terminalBytes() {
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                Arbitraries.of(PIECES).list().ofMaxSize(20).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
        return piece.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<byte[]> recordings() {
        Arbitrary<byte[]> valid = Combinators.combine(Arbitraries.of(Format.values()), terminalBytes())
                .as(TermFuzz::recording);
        return Combinators.combine(valid, Arbitraries.integers().between(0, 8).list().ofMaxSize(12),
                Arbitraries.bytes().list().ofMaxSize(12), Arbitraries.integers().between(0, 1 << 20).list().ofMaxSize(12))
                .as(TermFuzz::mutate);
    }

    private static byte[] recording(Format f, List<byte[]> writes) {
        try {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            Metadata md = new Metadata(Instant.ofEpochSecond(1_700_000_000), "fuzz", List.of("sh", "-c", "x"),
                    Map.of("TERM", "xterm"), new Size(80, 24), Map.of(1, "/dev/pts/0"));
            TraceWriter w = TraceWriter.open(f, o, md);
            long ts = 0;
            for (byte[] b : writes) w.write(new TermEvent(ts += 1_000_000, TermEvent.Type.STDOUT, 1, 1, 1, b, null, null));
            w.write(TermEvent.resize(ts += 1, new Size(100, 30)));
            w.write(TermEvent.marker(ts += 1, "m"));
            w.write(TermEvent.exit(ts + 1, 0));
            w.close();
            return o.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Mutations at random places: flip, insert, delete, truncate, duplicate a span, JSON-ish bytes. */
    private static byte[] mutate(byte[] file, List<Integer> kinds, List<Byte> values, List<Integer> places) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = file;
        for (int k = 0; k < kinds.size() && b.length > 0; k++) {
            int at = (places.isEmpty() ? k : places.get(k % places.size())) % b.length;
            byte v = values.isEmpty() ? 0 : values.get(k % values.size());
            out.reset();
            switch (kinds.get(k)) {
                case 0 -> { b = b.clone(); b[at] ^= (byte) (1 << (v & 7)); out.writeBytes(b); }
                case 1 -> { out.write(b, 0, at); out.write(v); out.write(b, at, b.length - at); }
                case 2 -> { out.write(b, 0, at); out.write(b, at + 1, b.length - at - 1); }
                case 3 -> out.write(b, 0, at);
                case 4 -> { out.write(b, 0, at); out.write(b, at / 2, at - at / 2); out.write(b, at, b.length - at); }
                default -> {
                    byte[] json = "\"{}[],:0-1e999.5null\\u".getBytes(StandardCharsets.UTF_8);
                    b = b.clone(); b[at] = json[(v & 0xff) % json.length]; out.writeBytes(b);
                }
            }
            b = out.toByteArray();
        }
        return b;
    }
}
