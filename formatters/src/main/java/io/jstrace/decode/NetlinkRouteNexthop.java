package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.LwtunnelEncapTypes;
import io.jstrace.syscalls.xlat.RouteNexthopFlags;
import io.jstrace.syscalls.xlat.RoutingProtocols;
import io.jstrace.syscalls.xlat.RoutingScopes;
import io.jstrace.syscalls.xlat.RtnlNexthopAttrs;
import io.jstrace.syscalls.xlat.RtnlNexthopGrpTypes;
import io.jstrace.syscalls.xlat.RtnlNhaResBucketAttrs;
import io.jstrace.syscalls.xlat.RtnlNhaResGroupAttrs;
import java.util.ArrayList;
import java.util.List;

/**
 * RTM_NEWNEXTHOP, RTM_DELNEXTHOP, RTM_GETNEXTHOP: {@code struct nhmsg} and its NHA_*
 * attributes (include/uapi/linux/nexthop.h), as strace 6.1 prints them (src/rtnl_nh.c).
 */
final class NetlinkRouteNexthop {
    private static final int NHMSG_SIZE = 8, NEXTHOP_GRP_SIZE = 8;

    private NetlinkRouteNexthop() {}

    /** decode_nhmsg: {@code {nh_family, nh_scope, nh_protocol, [resvd when not 0,] nh_flags}}. */
    static List<Value> nhmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, NHMSG_SIZE, "nh_family", NetlinkRoute.family(family), (raw, f) -> {
            f.add(field("nh_scope", Numbers.named(RoutingScopes.XLAT, raw[1] & 0xff, null)));
            f.add(field("nh_protocol", Numbers.named(RoutingProtocols.XLAT, raw[2] & 0xff, "RTPROT_???")));
            if (raw[3] != 0) f.add(field("resvd", Value.hex(raw[3] & 0xff)));
            f.add(field("nh_flags", Numbers.flags(RouteNexthopFlags.XLAT, SockAddrs.u32(raw, 4), "RTNH_F_???")));
        }, raw -> new NetlinkAttrs.Set(RtnlNexthopAttrs.XLAT, "NHA_???", attrs(family)));
    }

    /** NHA_GROUP: an array of struct nexthop_grp, {@code [{id=1, weight=0}, ...]}, reserved fields when not 0. */
    private static Value group(Call c, long addr, int len) {
        if (len < NEXTHOP_GRP_SIZE) return null;
        return TraceeArrays.array(c, addr, len / NEXTHOP_GRP_SIZE, NEXTHOP_GRP_SIZE, b -> {
            List<Field> f = new ArrayList<>();
            f.add(field("id", new Num(SockAddrs.u32(b, 0), Base.UNSIGNED)));
            f.add(field("weight", new Num(b[4] & 0xff, Base.UNSIGNED)));
            if (b[5] != 0) f.add(field("resvd1", Value.hex(b[5] & 0xff)));
            if (SockAddrs.u16(b, 6) != 0) f.add(field("resvd2", Value.hex(SockAddrs.u16(b, 6))));
            return new Value.Struct(f, false);
        });
    }

    private static final Decoder RES_GROUP = NetlinkAttrs.nested(RtnlNhaResGroupAttrs.XLAT, "NHA_RES_GROUP_???",
            Table.builder()
                    .add(RtnlNhaResGroupAttrs.NHA_RES_GROUP_BUCKETS, NetlinkAttrs::u16)
                    .add(RtnlNhaResGroupAttrs.NHA_RES_GROUP_IDLE_TIMER, NetlinkAttrs::clockT)
                    .add(RtnlNhaResGroupAttrs.NHA_RES_GROUP_UNBALANCED_TIMER, NetlinkAttrs::clockT)
                    .add(RtnlNhaResGroupAttrs.NHA_RES_GROUP_UNBALANCED_TIME, NetlinkAttrs::clockT)
                    .build());

    private static final Decoder RES_BUCKET = NetlinkAttrs.nested(RtnlNhaResBucketAttrs.XLAT, "NHA_RES_BUCKET_???",
            Table.builder()
                    .add(RtnlNhaResBucketAttrs.NHA_RES_BUCKET_INDEX, NetlinkAttrs::u16)
                    .add(RtnlNhaResBucketAttrs.NHA_RES_BUCKET_IDLE_TIME, NetlinkAttrs::clockT)
                    .add(RtnlNhaResBucketAttrs.NHA_RES_BUCKET_NH_ID, NetlinkAttrs::u32)
                    .build());

    /** nhmsg_nla_decoders: NHA_GATEWAY is an address of the message's family. */
    private static Table attrs(int family) {
        return Table.builder()
                .add(RtnlNexthopAttrs.NHA_ID, NetlinkAttrs::u32)
                .add(RtnlNexthopAttrs.NHA_GROUP, NetlinkRouteNexthop::group)
                .add(RtnlNexthopAttrs.NHA_GROUP_TYPE, NetlinkAttrs.xval(2, RtnlNexthopGrpTypes.XLAT, "NEXTHOP_GRP_TYPE_???"))
                .add(RtnlNexthopAttrs.NHA_BLACKHOLE, NetlinkAttrs::u32)
                .add(RtnlNexthopAttrs.NHA_OIF, NetlinkAttrs::ifindex)
                .add(RtnlNexthopAttrs.NHA_GATEWAY, NetlinkAttrs.inetAddr(family))
                .add(RtnlNexthopAttrs.NHA_ENCAP_TYPE, NetlinkAttrs.xval(2, LwtunnelEncapTypes.XLAT, "LWTUNNEL_ENCAP_???"))
                .add(RtnlNexthopAttrs.NHA_GROUPS, NetlinkAttrs::u32)
                .add(RtnlNexthopAttrs.NHA_MASTER, NetlinkAttrs::ifindex)
                .add(RtnlNexthopAttrs.NHA_FDB, NetlinkAttrs::u32)
                .add(RtnlNexthopAttrs.NHA_RES_GROUP, RES_GROUP)
                .add(RtnlNexthopAttrs.NHA_RES_BUCKET, RES_BUCKET)
                .build();
    }
}
