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

    /** A sockaddr of {@code size} bytes from {@code fill}, little-endian, at A. */
    private static FakeMemory sockaddr(int size, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return new FakeMemory().put(A, b.array());
    }

    private static Value value(FakeMemory m, long len) {
        return SockAddrs.sockaddr(Calls.of("connect").args(-1, A, len).mem(m).enter(), 1);
    }

    private static String raw(Value v) {
        return new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(v);
    }

    private static String verbose(Value v) {
        return new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(v);
    }

    /** strace 6.1's sockaddr_xlat: an AF_INET transport of transport_len bytes, and one of another family. */
    @Test
    void rxrpcTransports() {
        FakeMemory inet = sockaddr(36, b -> b.putShort((short) 33).putShort((short) 0x9c5).putShort((short) 4)
                .putShort((short) 16).putShort((short) 2).put(bytes(0xad, 0xde, 0xed, 0xfe, 0xce, 0xfa)));
        Value v = value(inet, 36);
        assertEquals("{sa_family=AF_RXRPC, srx_service=0x9c5 /* YFS_CM_SERVICE */, transport_type=SOCK_RDM,"
                + " transport_len=16, transport={sin={sin_family=AF_INET, sin_port=htons(44510),"
                + " sin_addr=inet_addr(\"237.254.206.250\")}}}", render(v));
        assertEquals("{sa_family=0x21, srx_service=0x9c5, transport_type=0x4, transport_len=16,"
                + " transport={sin={sin_family=0x2, sin_port=\"\\xad\\xde\", sin_addr=\"\\xed\\xfe\\xce\\xfa\"}}}", raw(v));
        assertEquals("{sa_family=AF_RXRPC, sa_data=\"\\305\\t\\4\\0\\20\\0\\2\\0\\255\\336\\355\\376\\316\\372"
                + "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}", render(value(inet, 35)));
        FakeMemory unix = sockaddr(36, b -> b.putShort((short) 33).putShort((short) 2).putShort((short) 2)
                .putShort((short) 5).putShort((short) 1).put(bytes(0xad, 0xde, 0xed, 0xfe)));
        Value u = value(unix, 36);
        assertEquals("{sa_family=AF_RXRPC, srx_service=0x2 /* ???_SERVICE */, transport_type=SOCK_DGRAM,"
                + " transport_len=5, transport={family=AF_UNIX, \"\\255\\336\\355\"}}", render(u));
        assertEquals("{sa_family=0x21 /* AF_RXRPC */, srx_service=0x2 /* ???_SERVICE */, transport_type=0x2 /* SOCK_DGRAM */,"
                + " transport_len=5, transport={family=0x1 /* AF_UNIX */, \"\\255\\336\\355\"}}", verbose(u));
    }

    /** An AF_INET6 transport shorter than sockaddr_in6 is its bytes; a long enough one is decoded, scope id included. */
    @Test
    void rxrpcInet6Transport() {
        FakeMemory m = sockaddr(40, b -> b.putShort((short) 33).putShort((short) 0x9c7).putShort((short) 6)
                .putShort((short) 23).putShort((short) 10).put(bytes(0xad, 0xde, 0xce, 0xfa, 0xfe, 0xca)).put("OH HAI".getBytes()));
        assertEquals("{sa_family=AF_RXRPC, srx_service=0x9c7 /* YFS_VL_SERVICE */, transport_type=SOCK_DCCP,"
                + " transport_len=23, transport={sin6={sin6_family=AF_INET6,"
                + " \"\\255\\336\\316\\372\\376\\312OH HAI\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}}}", render(value(m, 36)));
        FakeMemory full = sockaddr(40, b -> b.putShort((short) 33).putShort((short) 0).putShort((short) 7)
                .putShort((short) 28).putShort((short) 10).put(new byte[21]).put((byte) 1).putInt(5));
        assertEquals("{sa_family=AF_RXRPC, srx_service=0 /* ???_SERVICE */, transport_type=0x7 /* SOCK_??? */,"
                + " transport_len=28, transport={sin6={sin6_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0),"
                + " inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=5}}}", render(value(full, 40)));
    }

    @Test
    void ieee802154ShortLongAndNoAddress() {
        FakeMemory shortAddr = sockaddr(20, b -> b.putShort((short) 36).putShort((short) 0).putInt(2)
                .putShort((short) 0xffff).putShort((short) 0xfffe));
        Value s = value(shortAddr, 20);
        assertEquals("{sa_family=AF_IEEE802154, addr={addr_type=0x2 /* IEEE802154_ADDR_SHORT */,"
                + " pan_id=0xffff /* IEEE802154_PANID_BROADCAST */, short_addr=0xfffe /* IEEE802154_ADDR_UNDEF */}}", render(s));
        assertEquals("{sa_family=0x24, addr={addr_type=0x2, pan_id=0xffff, short_addr=0xfffe}}", raw(s));
        FakeMemory longAddr = sockaddr(20, b -> b.putShort((short) 36).putShort((short) 0).putInt(3)
                .putShort((short) 0xface).put(bytes(0xad, 0xde, 0, 0, 0, 0, 0, 0x4f)));
        Value l = value(longAddr, 20);
        assertEquals("{sa_family=AF_IEEE802154, addr={addr_type=0x3 /* IEEE802154_ADDR_LONG */, pan_id=0xface,"
                + " hwaddr=ad:de:00:00:00:00:00:4f}}", render(l));
        assertEquals("{sa_family=0x24 /* AF_IEEE802154 */, addr={addr_type=0x3 /* IEEE802154_ADDR_LONG */, pan_id=0xface,"
                + " hwaddr=\"\\xad\\xde\\x00\\x00\\x00\\x00\\x00\\x4f\" /* ad:de:00:00:00:00:00:4f */}}", verbose(l));
        FakeMemory none = sockaddr(20, b -> b.putShort((short) 36));
        assertEquals("{sa_family=AF_IEEE802154, addr={addr_type=0 /* IEEE802154_ADDR_NONE */, pan_id=0}}",
                render(value(none, 20)));
        assertEquals("{sa_family=AF_IEEE802154, sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}",
                render(value(none, 19)));
    }

    /** sockaddr_nfc, the bytes between it and sockaddr_nfc_llcp as ..., then the LLCP fields. */
    @Test
    void nfcAndLlcp() {
        FakeMemory m = sockaddr(96, b -> b.putShort((short) 39).putShort((short) 0).putInt(0x40404040).putInt(0x42)
                .putInt(7).put((byte) 1).put((byte) 5).put("OH\0HAI".getBytes()).position(88).putLong(4));
        String head = "{sa_family=AF_NFC, dev_idx=1077952576, target_idx=0x42, nfc_protocol=NFC_PROTO_ISO15693";
        assertEquals(head + "}", render(value(m, 16)));
        assertEquals(head + ", ...}", render(value(m, 95)));
        Value llcp = value(m, 96);
        assertEquals(head + ", dsap=0x1 /* LLCP_SAP_SDP */, ssap=0x5, service_name=\"OH\\0H\", service_name_len=4}",
                render(llcp));
        assertEquals("{sa_family=0x27, dev_idx=1077952576, target_idx=0x42, nfc_protocol=0x7, dsap=0x1, ssap=0x5,"
                + " service_name=\"OH\\0H\", service_name_len=4}", raw(llcp));
        FakeMemory unknown = sockaddr(16, b -> b.putShort((short) 39).putShort((short) 0).putInt(0).putInt(0).putInt(8));
        assertEquals("{sa_family=AF_NFC, dev_idx=0, target_idx=0, nfc_protocol=0x8 /* NFC_PROTO_??? */}",
                render(value(unknown, 16)));
    }

    @Test
    void qrtrNodesAndPorts() {
        FakeMemory m = sockaddr(12, b -> b.putShort((short) 42).putShort((short) 0).putInt(-1).putInt(-2));
        Value v = value(m, 12);
        assertEquals("{sa_family=AF_QIPCRTR, sq_node=QRTR_NODE_BCAST, sq_port=QRTR_PORT_CTRL}", render(v));
        assertEquals("{sa_family=0x2a /* AF_QIPCRTR */, sq_node=0xffffffff /* QRTR_NODE_BCAST */,"
                + " sq_port=0xfffffffe /* QRTR_PORT_CTRL */}", verbose(v));
        FakeMemory other = sockaddr(12, b -> b.putShort((short) 42).putShort((short) 0).putInt(0xdeadface).putInt(0));
        assertEquals("{sa_family=AF_QIPCRTR, sq_node=0xdeadface, sq_port=0}", render(value(other, 12)));
    }

    /** The shared umem's descriptor only with XDP_SHARED_UMEM; otherwise that field in hex when set. */
    @Test
    void xdpFlagsAndSharedUmem() {
        FakeMemory shared = sockaddr(16, b -> b.putShort((short) 44).putShort((short) 0xdead).putInt(0x40404040)
                .putInt(0xfacefeed).putInt(7));
        Value v = value(shared, 16);
        assertEquals("{sa_family=AF_XDP, sxdp_flags=XDP_SHARED_UMEM|XDP_ZEROCOPY|XDP_USE_NEED_WAKEUP|0xdea0,"
                + " sxdp_ifindex=1077952576, sxdp_queue_id=4207869677, sxdp_shared_umem_fd=7}", render(v));
        assertEquals("{sa_family=0x2c, sxdp_flags=0xdead, sxdp_ifindex=1077952576, sxdp_queue_id=4207869677,"
                + " sxdp_shared_umem_fd=7}", raw(v));
        FakeMemory notShared = sockaddr(16, b -> b.putShort((short) 44).putShort((short) 0xbad0).putInt(0)
                .putInt(0).putInt(0xfeedbead));
        assertEquals("{sa_family=AF_XDP, sxdp_flags=0xbad0 /* XDP_??? */, sxdp_ifindex=0, sxdp_queue_id=0,"
                + " sxdp_shared_umem_fd=0xfeedbead}", render(value(notShared, 16)));
        assertEquals("{sa_family=AF_XDP, sxdp_flags=0, sxdp_ifindex=0, sxdp_queue_id=0}",
                render(value(sockaddr(16, b -> b.putShort((short) 44)), 16)));
    }

    @Test
    void mctpPaddingOnlyWhenSet() {
        Value any = value(sockaddr(12, b -> b.putShort((short) 45)), 12);
        assertEquals("{sa_family=AF_MCTP, smctp_network=MCTP_NET_ANY, smctp_addr={s_addr=MCTP_ADDR_NULL},"
                + " smctp_type=0, smctp_tag=0}", render(any));
        assertEquals("{sa_family=0x2d, smctp_network=0, smctp_addr={s_addr=0}, smctp_type=0, smctp_tag=0}", raw(any));
        FakeMemory padded = sockaddr(12, b -> b.putShort((short) 45).putShort((short) 0xface).putInt(0x7f3aebd2)
                .put(bytes(0xff, 0x23, 0x69, 0xda)));
        assertEquals("{sa_family=AF_MCTP, __smctp_pad0=0xface, smctp_network=0x7f3aebd2, smctp_addr={s_addr=MCTP_ADDR_ANY},"
                + " smctp_type=0x23, smctp_tag=0x69, __smctp_pad1=0xda}", render(value(padded, 12)));
    }

    /** strace 6.1's net-sockaddr: sipx_zero only when set. */
    @Test
    void ipx() {
        FakeMemory m = sockaddr(16, b -> b.putShort((short) 4).put(bytes(0x30, 0x39, 0xfa, 0xce, 0xfe, 0xed))
                .put("ABCDEF".getBytes()).put((byte) 0xff).put((byte) 0x42));
        assertEquals("{sa_family=AF_IPX, sipx_port=htons(12345), sipx_network=htonl(0xfacefeed),"
                + " sipx_node=[0x41, 0x42, 0x43, 0x44, 0x45, 0x46], sipx_type=0xff, sipx_zero=0x42}", render(value(m, 16)));
        FakeMemory zero = sockaddr(16, b -> b.putShort((short) 4).put(bytes(0, 1, 0, 0, 0, 2)));
        assertEquals("{sa_family=AF_IPX, sipx_port=htons(1), sipx_network=htonl(0x2),"
                + " sipx_node=[00, 00, 00, 00, 00, 00], sipx_type=00}", render(value(zero, 16)));
    }

    /** x25_addr ends at its NUL, or is cut with ... when its 16 bytes hold none. */
    @Test
    void x25() {
        FakeMemory full = sockaddr(19, b -> b.putShort((short) 9).put("0123456789abcdef".getBytes()));
        assertEquals("{sa_family=AF_X25, sx25_addr={x25_addr=\"0123456789abcde\"...}}", render(value(full, 18)));
        FakeMemory nul = sockaddr(18, b -> b.putShort((short) 9).put("0123456789\0bcdef".getBytes()));
        assertEquals("{sa_family=AF_X25, sx25_addr={x25_addr=\"0123456789\"}}", render(value(nul, 18)));
        assertEquals("{sa_family=AF_X25, sa_data=\"0123456789\\0bcde\"}", render(value(nul, 17)));
    }

    private static byte[] callsign(String call, int ssid) {
        byte[] b = new byte[7];
        for (int k = 0; k < 6; k++) b[k] = (byte) ((k < call.length() ? call.charAt(k) : ' ') << 1);
        b[6] = (byte) (ssid << 1);
        return b;
    }

    /** strace 6.1's net-sockaddr: a plain sockaddr_ax25, and a full one with digipeaters as the length allows. */
    @Test
    void ax25CallsignsAndDigipeaters() {
        FakeMemory plain = sockaddr(16, b -> b.putShort((short) 3).put(callsign("VALID", 13)));
        assertEquals("{sa_family=AF_AX25, sax25_call=VALID-13, sax25_ndigis=0}", render(value(plain, 16)));
        assertEquals("{sa_family=0x3, sax25_call={ax25_call=\"\\xac\\x82\\x98\\x92\\x88\\x40\\x1a\"}, sax25_ndigis=0}",
                raw(value(plain, 16)));
        FakeMemory full = sockaddr(72, b -> b.putShort((short) 3).put(callsign("VALID", 13)).put(new byte[3]).putInt(3)
                .put(callsign("OK", 15)).put(callsign("SPA CE", 0)).put(callsign("", 0)).put(callsign("A", 1)));
        String head = "{sa_family=AF_AX25, fsa_ax25={sax25_call=VALID-13, sax25_ndigis=3}, fsa_digipeater=";
        assertEquals(head + "[...]}", render(value(full, 16)));
        assertEquals(head + "[OK-15, {ax25_call=\"\\xa6\\xa0\\x82\\x40\\x86\\x8a\\x00\"} /* SPA CE-0 */, ...], ...}",
                render(value(full, 32)));
        assertEquals(head + "[OK-15, {ax25_call=\"\\xa6\\xa0\\x82\\x40\\x86\\x8a\\x00\"} /* SPA CE-0 */, *], ...}",
                render(value(full, 38)));
    }

    /** A callsign byte that is not printable, or a '*' or '/', prints the bytes alone whatever -X says. */
    @Test
    void ax25UnprintableCallsignIsItsBytes() {
        byte[] call = callsign("A*B", 4);
        FakeMemory m = sockaddr(16, b -> b.putShort((short) 3).put(call));
        String bytes = "{ax25_call=\"\\x82\\x54\\x84\\x40\\x40\\x40\\x08\"}";
        assertEquals("{sa_family=AF_AX25, sax25_call=" + bytes + ", sax25_ndigis=0}", render(value(m, 16)));
        assertEquals("{sa_family=0x3 /* AF_AX25 */, sax25_call=" + bytes + ", sax25_ndigis=0}", verbose(value(m, 16)));
    }

    /** sll_addr holds what the length allows of sll_halen bytes, then ... (strace 6.1's net-sockaddr). */
    @Test
    void packetAddressCutAtTheLength() {
        FakeMemory m = sockaddr(21, b -> b.putShort((short) 17).putShort((short) 0x0300).putInt(0x40404040)
                .putShort((short) 1).put((byte) 0).put((byte) 9).put("abcdefghi".getBytes()));
        assertEquals("{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=1077952576, sll_hatype=ARPHRD_ETHER,"
                + " sll_pkttype=PACKET_HOST, sll_halen=9, sll_addr=[0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, ...]}",
                render(value(m, 20)));
    }

    /** Bluetooth's sockaddrs told apart by length (texts from strace 6.1 on the same bytes). */
    @Test
    void bluetoothByLength() {
        FakeMemory hci = sockaddr(6, b -> b.putShort((short) 31).putShort((short) 0x1234).putShort((short) 3));
        assertEquals("{sa_family=AF_BLUETOOTH, hci_dev=htobs(4660)}", render(value(hci, 4)));
        assertEquals("{sa_family=AF_BLUETOOTH, hci_dev=htobs(4660), hci_channel=HCI_CHANNEL_CONTROL}", render(value(hci, 6)));
        FakeMemory rc = sockaddr(11, b -> b.putShort((short) 31).put(bytes(0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 42)));
        assertEquals("{sa_family=AF_BLUETOOTH, sco_bdaddr=a0:a1:a2:a3:a4:a5}", render(value(rc, 8)));
        Value v = value(rc, 10);
        assertEquals("{sa_family=AF_BLUETOOTH, rc_bdaddr=a0:a1:a2:a3:a4:a5, rc_channel=42}", render(v));
        assertEquals("{sa_family=0x1f, rc_bdaddr=\"\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\", rc_channel=42}", raw(v));
        assertEquals("{sa_family=AF_BLUETOOTH, sa_data=\"\\240\\241\\242\\243\\244\\245*\"}", render(value(rc, 9)));
    }

    /** L2CAP numbers: a name, an offset into a dynamic range, or unknown; verbose nests the range's comment. */
    @Test
    void bluetoothL2cap() {
        FakeMemory m = sockaddr(14, b -> b.putShort((short) 31).putShort((short) 0x81).put(bytes(0, 0x10, 0x20, 0x30, 0x40, 0x50))
                .putShort((short) 8).put((byte) 3));
        Value v = value(m, 14);
        assertEquals("{sa_family=AF_BLUETOOTH, l2_psm=htobs(L2CAP_PSM_LE_DYN_START+1), l2_bdaddr=00:10:20:30:40:50,"
                + " l2_cid=htobs(0x8 /* L2CAP_CID_??? */), l2_bdaddr_type=0x3 /* BDADDR_??? */}", render(v));
        assertEquals("{sa_family=0x1f /* AF_BLUETOOTH */, l2_psm=htobs(0x81 /* 0x80 /* L2CAP_PSM_LE_DYN_START */+1 */),"
                + " l2_bdaddr=\"\\x00\\x10\\x20\\x30\\x40\\x50\" /* 00:10:20:30:40:50 */, l2_cid=htobs(0x8 /* L2CAP_CID_??? */),"
                + " l2_bdaddr_type=0x3 /* BDADDR_??? */}", verbose(v));
        assertEquals("{sa_family=0x1f, l2_psm=htobs(0x81), l2_bdaddr=\"\\x00\\x10\\x20\\x30\\x40\\x50\", l2_cid=htobs(0x8),"
                + " l2_bdaddr_type=0x3}", raw(v));
        FakeMemory named = sockaddr(12, b -> b.putShort((short) 31).putShort((short) 1).put(new byte[6]).putShort((short) 0x41));
        assertEquals("{sa_family=AF_BLUETOOTH, l2_psm=htobs(L2CAP_PSM_SDP), l2_bdaddr=00:00:00:00:00:00,"
                + " l2_cid=htobs(L2CAP_CID_DYN_START+1)}", render(value(named, 12)));
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
