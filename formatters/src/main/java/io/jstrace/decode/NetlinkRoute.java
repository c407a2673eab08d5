package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.ArpHardwareTypes;
import io.jstrace.syscalls.xlat.DcbCommands;
import io.jstrace.syscalls.xlat.FdbNotifyFlags;
import io.jstrace.syscalls.xlat.NeighborCacheEntryExtFlags;
import io.jstrace.syscalls.xlat.RtnlNeighFdbExtAttrs;
import io.jstrace.syscalls.xlat.FibRuleActions;
import io.jstrace.syscalls.xlat.FibRuleFlags;
import io.jstrace.syscalls.xlat.IpProtocols;
import io.jstrace.syscalls.xlat.LwtunnelEncapTypes;
import io.jstrace.syscalls.xlat.NeighborCacheEntryFlags;
import io.jstrace.syscalls.xlat.NeighborCacheEntryStates;
import io.jstrace.syscalls.xlat.RtnlAddrlabelAttrs;
import io.jstrace.syscalls.xlat.RtnlDcbAttrs;
import io.jstrace.syscalls.xlat.RtnlNeighAttrs;
import io.jstrace.syscalls.xlat.RtnlNetconfAttrs;
import io.jstrace.syscalls.xlat.RtnlNsidAttrs;
import io.jstrace.syscalls.xlat.RtnlRuleAttrs;
import io.jstrace.syscalls.xlat.IfaFlags;
import io.jstrace.syscalls.xlat.IffFlags;
import io.jstrace.syscalls.xlat.IpTos;
import io.jstrace.syscalls.xlat.NetlinkDeleteFlags;
import io.jstrace.syscalls.xlat.NetlinkGetFlags;
import io.jstrace.syscalls.xlat.NetlinkNewFlags;
import io.jstrace.syscalls.xlat.NlRouteTypes;
import io.jstrace.syscalls.xlat.RouteNexthopFlags;
import io.jstrace.syscalls.xlat.RoutingFlags;
import io.jstrace.syscalls.xlat.RoutingProtocols;
import io.jstrace.syscalls.xlat.RoutingScopes;
import io.jstrace.syscalls.xlat.RoutingTableIds;
import io.jstrace.syscalls.xlat.RoutingTypes;
import io.jstrace.syscalls.xlat.RtnlAddrAttrs;
import io.jstrace.syscalls.xlat.RtnlLinkAttrs;
import io.jstrace.syscalls.xlat.RtnlRouteAttrs;
import io.jstrace.syscalls.xlat.RtnlRtaMetricsAttrs;
import io.jstrace.syscalls.xlat.SocketFamilies;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NETLINK_ROUTE messages (include/uapi/linux/rtnetlink.h, rtnetlink(7)), as strace 6.1 prints
 * them (src/netlink_route.c, rtnl_*.c): each message type's fixed header, which starts with an
 * address family ({@code {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ...}}), then its
 * attributes. A header cut short prints its family and {@code ...}; a type with no decoder
 * here prints {@code {family=AF_INET, data="\x..."}}.
 */
final class NetlinkRoute {
    private static final int RTM_DELACTION = (int) NlRouteTypes.RTM_DELACTION;
    /** include/linux/socket.h: AF_BRIDGE, whose RTM_GETNEIGH carries an ifinfomsg. */
    private static final int AF_BRIDGE = 7;

    /** A message type's payload: its family already read, {@code len} bytes at {@code addr}. */
    @FunctionalInterface
    private interface Message {
        List<Value> decode(Call c, int family, long addr, int len);
    }

    static final Netlink.Protocol PROTOCOL = new Netlink.Protocol(NlRouteTypes.XLAT, "RTM_???",
            NetlinkRoute::requestFlags, NetlinkRoute::payload);

    /** The decoders, by message type (netlink_route.c route_decoders). */
    private static final Map<Integer, Message> MESSAGES = messages();

    private NetlinkRoute() {}

