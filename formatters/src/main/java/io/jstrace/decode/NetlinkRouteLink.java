package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.EthernetProtocols;
import io.jstrace.syscalls.xlat.In6AddrGenMode;
import io.jstrace.syscalls.xlat.Inet6DevconfIndices;
import io.jstrace.syscalls.xlat.Inet6IfFlags;
import io.jstrace.syscalls.xlat.Ipv4Devconf;
import io.jstrace.syscalls.xlat.NlBridgeVlanFlags;
import io.jstrace.syscalls.xlat.RtnlIflaAfSpecBridgeAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaAfSpecBridgeVlanTunnelInfoAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaAfSpecInet6Attrs;
import io.jstrace.syscalls.xlat.RtnlIflaAfSpecInetAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaAfSpecMctpAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaBrBoolopts;
import io.jstrace.syscalls.xlat.RtnlIflaBrMcastQuerierAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaBridgeFlags;
import io.jstrace.syscalls.xlat.RtnlIflaBridgeModes;
import io.jstrace.syscalls.xlat.RtnlIflaBrportAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaEvents;
import io.jstrace.syscalls.xlat.RtnlIflaExtFilterFlags;
import io.jstrace.syscalls.xlat.RtnlIflaInfoAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaInfoDataBridgeAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaInfoDataTunAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaPortAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaProtoDownReasonAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaVfInfoAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaVfLinkStates;
import io.jstrace.syscalls.xlat.RtnlIflaVfPortAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaVfStatsAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaVfVlanListAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaVfinfoListAttrs;
import io.jstrace.syscalls.xlat.RtnlIflaXdpAttachedMode;
import io.jstrace.syscalls.xlat.RtnlIflaXdpAttrs;
import io.jstrace.syscalls.xlat.RtnlLinkAttrs;
import io.jstrace.syscalls.xlat.SnmpIcmp6Stats;
import io.jstrace.syscalls.xlat.SnmpIpStats;
import io.jstrace.syscalls.xlat.SocketFamilies;
import io.jstrace.syscalls.xlat.TunDeviceTypes;
import io.jstrace.syscalls.xlat.XdpFlags;
import io.jstrace.syscalls.xlat.Xlat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attributes of RTM_*LINK messages (include/uapi/linux/if_link.h, if_bridge.h), as strace
 * 6.1 prints them (src/rtnl_link.c): IFLA_* and the attributes nested in them, down to bridge
 * ports, virtual functions, XDP programs and per-family settings. Some depend on the message:
 * IFLA_PROTINFO and IFLA_AF_SPEC on its family, IFLA_INFO_DATA on the IFLA_INFO_KIND before it.
 */
final class NetlinkRouteLink {
    /** include/linux/socket.h: the families whose attributes differ. */
    private static final int AF_INET = 2, AF_BRIDGE = 7, AF_INET6 = 10, AF_MCTP = 45;

    private NetlinkRouteLink() {}

    /** The attributes of an ifinfomsg of {@code family}: its tables built once per family. */
    static NetlinkAttrs.Set attrs(int family) {
        return BY_FAMILY.computeIfAbsent(family,
                f -> new NetlinkAttrs.Set(RtnlLinkAttrs.XLAT, "IFLA_???", ifla(f)));
    }

    private static final Map<Integer, NetlinkAttrs.Set> BY_FAMILY = new ConcurrentHashMap<>();

