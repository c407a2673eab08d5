package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class SocketsTest {
    private static final long L = 0x7ffd_0000_2000L;
    private static final long EFAULT = -14;

    private static String socket(long family, long type, long protocol, int i) {
        Call c = Calls.of("socket").args(family, type, protocol).enter();
        return render(Formatters.format(c, i));
    }

    @Test
    void typeByNameThenFlags() {
        assertEquals("SOCK_STREAM", socket(2, 1, 0, 1));
        assertEquals("SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK", socket(2, 2 | 0x80000 | 0x800, 0, 1));
        assertEquals("SOCK_RAW|0x100", socket(2, 3 | 0x100, 0, 1));
        // an unknown type leaves its bits to the flags
        assertEquals("SOCK_CLOEXEC|0x7", socket(2, 7 | 0x80000, 0, 1));
        assertEquals("0x7 /* SOCK_??? */", socket(2, 7, 0, 1));
    }

    @Test
    void protocolByFamily() {
        assertEquals("IPPROTO_IP", socket(2, 1, 0, 2));
        assertEquals("IPPROTO_UDP", socket(10, 2, 17, 2));
        assertEquals("0x31 /* IPPROTO_??? */", socket(2, 1, 49, 2));
        assertEquals("NETLINK_ROUTE", socket(16, 3, 0, 2));
        assertEquals("0x63 /* NETLINK_??? */", socket(16, 3, 99, 2));
        assertEquals("htons(ETH_P_ALL)", socket(17, 3, 0x0300, 2));
        assertEquals("htons(0x1234 /* ETH_P_??? */)", socket(17, 3, 0x3412, 2));
        assertEquals("7", socket(1, 1, 7, 2));
        assertEquals("0x7 /* AX25_P_VJUNCOMP */", socket(3, 5, 7, 2));
        assertEquals("0 /* AX25_P_??? */", socket(3, 5, 0, 2));
        assertEquals("CAN_RAW", socket(23, 2, 1, 2));
        assertEquals("0x9 /* IRDAPROTO_??? */", socket(23, 2, 9, 2));
        assertEquals("BTPROTO_HCI", socket(31, 3, 1, 2));
        assertEquals("AF_INET", socket(33, 2, 2, 2));
        assertEquals("ISDN_P_B_RAW", socket(34, 2, 0x21, 2));
        assertEquals("SMCPROTO_SMC6", socket(43, 1, 1, 2));
        // socketpair prints its protocol as a number whatever the family
        assertEquals("6", render(Formatters.format(Calls.of("socketpair").args(2, 1, 6, 0).enter(), 2)));
    }

    @Test
    void socklenUnchangedChangedAndFailed() {
        FakeMemory m = new FakeMemory().putInts(L, 16);
        assertEquals("[16]", render(SocketDecoders.postSocklen(Calls.of("getsockname").args(3, 0x1000, L).mem(m).exit(0), 2)));
        FakeMemory in = new FakeMemory().putInts(L, 128);
        assertEquals("[128 => 16]",
                render(SocketDecoders.postSocklen(Calls.of("getsockname").args(3, 0x1000, L).mem(m).atEntry(in).exit(0), 2)));
        assertEquals("[128]",
                render(SocketDecoders.postSocklen(Calls.of("getsockname").args(3, 0x1000, L).mem(m).atEntry(in).exit(EFAULT), 2)));
    }

    @Test
    void socklenUnreadableAtEntryOrAtExit() {
        FakeMemory in = new FakeMemory().putInts(L, 128);
        // readable at entry only: the length passed in
        assertEquals("[128]", render(SocketDecoders.postSocklen(
                Calls.of("getsockname").args(3, 0x1000, L).mem(new FakeMemory()).atEntry(in).exit(0), 2)));
        // recvfrom prints both by address when the length cannot be read back
        Call recvfrom = Calls.of("recvfrom").args(3, 0x3000, 8, 0, 0x1000, L).mem(new FakeMemory()).atEntry(in).exit(0);
        assertEquals("0x7ffd00002000", render(SocketDecoders.postSocklen(recvfrom, 5)));
        // unreadable at entry: the address
        assertEquals("0x7ffd00002000", render(SocketDecoders.postSocklen(
                Calls.of("getsockname").args(3, 0x1000, L).mem(in).atEntry(new FakeMemory()).exit(0), 2)));
    }

    @Test
    void changedValuesRenderInJson() {
        StringBuilder out = new StringBuilder();
        out.append(Rendered.json(new Value.Arr(List.of(new Value.Changed(Value.dec(128), Value.dec(16))), false)));
        assertEquals("[{\"before\":128,\"after\":16}]", out.toString());
        out.setLength(0);
        out.append(Rendered.json(SockAddrs.htons(80)));
        assertEquals("{\"call\":\"htons\",\"args\":[80]}", out.toString());
        out.setLength(0);
        out.append(Rendered.json(new Value.Prefixed("@", new Value.Str("a".getBytes(), false))));
        assertEquals("{\"prefix\":\"@\",\"value\":\"a\"}", out.toString());
    }
}