    private static Map<Integer, Message> messages() {
        java.util.HashMap<Integer, Message> m = new java.util.HashMap<>();
        put(m, NetlinkRoute::ifinfomsg, NlRouteTypes.RTM_NEWLINK, NlRouteTypes.RTM_DELLINK, NlRouteTypes.RTM_GETLINK,
                NlRouteTypes.RTM_SETLINK);
        put(m, NetlinkRoute::ifaddrmsg, NlRouteTypes.RTM_NEWADDR, NlRouteTypes.RTM_DELADDR, NlRouteTypes.RTM_GETADDR,
                NlRouteTypes.RTM_GETMULTICAST, NlRouteTypes.RTM_GETANYCAST);
        put(m, NetlinkRoute::rtmsg, NlRouteTypes.RTM_NEWROUTE, NlRouteTypes.RTM_DELROUTE, NlRouteTypes.RTM_GETROUTE);
        put(m, NetlinkRoute::ndmsg, NlRouteTypes.RTM_NEWNEIGH, NlRouteTypes.RTM_DELNEIGH);
        put(m, (c, family, addr, len) -> family == AF_BRIDGE ? ifinfomsg(c, family, addr, len) : ndmsg(c, family, addr, len),
                NlRouteTypes.RTM_GETNEIGH);
        put(m, NetlinkRoute::fibRuleHdr, NlRouteTypes.RTM_NEWRULE, NlRouteTypes.RTM_DELRULE, NlRouteTypes.RTM_GETRULE);
        put(m, NetlinkRoute::ifaddrlblmsg, NlRouteTypes.RTM_NEWADDRLABEL, NlRouteTypes.RTM_DELADDRLABEL,
                NlRouteTypes.RTM_GETADDRLABEL);
        put(m, NetlinkRoute::dcbmsg, NlRouteTypes.RTM_GETDCB, NlRouteTypes.RTM_SETDCB);
        put(m, (c, family, addr, len) -> familyOnly(c, family, addr, len, "ncm_family", NETCONF),
                NlRouteTypes.RTM_NEWNETCONF, NlRouteTypes.RTM_DELNETCONF, NlRouteTypes.RTM_GETNETCONF);
        put(m, (c, family, addr, len) -> familyOnly(c, family, addr, len, "rtgen_family", NSID),
                NlRouteTypes.RTM_NEWNSID, NlRouteTypes.RTM_DELNSID, NlRouteTypes.RTM_GETNSID);
        put(m, NetlinkRouteStats::ifStatsMsg, NlRouteTypes.RTM_NEWSTATS, NlRouteTypes.RTM_GETSTATS);
        put(m, NetlinkRouteNexthop::nhmsg, NlRouteTypes.RTM_NEWNEXTHOP, NlRouteTypes.RTM_DELNEXTHOP,
                NlRouteTypes.RTM_GETNEXTHOP);
        put(m, NetlinkRouteNeighTable::ndtmsg, NlRouteTypes.RTM_NEWNEIGHTBL, NlRouteTypes.RTM_GETNEIGHTBL,
                NlRouteTypes.RTM_SETNEIGHTBL);
        put(m, NetlinkRouteMdb::brPortMsg, NlRouteTypes.RTM_NEWMDB, NlRouteTypes.RTM_DELMDB, NlRouteTypes.RTM_GETMDB);
        put(m, NetlinkRouteCacheReport::cacheReport, NlRouteTypes.RTM_NEWCACHEREPORT);
        put(m, NetlinkRouteTc::tcmsg, NlRouteTypes.RTM_NEWQDISC, NlRouteTypes.RTM_DELQDISC, NlRouteTypes.RTM_GETQDISC,
                NlRouteTypes.RTM_NEWTCLASS, NlRouteTypes.RTM_DELTCLASS, NlRouteTypes.RTM_GETTCLASS,
                NlRouteTypes.RTM_NEWTFILTER, NlRouteTypes.RTM_DELTFILTER, NlRouteTypes.RTM_GETTFILTER,
                NlRouteTypes.RTM_NEWCHAIN, NlRouteTypes.RTM_DELCHAIN, NlRouteTypes.RTM_GETCHAIN);
        put(m, NetlinkRouteTc::tcamsg, NlRouteTypes.RTM_NEWACTION, NlRouteTypes.RTM_DELACTION, NlRouteTypes.RTM_GETACTION);
        return Map.copyOf(m);
    }

    private static void put(Map<Integer, Message> m, Message d, long... types) {
        for (long t : types) m.put((int) t, d);
    }

    /**
     * decode_nlmsg_flags_route: the low two bits of a type say NEW, DEL, GET (or SET);
     * RTM_DELACTION takes GET's flags.
     */
    private static Xlat requestFlags(int type) {
        if (type == RTM_DELACTION) return NetlinkGetFlags.XLAT;
        return switch (type & 3) {
            case 0 -> NetlinkNewFlags.XLAT;
            case 1 -> NetlinkDeleteFlags.XLAT;
            case 2 -> NetlinkGetFlags.XLAT;
            default -> null;
        };
    }