    private static Table ifla(int family) {
        Decoder hwaddr = hwaddr(family);
        return Table.builder()
                .add(RtnlLinkAttrs.IFLA_ADDRESS, hwaddr)
                .add(RtnlLinkAttrs.IFLA_BROADCAST, hwaddr)
                .add(RtnlLinkAttrs.IFLA_PERM_ADDRESS, hwaddr)
                .add(RtnlLinkAttrs.IFLA_STATS, (c, a, l) -> linkStats(c, a, l, 4, 1))
                .add(RtnlLinkAttrs.IFLA_STATS64, NetlinkRouteLink::linkStats64)
                .add(RtnlLinkAttrs.IFLA_MAP, NetlinkRouteLink::ifmap)
                .add(RtnlLinkAttrs.IFLA_IFNAME, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_MTU, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_LINK, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_QDISC, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_MASTER, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_PROTINFO, protinfo(family))
                .add(RtnlLinkAttrs.IFLA_TXQLEN, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_WEIGHT, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_OPERSTATE, NetlinkAttrs::u8)
                .add(RtnlLinkAttrs.IFLA_LINKMODE, NetlinkAttrs::u8)
                .add(RtnlLinkAttrs.IFLA_LINKINFO, NetlinkRouteLink::linkinfo)
                .add(RtnlLinkAttrs.IFLA_NET_NS_PID, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_IFALIAS, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_NUM_VF, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_VFINFO_LIST, VFINFO_LIST)
                .add(RtnlLinkAttrs.IFLA_VF_PORTS, VF_PORTS)
                .add(RtnlLinkAttrs.IFLA_PORT_SELF, PORT)
                .add(RtnlLinkAttrs.IFLA_AF_SPEC, family == AF_BRIDGE ? AF_SPEC_BRIDGE : AF_SPEC)
                .add(RtnlLinkAttrs.IFLA_GROUP, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_NET_NS_FD, NetlinkAttrs::fd)
                .add(RtnlLinkAttrs.IFLA_EXT_MASK, NetlinkAttrs.flags(4, RtnlIflaExtFilterFlags.XLAT, "RTEXT_FILTER_???"))
                .add(RtnlLinkAttrs.IFLA_PROMISCUITY, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_NUM_TX_QUEUES, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_NUM_RX_QUEUES, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_CARRIER, NetlinkAttrs::u8)
                .add(RtnlLinkAttrs.IFLA_CARRIER_CHANGES, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_LINK_NETNSID, NetlinkAttrs::s32)
                .add(RtnlLinkAttrs.IFLA_PHYS_PORT_NAME, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_PROTO_DOWN, NetlinkAttrs::u8)
                .add(RtnlLinkAttrs.IFLA_GSO_MAX_SEGS, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_GSO_MAX_SIZE, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_XDP, XDP)
                .add(RtnlLinkAttrs.IFLA_EVENT, u32Named(RtnlIflaEvents.XLAT, "IFLA_EVENT_???"))
                .add(RtnlLinkAttrs.IFLA_NEW_NETNSID, NetlinkAttrs::s32)
                .add(RtnlLinkAttrs.IFLA_IF_NETNSID, NetlinkAttrs::s32)
                .add(RtnlLinkAttrs.IFLA_CARRIER_UP_COUNT, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_CARRIER_DOWN_COUNT, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_NEW_IFINDEX, NetlinkAttrs::ifindex)
                .add(RtnlLinkAttrs.IFLA_MIN_MTU, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_MAX_MTU, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_PROP_LIST, PROP_LIST)
                .add(RtnlLinkAttrs.IFLA_ALT_IFNAME, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_PROTO_DOWN_REASON, PROTO_DOWN_REASON)
                .add(RtnlLinkAttrs.IFLA_PARENT_DEV_NAME, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_PARENT_DEV_BUS_NAME, NetlinkAttrs::str)
                .add(RtnlLinkAttrs.IFLA_GRO_MAX_SIZE, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_TSO_MAX_SIZE, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_TSO_MAX_SEGS, NetlinkAttrs::u32)
                .add(RtnlLinkAttrs.IFLA_ALLMULTI, NetlinkAttrs::u32)
                .build();
    }

    // ---- values

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** A u32 from an exclusive table, however long the data beyond it (IFLA_EVENT). */
    private static Decoder u32Named(Xlat table, String unknown) {
        return NetlinkAttrs.fixed(4, b -> Numbers.named(table, SockAddrs.u32(b, 0), unknown));
    }

    /**
     * The length of a hardware address of each ARPHRD_* type below 256 that print_mac.c knows
     * (ETH_ALEN, AX25_ADDR_LEN, ...); the others print whole. strace passes the message's
     * family as that type, so AF_UNIX (1, ARPHRD_ETHER) addresses print 6 bytes.
     */
    private static int hwaddrSize(int type) {
        return switch (type) {
            case 0, 3 -> 7; // ARPHRD_NETROM, ARPHRD_AX25
            case 1, 6 -> 6; // ARPHRD_ETHER, ARPHRD_IEEE802
            case 7 -> 1; // ARPHRD_ARCNET
            case 15 -> 2; // ARPHRD_DLCI
            case 24 -> 16; // ARPHRD_IEEE1394
            case 27 -> 8; // ARPHRD_EUI64
            case 32 -> 20; // ARPHRD_INFINIBAND
            default -> Integer.MAX_VALUE;
        };
    }

    /** decode_ifla_hwaddr: a hardware address whose shown length the family's ARPHRD type limits. */
    private static Decoder hwaddr(int family) {
        return (c, addr, len) -> {
            if (len > 32) return null;
            byte[] raw = c.memory().read(addr, len);
            return raw == null ? new Value.Addr(addr) : NetlinkRoute.mac(raw, 0, len, Math.min(len, hwaddrSize(family)));
        };
    }

    // ---- IFLA_STATS, IFLA_STATS64, IFLA_MAP

    /** struct rtnl_link_stats and rtnl_link_stats64 (include/uapi/linux/if_link.h): the counters every version has. */
    private static final String[] LINK_STATS = {"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors",
        "tx_errors", "rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors", "rx_over_errors",
        "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
        "tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors", "tx_window_errors", "rx_compressed",
        "tx_compressed", "rx_nohandler", "rx_otherhost_dropped"};

