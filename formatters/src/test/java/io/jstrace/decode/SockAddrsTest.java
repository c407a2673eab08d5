package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class SockAddrsTest {
    private static final long A = 0x7ffd_0000_1000L, L = 0x7ffd_0000_2000L;
    private static final long EBADF = -9;

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int k = 0; k < b.length; k++) out[k] = (byte) b[k];
        return out;
    }

    private static String bind(FakeMemory m, long len) {
        return render(SockAddrs.sockaddr(Calls.of("bind").args(3, A, len).mem(m).enter(), 1));
    }

    /** sa_family, little-endian, then the rest. */
    private static FakeMemory family(int family, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(2 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) family).put(rest);
        return new FakeMemory().put(A, b.array());
    }

    @Test
    void unixPathStopsAtItsNul() {
        FakeMemory m = family(1, "/tmp/sk/sock\0junk".getBytes());
        assertEquals("{sa_family=AF_UNIX, sun_path=\"/tmp/sk/sock\"}", bind(m, 19));
        assertEquals("{sa_family=AF_UNIX, sun_path=\"/tmp/sk\"}", bind(m, 9));
    }

    @Test
    void unixAbstractPrintsEveryByteAfterAnAt() {
        FakeMemory m = family(1, "\0abs\0tract".getBytes());
        assertEquals("{sa_family=AF_UNIX, sun_path=@\"abs\\0tract\"}", bind(m, 12));
        assertEquals("{sa_family=AF_UNIX, sun_path=@\"\"}", bind(m, 3));
    }

    /** strace 6.1's sockaddr_xlat-Xraw and -Xverbose: fields in network byte order as their bytes. */
    @Test
    void networkOrderFieldsAreTheirBytesUnderRawAndVerbose() {
        FakeMemory in = family(2, bytes(0x30, 0x39, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        Value v = SockAddrs.sockaddr(Calls.of("bind").args(3, A, 16).mem(in).enter(), 1);
        assertEquals("{sa_family=0x2, sin_port=\"\\x30\\x39\", sin_addr=\"\\x7f\\x00\\x00\\x01\"}",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(v));
        assertEquals("{sa_family=0x2 /* AF_INET */, sin_port=\"\\x30\\x39\" /* htons(12345) */,"
                + " sin_addr=\"\\x7f\\x00\\x00\\x01\" /* inet_addr(\"127.0.0.1\") */}",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(v));
        byte[] six = new byte[26];
        six[2] = 0x07;
        six[21] = 1;
        Value v6 = SockAddrs.sockaddr(Calls.of("bind").args(3, A, 28).mem(family(10, six)).enter(), 1);
        assertEquals("{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(117440512),"
                + " inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}", render(v6));
        assertEquals("{sa_family=0xa /* AF_INET6 */, sin6_port=\"\\x00\\x00\" /* htons(0) */,"
                + " sin6_flowinfo=\"\\x07\\x00\\x00\\x00\" /* htonl(117440512) */, sin6_addr=\"\\x00\\x00\\x00\\x00"
                + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\" /* inet_pton(AF_INET6, \"::1\") */,"
                + " sin6_scope_id=0}", new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(v6));
    }

    @Test
    void unnamedUnixIsTheFamilyAlone() {
        assertEquals("{sa_family=AF_UNIX}", bind(family(1, new byte[0]), 2));
    }

    @Test
    void lengthsBelowTwoNullAndUnreadablePrintTheAddress() {
        FakeMemory m = family(1, "/x".getBytes());
        assertEquals("0x7ffd00001000", bind(m, 1));
        assertEquals("0x7ffd00001000", bind(m, -1));
        assertEquals("NULL", render(SockAddrs.sockaddr(Calls.of("bind").args(3, 0, 16).enter(), 1)));
        assertEquals("0x8", render(SockAddrs.sockaddr(Calls.of("bind").args(3, 8, 16).enter(), 1)));
        // a sockaddr running into unmapped memory is not printed in part
        assertEquals("0x7ffd00001000", bind(m, 16));
    }

    @Test
    void inet() {
        FakeMemory m = family(2, bytes(0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}", bind(m, 16));
        // shorter than sockaddr_in: the bytes after sa_family
        assertEquals("{sa_family=AF_INET, sa_data=\"\\37\\220\\177\\0\\0\\1\"}", bind(m, 8));
    }

    @Test
    void inet6WithAndWithoutScope() {
        byte[] rest = new byte[26];
        rest[0] = (byte) 0xb0;
        rest[1] = (byte) 0x06; // port 45062
        rest[5] = 7; // flowinfo htonl(7)
        rest[21] = 1; // ::1
        rest[22] = 9; // scope id 9
        FakeMemory m = family(10, rest);
        String head = "{sa_family=AF_INET6, sin6_port=htons(45062), sin6_flowinfo=htonl(7), "
                + "inet_pton(AF_INET6, \"::1\", &sin6_addr)";
        assertEquals(head + ", sin6_scope_id=9}", bind(m, 28));
        assertEquals(head + "}", bind(m, 24));
        assertEquals("{sa_family=AF_INET6, sa_data=\"\\260\\6\\0\\0\\0\\7\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}",
                bind(m, 23));
    }

    @Test
    void linkLocalScopeIsAnInterfaceWhenOneHasThatIndex() {
        byte[] rest = new byte[26];
        rest[6] = (byte) 0xfe;
        rest[7] = (byte) 0x80;
        rest[21] = 1;
        rest[22] = 0x40; // index 0x40404040: no such interface
        rest[23] = 0x40;
        rest[24] = 0x40;
        rest[25] = 0x40;
        assertEquals("{sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), "
                + "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=1077952576}", bind(family(10, rest), 28));
    }

    @Test
    void netlinkWithPadAndGroups() {
        FakeMemory m = family(16, bytes(0, 0, 0x39, 0x30, 0, 0, 5, 0, 0, 0));
        assertEquals("{sa_family=AF_NETLINK, nl_pid=12345, nl_groups=0x000005}", bind(m, 12));
        FakeMemory padded = family(16, bytes(0x34, 0x12, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("{sa_family=AF_NETLINK, nl_pad=0x1234, nl_pid=0, nl_groups=00000000}", bind(padded, 12));
    }

    @Test
    void packetWithItsHardwareAddress() {
        // protocol ETH_P_IP, ifindex 0x40404040 (none), ARPHRD_ETHER, PACKET_OUTGOING, 6 bytes
        FakeMemory m = family(17, bytes(0x08, 0x00, 0x40, 0x40, 0x40, 0x40, 1, 0, 4, 6, 2, 0, 0x5e, 0xab, 0xcd,
                0xef, 0, 0));
        String head = "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=1077952576, "
                + "sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_OUTGOING, sll_halen=6";
        assertEquals(head + ", sll_addr=[0x2, 00, 0x5e, 0xab, 0xcd, 0xef]}", bind(m, 20));
    }

    @Test
    void packetUnknownValuesAndShortLength() {
        FakeMemory m = family(17, bytes(0x12, 0x34, 0x40, 0x40, 0x40, 0x40, 0x39, 0x30, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("{sa_family=AF_PACKET, sll_protocol=htons(0x1234 /* ETH_P_??? */), sll_ifindex=1077952576, "
                + "sll_hatype=0x3039 /* ARPHRD_??? */, sll_pkttype=0x9 /* PACKET_??? */, sll_halen=0}", bind(m, 20));
        assertEquals("{sa_family=AF_PACKET, sa_data=\"\\0224@@@@90\\t\\0\\0\\0\\0\\0\\0\\0\"}", bind(m, 18));
    }

    @Test
    void unknownFamilyPrintsItsBytes() {
        FakeMemory m = family(99, bytes(1, 2, 0, 0));
        assertEquals("{sa_family=0x63 /* AF_??? */, sa_data=\"\\1\\2\\0\\0\"}", bind(m, 6));
        assertEquals("{sa_family=0x63 /* AF_??? */}", bind(m, 2));
    }

    @Test
    void vsockWithReservedAndZeroBytesOnlyWhenSet() {
        FakeMemory m = family(40, bytes(0, 0, 0xd2, 0x04, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0));
        assertEquals("{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=0x4d2, svm_flags=VMADDR_FLAG_TO_HOST}",
                bind(m, 16));
        FakeMemory odd = family(40, bytes(3, 0, 0xff, 0xff, 0xff, 0xff, 0x4d, 0, 0, 0, 6, 0, 9, 0));
        assertEquals("{sa_family=AF_VSOCK, svm_reserved1=0x3, svm_cid=0x4d, svm_port=VMADDR_PORT_ANY, "
                + "svm_flags=0x6 /* VMADDR_FLAG_??? */, svm_zero=\"\\x00\\x09\\x00\"}", bind(odd, 16));
    }

    @Test
    void algNamesEndAtTheirNulOrAreCut() {
        byte[] rest = new byte[86];
        System.arraycopy("hash".getBytes(), 0, rest, 0, 4);
        rest[14] = 1;
        rest[15] = 0x10;
        rest[18] = 0x10;
        System.arraycopy("sha256".getBytes(), 0, rest, 22, 6);
        FakeMemory m = family(38, rest);
        String head = "{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0x1001 /* CRYPTO_ALG_KERN_DRIVER_ONLY|0x1 */, "
                + "salg_mask=0x10 /* CRYPTO_ALG_??? */, ";
        assertEquals(head + "salg_name=\"sha256\"}", bind(m, 88));
        assertEquals(head + "salg_name=\"sha\"...}", bind(m, 28));
        assertEquals("{sa_family=AF_ALG, sa_data=\"hash\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\1\\20\\0\\0\\20\\0\\0\\0\"}",
                bind(m, 24));
    }

    @Test
    void acceptDecodesWhatFitsBothLengths() {
        FakeMemory m = family(2, bytes(0x1f, 0x90, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)).putInts(L, 16);
        FakeMemory atEntry = new FakeMemory().putInts(L, 128);
        Call c = Calls.of("accept").args(3, A, L).mem(m).atEntry(atEntry).exit(4);
        assertEquals("{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"10.0.0.1\")}",
                render(SockAddrs.postSockaddr(c, 1)));
        assertEquals("[128 => 16]", render(SocketDecoders.postSocklen(c, 2)));
        // a buffer shorter than the address: decoded to the length passed in
        Call shorter = Calls.of("accept").args(3, A, L).mem(m).atEntry(new FakeMemory().putInts(L, 8)).exit(4);
        assertEquals("{sa_family=AF_INET, sa_data=\"\\37\\220\\n\\0\\0\\1\"}", render(SockAddrs.postSockaddr(shorter, 1)));
        assertEquals("[8 => 16]", render(SocketDecoders.postSocklen(shorter, 2)));
    }

    @Test
    void acceptFailureAndMissingLengthPrintAddresses() {
        FakeMemory m = new FakeMemory().putInts(L, 16);
        Call failed = Calls.of("accept").args(3, A, L).mem(m).exit(EBADF);
        assertEquals("0x7ffd00001000", render(SockAddrs.postSockaddr(failed, 1)));
        assertEquals("[16]", render(SocketDecoders.postSocklen(failed, 2)));
        Call noLength = Calls.of("accept").args(3, A, 0).mem(m).exit(4);
        assertEquals("0x7ffd00001000", render(SockAddrs.postSockaddr(noLength, 1)));
        assertEquals("NULL", render(SocketDecoders.postSocklen(noLength, 2)));
        Call noBuffer = Calls.of("accept").args(3, 0, L).mem(m).exit(4);
        assertEquals("NULL", render(SockAddrs.postSockaddr(noBuffer, 1)));
        assertEquals("0x7ffd00002000", render(SocketDecoders.postSocklen(noBuffer, 2)));
        Call unreadable = Calls.of("accept").args(3, A, 8).mem(m).exit(4);
        assertEquals("0x8", render(SocketDecoders.postSocklen(unreadable, 2)));
    }

    @Test
    void ipv6Text() {
        assertEquals("::1", ntop("0000000000000000 0000000000000001"));
        assertEquals("::", ntop("0000000000000000 0000000000000000"));
        assertEquals("fe80::1", ntop("fe80000000000000 0000000000000001"));
        assertEquals("2001:db8::1:0:0:1", ntop("20010db800000000 0001000000000001"));
        assertEquals("1::2:0:0:3:4", ntop("0001000000000002 0000000000030004"));
        assertEquals("1:2:3:4:5:6:7:8", ntop("0001000200030004 0005000600070008"));
        assertEquals("1:0:2:3:4:5:6:7", ntop("0001000000020003 0004000500060007"));
        assertEquals("::ffff:127.0.0.1", ntop("0000000000000000 0000ffff7f000001"));
        assertEquals("::1.2.3.4", ntop("0000000000000000 0000000001020304"));
        assertEquals("1::", ntop("0001000000000000 0000000000000000"));
    }

    private static String ntop(String hex) {
        hex = hex.replace(" ", "");
        byte[] b = new byte[16];
        for (int k = 0; k < 16; k++) b[k] = (byte) Integer.parseInt(hex.substring(2 * k, 2 * k + 2), 16);
        return Inet6.ntop(b, 0);
    }
}