    /** decode_netlink_route: NLMSG_DONE in hex; else the family, then the type's own decoding. */
    private static List<Value> payload(Call c, Netlink.Header h, long addr, int len) {
        if (h.type() < 0x10) return null;
        byte[] f = c.memory().read(addr, 1);
        if (f == null) return List.of(new Value.Addr(addr));
        int family = f[0] & 0xff;
        Message m = MESSAGES.get(h.type());
        if (m != null) return m.decode(c, family, addr, len);
        List<Field> fields = new ArrayList<>();
        fields.add(field("family", family(family)));
        if (len > 1) fields.add(field("data", Netlink.hex(c, addr + 1, len - 1)));
        return List.of(new Value.Struct(fields, false));
    }

    static Value family(int family) {
        return Numbers.named(SocketFamilies.XLAT, family, "AF_???");
    }

    private static Value u8(byte[] raw, int off) {
        return new Num(raw[off] & 0xff, Base.UNSIGNED);
    }

    // ---- RTM_*LINK: struct ifinfomsg (include/uapi/linux/rtnetlink.h), rtnl_link.c

    private static final int IFINFOMSG_SIZE = 16;

    /**
     * A hardware address (print_mac.c print_hwaddr): {@code 00:11:22:33:44:55}; as hex bytes
     * under {@code -X raw}; longer than MAX_ADDR_LEN (32) in hex.
     */
    static Value hwaddr(Call c, long addr, int len) {
        if (len > 32) return null;
        byte[] raw = c.memory().read(addr, len);
        if (raw == null) return new Value.Addr(addr);
        return mac(raw, 0, len);
    }

    /**
     * print_mac_addr: {@code 00:11:22:33:44:55} (the first {@code shown} bytes); the bytes in hex
     * under {@code -X raw}, both under {@code -X verbose}.
     */
    static Value mac(byte[] raw, int off, int len, int shown) {
        StringBuilder mac = new StringBuilder();
        for (int k = 0; k < shown; k++) mac.append(k > 0 ? ":" : "").append(String.format("%02x", raw[off + k] & 0xff));
        Value hex = SocketDecoders.hexBytes(raw, off, off + len);
        return new Value.Styled(new Value.Text(mac.toString()), hex,
                new Value.Text(((Value.Text) hex).text() + " /* " + mac + " */"));
    }

    static Value mac(byte[] raw, int off, int len) {
        return mac(raw, off, len, len);
    }