    /** IFLA_STATS64 (decode_nla_rtnl_link_stats64, which RTM_GETSTATS shares). */
    static Value linkStats64(Call c, long addr, int len) {
        return linkStats(c, addr, len, 8, 2);
    }

    /**
     * IFLA_STATS (u32 counters) and IFLA_STATS64 (u64): the struct as long as the data is the
     * size of one of its versions (up to tx_compressed, rx_nohandler, rx_otherhost_dropped), or
     * longer than the newest; otherwise hex.
     *
     * @param versions how many counters after tx_compressed the newest version adds
     */
    private static Value linkStats(Call c, long addr, int len, int width, int versions) {
        int fields = 0, newest = 23 + versions;
        for (int n = newest; n >= 23; n--) {
            if (n == newest ? len >= n * width : len == n * width) {
                fields = n;
                break;
            }
        }
        if (fields == 0) return null;
        byte[] raw = c.memory().read(addr, fields * width);
        if (raw == null) return new Value.Addr(addr);
        List<Field> f = new ArrayList<>();
        for (int k = 0; k < fields; k++) {
            long v = width == 4 ? SockAddrs.u32(raw, 4 * k) : TraceeArrays.u64(raw, 8 * k);
            f.add(field(LINK_STATS[k], new Num(v, Base.UNSIGNED)));
        }
        return new Value.Struct(f, false);
    }

    /** struct rtnl_link_ifmap: addresses in hex, up to port (28 bytes, its padding left out). */
    private static Value ifmap(Call c, long addr, int len) {
        if (len < 28) return null;
        byte[] raw = c.memory().read(addr, 28);
        if (raw == null) return new Value.Addr(addr);
        return new Value.Struct(List.of(
                field("mem_start", Value.hex(TraceeArrays.u64(raw, 0))),
                field("mem_end", Value.hex(TraceeArrays.u64(raw, 8))),
                field("base_addr", Value.hex(TraceeArrays.u64(raw, 16))),
                field("irq", new Num(SockAddrs.u16(raw, 24), Base.UNSIGNED)),
                field("dma", new Num(raw[26] & 0xff, Base.UNSIGNED)),
                field("port", new Num(raw[27] & 0xff, Base.UNSIGNED))), false);
    }

    // ---- bridge ports: IFLA_BRPORT_* (IFLA_PROTINFO of AF_BRIDGE, IFLA_INFO_SLAVE_DATA)

    /** struct ifla_bridge_id: {@code {prio=[128, 0], addr=00:11:22:33:44:55}}. */
    private static final Decoder BRIDGE_ID = NetlinkAttrs.struct(8, b -> List.of(
            field("prio", new Value.Arr(List.of(new Num(b[0] & 0xff, Base.UNSIGNED), new Num(b[1] & 0xff, Base.UNSIGNED)),
                    false)),
            field("addr", NetlinkRoute.mac(b, 2, 6))));

