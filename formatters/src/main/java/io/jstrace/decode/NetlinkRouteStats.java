package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.IfstatsAfSpecMplsAttrs;
import io.jstrace.syscalls.xlat.IfstatsAttrs;
import io.jstrace.syscalls.xlat.IfstatsOffloadAttrs;
import io.jstrace.syscalls.xlat.IfstatsXstatsBond3adAttrs;
import io.jstrace.syscalls.xlat.IfstatsXstatsBondAttrs;
import io.jstrace.syscalls.xlat.IfstatsXstatsBridgeAttrs;
import io.jstrace.syscalls.xlat.IfstatsXstatsBridgeMcastIndices;
import io.jstrace.syscalls.xlat.IfstatsXstatsTypeAttrs;
import io.jstrace.syscalls.xlat.NlBridgeVlanFlags;
import io.jstrace.syscalls.xlat.SocketFamilies;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * RTM_NEWSTATS and RTM_GETSTATS: {@code struct if_stats_msg} and its IFLA_STATS_* attributes
 * (include/uapi/linux/if_link.h, if_bridge.h, if_bonding.h, mpls.h), as strace 6.1 prints
 * them (src/rtnl_stats.c): a link's counters, bridge and bond extended statistics, MPLS's.
 */
final class NetlinkRouteStats {
    private static final int IF_STATS_MSG_SIZE = 12;
    /** include/linux/socket.h. */
    private static final int AF_MPLS = 28;
    /** filter_mask: IFLA_STATS_FILTER_BIT(ATTR), printed as strace names it, {@code 1<<IFLA_STATS_LINK_64}. */
    private static final Xlat FILTER_FLAGS = NetlinkAttrs.shifted(IfstatsAttrs.XLAT, 0, "1<<");

    private NetlinkRouteStats() {}