    /** decode_ifinfomsg: {@code {ifi_family, ifi_type, ifi_index, ifi_flags, ifi_change}}. */
    private static List<Value> ifinfomsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, IFINFOMSG_SIZE, "ifi_family", family(family), (raw, f) -> {
            f.add(field("ifi_type", Numbers.named(ArpHardwareTypes.XLAT, SockAddrs.u16(raw, 2), "ARPHRD_???")));
            f.add(field("ifi_index", SockAddrs.ifindex(SockAddrs.u32(raw, 4))));
            f.add(field("ifi_flags", Numbers.flags(IffFlags.XLAT, SockAddrs.u32(raw, 8), "IFF_???")));
            f.add(field("ifi_change", Value.hex(SockAddrs.u32(raw, 12))));
        }, raw -> NetlinkRouteLink.attrs(family));
    }

    // ---- RTM_*ADDR: struct ifaddrmsg (include/uapi/linux/if_addr.h), rtnl_addr.c

    private static final int IFADDRMSG_SIZE = 8;

    /** ifaddrmsg_nla_decoders: addresses of the message's family. */
    private static Table ifaAttrs(int family) {
        NetlinkAttrs.Decoder address = NetlinkAttrs.inetAddr(family);
        return Table.builder()
                .add(RtnlAddrAttrs.IFA_ADDRESS, address)
                .add(RtnlAddrAttrs.IFA_LOCAL, address)
                .add(RtnlAddrAttrs.IFA_LABEL, NetlinkAttrs::str)
                .add(RtnlAddrAttrs.IFA_BROADCAST, address)
                .add(RtnlAddrAttrs.IFA_ANYCAST, address)
                .add(RtnlAddrAttrs.IFA_CACHEINFO, NetlinkRoute::ifaCacheinfo)
                .add(RtnlAddrAttrs.IFA_MULTICAST, address)
                .add(RtnlAddrAttrs.IFA_FLAGS, NetlinkAttrs.flags(4, IfaFlags.XLAT, "IFA_F_???"))
                .add(RtnlAddrAttrs.IFA_RT_PRIORITY, NetlinkAttrs::u32)
                .add(RtnlAddrAttrs.IFA_TARGET_NETNSID, NetlinkAttrs::s32)
                .build();
    }

    /** struct ifa_cacheinfo: four u32 fields. */
    private static Value ifaCacheinfo(Call c, long addr, int len) {
        return u32Struct(c, addr, len, "ifa_prefered", "ifa_valid", "cstamp", "tstamp");
    }

    /** A struct of u32 fields; hex when {@code len} is shorter than it. */
    static Value u32Struct(Call c, long addr, int len, String... names) {
        if (len < 4 * names.length) return null;
        byte[] raw = c.memory().read(addr, 4 * names.length);
        if (raw == null) return new Value.Addr(addr);
        List<Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], new Num(SockAddrs.u32(raw, 4 * k), Base.UNSIGNED)));
        return new Value.Struct(f, false);
    }

    /** decode_ifaddrmsg: {@code {ifa_family, ifa_prefixlen, ifa_flags, ifa_scope, ifa_index}}. */
    private static List<Value> ifaddrmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, IFADDRMSG_SIZE, "ifa_family", family(family), (raw, f) -> {
            f.add(field("ifa_prefixlen", u8(raw, 1)));
            f.add(field("ifa_flags", Numbers.flags(IfaFlags.XLAT, raw[2] & 0xff, "IFA_F_???")));
            f.add(field("ifa_scope", Numbers.named(RoutingScopes.XLAT, raw[3] & 0xff, null)));
            f.add(field("ifa_index", SockAddrs.ifindex(SockAddrs.u32(raw, 4))));
        }, raw -> new NetlinkAttrs.Set(RtnlAddrAttrs.XLAT, "IFA_???", ifaAttrs(family)));
    }

    // ---- RTM_*ROUTE: struct rtmsg (include/uapi/linux/rtnetlink.h), rtnl_route.c

    private static final int RTMSG_SIZE = 12;

    private static final Table RTAX = Table.builder()
            .add(RtnlRtaMetricsAttrs.RTAX_LOCK, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_MTU, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_WINDOW, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_RTT, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_RTTVAR, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_SSTHRESH, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_CWND, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_ADVMSS, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_REORDERING, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_HOPLIMIT, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_INITCWND, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_FEATURES, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_RTO_MIN, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_INITRWND, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_QUICKACK, NetlinkAttrs::u32)
            .add(RtnlRtaMetricsAttrs.RTAX_CC_ALGO, NetlinkAttrs::str)
            .build();

    /** rtmsg_nla_decoders: addresses of the message's family, interfaces, tables, metrics, next hops. */
    private static Table rtaAttrs(int family) {
        NetlinkAttrs.Decoder address = NetlinkAttrs.inetAddr(family);
        NetlinkAttrs.Decoder[] self = new NetlinkAttrs.Decoder[1];
        Table t = Table.builder()
                .add(RtnlRouteAttrs.RTA_DST, address)
                .add(RtnlRouteAttrs.RTA_SRC, address)
                .add(RtnlRouteAttrs.RTA_IIF, NetlinkAttrs::ifindex)
                .add(RtnlRouteAttrs.RTA_OIF, NetlinkAttrs::ifindex)
                .add(RtnlRouteAttrs.RTA_GATEWAY, address)
                .add(RtnlRouteAttrs.RTA_PRIORITY, NetlinkAttrs::u32)
                .add(RtnlRouteAttrs.RTA_PREFSRC, address)
                .add(RtnlRouteAttrs.RTA_METRICS, NetlinkAttrs.nested(RtnlRtaMetricsAttrs.XLAT, "RTAX_???", RTAX))
                .add(RtnlRouteAttrs.RTA_MULTIPATH, (c, a, l) -> multipath(c, a, l, self[0]))
                .add(RtnlRouteAttrs.RTA_FLOW, NetlinkAttrs::u32)
                .add(RtnlRouteAttrs.RTA_CACHEINFO, NetlinkRoute::rtaCacheinfo)
                .add(RtnlRouteAttrs.RTA_TABLE, NetlinkAttrs.xval(4, RoutingTableIds.XLAT, null))
                .add(RtnlRouteAttrs.RTA_MARK, NetlinkAttrs::u32)
                .add(RtnlRouteAttrs.RTA_MFC_STATS, NetlinkRoute::mfcStats)
                .add(RtnlRouteAttrs.RTA_VIA, NetlinkRoute::via)
                .add(RtnlRouteAttrs.RTA_NEWDST, address)
                .add(RtnlRouteAttrs.RTA_PREF, NetlinkAttrs::u8)
                .add(RtnlRouteAttrs.RTA_ENCAP_TYPE, NetlinkAttrs.xval(2, LwtunnelEncapTypes.XLAT, "LWTUNNEL_ENCAP_???"))
                .add(RtnlRouteAttrs.RTA_EXPIRES, NetlinkAttrs::u64)
                .add(RtnlRouteAttrs.RTA_UID, NetlinkAttrs::u32)
                .add(RtnlRouteAttrs.RTA_TTL_PROPAGATE, NetlinkAttrs::u8)
                .add(RtnlRouteAttrs.RTA_IP_PROTO, NetlinkAttrs::u8)
                .add(RtnlRouteAttrs.RTA_SPORT, NetlinkAttrs::be16)
                .add(RtnlRouteAttrs.RTA_DPORT, NetlinkAttrs::be16)
                .add(RtnlRouteAttrs.RTA_NH_ID, NetlinkAttrs::u32)
                .build();
        self[0] = NetlinkAttrs.nested(RtnlRouteAttrs.XLAT, "RTA_???", t);
        return t;
    }

    /** struct rta_cacheinfo: eight u32 fields, rta_id in hex. */
    private static Value rtaCacheinfo(Call c, long addr, int len) {
        Value v = u32Struct(c, addr, len, "rta_clntref", "rta_lastuse", "rta_expires", "rta_error", "rta_used",
                "rta_id", "rta_ts", "rta_tsage");
        if (!(v instanceof Value.Struct s)) return v;
        List<Field> f = new ArrayList<>(s.fields());
        f.set(5, field("rta_id", Value.hex(((Num) f.get(5).value()).value())));
        return new Value.Struct(f, false);
    }

    /** struct rta_mfc_stats: three u64 fields. */
    private static Value mfcStats(Call c, long addr, int len) {
        if (len < 24) return null;
        byte[] raw = c.memory().read(addr, 24);
        if (raw == null) return new Value.Addr(addr);
        return new Value.Struct(List.of(
                field("mfcs_packets", new Num(TraceeArrays.u64(raw, 0), Base.UNSIGNED)),
                field("mfcs_bytes", new Num(TraceeArrays.u64(raw, 8), Base.UNSIGNED)),
                field("mfcs_wrong_if", new Num(TraceeArrays.u64(raw, 16), Base.UNSIGNED))), false);
    }

    /** struct rtvia: {@code {rtvia_family=AF_INET, rtvia_addr=inet_addr("...")}}. */
    private static Value via(Call c, long addr, int len) {
        if (len < 2) return null;
        byte[] raw = c.memory().read(addr, 2);
        if (raw == null) return new Value.Addr(addr);
        int family = SockAddrs.u16(raw, 0);
        List<Field> f = new ArrayList<>();
        f.add(field("rtvia_family", family(family)));
        int size = family == 2 ? 4 : family == 10 ? 16 : 0;
        if (len > 2 && (size == 0 || len - 2 < size)) f.add(field("rtvia_addr", Netlink.hex(c, addr + 2, len - 2)));
        else if (len > 2) {
            byte[] a = c.memory().read(addr + 2, size);
            f.add(a == null ? field("rtvia_addr", new Value.Addr(addr + 2)) : NetlinkAttrs.inetField("rtvia_addr", a, 0, family));
        }
        return new Value.Struct(f, false);
    }

    /**
     * RTA_MULTIPATH: struct rtnexthop headers, each followed by its own RTA_* attributes
     * (rtnl_route.c decode_rta_multipath).
     */
    private static Value multipath(Call c, long addr, int len, NetlinkAttrs.Decoder attrs) {
        final int size = 8;
        if (len < size) return null;
        List<Value> items = new ArrayList<>();
        boolean array = false;
        long cur = addr, left = len;
        while (true) {
            byte[] raw = c.memory().read(cur, size);
            if (raw == null) {
                items.add(new Value.Addr(cur));
                break;
            }
            int nhLen = SockAddrs.u16(raw, 0);
            long shown = Math.min(left, nhLen);
            if (cur == addr && nhLen < len) array = true;
            Value head = new Value.Struct(List.of(
                    field("rtnh_len", new Num(nhLen, Base.UNSIGNED)),
                    field("rtnh_flags", Numbers.flags(RouteNexthopFlags.XLAT, raw[2] & 0xff, "RTNH_F_???")),
                    field("rtnh_hops", u8(raw, 3)),
                    field("rtnh_ifindex", SockAddrs.ifindex(SockAddrs.u32(raw, 4)))), false);
            items.add(shown > size
                    ? new Value.Arr(List.of(head, attrs.decode(c, cur + size, (int) (shown - size))), false)
                    : head);
            long step = Netlink.align4(shown);
            if (step >= left) break;
            cur += step;
            left -= step;
        }
        return array ? new Value.Arr(items, false) : items.get(0);
    }

    /** decode_rtmsg: {@code {rtm_family, rtm_dst_len, rtm_src_len, rtm_tos, rtm_table, ...}}. */
    private static List<Value> rtmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, RTMSG_SIZE, "rtm_family", family(family), (raw, f) -> {
            f.add(field("rtm_dst_len", u8(raw, 1)));
            f.add(field("rtm_src_len", u8(raw, 2)));
            f.add(field("rtm_tos", Numbers.flags(IpTos.XLAT, raw[3] & 0xff, "IPTOS_TOS_???")));
            f.add(field("rtm_table", Numbers.named(RoutingTableIds.XLAT, raw[4] & 0xff, null)));
            f.add(field("rtm_protocol", Numbers.named(RoutingProtocols.XLAT, raw[5] & 0xff, "RTPROT_???")));
            f.add(field("rtm_scope", Numbers.named(RoutingScopes.XLAT, raw[6] & 0xff, null)));
            f.add(field("rtm_type", Numbers.named(RoutingTypes.XLAT, raw[7] & 0xff, "RTN_???")));
            f.add(field("rtm_flags", Numbers.flags(RoutingFlags.XLAT, SockAddrs.u32(raw, 8), "RTM_F_???")));
        }, raw -> new NetlinkAttrs.Set(RtnlRouteAttrs.XLAT, "RTA_???", rtaAttrs(family)));
    }

    // ---- RTM_*NETCONF (struct netconfmsg, rtnl_netconf.c) and RTM_*NSID (struct rtgenmsg, rtnl_nsid.c)

    private static final NetlinkAttrs.Set NETCONF = new NetlinkAttrs.Set(RtnlNetconfAttrs.XLAT, "NETCONFA_???",
            Table.builder()
                    .add(RtnlNetconfAttrs.NETCONFA_IFINDEX, NetlinkAttrs::ifindex)
                    .add(RtnlNetconfAttrs.NETCONFA_FORWARDING, NetlinkAttrs::s32)
                    .add(RtnlNetconfAttrs.NETCONFA_RP_FILTER, NetlinkAttrs::s32)
                    .add(RtnlNetconfAttrs.NETCONFA_MC_FORWARDING, NetlinkAttrs::s32)
                    .add(RtnlNetconfAttrs.NETCONFA_PROXY_NEIGH, NetlinkAttrs::s32)
                    .add(RtnlNetconfAttrs.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, NetlinkAttrs::s32)
                    .add(RtnlNetconfAttrs.NETCONFA_INPUT, NetlinkAttrs::s32)
                    .add(RtnlNetconfAttrs.NETCONFA_BC_FORWARDING, NetlinkAttrs::s32)
                    .build());

    private static final NetlinkAttrs.Set NSID = new NetlinkAttrs.Set(RtnlNsidAttrs.XLAT, "NETNSA_???",
            Table.builder()
                    .add(RtnlNsidAttrs.NETNSA_NSID, NetlinkAttrs::s32)
                    .add(RtnlNsidAttrs.NETNSA_PID, NetlinkAttrs::u32)
                    .add(RtnlNsidAttrs.NETNSA_FD, NetlinkAttrs::fd)
                    .add(RtnlNsidAttrs.NETNSA_TARGET_NSID, NetlinkAttrs::s32)
                    .add(RtnlNsidAttrs.NETNSA_CURRENT_NSID, NetlinkAttrs::s32)
                    .build());

    /** A header that is the family alone, whatever the length, then attributes from NLMSG_ALIGN(1). */
    private static List<Value> familyOnly(Call c, int family, long addr, int len, String name, NetlinkAttrs.Set attrs) {
        Value s = new Value.Struct(List.of(field(name, family(family))), false);
        if (len <= 4) return List.of(s);
        return List.of(s, NetlinkAttrs.decode(c, addr + 4, len - 4, attrs));
    }

    // ---- RTM_*NEIGH: struct ndmsg (include/uapi/linux/neighbour.h), rtnl_neigh.c

    private static final int NDMSG_SIZE = 12;

    /** NDA_FDB_EXT_ATTRS' attributes: NFEA_DONT_REFRESH is a flag without data. */
    private static final Table NFEA = Table.builder()
            .add(RtnlNeighFdbExtAttrs.NFEA_ACTIVITY_NOTIFY, NetlinkAttrs.flags(1, FdbNotifyFlags.XLAT, "FDB_NOTIFY_???"))
            .build();

    private static Table ndaAttrs(int family) {
        return Table.builder()
                .add(RtnlNeighAttrs.NDA_DST, NetlinkAttrs.inetAddr(family))
                .add(RtnlNeighAttrs.NDA_LLADDR, NetlinkRoute::hwaddr)
                .add(RtnlNeighAttrs.NDA_CACHEINFO, (c, a, l) -> u32Struct(c, a, l,
                        "ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"))
                .add(RtnlNeighAttrs.NDA_PROBES, NetlinkAttrs::u32)
                .add(RtnlNeighAttrs.NDA_VLAN, NetlinkAttrs::u16)
                .add(RtnlNeighAttrs.NDA_PORT, NetlinkAttrs::be16)
                .add(RtnlNeighAttrs.NDA_VNI, NetlinkAttrs::u32)
                .add(RtnlNeighAttrs.NDA_IFINDEX, NetlinkAttrs::ifindex)
                .add(RtnlNeighAttrs.NDA_MASTER, NetlinkAttrs::ifindex)
                .add(RtnlNeighAttrs.NDA_LINK_NETNSID, NetlinkAttrs::u32)
                .add(RtnlNeighAttrs.NDA_SRC_VNI, NetlinkAttrs::u32)
                .add(RtnlNeighAttrs.NDA_PROTOCOL, NetlinkAttrs.xval(0, IpProtocols.XLAT, "IPPROTO_???"))
                .add(RtnlNeighAttrs.NDA_NH_ID, NetlinkAttrs::u32)
                .add(RtnlNeighAttrs.NDA_FDB_EXT_ATTRS, NetlinkAttrs.nested(RtnlNeighFdbExtAttrs.XLAT, "NFEA_???", NFEA))
                .add(RtnlNeighAttrs.NDA_FLAGS_EXT, NetlinkAttrs.flags(4, NeighborCacheEntryExtFlags.XLAT, "NTF_EXT_???"))
                .add(RtnlNeighAttrs.NDA_NDM_STATE_MASK, NetlinkAttrs.flags(2, NeighborCacheEntryStates.XLAT, "NUD_???"))
                .add(RtnlNeighAttrs.NDA_NDM_FLAGS_MASK, NetlinkAttrs.flags(1, NeighborCacheEntryFlags.XLAT, "NTF_???"))
                .build();
    }

    /** decode_ndmsg: {@code {ndm_family, ndm_ifindex, ndm_state, ndm_flags, ndm_type}}. */
    private static List<Value> ndmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, NDMSG_SIZE, "ndm_family", family(family), (raw, f) -> {
            f.add(field("ndm_ifindex", SockAddrs.ifindex(SockAddrs.u32(raw, 4))));
            f.add(field("ndm_state", Numbers.flags(NeighborCacheEntryStates.XLAT, SockAddrs.u16(raw, 8), "NUD_???")));
            f.add(field("ndm_flags", Numbers.flags(NeighborCacheEntryFlags.XLAT, raw[10] & 0xff, "NTF_???")));
            f.add(field("ndm_type", Numbers.named(RoutingTypes.XLAT, raw[11] & 0xff, "RTN_???")));
        }, raw -> new NetlinkAttrs.Set(RtnlNeighAttrs.XLAT, "NDA_???", ndaAttrs(family)));
    }

    // ---- RTM_*RULE: struct fib_rule_hdr (include/uapi/linux/fib_rules.h), rtnl_rule.c

    private static final int FIB_RULE_HDR_SIZE = 12;

    /** struct fib_rule_uid_range and fib_rule_port_range: {@code {start=N, end=M}}. */
    private static NetlinkAttrs.Decoder range(int width) {
        return (c, addr, len) -> {
            if (len < 2 * width) return null;
            byte[] b = c.memory().read(addr, 2 * width);
            if (b == null) return new Value.Addr(addr);
            long start = width == 4 ? SockAddrs.u32(b, 0) : SockAddrs.u16(b, 0);
            long end = width == 4 ? SockAddrs.u32(b, 4) : SockAddrs.u16(b, 2);
            return new Value.Struct(List.of(field("start", new Num(start, Base.UNSIGNED)),
                    field("end", new Num(end, Base.UNSIGNED))), false);
        };
    }

    private static Table fraAttrs(int family) {
        NetlinkAttrs.Decoder address = NetlinkAttrs.inetAddr(family);
        return Table.builder()
                .add(RtnlRuleAttrs.FRA_DST, address)
                .add(RtnlRuleAttrs.FRA_SRC, address)
                .add(RtnlRuleAttrs.FRA_IIFNAME, NetlinkAttrs::str)
                .add(RtnlRuleAttrs.FRA_GOTO, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_PRIORITY, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_FWMARK, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_FLOW, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_TUN_ID, NetlinkAttrs::be64)
                .add(RtnlRuleAttrs.FRA_SUPPRESS_IFGROUP, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_SUPPRESS_PREFIXLEN, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_TABLE, NetlinkAttrs.xval(4, RoutingTableIds.XLAT, null))
                .add(RtnlRuleAttrs.FRA_FWMASK, NetlinkAttrs::u32)
                .add(RtnlRuleAttrs.FRA_OIFNAME, NetlinkAttrs::str)
                .add(RtnlRuleAttrs.FRA_L3MDEV, NetlinkAttrs::u8)
                .add(RtnlRuleAttrs.FRA_UID_RANGE, range(4))
                .add(RtnlRuleAttrs.FRA_PROTOCOL, NetlinkAttrs.xval(1, RoutingProtocols.XLAT, "RTPROT_???"))
                .add(RtnlRuleAttrs.FRA_IP_PROTO, NetlinkAttrs.xval(0, IpProtocols.XLAT, "IPPROTO_???"))
                .add(RtnlRuleAttrs.FRA_SPORT_RANGE, range(2))
                .add(RtnlRuleAttrs.FRA_DPORT_RANGE, range(2))
                .build();
    }

    /** decode_fib_rule_hdr: {@code {family, dst_len, src_len, tos, table, action, flags}}. */
    private static List<Value> fibRuleHdr(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, FIB_RULE_HDR_SIZE, "family", family(family), (raw, f) -> {
            f.add(field("dst_len", u8(raw, 1)));
            f.add(field("src_len", u8(raw, 2)));
            f.add(field("tos", Numbers.flags(IpTos.XLAT, raw[3] & 0xff, "IPTOS_TOS_???")));
            f.add(field("table", Numbers.named(RoutingTableIds.XLAT, raw[4] & 0xff, "RT_TABLE_???")));
            f.add(field("action", Numbers.named(FibRuleActions.XLAT, raw[7] & 0xff, "FR_ACT_???")));
            f.add(field("flags", Numbers.flags(FibRuleFlags.XLAT, SockAddrs.u32(raw, 8), "FIB_RULE_???")));
        }, raw -> new NetlinkAttrs.Set(RtnlRuleAttrs.XLAT, "FRA_???", fraAttrs(family)));
    }

    // ---- RTM_*ADDRLABEL: struct ifaddrlblmsg (include/uapi/linux/if_addrlabel.h), rtnl_addrlabel.c

    private static final int IFADDRLBLMSG_SIZE = 12;

    private static List<Value> ifaddrlblmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, IFADDRLBLMSG_SIZE, "ifal_family", family(family), (raw, f) -> {
            f.add(field("ifal_prefixlen", u8(raw, 2)));
            f.add(field("ifal_flags", u8(raw, 3)));
            f.add(field("ifal_index", SockAddrs.ifindex(SockAddrs.u32(raw, 4))));
            f.add(field("ifal_seq", new Num(SockAddrs.u32(raw, 8), Base.UNSIGNED)));
        }, raw -> new NetlinkAttrs.Set(RtnlAddrlabelAttrs.XLAT, "IFAL_???", Table.builder()
                .add(RtnlAddrlabelAttrs.IFAL_ADDRESS, NetlinkAttrs.inetAddr(family))
                .add(RtnlAddrlabelAttrs.IFAL_LABEL, NetlinkAttrs::u32)
                .build()));
    }

    // ---- RTM_GETDCB, RTM_SETDCB: struct dcbmsg (include/uapi/linux/dcbnl.h), rtnl_dcb.c

    private static List<Value> dcbmsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, 4, "dcb_family", family(family),
                (raw, f) -> f.add(field("cmd", Numbers.named(DcbCommands.XLAT, raw[1] & 0xff, "DCB_CMD_???"))),
                raw -> new NetlinkAttrs.Set(RtnlDcbAttrs.XLAT, "DCB_ATTR_???", Table.NONE));
    }
}
