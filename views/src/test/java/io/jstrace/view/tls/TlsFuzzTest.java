package io.jstrace.view.tls;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jstrace.core.Payload;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzed hellos never make the parsers, the record reassembly or the fingerprints throw:
 * random bytes, and real-shaped ClientHellos with bytes overwritten, cut and fed in random
 * pieces to both sides of a connection.
 */
class TlsFuzzTest {
    private static final byte[] HELLO = TlsParserTest.specHello(true, true);

    @Property(tries = 500)
    void randomBytesNeverThrow(@ForAll @Size(max = 600) byte[] body) {
        ClientHello h = ClientHello.parse(body);
        Fingerprints.ja3Md5(h);
        Fingerprints.ja4(h);
        ServerHello.parse(body);
    }

    /** The example hello cut at {@code cut}, with {@code values} written at {@code positions}. */
    private static byte[] mutated(List<Integer> positions, byte[] values, int cut) {
        byte[] b = Arrays.copyOf(HELLO, Math.min(cut, HELLO.length));
        for (int i = 0; i < Math.min(positions.size(), values.length); i++) {
            if (positions.get(i) < b.length) b[positions.get(i)] = values[i];
        }
        return b;
    }

    @Property(tries = 500)
    void mutatedHellosFedInPiecesNeverThrow(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 400) Integer> positions,
            @ForAll @Size(12) byte[] values, @ForAll @IntRange(min = 0, max = 400) int cut,
            @ForAll @IntRange(min = 1, max = 300) int chunk, @ForAll boolean asServer) {
        byte[] body = mutated(positions, values, cut);
        ClientHello h = ClientHello.parse(body);
        Fingerprints.ja3(h);
        Fingerprints.ja4(h);
        TlsConnection c = new TlsConnection(1, TlsParserTest.payload(Payload.Direction.WRITE, new byte[0], 0), "fuzz");
        byte[] stream = HelloBytes.records(22, HelloBytes.handshake(1, body), 1 + chunk % 97);
        Payload.Direction first = asServer ? Payload.Direction.READ : Payload.Direction.WRITE;
        Payload.Direction second = asServer ? Payload.Direction.WRITE : Payload.Direction.READ;
        for (Payload.Direction d : List.of(first, second)) {
            for (int at = 0; at < stream.length; at += chunk) {
                byte[] part = Arrays.copyOfRange(stream, at, Math.min(stream.length, at + chunk));
                c.bytes(TlsParserTest.payload(d, part, part.length + (at % 3 == 0 ? 0 : at % 5)));
            }
        }
        TlsEvent e = c.event(TlsEvent.Kind.CLOSE, 1, "close");
        assertNotNull(e.status());
        TlsJson.line(e);
        new TlsText(true).line(e);
    }
}
