package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class SockOptsTest {
    private static final long V = 0x7ffd_0000_1000L, L = 0x7ffd_0000_2000L;
    private static final long EBADF = -9;
    private static final int SOL_SOCKET = 1, SOL_IP = 0, SOL_TCP = 6, SOL_IPV6 = 41, SOL_NETLINK = 270;

    private static String name(String syscall, long level, long name) {
        return render(SockOpts.name(Calls.of(syscall).args(3, level, name, V, 4).enter(), 2));
    }

    private static String set(FakeMemory m, long level, long name, long len) {
        return render(SockOpts.setValue(Calls.of("setsockopt").args(3, level, name, V, len).mem(m).enter(), 3));
    }

    private static Call get(FakeMemory m, long level, long name, int in, long ret) {
        return Calls.of("getsockopt").args(3, level, name, V, L).mem(m).atEntry(new FakeMemory().putInts(L, in)).exit(ret);
    }

    @Test
    void namesByLevel() {
        assertEquals("SO_REUSEADDR", name("setsockopt", SOL_SOCKET, 2));
        assertEquals("SO_RCVTIMEO_OLD", name("setsockopt", SOL_SOCKET, 20));
        assertEquals("SO_ATTACH_FILTER", name("setsockopt", SOL_SOCKET, 26));
        assertEquals("SO_GET_FILTER", name("getsockopt", SOL_SOCKET, 26));
        assertEquals("TCP_NODELAY", name("setsockopt", SOL_TCP, 1));
        assertEquals("IP_TTL", name("setsockopt", SOL_IP, 2));
        assertEquals("IPT_SO_SET_REPLACE", name("setsockopt", SOL_IP, 64));
        assertEquals("IPT_SO_GET_INFO", name("getsockopt", SOL_IP, 64));
        assertEquals("IPV6_RECVTCLASS", name("getsockopt", SOL_IPV6, 66));
        assertEquals("IP6T_SO_GET_REVISION_MATCH", name("getsockopt", SOL_IPV6, 68));
        assertEquals("NETLINK_EXT_ACK", name("setsockopt", SOL_NETLINK, 11));
        assertEquals("0x3e7 /* SO_??? */", name("setsockopt", SOL_SOCKET, 999));
        assertEquals("0x44 /* IPV6_??? */", name("setsockopt", SOL_IPV6, 68));
        assertEquals("5", name("setsockopt", 999, 5));
    }

    @Test
    void setIntLingerAndBytes() {
        FakeMemory m = new FakeMemory().putInts(V, 1, 5, 0, 0);
        assertEquals("[1]", set(m, SOL_SOCKET, 2, 4));
        assertEquals("{l_onoff=1, l_linger=5}", set(m, SOL_SOCKET, 13, 8));
        assertEquals("0x7ffd00001000", set(m, SOL_SOCKET, 13, 4));
        assertEquals("\"\\1\\0\\0\\0\\5\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"", set(m, SOL_SOCKET, 20, 16));
        assertEquals("[1]", set(m, SOL_NETLINK, 1, 8));
        assertEquals("0x7ffd00001000", set(m, SOL_NETLINK, 1, 2));
    }

    @Test
    void setNullAndUnreadable() {
        assertEquals("NULL", render(SockOpts.setValue(Calls.of("setsockopt").args(3, 1, 2, 0, 4).enter(), 3)));
        assertEquals("0x8", render(SockOpts.setValue(Calls.of("setsockopt").args(3, 1, 2, 8, 4).enter(), 3)));
        // two readable bytes of an int: the address
        FakeMemory m = new FakeMemory().put(V, new byte[] {1, 0});
        assertEquals("0x7ffd00001000", set(m, SOL_SOCKET, 2, 4));
        // linger running into unmapped memory
        assertEquals("0x7ffd00001000", set(new FakeMemory().putInts(V, 1), SOL_SOCKET, 13, 8));
    }

    @Test
    void setMulticastRequests() {
        FakeMemory m = new FakeMemory().put(V, new byte[] {(byte) 224, 0, 0, (byte) 251, 127, 0, 0, 1});
        assertEquals("{imr_multiaddr=inet_addr(\"224.0.0.251\"), imr_interface=inet_addr(\"127.0.0.1\")}",
                set(m, SOL_IP, 35, 8));
        assertEquals("0x7ffd00001000", set(m, SOL_IP, 35, 4));
        byte[] mreq6 = new byte[20];
        mreq6[0] = (byte) 0xff;
        mreq6[1] = 2;
        mreq6[15] = 1;
        mreq6[16] = 0x40;
        mreq6[17] = 0x40;
        mreq6[18] = 0x40;
        mreq6[19] = 0x40;
        assertEquals("{inet_pton(AF_INET6, \"ff02::1\", &ipv6mr_multiaddr), ipv6mr_interface=1077952576}",
                set(new FakeMemory().put(V, mreq6), SOL_IPV6, 20, 20));
        // MCAST_JOIN_GROUP of another size than struct group_req
        assertEquals("0x7ffd00001000", set(m, SOL_IP, 42, 8));
    }

    @Test
    void txrehashByName() {
        assertEquals("[SOCK_TXREHASH_ENABLED]", set(new FakeMemory().putInts(V, 1), SOL_SOCKET, 74, 4));
        assertEquals("[7 /* SOCK_TXREHASH_??? */]", set(new FakeMemory().putInts(V, 7), SOL_SOCKET, 74, 4));
    }

    @Test
    void getIntAndLength() {
        FakeMemory m = new FakeMemory().putInts(V, 1).putInts(L, 4);
        Call c = get(m, SOL_SOCKET, 3, 4, 0);
        assertEquals("[1]", render(SockOpts.getValue(c, 3)));
        assertEquals("[4]", render(SocketDecoders.postSocklen(c, 4)));
        Call wider = get(m, SOL_SOCKET, 3, 8, 0);
        assertEquals("[1]", render(SockOpts.getValue(wider, 3)));
        assertEquals("[8 => 4]", render(SocketDecoders.postSocklen(wider, 4)));
    }

    @Test
    void getFailureNullLengthAndNonPositiveLengths() {
        FakeMemory m = new FakeMemory().putInts(V, 1).putInts(L, 4);
        Call failed = get(m, SOL_SOCKET, 3, 4, EBADF);
        assertEquals("0x7ffd00001000", render(SockOpts.getValue(failed, 3)));
        assertEquals("[4]", render(SocketDecoders.postSocklen(failed, 4)));
        Call noLength = Calls.of("getsockopt").args(3, 1, 3, V, 0).mem(m).exit(EBADF);
        assertEquals("0x7ffd00001000", render(SockOpts.getValue(noLength, 3)));
        assertEquals("NULL", render(SocketDecoders.postSocklen(noLength, 4)));
        Call zero = get(new FakeMemory().putInts(V, 1).putInts(L, 0), SOL_SOCKET, 3, 0, 0);
        assertEquals("0x7ffd00001000", render(SockOpts.getValue(zero, 3)));
    }

    @Test
    void getStructuresByLength() {
        FakeMemory linger = new FakeMemory().putInts(V, 1, 5).putInts(L, 4);
        assertEquals("{l_onoff=1}", render(SockOpts.getValue(get(linger, SOL_SOCKET, 13, 4, 0), 3)));
        FakeMemory cred = new FakeMemory().putInts(V, 1234, 1000, 100).putInts(L, 12);
        assertEquals("{pid=1234, uid=1000, gid=100}", render(SockOpts.getValue(get(cred, SOL_SOCKET, 17, 12, 0), 3)));
        FakeMemory partial = new FakeMemory().putInts(V, 1234, 1000, 100).putInts(L, 6);
        assertEquals("{pid=1234, uid=\"\\xe8\\x03\"}", render(SockOpts.getValue(get(partial, SOL_SOCKET, 17, 12, 0), 3)));
        FakeMemory stats = new FakeMemory().putInts(V, 3, 1).putInts(L, 8);
        assertEquals("{tp_packets=3, tp_drops=1}", render(SockOpts.getValue(get(stats, 263, 6, 8, 0), 3)));
    }

    @Test
    void getErrorByName() {
        assertEquals("[ECONNREFUSED]", render(SockOpts.getValue(
                get(new FakeMemory().putInts(V, 111).putInts(L, 4), SOL_SOCKET, 4, 4, 0), 3)));
        assertEquals("[0]", render(SockOpts.getValue(
                get(new FakeMemory().putInts(V, 0).putInts(L, 4), SOL_SOCKET, 4, 4, 0), 3)));
    }

    @Test
    void getBytesAndNetlinkGroups() {
        FakeMemory m = new FakeMemory().putInts(V, 1).putInts(L, 2);
        assertEquals("\"\\1\\0\"", render(SockOpts.getValue(get(m, SOL_SOCKET, 3, 4, 0), 3)));
        FakeMemory groups = new FakeMemory().putInts(V, 16, 0, 0, 0).putInts(L, 8);
        assertEquals("[16, 0]", render(SockOpts.getValue(get(groups, SOL_NETLINK, 9, 16, 0), 3)));
    }

    @Test
    void packetMembershipAndSocketFilter() {
        FakeMemory mreq = new FakeMemory().putInts(V, 0x40404040).put(V + 4, new byte[] {1, 0, 7, 0, 1, 2, 3, 4, 5,
            (byte) 0xab, (byte) 0xcd, (byte) 0xef});
        assertEquals("{mr_ifindex=1077952576, mr_type=PACKET_MR_PROMISC, mr_alen=7, mr_address=01:02:03:04:05:ab:cd}",
                set(mreq, 263, 1, 16));
        assertEquals("0x7ffd00001000", set(mreq, 263, 1, 12));
        FakeMemory fprog = new FakeMemory().putLongs(V, 3, 0x7ffd_0000_3000L);
        assertEquals("{len=3, filter=0x7ffd00003000}", set(fprog, SOL_SOCKET, 26, 16));
        assertEquals("0x7ffd00001000", set(fprog, SOL_SOCKET, 26, 8));
    }

    /** strace 6.1's net-icmp_filter: the types set, or over half set the ones not, after a ~. */
    @Test
    void icmpFilterIsABitsetOfTypes() {
        assertEquals("~[]", set(new FakeMemory().putInts(V, -1), 255, 1, 4));
        assertEquals("[]", set(new FakeMemory().putInts(V, 0), 255, 1, 4));
        assertEquals("[ICMP_ECHOREPLY ICMP_DEST_UNREACH ICMP_SOURCE_QUENCH ICMP_REDIRECT ICMP_TIME_EXCEEDED"
                + " ICMP_PARAMETERPROB]", set(new FakeMemory().putInts(V, 0x1839), 255, 1, 4));
        assertEquals("~[ICMP_ECHOREPLY ICMP_DEST_UNREACH ICMP_SOURCE_QUENCH ICMP_REDIRECT ICMP_TIME_EXCEEDED"
                + " ICMP_PARAMETERPROB]", set(new FakeMemory().putInts(V, ~0x1839, 0), 255, 1, 8));
        // one byte of the filter: the rest stays all ones
        assertEquals("~[ICMP_ECHOREPLY 0x1 /* ICMP_??? */]", set(new FakeMemory().putInts(V, 0xfc), 255, 1, 1));
        assertEquals("0x7ffd00001000", set(new FakeMemory().putInts(V, 0), 255, 1, 0));
    }
}
