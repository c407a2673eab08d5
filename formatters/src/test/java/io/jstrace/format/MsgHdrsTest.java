package io.jstrace.format;

import static io.jstrace.format.Calls.render;
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
}
