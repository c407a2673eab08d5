package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.RtnlTcActionAttrs;
import io.jstrace.syscalls.xlat.RtnlTcAttrs;
import io.jstrace.syscalls.xlat.RtnlTcaActFlags;
import io.jstrace.syscalls.xlat.RtnlTcaActHwStats;
import io.jstrace.syscalls.xlat.RtnlTcaStabAttrs;
import io.jstrace.syscalls.xlat.RtnlTcaStatsAttrs;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic control: RTM_*QDISC, RTM_*TCLASS, RTM_*TFILTER and RTM_*CHAIN carry {@code struct
 * tcmsg} and TCA_* attributes, RTM_*ACTION {@code struct tcamsg} and TCA_ACT_* ones
 * (include/uapi/linux/rtnetlink.h, pkt_sched.h, pkt_cls.h, gen_stats.h), as strace 6.1 prints
 * them (src/rtnl_tc.c, rtnl_tc_action.c).
 */
final class NetlinkRouteTc {
    private static final int TCMSG_SIZE = 20, TCAMSG_SIZE = 4;

    private NetlinkRouteTc() {}

    /** decode_tcmsg: {@code {tcm_family, tcm_ifindex, tcm_handle, tcm_parent, tcm_info}}, then TCA_*. */
    static List<Value> tcmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, TCMSG_SIZE, "tcm_family", NetlinkRoute.family(family), (raw, f) -> {
            f.add(field("tcm_ifindex", SockAddrs.ifindex(SockAddrs.u32(raw, 4))));
            f.add(field("tcm_handle", u32(raw, 8)));
            f.add(field("tcm_parent", u32(raw, 12)));
            f.add(field("tcm_info", u32(raw, 16)));
        }, raw -> TCA);
    }

    /** decode_tcamsg: {@code {tca_family=AF_UNSPEC}} whatever the length, then TCA_ACT_* from NLMSG_ALIGN(4). */
    static List<Value> tcamsg(Call c, int family, long addr, int len) {
        Value s = new Value.Struct(List.of(field("tca_family", NetlinkRoute.family(family))), false);
        if (len <= TCAMSG_SIZE) return List.of(s);
        return List.of(s, NetlinkAttrs.decode(c, addr + TCAMSG_SIZE, len - TCAMSG_SIZE, TCA_ACT));
    }

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** Fields of u32s from {@code off} on. */
    private static List<Field> u32Fields(byte[] b, int off, String... names) {
        List<Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], u32(b, off + 4 * k)));
        return f;
    }

    /** struct tc_stats, up to backlog (36 bytes): a u64 byte count, then u32 counters. */
    private static final Decoder TC_STATS = NetlinkAttrs.struct(36, b -> {
        List<Field> f = NetlinkAttrs.u64Fields(b, "bytes");
        f.addAll(u32Fields(b, 8, "packets", "drops", "overlimits", "bps", "pps", "qlen", "backlog"));
        return f;
    });

    /** struct tc_estimator: {@code {interval=-1, ewma_log=2}}. */
    private static final Decoder ESTIMATOR = NetlinkAttrs.struct(2, b -> List.of(field("interval", Value.dec(b[0])),
            field("ewma_log", new Num(b[1] & 0xff, Base.UNSIGNED))));

    /** struct gnet_stats_basic up to packets (12 bytes). */
    private static final Decoder BASIC = NetlinkAttrs.struct(12, b -> {
        List<Field> f = NetlinkAttrs.u64Fields(b, "bytes");
        f.add(field("packets", u32(b, 8)));
        return f;
    });

    /** TCA_STATS2, TCA_ACT_STATS (decode_nla_tc_stats). */
    private static final Decoder STATS = NetlinkAttrs.nested(RtnlTcaStatsAttrs.XLAT, "TCA_STATS_???", Table.builder()
            .add(RtnlTcaStatsAttrs.TCA_STATS_BASIC, BASIC)
            .add(RtnlTcaStatsAttrs.TCA_STATS_RATE_EST, NetlinkAttrs.struct(8, b -> u32Fields(b, 0, "bps", "pps")))
            .add(RtnlTcaStatsAttrs.TCA_STATS_QUEUE, NetlinkAttrs.struct(20,
                    b -> u32Fields(b, 0, "qlen", "backlog", "drops", "requeues", "overlimits")))
            .add(RtnlTcaStatsAttrs.TCA_STATS_RATE_EST64, NetlinkAttrs.struct(16, b -> NetlinkAttrs.u64Fields(b, "bps", "pps")))
            .add(RtnlTcaStatsAttrs.TCA_STATS_BASIC_HW, BASIC)
            .add(RtnlTcaStatsAttrs.TCA_STATS_PKT64, NetlinkAttrs::u64)
            .build());

    /** struct tc_sizespec: a size table's parameters. */
    private static final Decoder SIZESPEC = NetlinkAttrs.struct(24, b -> {
        List<Field> f = new ArrayList<>();
        f.add(field("cell_log", new Num(b[0] & 0xff, Base.UNSIGNED)));
        f.add(field("size_log", new Num(b[1] & 0xff, Base.UNSIGNED)));
        f.add(field("cell_align", Value.dec((short) SockAddrs.u16(b, 2))));
        f.add(field("overhead", Value.dec(TraceeArrays.s32(b, 4))));
        f.addAll(u32Fields(b, 8, "linklayer", "mpu", "mtu", "tsize"));
        return f;
    });

    /** TCA_STAB_DATA: the table, an array of u16. */
    private static Value stabData(Call c, long addr, int len) {
        if (len < 2) return null;
        return TraceeArrays.array(c, addr, len / 2, 2, b -> new Num(SockAddrs.u16(b, 0), Base.UNSIGNED));
    }

    private static final NetlinkAttrs.Set TCA = new NetlinkAttrs.Set(RtnlTcAttrs.XLAT, "TCA_???", Table.builder()
            .add(RtnlTcAttrs.TCA_KIND, NetlinkAttrs::str)
            .add(RtnlTcAttrs.TCA_STATS, TC_STATS)
            .add(RtnlTcAttrs.TCA_RATE, ESTIMATOR)
            .add(RtnlTcAttrs.TCA_FCNT, NetlinkAttrs::u32)
            .add(RtnlTcAttrs.TCA_STATS2, STATS)
            .add(RtnlTcAttrs.TCA_STAB, NetlinkAttrs.nested(RtnlTcaStabAttrs.XLAT, "TCA_STAB_???", Table.builder()
                    .add(RtnlTcaStabAttrs.TCA_STAB_BASE, SIZESPEC)
                    .add(RtnlTcaStabAttrs.TCA_STAB_DATA, NetlinkRouteTc::stabData)
                    .build()))
            .add(RtnlTcAttrs.TCA_CHAIN, NetlinkAttrs::u32)
            .add(RtnlTcAttrs.TCA_HW_OFFLOAD, NetlinkAttrs::u8)
            .add(RtnlTcAttrs.TCA_INGRESS_BLOCK, NetlinkAttrs::u32)
            .add(RtnlTcAttrs.TCA_EGRESS_BLOCK, NetlinkAttrs::u32)
            .add(RtnlTcAttrs.TCA_DUMP_FLAGS, NetlinkAttrs::u32)
            .build());

    private static final NetlinkAttrs.Set TCA_ACT = new NetlinkAttrs.Set(RtnlTcActionAttrs.XLAT, "TCA_ACT_???",
            Table.builder()
                    .add(RtnlTcActionAttrs.TCA_ACT_KIND, NetlinkAttrs::str)
                    .add(RtnlTcActionAttrs.TCA_ACT_INDEX, NetlinkAttrs::u32)
                    .add(RtnlTcActionAttrs.TCA_ACT_STATS, STATS)
                    .add(RtnlTcActionAttrs.TCA_ACT_FLAGS, NetlinkAttrs.flags(4, RtnlTcaActFlags.XLAT, "TCA_ACT_FLAGS_???"))
                    .add(RtnlTcActionAttrs.TCA_ACT_HW_STATS,
                            NetlinkAttrs.flags(4, RtnlTcaActHwStats.XLAT, "TCA_ACT_HW_STATS_???"))
                    .add(RtnlTcActionAttrs.TCA_ACT_USED_HW_STATS,
                            NetlinkAttrs.flags(4, RtnlTcaActHwStats.XLAT, "TCA_ACT_HW_STATS_???"))
                    .add(RtnlTcActionAttrs.TCA_ACT_IN_HW_COUNT, NetlinkAttrs::u32)
                    .build());
}
