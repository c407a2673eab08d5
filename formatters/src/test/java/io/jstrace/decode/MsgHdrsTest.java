package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class MsgHdrsTest {
    private static final long M = 0x7ffd_0000_1000L, IOV = 0x7ffd_0000_2000L, CTL = 0x7ffd_0000_3000L,
            NAME = 0x7ffd_0000_4000L, S = 0x5500_0000_0000L;

    private static FakeMemory msghdr(FakeMemory m, long at, long name, int namelen, long iov, long iovlen,
            long control, long controllen, int flags) {
        m.putLongs(at, name).putInts(at + 8, namelen, 0).putLongs(at + 16, iov, iovlen, control, controllen)
                .putInts(at + 48, flags, 0);
        return m;
    }

    @Test
    void sendmsgWithRights() {
        FakeMemory m = new FakeMemory().putBytes(S, "hello").putBytes(S + 0x100, "world!")
                .putLongs(IOV, S, 5, S + 0x100, 6).putLongs(CTL, 24).putInts(CTL + 8, 1, 1, 0, 1);
        msghdr(m, M, 0, 0, IOV, 2, CTL, 24, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=5}, "
                + "{iov_base=\"world!\", iov_len=6}], msg_iovlen=2, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, "
                + "cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}], msg_controllen=24, msg_flags=0}",
                render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(m).enter(), 1)));
    }

    @Test
    void recvmsgSpreadsTheBytesAndShowsTheNameLengthChange() {
        // credentials (28 bytes, aligned to 32) then one descriptor
        FakeMemory m = new FakeMemory().putBytes(S, "helloworld").putLongs(IOV, S, 4, S + 4, 64)
                .putLongs(CTL, 28).putInts(CTL + 8, 1, 2, 1234, 0, 0, 0).putLongs(CTL + 32, 20).putInts(CTL + 40, 1, 1, 7)
                .putBytes(NAME, "\1\0");
        msghdr(m, M, NAME, 2, IOV, 2, CTL, 52, 0x40000000);
        FakeMemory atEntry = msghdr(new FakeMemory(), M, NAME, 110, IOV, 2, CTL, 256, 0);
        Call c = Calls.of("recvmsg").args(3, M, 0x40000000).mem(m).atEntry(atEntry).exit(6);
        assertEquals("{msg_name={sa_family=AF_UNIX}, msg_namelen=110 => 2, msg_iov=[{iov_base=\"hell\", iov_len=4}, "
                + "{iov_base=\"ow\", iov_len=64}], msg_iovlen=2, msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, "
                + "cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=1234, uid=0, gid=0}}, {cmsg_len=20, cmsg_level=SOL_SOCKET, "
                + "cmsg_type=SCM_RIGHTS, cmsg_data=[7]}], msg_controllen=52, msg_flags=MSG_CMSG_CLOEXEC}",
                render(MsgHdrs.recvMsghdr(c, 1)));
    }

    @Test
    void recvmsgFailureUnreadableAndNull() {
        FakeMemory m = msghdr(new FakeMemory(), M, NAME, 110, IOV, 1, 0, 0, 0);
        assertEquals("{msg_namelen=110}", render(MsgHdrs.recvMsghdr(Calls.of("recvmsg").args(3, M, 0x40).mem(m).exit(-11), 1)));
        assertEquals("0x8", render(MsgHdrs.recvMsghdr(Calls.of("recvmsg").args(-1, 8, 0).exit(-9), 1)));
        assertEquals("NULL", render(MsgHdrs.recvMsghdr(Calls.of("recvmsg").args(3, 0, 0).exit(-14), 1)));
        assertEquals("0x8", render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, 8, 0).enter(), 1)));
        assertEquals("NULL", render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, 0, 0).enter(), 1)));
    }

    @Test
    void controlUnreadableTruncatedAndUnknown() {
        FakeMemory m = new FakeMemory();
        msghdr(m, M, 0, 0, 0, 0, CTL, 24, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=0x7ffd00003000, "
                + "msg_controllen=24, msg_flags=0}", render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(m).enter(), 1)));
        // a header claiming more than there is, then bytes too few for another header
        FakeMemory cut = new FakeMemory().putLongs(CTL, 17).putInts(CTL + 8, 1, 1, 5, 0).putLongs(CTL + 24, 0);
        msghdr(cut, M, 0, 0, 0, 0, CTL, 32, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=17, "
                + "cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS}, ... /* 0x7ffd00003018 */], msg_controllen=32, msg_flags=0}",
                render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(cut).enter(), 1)));
        // another level: the type in hex, no data
        FakeMemory other = new FakeMemory().putLongs(CTL, 20).putInts(CTL + 8, 41, 50, 1, 0);
        msghdr(other, M, 0, 0, 0, 0, CTL, 24, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=20, "
                + "cmsg_level=SOL_IPV6, cmsg_type=0x32}], msg_controllen=24, msg_flags=0}",
                render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(other).enter(), 1)));
    }

    @Test
    void sendmmsgPrintsMsgLenForWhatWasSent() {
        FakeMemory m = new FakeMemory().putBytes(S, "ab").putLongs(IOV, S, 2);
        msghdr(m, M, 0, 0, IOV, 1, 0, 0, 0).putInts(M + 56, 2, 0);
        msghdr(m, M + 64, 0, 0, IOV, 1, 0, 0, 0).putInts(M + 120, 0, 0);
        String one = "{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, "
                + "msg_controllen=0, msg_flags=0}";
        assertEquals("[{msg_hdr=" + one + ", msg_len=2}, {msg_hdr=" + one + "}]",
                render(MsgHdrs.sendMmsghdr(Calls.of("sendmmsg").args(3, M, 2, 0).mem(m).exit(1), 1)));
        assertEquals("[{msg_hdr=" + one + "}, {msg_hdr=" + one + "}]",
                render(MsgHdrs.sendMmsghdr(Calls.of("sendmmsg").args(3, M, 2, 0).mem(m).exit(-9), 1)));
        assertEquals("[{msg_hdr=" + one + ", msg_len=2}, ... /* 0x7ffd00001040 */]",
                render(MsgHdrs.sendMmsghdr(Calls.of("sendmmsg").args(3, M, 2, 0).mem(
                        msghdr(new FakeMemory().putBytes(S, "ab").putLongs(IOV, S, 2), M, 0, 0, IOV, 1, 0, 0, 0)
                                .putInts(M + 56, 2, 0)).exit(1), 1)));
    }

    @Test
    void recvmmsgAsManyAsReceived() {
        FakeMemory m = new FakeMemory().putBytes(S, "hello").putLongs(IOV, S, 8);
        msghdr(m, M, 0, 0, IOV, 1, 0, 0, 0).putInts(M + 56, 5, 0);
        FakeMemory atEntry = msghdr(new FakeMemory(), M, 0, 0, IOV, 1, 0, 0, 0).putInts(M + 56, 0, 0);
        msghdr(atEntry, M + 64, 0, 0, IOV, 1, 0, 0, 0);
        Call c = Calls.of("recvmmsg").args(3, M, 2, 0x40, 0).mem(m).atEntry(atEntry).exit(1);
        assertEquals("[{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=8}], msg_iovlen=1, "
                + "msg_controllen=0, msg_flags=0}, msg_len=5}]", render(MsgHdrs.recvMmsghdr(c, 1)));
        assertEquals("", recvmmsgComment(c));
        assertEquals("0x7ffd00001000",
                render(MsgHdrs.recvMmsghdr(Calls.of("recvmmsg").args(3, M, 2, 0x40, 0).mem(m).exit(-11), 1)));
    }

    @Test
    void recvmmsgTimeoutAtEntryAndTimeLeft() {
        long ts = 0x7ffd_0000_5000L;
        FakeMemory m = new FakeMemory().putLongs(ts, 0, 999000);
        FakeMemory atEntry = new FakeMemory().putLongs(ts, 1, 0);
        Call got = Calls.of("recvmmsg").args(3, M, 2, 0x40, ts).mem(m).atEntry(atEntry).exit(2);
        assertEquals("{tv_sec=1, tv_nsec=0}", render(Formatters.format(got, 4)));
        assertEquals(" (left {tv_sec=0, tv_nsec=999000})", recvmmsgComment(got));
        assertEquals(" (Timeout)", recvmmsgComment(Calls.of("recvmmsg").args(3, M, 2, 0x40, ts).mem(m).exit(0)));
    }

    @Test
    void controlLengthsNearTwoToTheSixtyFourDoNotLoop() {
        FakeMemory m = new FakeMemory().putLongs(CTL, -1L).putInts(CTL + 8, 1, 1, 3, 4);
        msghdr(m, M, 0, 0, 0, 0, CTL, 24, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=18446744073709551615, "
                + "cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3, 4]}], msg_controllen=24, msg_flags=0}",
                render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(m).enter(), 1)));
        // a msg_controllen past optmem_max is read up to it, and marked as cut
        FakeMemory huge = new FakeMemory();
        msghdr(huge, M, 0, 0, 0, 0, CTL, -1L, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=0x7ffd00003000, "
                + "msg_controllen=18446744073709551615, msg_flags=0}",
                render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(huge).enter(), 1)));
    }

    @Test
    void ipControlMessages() {
        // IP_TTL [64]; IP_TOS [0x10]; IP_PKTINFO with an interface index no interface has
        FakeMemory m = new FakeMemory().putLongs(CTL, 20).putInts(CTL + 8, 0, 2, 64, 0)
                .putLongs(CTL + 24, 17).putInts(CTL + 32, 0, 1).put(CTL + 40, new byte[] {0x10, 0, 0, 0, 0, 0, 0, 0})
                .putLongs(CTL + 48, 28).putInts(CTL + 56, 0, 8, 0x40404040, 0x0100007f, 0x0100007f, 0);
        msghdr(m, M, 0, 0, 0, 0, CTL, 80, 0);
        assertEquals("{msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=20, "
                + "cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}, {cmsg_len=17, cmsg_level=SOL_IP, cmsg_type=IP_TOS, "
                + "cmsg_data=[0x10]}, {cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=1077952576, "
                + "ipi_spec_dst=inet_addr(\"127.0.0.1\"), ipi_addr=inet_addr(\"127.0.0.1\")}}], msg_controllen=80, msg_flags=0}",
                render(MsgHdrs.sendMsghdr(Calls.of("sendmsg").args(3, M, 0).mem(m).enter(), 1)));
    }

    private static String recvmmsgComment(Call c) {
        if (!c.succeeded()) return "";
        Value v = MsgHdrs.recvmmsgResult(c);
        if (v == null) return "";
        String s = new StraceText(StraceText.Escape.OCTAL).render(v);
        return s.substring(s.indexOf(' '));
    }
}
