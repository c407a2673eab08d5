package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.syscalls.xlat.RtnlFamily;
import io.jstrace.syscalls.xlat.RtnlIp6mraCreportAttr;
import io.jstrace.syscalls.xlat.RtnlIp6mraMsgTypes;
import io.jstrace.syscalls.xlat.RtnlIpmraCreportAttr;
import io.jstrace.syscalls.xlat.RtnlIpmraMsgTypes;
import io.jstrace.syscalls.xlat.SocketFamilies;
import java.util.List;

/**
 * RTM_NEWCACHEREPORT: a multicast routing cache report, {@code struct rtgenmsg} and the
 * IPMRA_CREPORT_* or IP6MRA_CREPORT_* attributes of its family (include/uapi/linux/mroute.h,
 * mroute6.h), as strace 6.1 prints them (src/rtnl_cachereport.c).
 */
final class NetlinkRouteCacheReport {
    private NetlinkRouteCacheReport() {}

    private static final NetlinkAttrs.Set IPMR = new NetlinkAttrs.Set(RtnlIpmraCreportAttr.XLAT, "IPMRA_CREPORT_???",
            Table.builder()
                    .add(RtnlIpmraCreportAttr.IPMRA_CREPORT_MSGTYPE, NetlinkAttrs.xval(1, RtnlIpmraMsgTypes.XLAT, "IGMPMSG_???"))
                    .add(RtnlIpmraCreportAttr.IPMRA_CREPORT_VIF_ID, NetlinkAttrs::u32)
                    .add(RtnlIpmraCreportAttr.IPMRA_CREPORT_SRC_ADDR, NetlinkAttrs::inAddr)
                    .add(RtnlIpmraCreportAttr.IPMRA_CREPORT_DST_ADDR, NetlinkAttrs::inAddr)
                    .add(RtnlIpmraCreportAttr.IPMRA_CREPORT_TABLE, NetlinkAttrs::u32)
                    .build());

    private static final NetlinkAttrs.Set IP6MR = new NetlinkAttrs.Set(RtnlIp6mraCreportAttr.XLAT,
            "IP6MRA_CREPORT_???", Table.builder()
                    .add(RtnlIp6mraCreportAttr.IP6MRA_CREPORT_MSGTYPE,
                            NetlinkAttrs.xval(1, RtnlIp6mraMsgTypes.XLAT, "MRT6MSG_???"))
                    .add(RtnlIp6mraCreportAttr.IP6MRA_CREPORT_MIF_ID, NetlinkAttrs::u32)
                    .add(RtnlIp6mraCreportAttr.IP6MRA_CREPORT_SRC_ADDR, NetlinkAttrs::in6Addr)
                    .add(RtnlIp6mraCreportAttr.IP6MRA_CREPORT_DST_ADDR, NetlinkAttrs::in6Addr)
                    .build());

    /**
     * decode_cachereport: {@code {rtgen_family=RTNL_FAMILY_IPMR}} (an RTNL_FAMILY_* or an AF_*
     * name), then, from NLMSG_ALIGN(1), the attributes of an RTNL_FAMILY_IPMR or _IP6MR
     * report; any other family's in hex.
     */
    static List<Value> cacheReport(Call c, int family, long addr, int len) {
        String name = RtnlFamily.XLAT.name(family);
        if (name == null) name = SocketFamilies.XLAT.name(family);
        Value f = name != null ? new Value.Sym(family, name)
                : new Value.Commented(Value.hex(family), "RTNL_FAMILY_???");
        Value s = new Value.Struct(List.of(field("rtgen_family", f)), false);
        if (len <= 4) return List.of(s);
        NetlinkAttrs.Set set = family == RtnlFamily.RTNL_FAMILY_IPMR ? IPMR
                : family == RtnlFamily.RTNL_FAMILY_IP6MR ? IP6MR : null;
        return List.of(s, set == null ? Netlink.hex(c, addr + 4, len - 4) : NetlinkAttrs.decode(c, addr + 4, len - 4, set));
    }
}