    private static final NetlinkAttrs.Set BRPORT = new NetlinkAttrs.Set(RtnlIflaBrportAttrs.XLAT, "IFLA_BRPORT_???",
            Table.builder()
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_STATE, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_PRIORITY, NetlinkAttrs::u16)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_COST, NetlinkAttrs::u32)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MODE, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_GUARD, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_PROTECT, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_FAST_LEAVE, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_LEARNING, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_UNICAST_FLOOD, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_PROXYARP, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_LEARNING_SYNC, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_PROXYARP_WIFI, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_ROOT_ID, BRIDGE_ID)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_BRIDGE_ID, BRIDGE_ID)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_DESIGNATED_PORT, NetlinkAttrs::u16)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_DESIGNATED_COST, NetlinkAttrs::u16)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_ID, NetlinkAttrs::u16)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_NO, NetlinkAttrs::u16)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_CONFIG_PENDING, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MESSAGE_AGE_TIMER, NetlinkAttrs::clockT)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_FORWARD_DELAY_TIMER, NetlinkAttrs::clockT)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_HOLD_TIMER, NetlinkAttrs::clockT)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MULTICAST_ROUTER, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MCAST_FLOOD, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MCAST_TO_UCAST, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_VLAN_TUNNEL, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_BCAST_FLOOD, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_GROUP_FWD_MASK, NetlinkAttrs::x16)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_NEIGH_SUPPRESS, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_ISOLATED, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_BACKUP_PORT, NetlinkAttrs::ifindex)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MRP_RING_OPEN, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MRP_IN_OPEN, NetlinkAttrs::u8)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT, NetlinkAttrs::u32)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_MCAST_EHT_HOSTS_CNT, NetlinkAttrs::u32)
                    .add(RtnlIflaBrportAttrs.IFLA_BRPORT_LOCKED, NetlinkAttrs::u8)
                    .build());

    // ---- per-family settings: IFLA_INET_*, IFLA_INET6_*, IFLA_MCTP_*

    private static final NetlinkAttrs.Set INET = new NetlinkAttrs.Set(RtnlIflaAfSpecInetAttrs.XLAT, "IFLA_INET_???",
            Table.builder()
                    .add(RtnlIflaAfSpecInetAttrs.IFLA_INET_CONF, NetlinkAttrs.indexed(NetlinkAttrs.lowered(Ipv4Devconf.XLAT, 1),
                            "IPV4_DEVCONF_???", 4, true))
                    .build());

    /** struct ifla_cacheinfo: four u32 fields. */
    private static Value inet6Cacheinfo(Call c, long addr, int len) {
        return NetlinkRoute.u32Struct(c, addr, len, "max_reasm_len", "tstamp", "reachable_time", "retrans_time");
    }

    private static final NetlinkAttrs.Set INET6 = new NetlinkAttrs.Set(RtnlIflaAfSpecInet6Attrs.XLAT, "IFLA_INET6_???",
            Table.builder()
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_FLAGS, NetlinkAttrs.flags(4, Inet6IfFlags.XLAT, "IF_???"))
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_CONF,
                            NetlinkAttrs.indexed(Inet6DevconfIndices.XLAT, "DEVCONF_???", 4, true))
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_STATS,
                            NetlinkAttrs.indexed(SnmpIpStats.XLAT, "IPSTATS_MIB_???", 8, false))
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_CACHEINFO, NetlinkRouteLink::inet6Cacheinfo)
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_ICMP6STATS,
                            NetlinkAttrs.indexed(SnmpIcmp6Stats.XLAT, "ICMP6_MIB_???", 8, false))
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_TOKEN, NetlinkAttrs::in6Addr)
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_ADDR_GEN_MODE,
                            NetlinkAttrs.xval(1, In6AddrGenMode.XLAT, "IN6_ADDR_GEN_MODE_???"))
                    .add(RtnlIflaAfSpecInet6Attrs.IFLA_INET6_RA_MTU, NetlinkAttrs::u32)
                    .build());

    private static final NetlinkAttrs.Set MCTP = new NetlinkAttrs.Set(RtnlIflaAfSpecMctpAttrs.XLAT, "IFLA_MCTP_???",
            Table.builder().add(RtnlIflaAfSpecMctpAttrs.IFLA_MCTP_NET, NetlinkAttrs::u32).build());

    /** decode_ifla_protinfo: a bridge port's attributes for AF_BRIDGE, IPv6's for AF_INET6, else hex. */
    private static Decoder protinfo(int family) {
        NetlinkAttrs.Set set = family == AF_BRIDGE ? BRPORT : family == AF_INET6 ? INET6 : null;
        return (c, addr, len) -> set == null ? null : NetlinkAttrs.decode(c, addr, len, set);
    }

    /**
     * decode_ifla_af_spec of any family but AF_BRIDGE: attributes whose types are families,
     * each holding that family's settings (AF_INET, AF_INET6, AF_MCTP; the others in hex).
     */
    private static final Decoder AF_SPEC = NetlinkAttrs.nested(SocketFamilies.XLAT, "AF_???", Table.builder()
            .add(AF_INET, nested(INET))
            .add(AF_INET6, nested(INET6))
            .add(AF_MCTP, nested(MCTP))
            .build());

    private static Decoder nested(NetlinkAttrs.Set set) {
        return NetlinkAttrs.nested(set.names(), set.unknown(), set.table());
    }

    // ---- AF_BRIDGE's IFLA_AF_SPEC: IFLA_BRIDGE_* (include/uapi/linux/if_bridge.h)

    /** struct bridge_vlan_info {@code {flags=BRIDGE_VLAN_INFO_PVID, vid=100}}, then any bytes after it. */
    private static final Decoder BRIDGE_VLAN_INFO = NetlinkAttrs.structThenHex(4, b -> List.of(
            field("flags", Numbers.flags(NlBridgeVlanFlags.XLAT, SockAddrs.u16(b, 0), "BRIDGE_VLAN_INFO_???")),
            field("vid", new Num(SockAddrs.u16(b, 2), Base.UNSIGNED))));

    private static final Decoder AF_SPEC_BRIDGE = NetlinkAttrs.nested(RtnlIflaAfSpecBridgeAttrs.XLAT, "IFLA_BRIDGE_???",
            Table.builder()
                    .add(RtnlIflaAfSpecBridgeAttrs.IFLA_BRIDGE_FLAGS,
                            NetlinkAttrs.flags(2, RtnlIflaBridgeFlags.XLAT, "BRIDGE_FLAGS_???"))
                    .add(RtnlIflaAfSpecBridgeAttrs.IFLA_BRIDGE_MODE,
                            NetlinkAttrs.xval(2, RtnlIflaBridgeModes.XLAT, "BRIDGE_MODE_???"))
                    .add(RtnlIflaAfSpecBridgeAttrs.IFLA_BRIDGE_VLAN_INFO, BRIDGE_VLAN_INFO)
                    .add(RtnlIflaAfSpecBridgeAttrs.IFLA_BRIDGE_VLAN_TUNNEL_INFO, NetlinkAttrs.nested(
                            RtnlIflaAfSpecBridgeVlanTunnelInfoAttrs.XLAT, "IFLA_BRIDGE_VLAN_TUNNEL_???", Table.builder()
                                    .add(RtnlIflaAfSpecBridgeVlanTunnelInfoAttrs.IFLA_BRIDGE_VLAN_TUNNEL_ID,
                                            NetlinkAttrs::u32)
                                    .add(RtnlIflaAfSpecBridgeVlanTunnelInfoAttrs.IFLA_BRIDGE_VLAN_TUNNEL_VID,
                                            NetlinkAttrs::u16)
                                    .add(RtnlIflaAfSpecBridgeVlanTunnelInfoAttrs.IFLA_BRIDGE_VLAN_TUNNEL_FLAGS,
                                            NetlinkAttrs.flags(2, NlBridgeVlanFlags.XLAT, "BRIDGE_VLAN_INFO_???"))
                                    .build()))
                    .build());

    // ---- IFLA_LINKINFO: IFLA_INFO_* and the kind's own data

    /** br_boolopt_multi's bits: bit N is option N. */
    private static final Xlat BOOLOPT_FLAGS = NetlinkAttrs.shifted(RtnlIflaBrBoolopts.XLAT, 0, "1<<");

    /** struct br_boolopt_multi: {@code {optval=1<<BR_BOOLOPT_NO_LL_LEARN, optmask=...}}. */
    private static final Decoder BOOLOPT = NetlinkAttrs.struct(8, b -> List.of(
            field("optval", Numbers.flags(BOOLOPT_FLAGS, SockAddrs.u32(b, 0), "1<<BR_BOOLOPT_???")),
            field("optmask", Numbers.flags(BOOLOPT_FLAGS, SockAddrs.u32(b, 4), "1<<BR_BOOLOPT_???"))));

    private static final Decoder MCAST_QUERIER_STATE = NetlinkAttrs.nested(RtnlIflaBrMcastQuerierAttrs.XLAT,
            "BRIDGE_QUERIER_???", Table.builder()
                    .add(RtnlIflaBrMcastQuerierAttrs.BRIDGE_QUERIER_IP_ADDRESS, NetlinkAttrs::inAddr)
                    .add(RtnlIflaBrMcastQuerierAttrs.BRIDGE_QUERIER_IP_PORT, NetlinkAttrs::ifindex)
                    .add(RtnlIflaBrMcastQuerierAttrs.BRIDGE_QUERIER_IP_OTHER_TIMER, NetlinkAttrs::clockT)
                    .add(RtnlIflaBrMcastQuerierAttrs.BRIDGE_QUERIER_IPV6_ADDRESS, NetlinkAttrs::in6Addr)
                    .add(RtnlIflaBrMcastQuerierAttrs.BRIDGE_QUERIER_IPV6_PORT, NetlinkAttrs::ifindex)
                    .add(RtnlIflaBrMcastQuerierAttrs.BRIDGE_QUERIER_IPV6_OTHER_TIMER, NetlinkAttrs::clockT)
                    .build());

    /** A bridge's IFLA_INFO_DATA: IFLA_BR_*. */
    private static final Decoder BRIDGE_DATA = bridgeData();

    private static Decoder bridgeData() {
        Table.Builder t = Table.builder();
        for (long a : new long[] {RtnlIflaInfoDataBridgeAttrs.IFLA_BR_FORWARD_DELAY,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_HELLO_TIME, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MAX_AGE,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_AGEING_TIME, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_HELLO_TIMER,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_TCN_TIMER, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_TOPOLOGY_CHANGE_TIMER,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_GC_TIMER, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_LAST_MEMBER_INTVL,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_MEMBERSHIP_INTVL,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_QUERIER_INTVL, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_QUERY_INTVL,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_STARTUP_QUERY_INTVL}) {
            t.add(a, NetlinkAttrs::clockT);
        }
        for (long a : new long[] {RtnlIflaInfoDataBridgeAttrs.IFLA_BR_VLAN_FILTERING,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_TOPOLOGY_CHANGE, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_TOPOLOGY_CHANGE_DETECTED,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_ROUTER, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_SNOOPING,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_QUERY_USE_IFADDR, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_QUERIER,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_NF_CALL_IPTABLES, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_NF_CALL_IP6TABLES,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_NF_CALL_ARPTABLES, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_VLAN_STATS_ENABLED,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_STATS_ENABLED, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_IGMP_VERSION,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_MLD_VERSION, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_VLAN_STATS_PER_PORT}) {
            t.add(a, NetlinkAttrs::u8);
        }
        for (long a : new long[] {RtnlIflaInfoDataBridgeAttrs.IFLA_BR_STP_STATE,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_ROOT_PATH_COST, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_HASH_ELASTICITY,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_HASH_MAX, RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_LAST_MEMBER_CNT,
            RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_STARTUP_QUERY_CNT}) {
            t.add(a, NetlinkAttrs::u32);
        }
        t.add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_PRIORITY, NetlinkAttrs::u16)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_ROOT_PORT, NetlinkAttrs::u16)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_VLAN_DEFAULT_PVID, NetlinkAttrs::u16)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_VLAN_PROTOCOL, NetlinkAttrs::etherProto)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_GROUP_FWD_MASK, NetlinkAttrs::x16)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_ROOT_ID, BRIDGE_ID)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_BRIDGE_ID, BRIDGE_ID)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_GROUP_ADDR, NetlinkRoute::hwaddr)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MULTI_BOOLOPT, BOOLOPT)
                .add(RtnlIflaInfoDataBridgeAttrs.IFLA_BR_MCAST_QUERIER_STATE, MCAST_QUERIER_STATE);
        return NetlinkAttrs.nested(RtnlIflaInfoDataBridgeAttrs.XLAT, "IFLA_BR_???", t.build());
    }

    /** A tun device's IFLA_INFO_DATA: IFLA_TUN_*. */
    private static final Decoder TUN_DATA = NetlinkAttrs.nested(RtnlIflaInfoDataTunAttrs.XLAT, "IFLA_TUN_???",
            Table.builder()
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_OWNER, NetlinkAttrs::uid)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_GROUP, NetlinkAttrs::uid)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_TYPE, NetlinkAttrs.xval(1, TunDeviceTypes.XLAT, "IFF_???"))
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_PI, NetlinkAttrs::u8)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_VNET_HDR, NetlinkAttrs::u8)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_PERSIST, NetlinkAttrs::u8)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_MULTI_QUEUE, NetlinkAttrs::u8)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_NUM_QUEUES, NetlinkAttrs::u32)
                    .add(RtnlIflaInfoDataTunAttrs.IFLA_TUN_NUM_DISABLED_QUEUES, NetlinkAttrs::u32)
                    .build());

    /** struct can_device_stats (include/uapi/linux/can/netlink.h): a CAN device's IFLA_INFO_XSTATS. */
    private static Value canStats(Call c, long addr, int len) {
        return NetlinkRoute.u32Struct(c, addr, len, "bus_error", "error_warning", "error_passive", "bus_off",
                "arbitration_lost", "restarts");
    }

    /**
     * decode_ifla_linkinfo: IFLA_INFO_KIND and IFLA_INFO_SLAVE_KIND name the kinds whose
     * decoders the IFLA_INFO_DATA, IFLA_INFO_XSTATS and IFLA_INFO_SLAVE_DATA after them take
     * (bridge and tun data, can statistics, a bridge port's data); other kinds' data in hex.
     */
    private static Value linkinfo(Call c, long addr, int len) {
        String[] kind = {"", ""};
        Table t = Table.builder()
                .add(RtnlIflaInfoAttrs.IFLA_INFO_KIND, (c2, a, l) -> kind(c2, a, l, kind, 0))
                .add(RtnlIflaInfoAttrs.IFLA_INFO_DATA, (c2, a, l) -> switch (kind[0]) {
                    case "bridge" -> BRIDGE_DATA.decode(c2, a, l);
                    case "tun" -> TUN_DATA.decode(c2, a, l);
                    default -> null;
                })
                .add(RtnlIflaInfoAttrs.IFLA_INFO_XSTATS, (c2, a, l) -> kind[0].equals("can") ? canStats(c2, a, l) : null)
                .add(RtnlIflaInfoAttrs.IFLA_INFO_SLAVE_KIND, (c2, a, l) -> kind(c2, a, l, kind, 1))
                .add(RtnlIflaInfoAttrs.IFLA_INFO_SLAVE_DATA, (c2, a, l) -> kind[1].equals("bridge")
                        ? NetlinkAttrs.decode(c2, a, l, BRPORT) : null)
                .build();
        return NetlinkAttrs.decode(c, addr, len, RtnlIflaInfoAttrs.XLAT, "IFLA_INFO_???", t);
    }

    /**
     * IFLA_INFO_KIND, IFLA_INFO_SLAVE_KIND: the string up to its NUL; the kind it names, for the
     * attributes after it, when it is shorter than 64 bytes (update_ctx_str), else none.
     */
    private static Value kind(Call c, long addr, int len, String[] kinds, int which) {
        kinds[which] = "";
        if (len < 64) {
            byte[] b = c.memory().read(addr, len);
            if (b != null) {
                int n = 0;
                while (n < b.length && b[n] != 0) n++;
                kinds[which] = new String(b, 0, n, StandardCharsets.ISO_8859_1);
            }
        }
        return Strings.cStringWithin(c, addr, len);
    }

    // ---- IFLA_VFINFO_LIST: IFLA_VF_INFO, IFLA_VF_*

    private static final Decoder VF_STATS = NetlinkAttrs.nested(RtnlIflaVfStatsAttrs.XLAT, "IFLA_VF_STATS_???",
            Table.builder()
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_RX_PACKETS, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_TX_PACKETS, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_RX_BYTES, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_TX_BYTES, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_BROADCAST, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_MULTICAST, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_RX_DROPPED, NetlinkAttrs::u64)
                    .add(RtnlIflaVfStatsAttrs.IFLA_VF_STATS_TX_DROPPED, NetlinkAttrs::u64)
                    .build());

    /** struct ifla_vf_vlan_info: {@code {vf, vlan, qos, vlan_proto=htons(ETH_P_8021Q)}}. */
    private static final Decoder VF_VLAN_INFO = NetlinkAttrs.struct(16, b -> List.of(field("vf", u32(b, 0)),
            field("vlan", u32(b, 4)), field("qos", u32(b, 8)),
            field("vlan_proto", new Value.Fn("htons", List.of(Numbers.named(EthernetProtocols.XLAT,
                    SockAddrs.u16be(b, 12), "ETH_P_???")), false))));

    /** A struct of a u32 vf and u32 fields after it ({@code struct ifla_vf_tx_rate}, ...). */
    private static Decoder vfStruct(String... names) {
        return NetlinkAttrs.struct(4 + 4 * names.length, b -> {
            List<Field> f = new ArrayList<>();
            f.add(field("vf", u32(b, 0)));
            for (int k = 0; k < names.length; k++) f.add(field(names[k], u32(b, 4 + 4 * k)));
            return f;
        });
    }

    /**
     * struct ifla_vf_guid, {@code {vf=N, guid=0x...}}: 12 bytes where the u64 is packed after
     * the u32, 16 where it is aligned; other lengths in hex.
     */
    private static Value vfGuid(Call c, long addr, int len) {
        if (len != 12 && len != 16) return null;
        byte[] b = c.memory().read(addr, len);
        if (b == null) return new Value.Addr(addr);
        return new Value.Struct(List.of(field("vf", u32(b, 0)),
                field("guid", Value.hex(TraceeArrays.u64(b, len - 8)))), false);
    }

    private static final Decoder VF_INFO = NetlinkAttrs.nested(RtnlIflaVfInfoAttrs.XLAT, "IFLA_VF_???", Table.builder()
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_MAC, NetlinkAttrs.struct(36,
                    b -> List.of(field("vf", u32(b, 0)), field("mac", NetlinkRoute.mac(b, 4, 32)))))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_VLAN, vfStruct("vlan", "qos"))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_TX_RATE, vfStruct("rate"))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_SPOOFCHK, vfStruct("setting"))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_LINK_STATE, NetlinkAttrs.struct(8, b -> List.of(field("vf", u32(b, 0)),
                    field("link_state", Numbers.named(RtnlIflaVfLinkStates.XLAT, SockAddrs.u32(b, 4),
                            "IFLA_VF_LINK_STATE_???")))))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_RATE, vfStruct("min_tx_rate", "max_tx_rate"))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_RSS_QUERY_EN, vfStruct("setting"))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_STATS, VF_STATS)
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_TRUST, vfStruct("setting"))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_IB_NODE_GUID, NetlinkRouteLink::vfGuid)
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_IB_PORT_GUID, NetlinkRouteLink::vfGuid)
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_VLAN_LIST, NetlinkAttrs.nested(RtnlIflaVfVlanListAttrs.XLAT,
                    "IFLA_VF_VLAN_INFO_???", Table.builder()
                            .add(RtnlIflaVfVlanListAttrs.IFLA_VF_VLAN_INFO, VF_VLAN_INFO).build()))
            .add(RtnlIflaVfInfoAttrs.IFLA_VF_BROADCAST, NetlinkAttrs.struct(32,
                    b -> List.of(field("broadcast", NetlinkRoute.mac(b, 0, 32)))))
            .build());

    private static final Decoder VFINFO_LIST = NetlinkAttrs.nested(RtnlIflaVfinfoListAttrs.XLAT, "IFLA_VF_INFO_???",
            Table.builder().add(RtnlIflaVfinfoListAttrs.IFLA_VF_INFO, VF_INFO).build());

    // ---- IFLA_VF_PORTS, IFLA_PORT_SELF: IFLA_PORT_*

    /**
     * struct ifla_port_vsi: {@code {vsi_mgr_id=1, vsi_type_id="\x01\x02\x03", vsi_type_version=4}},
     * its padding too (in hex) when not zero.
     */
    private static final Decoder PORT_VSI = NetlinkAttrs.struct(8, b -> {
        List<Field> f = new ArrayList<>();
        f.add(field("vsi_mgr_id", new Num(b[0] & 0xff, Base.UNSIGNED)));
        f.add(field("vsi_type_id", SocketDecoders.hexBytes(b, 1, 4)));
        f.add(field("vsi_type_version", new Num(b[4] & 0xff, Base.UNSIGNED)));
        if (b[5] != 0 || b[6] != 0 || b[7] != 0) {
            f.add(field("pad", SocketDecoders.hexBytes(b, 5, 8)));
        }
        return f;
    });

    private static final Decoder PORT = NetlinkAttrs.nested(RtnlIflaPortAttrs.XLAT, "IFLA_VF_PORT_???", Table.builder()
            .add(RtnlIflaPortAttrs.IFLA_PORT_VF, NetlinkAttrs::u32)
            .add(RtnlIflaPortAttrs.IFLA_PORT_PROFILE, NetlinkAttrs::str)
            .add(RtnlIflaPortAttrs.IFLA_PORT_VSI_TYPE, PORT_VSI)
            .add(RtnlIflaPortAttrs.IFLA_PORT_REQUEST, NetlinkAttrs::u8)
            .add(RtnlIflaPortAttrs.IFLA_PORT_RESPONSE, NetlinkAttrs::u16)
            .build());

    private static final Decoder VF_PORTS = NetlinkAttrs.nested(RtnlIflaVfPortAttrs.XLAT, "IFLA_VF_PORT_???",
            Table.builder().add(RtnlIflaVfPortAttrs.IFLA_VF_PORT, PORT).build());

    // ---- IFLA_XDP, IFLA_PROP_LIST, IFLA_PROTO_DOWN_REASON

    private static final Decoder XDP = NetlinkAttrs.nested(RtnlIflaXdpAttrs.XLAT, "IFLA_XDP_???", Table.builder()
            .add(RtnlIflaXdpAttrs.IFLA_XDP_FD, NetlinkAttrs::fd)
            .add(RtnlIflaXdpAttrs.IFLA_XDP_ATTACHED, NetlinkAttrs.xval(1, RtnlIflaXdpAttachedMode.XLAT, "XDP_ATTACHED_???"))
            .add(RtnlIflaXdpAttrs.IFLA_XDP_FLAGS, NetlinkAttrs.fixed(4,
                    b -> Numbers.flags(XdpFlags.XLAT, SockAddrs.u32(b, 0), "XDP_FLAGS_???")))
            .add(RtnlIflaXdpAttrs.IFLA_XDP_PROG_ID, NetlinkAttrs::u32)
            .add(RtnlIflaXdpAttrs.IFLA_XDP_DRV_PROG_ID, NetlinkAttrs::u32)
            .add(RtnlIflaXdpAttrs.IFLA_XDP_SKB_PROG_ID, NetlinkAttrs::u32)
            .add(RtnlIflaXdpAttrs.IFLA_XDP_HW_PROG_ID, NetlinkAttrs::u32)
            .add(RtnlIflaXdpAttrs.IFLA_XDP_EXPECTED_FD, NetlinkAttrs::fd)
            .build());

    /** IFLA_PROP_LIST: IFLA_* attributes again, of which only IFLA_ALT_IFNAME is decoded. */
    private static final Decoder PROP_LIST = NetlinkAttrs.nested(RtnlLinkAttrs.XLAT, "IFLA_???",
            Table.builder().add(RtnlLinkAttrs.IFLA_ALT_IFNAME, NetlinkAttrs::str).build());

    private static final Decoder PROTO_DOWN_REASON = NetlinkAttrs.nested(RtnlIflaProtoDownReasonAttrs.XLAT,
            "IFLA_PROTO_DOWN_REASON_???", Table.builder()
                    .add(RtnlIflaProtoDownReasonAttrs.IFLA_PROTO_DOWN_REASON_MASK, NetlinkAttrs::x32)
                    .add(RtnlIflaProtoDownReasonAttrs.IFLA_PROTO_DOWN_REASON_VALUE, NetlinkAttrs::x32)
                    .build());
}
