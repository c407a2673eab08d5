package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.MdbFlags;
import io.jstrace.syscalls.xlat.MdbStates;
import io.jstrace.syscalls.xlat.MulticastRouterTypes;
import io.jstrace.syscalls.xlat.RtnlMdbAttrs;
import io.jstrace.syscalls.xlat.RtnlMdbaMdbAttrs;
import io.jstrace.syscalls.xlat.RtnlMdbaMdbEattrAttrs;
import io.jstrace.syscalls.xlat.RtnlMdbaMdbEntryAttrs;
import io.jstrace.syscalls.xlat.RtnlMdbaRouterAttrs;
import io.jstrace.syscalls.xlat.RtnlMdbaRouterPattrAttrs;
import java.util.List;

/**
 * RTM_NEWMDB, RTM_DELMDB, RTM_GETMDB: a bridge's multicast database, {@code struct
 * br_port_msg} and its MDBA_* attributes (include/uapi/linux/if_bridge.h), as strace 6.1
 * prints them (src/rtnl_mdb.c).
 */
final class NetlinkRouteMdb {
    private static final int BR_PORT_MSG_SIZE = 8, BR_MDB_ENTRY_SIZE = 28;

    private NetlinkRouteMdb() {}

    /** decode_br_port_msg: {@code {family=AF_BRIDGE, ifindex=if_nametoindex("br0")}}, then attributes. */
    static List<Value> brPortMsg(Call c, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, BR_PORT_MSG_SIZE, "family", NetlinkRoute.family(family),
                (raw, f) -> f.add(field("ifindex", SockAddrs.ifindex(SockAddrs.u32(raw, 4)))), raw -> ATTRS);
    }

    /**
     * struct br_mdb_entry: {@code {ifindex, state, flags, vid, addr={u=inet_addr("..."),
     * proto=htons(AF_INET)}}}, the group's address as its protocol says; then, after it, its
     * MDBA_MDB_EATTR_* attributes.
     */
    private static Value entry(Call c, long addr, int len) {
        if (len < BR_MDB_ENTRY_SIZE) return null;
        byte[] b = c.memory().read(addr, BR_MDB_ENTRY_SIZE);
        if (b == null) return new Value.Addr(addr);
        int proto = SockAddrs.u16be(b, 24);
        Value entry = new Value.Struct(List.of(
                field("ifindex", SockAddrs.ifindex(SockAddrs.u32(b, 0))),
                field("state", Numbers.named(MdbStates.XLAT, b[4] & 0xff, "MDB_???")),
                field("flags", Numbers.flags(MdbFlags.XLAT, b[5] & 0xff, "MDB_FLAGS_???")),
                field("vid", new Num(SockAddrs.u16(b, 6), Base.UNSIGNED)),
                field("addr", new Value.Struct(List.of(NetlinkAttrs.inetField("u", b, 8, proto, 16),
                        field("proto", new Value.Fn("htons", List.of(NetlinkRoute.family(proto)), false))), false))),
                false);
        if (len <= BR_MDB_ENTRY_SIZE) return entry;
        return NetlinkAttrs.joined(List.of(entry, NetlinkAttrs.decode(c, addr + BR_MDB_ENTRY_SIZE,
                len - BR_MDB_ENTRY_SIZE, RtnlMdbaMdbEattrAttrs.XLAT, "MDBA_MDB_EATTR_???", Table.builder()
                        .add(RtnlMdbaMdbEattrAttrs.MDBA_MDB_EATTR_TIMER, NetlinkAttrs::clockT).build())), ", ");
    }

    private static final Decoder MDB = NetlinkAttrs.nested(RtnlMdbaMdbAttrs.XLAT, "MDBA_MDB_???", Table.builder()
            .add(RtnlMdbaMdbAttrs.MDBA_MDB_ENTRY, NetlinkAttrs.nested(RtnlMdbaMdbEntryAttrs.XLAT, "MDBA_MDB_ENTRY_???",
                    Table.builder().add(RtnlMdbaMdbEntryAttrs.MDBA_MDB_ENTRY_INFO, NetlinkRouteMdb::entry).build()))
            .build());

    private static final Table ROUTER_PATTR = Table.builder()
            .add(RtnlMdbaRouterPattrAttrs.MDBA_ROUTER_PATTR_TIMER, NetlinkAttrs::clockT)
            .add(RtnlMdbaRouterPattrAttrs.MDBA_ROUTER_PATTR_TYPE,
                    NetlinkAttrs.fixed(1, b -> Numbers.named(MulticastRouterTypes.XLAT, b[0] & 0xff, "MDB_RTR_TYPE_???")))
            .add(RtnlMdbaRouterPattrAttrs.MDBA_ROUTER_PATTR_INET_TIMER, NetlinkAttrs::clockT)
            .add(RtnlMdbaRouterPattrAttrs.MDBA_ROUTER_PATTR_INET6_TIMER, NetlinkAttrs::clockT)
            .build();

    /** MDBA_ROUTER_PORT: the port's ifindex, then its MDBA_ROUTER_PATTR_* attributes. */
    private static Value routerPort(Call c, long addr, int len) {
        if (len < 4) return null;
        byte[] b = c.memory().read(addr, 4);
        if (b == null) return new Value.Addr(addr);
        Value port = SockAddrs.ifindex(SockAddrs.u32(b, 0));
        if (len <= 4) return port;
        return NetlinkAttrs.joined(List.of(port, NetlinkAttrs.decode(c, addr + 4, len - 4,
                RtnlMdbaRouterPattrAttrs.XLAT, "MDBA_ROUTER_PATTR_???", ROUTER_PATTR)), ", ");
    }

    private static final NetlinkAttrs.Set ATTRS = new NetlinkAttrs.Set(RtnlMdbAttrs.XLAT, "MDBA_???", Table.builder()
            .add(RtnlMdbAttrs.MDBA_MDB, MDB)
            .add(RtnlMdbAttrs.MDBA_ROUTER, NetlinkAttrs.nested(RtnlMdbaRouterAttrs.XLAT, "MDBA_ROUTER_???",
                    Table.builder().add(RtnlMdbaRouterAttrs.MDBA_ROUTER_PORT, NetlinkRouteMdb::routerPort).build()))
            .build());
}
