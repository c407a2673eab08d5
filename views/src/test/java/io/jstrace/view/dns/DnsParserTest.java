package io.jstrace.view.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The hand-written parser against dnsjava: on thousands of generated messages (every
 * section, compressed names, escaped labels, A/AAAA/CNAME/NS/PTR/MX/TXT/SRV/SOA, unknown
 * types, EDNS) the two read the same header, questions and records; on thousands of
 * random and mutated inputs the parser never throws, and whenever both accept an input
 * they agree; hand-made bad input (a compression loop, lengths past the end) is reported
 * as malformed with what could be read.
 */
class DnsParserTest {
    private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

    @Test
    void agreesWithDnsjavaOnGeneratedMessages() throws Exception {
        Random r = new Random(53);
        for (int n = 0; n < 3000; n++) {
            byte[] wire = generate(r).toWire();
            DnsMessage mine = DnsParser.parse(wire);
            assertNull(mine.malformed(), () -> "message " + HexFormat.of().formatHex(wire));
            compare(new Message(wire), mine, true, wire);
        }
    }

    @Test
    void neverThrowsOnRandomAndMutatedInput() throws Exception {
        Random r = new Random(1035);
        int bothAccepted = 0, mineRejected = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] in;
            if (n % 4 == 0) {
                in = new byte[r.nextInt(300)];
                r.nextBytes(in);
                if (in.length >= 12 && r.nextBoolean()) { // plausible counts
                    in[4] = 0;
                    in[5] = (byte) r.nextInt(3);
                    in[6] = 0;
                    in[7] = (byte) r.nextInt(4);
                }
            } else {
                in = mutate(generate(r).toWire(), r);
            }
            byte[] input = in;
            DnsMessage mine = DnsParser.parse(input);
            assertNotNull(mine);
            Message theirs;
            try {
                theirs = new Message(input);
            } catch (Exception e) {
                theirs = null;
            }
            if (mine.malformed() != null) mineRejected++;
            // dnsjava keeps what it read of a message with TC set that ends early: compare only whole readings
            if (theirs != null && mine.malformed() == null && !theirs.getHeader().getFlag(Flags.TC)) {
                bothAccepted++;
                compare(theirs, mine, false, input);
            }
        }
        assertTrue(bothAccepted > 1000, bothAccepted + " inputs both accepted");
        assertTrue(mineRejected > 1000, mineRejected + " inputs rejected");
    }

    @Test
    void aCompressionLoopIsMalformed() {
        // header with one question whose name is a pointer to itself (offset 12)
        byte[] b = HexFormat.of().parseHex("abcd01000001000000000000c00c00010001");
        DnsMessage m = DnsParser.parse(b);
        assertEquals("name compression loop", m.malformed());
        assertEquals(0xabcd, m.id());
        assertEquals(List.of(), m.questions());
        // two pointers pointing at each other
        b = HexFormat.of().parseHex("abcd01000001000000000000c00ec00c");
        assertEquals("name compression loop", DnsParser.parse(b).malformed());
    }

    @Test
    void lengthsPastTheEndAreMalformedWithWhatCouldBeRead() throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("h.test."), Type.A, DClass.IN));
        q.getHeader().setFlag(Flags.QR);
        q.addRecord(new ARecord(Name.fromString("h.test."), DClass.IN, 60, InetAddress.getByName("10.0.0.2")),
                Section.ANSWER);
        q.addRecord(new ARecord(Name.fromString("h.test."), DClass.IN, 60, InetAddress.getByName("10.0.0.3")),
                Section.ANSWER);
        byte[] wire = q.toWire();
        // the second record's rdlength says 200
        byte[] longer = wire.clone();
        longer[longer.length - 6] = 0;
        longer[longer.length - 5] = (byte) 200;
        DnsMessage m = DnsParser.parse(longer);
        assertEquals("answer A data runs past the end", m.malformed());
        assertEquals("h.test", m.question().name());
        assertEquals(1, m.answers().size());
        assertEquals("10.0.0.2", m.answers().get(0).data());
        // cut in the middle of the header, of the question, of a record
        assertEquals("header: 5 of 12 bytes", DnsParser.parse(java.util.Arrays.copyOf(wire, 5)).malformed());
        assertTrue(DnsParser.parse(java.util.Arrays.copyOf(wire, 15)).malformed().contains("past the end"));
        assertTrue(DnsParser.parse(java.util.Arrays.copyOf(wire, wire.length - 1)).malformed().contains("past the end"));
        // counts that promise more than there is
        byte[] more = wire.clone();
        more[7] = 9;
        assertTrue(DnsParser.parse(more).malformed().contains("past the end"));
        // a label type of 01
        byte[] label = wire.clone();
        label[12] = 0x41;
        assertEquals("name label type 1", DnsParser.parse(label).malformed());
    }

    @Test
    void ednsAndRcodesAndTypes() throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("x.test."), Type.HTTPS, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0, Flags.DO), Section.ADDITIONAL);
        q.getHeader().setRcode(3);
        DnsMessage m = DnsParser.parse(q.toWire());
        assertNull(m.malformed());
        assertEquals("HTTPS", m.question().type());
        assertEquals(new DnsMessage.Edns(1232, 0, true, 0), m.edns());
        assertEquals("NXDOMAIN", m.rcodeName());
        assertEquals(List.of(), m.additional());
        assertEquals(28, DnsTypes.typeNumber("aaaa"));
        assertEquals(-1, DnsTypes.typeNumber("NOPE"));
    }

    // ---- generation

    private static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private static Name name(Random r, List<Name> used) throws Exception {
        if (!used.isEmpty() && r.nextInt(3) == 0) {
            Name base = used.get(r.nextInt(used.size()));
            if (r.nextBoolean()) return base;
            return Name.concatenate(Name.fromString(label(r)), base);
        }
        StringBuilder s = new StringBuilder();
        int labels = 1 + r.nextInt(4);
        for (int i = 0; i < labels; i++) s.append(label(r)).append('.');
        Name n = Name.fromString(s.toString());
        used.add(n);
        return n;
    }

    private static String label(Random r) {
        StringBuilder s = new StringBuilder();
        int len = 1 + r.nextInt(12);
        for (int i = 0; i < len; i++) {
            if (r.nextInt(30) == 0) s.append("\\").append(String.format("%03d", r.nextInt(256)));
            else s.append(LABEL_CHARS.charAt(r.nextInt(LABEL_CHARS.length())));
        }
        return s.toString();
    }

    private static Message generate(Random r) throws Exception {
        List<Name> used = new ArrayList<>();
        Message m = new Message(r.nextInt(65536));
        int[] qtypes = {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.SRV, Type.PTR, Type.HTTPS, Type.ANY};
        m.addRecord(Record.newRecord(name(r, used), qtypes[r.nextInt(qtypes.length)], DClass.IN), Section.QUESTION);
        if (r.nextBoolean()) m.getHeader().setFlag(Flags.QR);
        for (int f : new int[] {Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
            if (r.nextBoolean()) m.getHeader().setFlag(f);
        }
        m.getHeader().setRcode(r.nextInt(11));
        for (int sec : SECTIONS) {
            int k = r.nextInt(sec == Section.ANSWER ? 7 : 3);
            for (int i = 0; i < k; i++) m.addRecord(record(r, used), sec);
        }
        if (r.nextBoolean()) m.addRecord(new OPTRecord(512 + r.nextInt(4000), 0, 0, r.nextBoolean() ? Flags.DO : 0),
                Section.ADDITIONAL);
        return m;
    }

    private static Record record(Random r, List<Name> used) throws Exception {
        Name n = name(r, used);
        long ttl = r.nextInt(Integer.MAX_VALUE);
        switch (r.nextInt(10)) {
            case 0: {
                byte[] a = new byte[4];
                r.nextBytes(a);
                return new ARecord(n, DClass.IN, ttl, InetAddress.getByAddress(a));
            }
            case 1: {
                byte[] a = new byte[16];
                r.nextBytes(a);
                if (r.nextBoolean()) java.util.Arrays.fill(a, 2, 12, (byte) 0);
                return new AAAARecord(n, DClass.IN, ttl, InetAddress.getByAddress(a));
            }
            case 2:
                return new CNAMERecord(n, DClass.IN, ttl, name(r, used));
            case 3:
                return new NSRecord(n, DClass.IN, ttl, name(r, used));
            case 4:
                return new PTRRecord(n, DClass.IN, ttl, name(r, used));
            case 5:
                return new MXRecord(n, DClass.IN, ttl, r.nextInt(65536), name(r, used));
            case 6: {
                List<String> strings = new ArrayList<>();
                int k = 1 + r.nextInt(3);
                for (int i = 0; i < k; i++) {
                    StringBuilder s = new StringBuilder();
                    int len = r.nextInt(40);
                    for (int j = 0; j < len; j++) {
                        int c = r.nextInt(10) == 0 ? r.nextInt(256) : 32 + r.nextInt(95);
                        if (c == '"' || c == '\\') s.append('\\').append((char) c);
                        else if (c < 32 || c > 126) s.append('\\').append(String.format("%03d", c));
                        else s.append((char) c);
                    }
                    strings.add(s.toString());
                }
                return new TXTRecord(n, DClass.IN, ttl, strings);
            }
            case 7:
                return new SRVRecord(n, DClass.IN, ttl, r.nextInt(65536), r.nextInt(65536), r.nextInt(65536),
                        name(r, used));
            case 8:
                return new SOARecord(n, DClass.IN, ttl, name(r, used), name(r, used), r.nextInt() & 0xffffffffL,
                        r.nextInt(100000), r.nextInt(100000), r.nextInt(100000), r.nextInt(100000));
            default: {
                byte[] data = new byte[r.nextInt(20)];
                r.nextBytes(data);
                return Record.newRecord(n, 65280 + r.nextInt(200), DClass.IN, ttl, data);
            }
        }
    }

    private static byte[] mutate(byte[] wire, Random r) {
        byte[] b = wire.clone();
        switch (r.nextInt(5)) {
            case 0 -> { // flip some bytes
                int k = 1 + r.nextInt(4);
                for (int i = 0; i < k && b.length > 0; i++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
            case 2 -> { // a compression pointer somewhere
                if (b.length > 13) {
                    int at = 12 + r.nextInt(b.length - 13);
                    b[at] = (byte) (0xc0 | r.nextInt(2));
                    b[at + 1] = (byte) r.nextInt(256);
                }
            }
            case 3 -> { // bytes appended
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(b);
                for (int i = r.nextInt(10); i >= 0; i--) out.write(r.nextInt(256));
                b = out.toByteArray();
            }
            default -> { // a length or count byte raised
                if (b.length > 12) b[4 + r.nextInt(8)] += (byte) (1 + r.nextInt(3));
            }
        }
        return b;
    }

    // ---- comparison

    private static void compare(Message theirs, DnsMessage mine, boolean data, byte[] wire) throws Exception {
        String ctx = HexFormat.of().formatHex(wire);
        assertEquals(theirs.getHeader().getID(), mine.id(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.QR), mine.isResponse(), ctx);
        assertEquals(theirs.getHeader().getOpcode(), mine.opcode(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.AA), mine.aa(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.TC), mine.tc(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.RD), mine.rd(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.RA), mine.ra(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.AD), mine.ad(), ctx);
        assertEquals(theirs.getHeader().getFlag(Flags.CD), mine.cd(), ctx);
        assertEquals(theirs.getHeader().getRcode(), mine.flags() & 0xf, ctx);
        List<Record> q = theirs.getSection(Section.QUESTION);
        assertEquals(q.size(), mine.questions().size(), ctx);
        for (int i = 0; i < q.size(); i++) {
            assertEquals(nm(q.get(i).getName()), mine.questions().get(i).name(), ctx);
            assertEquals(q.get(i).getType(), DnsTypes.typeNumber(mine.questions().get(i).type()), ctx);
            assertEquals(DClass.string(q.get(i).getDClass()), mine.questions().get(i).clazz(), ctx);
        }
        List<List<DnsRecord>> mineSections = List.of(mine.answers(), mine.authority(), mine.additional());
        for (int s = 0; s < 3; s++) {
            List<Record> rs = new ArrayList<>(theirs.getSection(SECTIONS[s]));
            rs.removeIf(x -> x.getType() == Type.OPT);
            List<DnsRecord> ms = mineSections.get(s);
            assertEquals(rs.size(), ms.size(), ctx);
            for (int i = 0; i < rs.size(); i++) {
                Record t = rs.get(i);
                DnsRecord m = ms.get(i);
                assertEquals(nm(t.getName()), m.name(), ctx);
                assertEquals(t.getType(), DnsTypes.typeNumber(m.type()), ctx);
                assertEquals(DClass.string(t.getDClass()), m.clazz(), ctx);
                assertEquals(t.getTTL(), m.ttl(), ctx);
                if (data) assertEquals(expectedData(t), normalised(t, m.data()), ctx);
            }
        }
        OPTRecord opt = theirs.getOPT();
        if (opt == null) assertNull(mine.edns(), ctx);
        else {
            assertEquals(opt.getPayloadSize(), mine.edns().udpSize(), ctx);
            // dnsjava zeroes an OPT "TTL" with its top bit set (RFC 2181's rule for TTLs): RFC 6891 reads it as is
            if (mine.edns().extendedRcode() < 0x80) {
                assertEquals(opt.getExtendedRcode(), mine.edns().extendedRcode(), ctx);
                assertEquals(opt.getVersion(), mine.edns().version(), ctx);
                assertEquals((opt.getFlags() & Flags.DO) != 0, mine.edns().dnssecOk(), ctx);
            }
        }
    }

    private static String nm(Name n) {
        return n.equals(Name.root) ? "." : n.toString(true);
    }

    private static String normalised(Record t, String mine) throws Exception {
        if (t instanceof AAAARecord) return InetAddress.getByName(mine).getHostAddress();
        return mine;
    }

    private static String expectedData(Record t) throws Exception {
        if (t instanceof ARecord a) return a.getAddress().getHostAddress();
        if (t instanceof AAAARecord a) return InetAddress.getByAddress(a.getAddress().getAddress()).getHostAddress();
        if (t instanceof CNAMERecord c) return nm(c.getTarget());
        if (t instanceof NSRecord c) return nm(c.getTarget());
        if (t instanceof PTRRecord c) return nm(c.getTarget());
        if (t instanceof MXRecord c) return c.getPriority() + " " + nm(c.getTarget());
        if (t instanceof SRVRecord c) return c.getPriority() + " " + c.getWeight() + " " + c.getPort() + " "
                + nm(c.getTarget());
        if (t instanceof SOARecord c) return nm(c.getHost()) + " " + nm(c.getAdmin()) + " " + c.getSerial() + " "
                + c.getRefresh() + " " + c.getRetry() + " " + c.getExpire() + " " + c.getMinimum();
        if (t instanceof TXTRecord c) {
            List<String> parts = new ArrayList<>();
            for (byte[] s : c.getStringsAsByteArrays()) {
                StringBuilder b = new StringBuilder("\"");
                for (byte x : s) {
                    int v = x & 0xff;
                    if (v < 0x20 || v >= 0x7f) b.append('\\').append(String.format("%03d", v));
                    else if (v == '"' || v == '\\') b.append('\\').append((char) v);
                    else b.append((char) v);
                }
                parts.add(b.append('"').toString());
            }
            return String.join(" ", parts);
        }
        byte[] rd = t.rdataToWireCanonical();
        return rd.length == 0 ? "\\# 0" : "\\# " + rd.length + " " + HexFormat.of().formatHex(rd);
    }
}
