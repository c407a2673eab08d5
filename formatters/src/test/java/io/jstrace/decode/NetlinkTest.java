package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.core.FixedHostFacts;
import io.jstrace.core.Sockets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Netlink buffers of sendto/recvfrom decoded from literal bytes; expected texts are strace
 * 6.1's for the same bytes (checked with the system strace, see testdata's netlink_msgs.c).
 */
class NetlinkTest {
    private static final long BUF = 0x7ffd_0000_1000L;
    private static final int FD = 3, ROUTE = 0, SOCK_DIAG = 4;

    /** A netlink socket of {@code protocol} on descriptor 3, as the fd table and sock_diag know it. */
    static FixedHostFacts socket(int protocol) {
        return new FixedHostFacts().fd(FD, "socket:[4242]").socketProtocol(FD, "NETLINK")
                .netlink(4242, new Sockets.Netlink(protocol, 1234));
    }

    private static String sendto(FixedHostFacts host, FakeMemory m, long len) {
        return Calls.render(SyscallDecoders.of("sendto").arg(
                Calls.of("sendto").args(FD, BUF, len, 0, 0, 0).mem(m).host(host).exit(len), 1));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** struct nlmsghdr. */
    private static ByteBuffer header(ByteBuffer b, int len, int type, int flags, int seq, int pid) {
        return b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
    }

    @Test
    void routeRequestWithAttribute() {
        // RTM_GETADDR, NLM_F_REQUEST|NLM_F_DUMP; ifaddrmsg AF_INET /32 host scope index 1; IFA_LOCAL 127.0.0.1
        ByteBuffer b = header(le(32), 32, 22, 0x301, 7, 0);
        b.put((byte) 2).put((byte) 32).put((byte) 0).put((byte) 254).putInt(0x7fffff00);
        b.putShort((short) 8).putShort((short) 2).put(new byte[] {127, 0, 0, 1});
        String want = "[{nlmsg_len=32, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7,"
                + " nlmsg_pid=0}, {ifa_family=AF_INET, ifa_prefixlen=32, ifa_flags=0, ifa_scope=RT_SCOPE_HOST,"
                + " ifa_index=2147483392}, [{nla_len=8, nla_type=IFA_LOCAL}, inet_addr(\"127.0.0.1\")]]";
        assertEquals(want, sendto(socket(ROUTE), new FakeMemory().put(BUF, b.array()), 32));
    }

    @Test
    void headerOnlyTwoMessagesAndTheRestInHex() {
        // two NLMSG_NOOP headers, then 3 bytes too few for a third
        ByteBuffer b = le(35);
        header(b, 16, 1, 0, 1, 0);
        header(b, 16, 1, 1, 2, 0);
        b.put(new byte[] {9, 8, 7});
        String want = "[{nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, nlmsg_seq=1, nlmsg_pid=0},"
                + " {nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=2, nlmsg_pid=0},"
                + " \"\\x09\\x08\\x07\"]";
        assertEquals(want, sendto(socket(ROUTE), new FakeMemory().put(BUF, b.array()), 35));
    }

    @Test
    void shortUnreadableAndCutShort() {
        FakeMemory m = new FakeMemory().put(BUF, new byte[] {1, 2, 3});
        assertEquals("\"\\x01\\x02\\x03\"", sendto(socket(ROUTE), m, 3));
        assertEquals("0x7ffd00001000", sendto(socket(ROUTE), new FakeMemory(), 16));
        // a first message whose second neighbour cannot be read: ... /* address */
        ByteBuffer b = header(le(16), 16, 1, 0, 0, 0);
        assertEquals("[{nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, nlmsg_seq=0, nlmsg_pid=0},"
                + " ... /* 0x7ffd00001010 */]", sendto(socket(ROUTE), new FakeMemory().put(BUF, b.array()), 32));
        // an ifaddrmsg cut short: its family and ...
        ByteBuffer c = header(le(20), 20, 22, 1, 0, 0).put((byte) 10).put(new byte[3]);
        assertEquals("[{nlmsg_len=20, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, nlmsg_pid=0},"
                + " {ifa_family=AF_INET6, ...}]", sendto(socket(ROUTE), new FakeMemory().put(BUF, c.array()), 20));
    }

    @Test
    void errorEchoesTheRequest() {
        // NLMSG_ERROR -ENODEV echoing an RTM_GETLINK header, as the kernel answers
        ByteBuffer b = header(le(36), 36, 2, 0, 5, 1234).putInt(-19);
        header(b, 16, 18, 5, 5, 0);
        String want = "[{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=5, nlmsg_pid=1234},"
                + " {error=-ENODEV, msg={nlmsg_len=16, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK,"
                + " nlmsg_seq=5, nlmsg_pid=0}}]";
        assertEquals(want, sendto(socket(ROUTE), new FakeMemory().put(BUF, b.array()), 36));
    }

    @Test
    void sockDiagUnixRequest() {
        ByteBuffer b = header(le(40), 40, 20, 0x301, 0, 0);
        b.put((byte) 1).put((byte) 0).putShort((short) 0).putInt(1 << 10).putInt(77).putInt(1).putInt(-1).putInt(-1);
        String want = "[{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP,"
                + " nlmsg_seq=0, nlmsg_pid=0}, {sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_LISTEN,"
                + " udiag_ino=77, udiag_show=UDIAG_SHOW_NAME, udiag_cookie=[4294967295, 4294967295]}]";
        assertEquals(want, sendto(socket(SOCK_DIAG), new FakeMemory().put(BUF, b.array()), 40));
    }

    @Test
    void notNetlinkIsAString() {
        FixedHostFacts tcp = new FixedHostFacts().fd(FD, "socket:[4243]").socketProtocol(FD, "TCP");
        ByteBuffer b = header(le(16), 16, 1, 0, 0, 0);
        assertEquals("\"\\20\\0\\0\\0\\1\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"",
                sendto(tcp, new FakeMemory().put(BUF, b.array()), 16));
    }

    @Test
    void genericTypesAreTheKernelsFamilies() {
        // NETLINK_GENERIC (16): 0x10 is the family the host registered as nlctrl, 0x1234 none
        FixedHostFacts host = socket(16).genericNetlinkFamily(0x10, "nlctrl");
        ByteBuffer b = header(le(32), 16, 0x10, 1, 0, 0);
        header(b, 16, 0x1234, 1, 0, 0);
        assertEquals("[{nlmsg_len=16, nlmsg_type=nlctrl, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, nlmsg_pid=0},"
                + " {nlmsg_len=16, nlmsg_type=0x1234 /* GENERIC_FAMILY_??? */, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0,"
                + " nlmsg_pid=0}]", sendto(host, new FakeMemory().put(BUF, b.array()), 32));
    }
}