    /** decode_ifstatsmsg: {@code {family, [pad1, pad2 when not 0,] ifindex, filter_mask}}, then attributes. */
    static List<Value> ifStatsMsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, IF_STATS_MSG_SIZE, "family", NetlinkRoute.family(family), (raw, f) -> {
            if (raw[1] != 0) f.add(field("pad1", Value.hex(raw[1] & 0xff)));
            if (SockAddrs.u16(raw, 2) != 0) f.add(field("pad2", Value.hex(SockAddrs.u16(raw, 2))));
            f.add(field("ifindex", SockAddrs.ifindex(SockAddrs.u32(raw, 4))));
            f.add(field("filter_mask", Numbers.flags(FILTER_FLAGS, SockAddrs.u32(raw, 8), "1<<IFLA_STATS_???")));
        }, raw -> ATTRS);
    }

    /** struct bridge_vlan_xstats: the counters, vid, flags, and pad2 when not 0. */
    private static final Decoder BRIDGE_VLAN = NetlinkAttrs.structThenHex(40, b -> {
        List<Field> f = NetlinkAttrs.u64Fields(b, "rx_bytes", "rx_packets", "tx_bytes", "tx_packets");
        f.add(field("vid", new Num(SockAddrs.u16(b, 32), Base.UNSIGNED)));
        f.add(field("flags", Numbers.flags(NlBridgeVlanFlags.XLAT, SockAddrs.u16(b, 34), "BRIDGE_VLAN_INFO_???")));
        if (SockAddrs.u32(b, 36) != 0) f.add(field("pad2", Value.hex(SockAddrs.u32(b, 36))));
        return f;
    });

    /**
     * struct br_mcast_stats: counters by direction, {@code igmp_v1queries=[[BR_MCAST_DIR_RX]=1,
     * [BR_MCAST_DIR_TX]=2]}, and the two parse-error counts (the names marked with -).
     */
    private static final String[] MCAST = {"igmp_v1queries", "igmp_v2queries", "igmp_v3queries", "igmp_leaves",
        "igmp_v1reports", "igmp_v2reports", "igmp_v3reports", "-igmp_parse_errors", "mld_v1queries", "mld_v2queries",
        "mld_leaves", "mld_v1reports", "mld_v2reports", "-mld_parse_errors", "mcast_bytes", "mcast_packets"};

    private static final Decoder BRIDGE_MCAST = NetlinkAttrs.structThenHex(240, b -> {
        List<Field> f = new ArrayList<>();
        int off = 0;
        for (String name : MCAST) {
            if (name.startsWith("-")) {
                f.add(field(name.substring(1), new Num(TraceeArrays.u64(b, off), Base.UNSIGNED)));
                off += 8;
                continue;
            }
            List<Value> dirs = new ArrayList<>();
            for (int d = 0; d < 2; d++, off += 8) {
                dirs.add(NetlinkAttrs.indexed(new Value.Sym(d, IfstatsXstatsBridgeMcastIndices.XLAT.name(d), Base.SIGNED),
                        new Num(TraceeArrays.u64(b, off), Base.UNSIGNED)));
            }
            f.add(field(name, new Value.Arr(dirs, false)));
        }
        return f;
    });

    private static final Decoder BRIDGE_STP = NetlinkAttrs.structThenHex(48, b -> NetlinkAttrs.u64Fields(b,
            "transition_blk", "transition_fwd", "rx_bpdu", "tx_bpdu", "rx_tcn", "tx_tcn"));

    private static final Decoder BRIDGE = NetlinkAttrs.nested(IfstatsXstatsBridgeAttrs.XLAT, "BRIDGE_XSTATS_???",
            Table.builder()
                    .add(IfstatsXstatsBridgeAttrs.BRIDGE_XSTATS_VLAN, BRIDGE_VLAN)
                    .add(IfstatsXstatsBridgeAttrs.BRIDGE_XSTATS_MCAST, BRIDGE_MCAST)
                    .add(IfstatsXstatsBridgeAttrs.BRIDGE_XSTATS_STP, BRIDGE_STP)
                    .build());

    private static final Decoder BOND_3AD = NetlinkAttrs.nested(IfstatsXstatsBond3adAttrs.XLAT, "BOND_XSTATS_???",
            bond3ad());

    private static Table bond3ad() {
        Table.Builder t = Table.builder();
        for (Xlat.Entry e : IfstatsXstatsBond3adAttrs.XLAT.entries()) {
            if (e.value() != IfstatsXstatsBond3adAttrs.BOND_3AD_STAT_PAD) t.add(e.value(), NetlinkAttrs::u64);
        }
        return t.build();
    }

    private static final Decoder BOND = NetlinkAttrs.nested(IfstatsXstatsBondAttrs.XLAT, "BOND_XSTATS_???",
            Table.builder().add(IfstatsXstatsBondAttrs.BOND_XSTATS_3AD, BOND_3AD).build());

    private static final Decoder XSTATS = NetlinkAttrs.nested(IfstatsXstatsTypeAttrs.XLAT, "LINK_XSTATS_TYPE_???",
            Table.builder()
                    .add(IfstatsXstatsTypeAttrs.LINK_XSTATS_TYPE_BRIDGE, BRIDGE)
                    .add(IfstatsXstatsTypeAttrs.LINK_XSTATS_TYPE_BOND, BOND)
                    .build());

    /** struct mpls_link_stats: nine u64 counters. */
    private static final Decoder MPLS_LINK = NetlinkAttrs.structThenHex(72, b -> NetlinkAttrs.u64Fields(b,
            "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
            "rx_noroute"));

    /** IFLA_STATS_AF_SPEC: attributes whose types are families; AF_MPLS's decoded, the others in hex. */
    private static final Decoder AF_SPEC = NetlinkAttrs.nested(SocketFamilies.XLAT, "AF_???", Table.builder()
            .add(AF_MPLS, NetlinkAttrs.nested(IfstatsAfSpecMplsAttrs.XLAT, "MPLS_STATS_???",
                    Table.builder().add(IfstatsAfSpecMplsAttrs.MPLS_STATS_LINK, MPLS_LINK).build()))
            .build());

    private static final NetlinkAttrs.Set ATTRS = new NetlinkAttrs.Set(IfstatsAttrs.XLAT, "IFLA_STATS_???",
            Table.builder()
                    .add(IfstatsAttrs.IFLA_STATS_LINK_64, NetlinkRouteLink::linkStats64)
                    .add(IfstatsAttrs.IFLA_STATS_LINK_XSTATS, XSTATS)
                    .add(IfstatsAttrs.IFLA_STATS_LINK_XSTATS_SLAVE, XSTATS)
                    .add(IfstatsAttrs.IFLA_STATS_LINK_OFFLOAD_XSTATS, NetlinkAttrs.nested(IfstatsOffloadAttrs.XLAT,
                            "IFLA_OFFLOAD_XSTATS_???", Table.builder()
                                    .add(IfstatsOffloadAttrs.IFLA_OFFLOAD_XSTATS_CPU_HIT, NetlinkRouteLink::linkStats64)
                                    .build()))
                    .add(IfstatsAttrs.IFLA_STATS_AF_SPEC, AF_SPEC)
                    .build());
}
