package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.RtnlNeightblAttrs;
import io.jstrace.syscalls.xlat.RtnlNeightblParmsAttrs;
import java.util.List;

/**
 * RTM_NEWNEIGHTBL, RTM_GETNEIGHTBL, RTM_SETNEIGHTBL: {@code struct ndtmsg} and its NDTA_*
 * attributes (include/uapi/linux/neighbour.h), as strace 6.1 prints them (src/rtnl_neightbl.c).
 */
final class NetlinkRouteNeighTable {
    /** sizeof(struct ndtmsg): the family and padding; attributes follow. */
    private static final int NDTMSG_SIZE = 4;

    private NetlinkRouteNeighTable() {}

    /** decode_ndtmsg: {@code {ndtm_family=AF_INET}} whatever the length, then the attributes. */
    static List<Value> ndtmsg(Call c, int family, long addr, int len) {
        Value s = new Value.Struct(List.of(field("ndtm_family", NetlinkRoute.family(family))), false);
        if (len <= NDTMSG_SIZE) return List.of(s);
        return List.of(s, NetlinkAttrs.decode(c, addr + NDTMSG_SIZE, len - NDTMSG_SIZE, ATTRS));
    }

    /** struct ndt_config: the table's sizes and hash settings, the mask zero-padded. */
    private static final Decoder CONFIG = NetlinkAttrs.struct(32, b -> List.of(
            field("ndtc_key_len", new Num(SockAddrs.u16(b, 0), Base.UNSIGNED)),
            field("ndtc_entry_size", new Num(SockAddrs.u16(b, 2), Base.UNSIGNED)),
            field("ndtc_entries", new Num(SockAddrs.u32(b, 4), Base.UNSIGNED)),
            field("ndtc_last_flush", new Num(SockAddrs.u32(b, 8), Base.UNSIGNED)),
            field("ndtc_last_rand", new Num(SockAddrs.u32(b, 12), Base.UNSIGNED)),
            field("ndtc_hash_rnd", new Num(SockAddrs.u32(b, 16), Base.UNSIGNED)),
            field("ndtc_hash_mask", SockAddrs.zeroPadded(SockAddrs.u32(b, 20), 8)),
            field("ndtc_hash_chain_gc", new Num(SockAddrs.u32(b, 24), Base.UNSIGNED)),
            field("ndtc_proxy_qlen", new Num(SockAddrs.u32(b, 28), Base.UNSIGNED))));

    /** struct ndt_stats' u64 counters; ndts_table_fulls is the newest. */
    private static final String[] STATS = {"ndts_allocs", "ndts_destroys", "ndts_hash_grows", "ndts_res_failed",
        "ndts_lookups", "ndts_hits", "ndts_rcv_probes_mcast", "ndts_rcv_probes_ucast", "ndts_periodic_gc_runs",
        "ndts_forced_gc_runs", "ndts_table_fulls"};

    /** NDTA_STATS: the newest struct when the data holds it, the one before it when exactly its size, else hex. */
    private static Value stats(Call c, long addr, int len) {
        int n = len >= 8 * STATS.length ? STATS.length : len == 8 * (STATS.length - 1) ? STATS.length - 1 : 0;
        if (n == 0) return null;
        byte[] b = c.memory().read(addr, 8 * n);
        if (b == null) return new Value.Addr(addr);
        return new Value.Struct(NetlinkAttrs.u64Fields(b, java.util.Arrays.copyOf(STATS, n)), false);
    }

    private static final Decoder PARMS = NetlinkAttrs.nested(RtnlNeightblParmsAttrs.XLAT, "NDTPA_???", Table.builder()
            .add(RtnlNeightblParmsAttrs.NDTPA_IFINDEX, NetlinkAttrs::ifindex)
            .add(RtnlNeightblParmsAttrs.NDTPA_REFCNT, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_REACHABLE_TIME, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_BASE_REACHABLE_TIME, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_RETRANS_TIME, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_GC_STALETIME, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_DELAY_PROBE_TIME, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_QUEUE_LEN, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_APP_PROBES, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_UCAST_PROBES, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_MCAST_PROBES, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_ANYCAST_DELAY, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_PROXY_DELAY, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_PROXY_QLEN, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_LOCKTIME, NetlinkAttrs::u64)
            .add(RtnlNeightblParmsAttrs.NDTPA_QUEUE_LENBYTES, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_MCAST_REPROBES, NetlinkAttrs::u32)
            .add(RtnlNeightblParmsAttrs.NDTPA_INTERVAL_PROBE_TIME_MS, NetlinkAttrs::u64)
            .build());

    private static final NetlinkAttrs.Set ATTRS = new NetlinkAttrs.Set(RtnlNeightblAttrs.XLAT, "NDTA_???",
            Table.builder()
                    .add(RtnlNeightblAttrs.NDTA_NAME, NetlinkAttrs::str)
                    .add(RtnlNeightblAttrs.NDTA_THRESH1, NetlinkAttrs::u32)
                    .add(RtnlNeightblAttrs.NDTA_THRESH2, NetlinkAttrs::u32)
                    .add(RtnlNeightblAttrs.NDTA_THRESH3, NetlinkAttrs::u32)
                    .add(RtnlNeightblAttrs.NDTA_CONFIG, CONFIG)
                    .add(RtnlNeightblAttrs.NDTA_PARMS, PARMS)
                    .add(RtnlNeightblAttrs.NDTA_STATS, NetlinkRouteNeighTable::stats)
                    .add(RtnlNeightblAttrs.NDTA_GC_INTERVAL, NetlinkAttrs::u64)
                    .build());
}
