package io.jstrace.view.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** nscd's host requests and answers, laid out as nscd/nscd-client.h and nscd/hstcache.c write them. */
class NscdTest {
    private static ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
    }

    private static byte[] request(int type, byte[] key) {
        return buf(12 + key.length).putInt(2).putInt(type).putInt(key.length).put(key).array();
    }

    @Test
    void requestsOfTheHostDatabaseOnly() {
        Nscd ai = Nscd.request(request(14, "h.test\0".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new Nscd("GETAI", "h.test", 19), ai);
        assertEquals(new Nscd("GETHOSTBYADDR", "10.0.0.2", 16), Nscd.request(request(6, new byte[] {10, 0, 0, 2})));
        assertNull(Nscd.request(request(0, "root\0".getBytes(StandardCharsets.US_ASCII)))); // GETPWBYNAME
        assertNull(Nscd.request(new byte[] {2, 0, 0, 0, 14, 0, 0, 0, 7, 0, 0, 0, 'h'})); // the key not whole yet
    }

    @Test
    void getaiAnswerWithItsAddressesAndCanonicalName() {
        ByteBuffer b = buf(24 + 20 + 2 + 7).putInt(2).putInt(1).putInt(2).putInt(20).putInt(7).putInt(0);
        b.put(new byte[] {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}).put(new byte[] {10, 0, 0, 2});
        b.put(new byte[] {10, 2}).put("h.test\0".getBytes(StandardCharsets.US_ASCII));
        Nscd ai = new Nscd("GETAI", "h.test", 19);
        byte[] whole = b.array();
        assertEquals(new Nscd.Answer(1, 0, List.of("fd00::2", "10.0.0.2"), "h.test", whole.length), ai.answer(whole));
        assertNull(ai.answer(java.util.Arrays.copyOf(whole, whole.length - 1)));
        byte[] notFound = buf(24).putInt(2).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).array();
        assertEquals("NXDOMAIN", ai.answer(notFound).rcode());
        byte[] notCached = buf(24).putInt(2).putInt(-1).putInt(0).putInt(0).putInt(0).putInt(0).array();
        assertNull(ai.answer(notCached).rcode());
    }

    @Test
    void hostentAnswer() {
        // name "h.test\0", one alias "c.test\0", two IPv4 addresses
        ByteBuffer b = buf(32 + 7 + 4 + 8 + 7).putInt(2).putInt(1).putInt(7).putInt(1).putInt(2).putInt(4).putInt(2)
                .putInt(0);
        b.put("h.test\0".getBytes(StandardCharsets.US_ASCII)).putInt(7).put(new byte[] {10, 0, 0, 2, 10, 0, 0, 3})
                .put("c.test\0".getBytes(StandardCharsets.US_ASCII));
        Nscd.Answer a = new Nscd("GETHOSTBYNAME", "c.test", 19).answer(b.array());
        assertEquals(new Nscd.Answer(1, 0, List.of("10.0.0.2", "10.0.0.3"), "h.test", 58), a);
    }

    @Test
    void garbageNeverThrows() {
        Random r = new Random(7);
        Nscd[] requests = {new Nscd("GETAI", "x", 14), new Nscd("GETHOSTBYNAMEv6", "x", 14)};
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            if (b.length >= 8 && r.nextBoolean()) b[4] = 1; // found, so the lengths are read
            Nscd.request(b);
            for (Nscd q : requests) q.answer(b);
        }
    }
}
