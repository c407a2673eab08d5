package io.jstrace.view.tls;

import static io.jstrace.view.tls.HelloBytes.alpn;
import static io.jstrace.view.tls.HelloBytes.extension;
import static io.jstrace.view.tls.HelloBytes.handshake;
import static io.jstrace.view.tls.HelloBytes.records;
import static io.jstrace.view.tls.HelloBytes.sni;
import static io.jstrace.view.tls.HelloBytes.u16s;
import static io.jstrace.view.tls.HelloBytes.vec16;
import static io.jstrace.view.tls.HelloBytes.vec8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hello parsers, the record reassembly and the fingerprints: JA4 against the worked
 * example of FoxIO's specification (its published hashes), GREASE ignored; hellos cut at
 * every byte, split across records and syscalls of every size; garbage.
 */
class TlsParserTest {
    /** FoxIO JA4.md's example: its ciphers, extensions and signature algorithms, in wire order. */
    static final List<Integer> SPEC_SUITES = List.of(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
            0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
    static final List<Integer> SPEC_EXTENSIONS = List.of(0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d,
            0x000d, 0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015);
    static final List<Integer> SPEC_SIGALGS = List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);

    /** The spec's hello, with GREASE values sprinkled in when {@code grease}. */
    static byte[] specHello(boolean grease, boolean sigalgs) {
        List<Integer> suites = new ArrayList<>(SPEC_SUITES);
        List<byte[]> exts = new ArrayList<>();
        if (grease) {
            suites.add(0, 0x2a2a);
            exts.add(extension(0x3a3a, new byte[0]));
        }
        for (int type : SPEC_EXTENSIONS) {
            byte[] data = switch (type) {
                case 0x0000 -> sni("example.com");
                case 0x0010 -> alpn("h2", "http/1.1");
                case 0x002b -> vec8(u16s(grease ? List.of(0x4a4a, 0x0304, 0x0303) : List.of(0x0304, 0x0303)));
                case 0x000d -> sigalgs ? vec16(u16s(grease ? withGrease(SPEC_SIGALGS) : SPEC_SIGALGS)) : null;
                case 0x000a -> vec16(u16s(grease ? List.of(0x5a5a, 0x001d, 0x0017) : List.of(0x001d, 0x0017)));
                case 0x000b -> vec8(new byte[] {0});
                default -> new byte[0];
            };
            if (data == null) continue;
            exts.add(extension(type, data));
            if (grease && type == 0x0010) exts.add(extension(0xfafa, new byte[] {0}));
        }
        return HelloBytes.clientHello(new byte[32], suites, exts.toArray(new byte[0][]));
    }

    private static List<Integer> withGrease(List<Integer> v) {
        List<Integer> g = new ArrayList<>(v);
        g.add(3, 0x6a6a);
        return g;
    }

    @Test
    void ja4OfTheSpecificationsExample() {
        // JA4.md: "t13d1516h2_8daaf6152771_e5627efa2ab1"
        assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", Fingerprints.ja4(ClientHello.parse(specHello(false, true))));
        assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", Fingerprints.ja4(ClientHello.parse(specHello(true, true))));
    }

    @Test
    void ja4WithoutSignatureAlgorithmsHashesTheExtensionsAlone() {
        // JA4.md: "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01 = 6d807ffa2a79"
        // (the spec's list still names 000d: our hello without the extension lists one fewer)
        ClientHello h = ClientHello.parse(specHello(false, false));
        assertTrue(Fingerprints.ja4(h).startsWith("t13d1515h2_8daaf6152771_"), Fingerprints.ja4(h));
        assertFalse(Fingerprints.ja4(h).endsWith("e5627efa2ab1"));
    }

