package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.NlSelinuxTypes;
import java.util.List;

/**
 * NETLINK_SELINUX notifications (include/uapi/linux/selinux_netlink.h), as strace 6.1 prints
 * them (src/netlink_selinux.c): SELNL_MSG_SETENFORCE's {@code {val=1}} and
 * SELNL_MSG_POLICYLOAD's {@code {seqno=3}}; shorter payloads in hex.
 */
final class NetlinkSelinux {
    static final Netlink.Protocol PROTOCOL = new Netlink.Protocol(NlSelinuxTypes.XLAT, "SELNL_MSG_???", null,
            NetlinkSelinux::payload);

    private NetlinkSelinux() {}

    private static List<Value> payload(Call c, Netlink.Header h, long addr, int len) {
        boolean enforce = h.type() == NlSelinuxTypes.SELNL_MSG_SETENFORCE;
        if (!enforce && h.type() != NlSelinuxTypes.SELNL_MSG_POLICYLOAD) return null;
        if (len < 4) return List.of(Netlink.hex(c, addr, len));
        byte[] b = c.memory().read(addr, 4);
        if (b == null) return List.of(new Value.Addr(addr));
        Value v = enforce ? Value.dec(TraceeArrays.s32(b, 0))
                : new Num(SockAddrs.u32(b, 0), Base.UNSIGNED);
        return List.of(new Value.Struct(List.of(field(enforce ? "val" : "seqno", v)), false));
    }
}
