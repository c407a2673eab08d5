package io.jstrace.view.dns;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the DNS parser with random bytes, and with real-shaped messages (a query and
 * a compressed answer) mutated at random: it never throws, and always returns a message,
 * marked malformed when it is. Inputs per property: {@code fuzz.tries} (pom.xml).
 */
class DnsFuzz {
    /** example.com A? and its answer 93.184.216.34 through a compression pointer, an OPT record. */
    private static final byte[] ANSWER = HexFormat.of().parseHex(
            "abcd81800001000100000001076578616d706c6503636f6d0000010001c00c000100010000012c00045db8d822"
            + "0000291000000000000000");

    @Property
    void parsesAnyBytes(@ForAll("messages") byte[] wire) {
        DnsMessage m = DnsParser.parse(wire);
        assertNotNull(m);
        assertNotNull(m.toString());
    }

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.integers().between(0, ANSWER.length - 1).list()
                .ofMinSize(1).ofMaxSize(8), Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.integers().between(12, ANSWER.length + 40)).as(DnsFuzz::mutate);
        return Arbitraries.oneOf(random, mutated);
    }

    private static byte[] mutate(List<Integer> at, List<Byte> values, int length) {
        byte[] b = java.util.Arrays.copyOf(ANSWER, length);
        for (int k = 0; k < at.size(); k++) if (at.get(k) < b.length) b[at.get(k)] = values.get(k % values.size());
        return b;
    }
}