    @Test
    void ja4AlpnCharactersAndEmptyLists() {
        assertEquals("00", Fingerprints.alpnChars(List.of()));
        assertEquals("00", Fingerprints.alpnChars(List.of("")));
        assertEquals("h1", Fingerprints.alpnChars(List.of("http/1.1", "h2")));
        assertEquals("aa", Fingerprints.alpnChars(List.of("a")));
        // JA4.md: 0xAB -> "ab", 0x30 0xAB -> "3b", 0x30 0xAB 0xCD 0x31 -> "01"
        assertEquals("ab", Fingerprints.alpnChars(List.of(latin1(0xab))));
        assertEquals("3b", Fingerprints.alpnChars(List.of(latin1(0x30, 0xab))));
        assertEquals("01", Fingerprints.alpnChars(List.of(latin1(0x30, 0xab, 0xcd, 0x31))));
        ClientHello bare = ClientHello.parse(HelloBytes.clientHello(new byte[0], List.of()));
        assertEquals("t12i000000_000000000000_000000000000", Fingerprints.ja4(bare));
        assertEquals("771,,,,", Fingerprints.ja3(bare));
    }

    private static String latin1(int... b) {
        byte[] bytes = new byte[b.length];
        for (int i = 0; i < b.length; i++) bytes[i] = (byte) b[i];
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void ja3LeavesGreaseOutAndKeepsWireOrder() {
        ClientHello h = ClientHello.parse(specHello(true, true));
        assertEquals("771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
                + "27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23,0", Fingerprints.ja3(h));
        assertEquals(32, Fingerprints.ja3Md5(h).length());
        assertEquals("example.com", h.sni());
        assertEquals(List.of("h2", "http/1.1"), h.alpn());
        assertEquals(0x0304, h.highestVersion());
        assertNull(h.malformed());
    }

    @Test
    void aHelloCutAtEveryByteNeverThrowsAndSaysSo() {
        byte[] whole = specHello(true, true);
        for (int cut = 0; cut < whole.length; cut++) {
            ClientHello h = ClientHello.parse(Arrays.copyOf(whole, cut));
            Fingerprints.ja3(h);
            Fingerprints.ja4(h);
            // a TLS 1.2 hello may end right after its compression methods: only there is a cut whole
            if (cut != 2 + 32 + 1 + 32 + 2 + 2 * 16 + 2) assertNotNull(h.malformed(), "cut at " + cut);
            ServerHello.parse(Arrays.copyOf(whole, cut));
        }
    }

    /** Feeds {@code stream} to a connection in chunks of {@code chunk} bytes; its events. */
    private static List<TlsEvent> feed(TlsConnection c, byte[] stream, int chunk, Payload.Direction d) {
        List<TlsEvent> events = new ArrayList<>();
        for (int at = 0; at < stream.length; at += chunk) {
            byte[] part = Arrays.copyOfRange(stream, at, Math.min(stream.length, at + chunk));
            TlsEvent e = c.bytes(payload(d, part, part.length));
            if (e != null) events.add(e);
        }
        return events;
    }

    static Payload payload(Payload.Direction d, byte[] data, long length) {
        OpenFile.Socket s = new OpenFile.Socket(7, OpenFile.Socket.AF_INET, OpenFile.Socket.SOCK_STREAM, 6,
                new OpenFile.Address(new byte[] {127, 0, 0, 1}, 40000), new OpenFile.Address(new byte[] {127, 0, 0, 1}, 443), 0);
        return new Payload(100, 100, System.nanoTime(), d == Payload.Direction.WRITE ? "write" : "read", 3, s, d, 0,
                length, data, data.length < length);
    }

    private static TlsConnection connection() {
        return new TlsConnection(7, payload(Payload.Direction.WRITE, new byte[0], 0), "test");
    }

    @Test
    void hellosSpanningRecordsAndSyscallsOfEverySize() {
        byte[] client = records(22, handshake(1, specHello(true, true)), 61);
        byte[] random = new byte[32];
        random[0] = 9;
        byte[] server = records(22, handshake(2, HelloBytes.serverHello(random, new byte[0], 0x1302,
                extension(0x002b, new byte[] {3, 4}), extension(0x0029, new byte[] {0, 0}))), 17);
        byte[] app = records(23, new byte[300], 100);
        for (int chunk : new int[] {1, 2, 3, 5, 7, 64, 1000}) {
            TlsConnection c = connection();
            assertTrue(feed(c, client, chunk, Payload.Direction.WRITE).isEmpty());
            List<TlsEvent> hs = feed(c, server, chunk, Payload.Direction.READ);
            assertEquals(1, hs.size(), "chunk " + chunk);
            feed(c, app, chunk, Payload.Direction.WRITE);
            feed(c, app, chunk, Payload.Direction.READ);
            TlsEvent e = c.event(TlsEvent.Kind.CLOSE, System.nanoTime(), "close");
            String where = "chunk " + chunk + ": " + e;
            assertEquals("ok", e.status(), where);
            assertEquals("client", e.role(), where);
            assertEquals("example.com", e.sni(), where);
            assertEquals("TLSv1.3", e.version(), where);
            assertEquals("TLS_AES_256_GCM_SHA384", e.cipher(), where);
            assertEquals(Boolean.TRUE, e.resumed(), where);
            assertEquals(300, e.txAppBytes(), where);
            assertEquals(3, e.rxAppRecords(), where);
            assertTrue(e.countsExact(), where);
            assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", e.ja4(), where);
        }
    }

    @Test
    void aServerReadsTheClientHello() {
        TlsConnection c = connection();
        feed(c, records(22, handshake(1, specHello(false, true)), 1000), 1000, Payload.Direction.READ);
        TlsEvent e = c.event(TlsEvent.Kind.CLOSE, System.nanoTime(), "close");
        assertEquals("server", e.role());
        assertEquals("no_server_hello", e.status());
        assertEquals("example.com", e.sni());
    }

    @Test
    void bytesBeyondThePayloadLimitInsideARecordBodyAreSkipped() {
        TlsConnection c = connection();
        feed(c, records(22, handshake(1, specHello(false, true)), 1000), 1000, Payload.Direction.WRITE);
        byte[] big = records(23, new byte[16384], 16384);
        c.bytes(payload(Payload.Direction.WRITE, Arrays.copyOf(big, 100), big.length)); // the limit read 100
        c.bytes(payload(Payload.Direction.WRITE, records(23, new byte[10], 10), 15));
        TlsEvent e = c.event(TlsEvent.Kind.CLOSE, System.nanoTime(), "close");
        assertEquals(16394, e.txAppBytes());
        assertEquals(2, e.txAppRecords());
        assertTrue(e.countsExact());
    }

    @Test
    void garbageIsNotTls() {
        for (String first : new String[] {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "SSH-2.0-OpenSSH_9.2\r\n", "\u0016\u0001"}) {
            TlsConnection c = connection();
            c.bytes(payload(Payload.Direction.WRITE, first.getBytes(StandardCharsets.ISO_8859_1), first.length()));
            TlsEvent e = c.event(TlsEvent.Kind.CLOSE, System.nanoTime(), "close");
            assertEquals("not_tls", e.status(), first);
            assertFalse(e.tls());
            assertNull(e.role());
            assertTrue(e.problem().startsWith("its first bytes are no ClientHello record"), e.problem());
        }
    }

    @Test
    void aStreamThatStopsLookingLikeTlsIsMalformed() {
        TlsConnection c = connection();
        // a handshake record whose ClientHello starts, then a header that is no record's
        byte[] bad = {22, 3, 1, 0, 5, 1, 0, 1, 0, 3, 99, 99, 99, 99, 99};
        c.bytes(payload(Payload.Direction.WRITE, bad, bad.length));
        TlsEvent e = c.event(TlsEvent.Kind.CLOSE, System.nanoTime(), "close");
        assertEquals("malformed", e.status());
        assertTrue(e.problem().contains("not a TLS record header: 63 63 63 63 63"), e.problem());
        // a whole ClientHello of one byte
        TlsConnection d = connection();
        byte[] tiny = records(22, handshake(1, new byte[] {3}), 100);
        d.bytes(payload(Payload.Direction.WRITE, tiny, tiny.length));
        TlsEvent f = d.event(TlsEvent.Kind.CLOSE, System.nanoTime(), "close");
        assertEquals("malformed", f.status());
        assertTrue(f.problem().startsWith("ClientHello: legacy_version"), f.problem());
    }

    @Test
    void namesOfVersionsAndSuites() {
        assertEquals("TLSv1.2", TlsNames.version(0x0303));
        assertEquals("0x7f1c", TlsNames.version(0x7f1c));
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TlsNames.cipher(0xc02f));
        assertEquals("0xfefe", TlsNames.cipher(0xfefe));
        assertArrayEquals(new byte[0], ClientHello.parse(new byte[0]).sessionId());
    }
}
