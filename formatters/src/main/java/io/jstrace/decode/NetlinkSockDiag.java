package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.InetDiagAttrs;
import io.jstrace.syscalls.xlat.InetDiagBytecodes;
import io.jstrace.syscalls.xlat.InetDiagReqAttrs;
import io.jstrace.syscalls.xlat.IpProtocols;
import io.jstrace.syscalls.xlat.NetlinkDiagAttrs;
import io.jstrace.syscalls.xlat.NetlinkDiagShow;
import io.jstrace.syscalls.xlat.NetlinkGetFlags;
import io.jstrace.syscalls.xlat.NetlinkProtocols;
import io.jstrace.syscalls.xlat.NetlinkSocketFlags;
import io.jstrace.syscalls.xlat.NetlinkStates;
import io.jstrace.syscalls.xlat.NlSockDiagTypes;
import io.jstrace.syscalls.xlat.SkMeminfoIndices;
import io.jstrace.syscalls.xlat.SocketTypes;
import io.jstrace.syscalls.xlat.TcpStates;
import io.jstrace.syscalls.xlat.UnixDiagAttrs;
import io.jstrace.syscalls.xlat.UnixDiagShow;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * NETLINK_SOCK_DIAG messages (include/uapi/linux/sock_diag.h, unix_diag.h, netlink_diag.h,
 * inet_diag.h; sock_diag(7)), as strace 6.1 prints them (src/netlink_sock_diag.c,
 * netlink_unix_diag.c, netlink_netlink_diag.c, netlink_inet_diag.c): a request
 * (NLM_F_REQUEST set) or a response of the family its first byte names, then its attributes;
 * the families without a decoder here print {@code {family=AF_PACKET, data="\x..."}}.
 */
final class NetlinkSockDiag {
    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16, AF_PACKET = 17, AF_SMC = 43;
    private static final int NLM_F_REQUEST = 1, NLMSG_DONE = 3;
    /** include/uapi/linux/netlink_diag.h: NDIAG_PROTO_ALL. */
    private static final int NDIAG_PROTO_ALL = 0xff;

    static final Netlink.Protocol PROTOCOL = new Netlink.Protocol(NlSockDiagTypes.XLAT, "SOCK_DIAG_???",
            type -> NetlinkGetFlags.XLAT, NetlinkSockDiag::payload);

    /** tcp_state_flags: each TCP state as a bit, {@code 1<<TCP_LISTEN}. */
    static final Xlat TCP_STATE_FLAGS = NetlinkAttrs.shifted(TcpStates.XLAT, 0, "1<<");
    /** inet_diag_extended_flags: the attribute INET_DIAG_X asked for as bit X-1. */
    private static final Xlat INET_DIAG_EXT_FLAGS = NetlinkAttrs.shifted(InetDiagAttrs.XLAT, 1, "1<<(");

    private NetlinkSockDiag() {}

    /** A message's decoder, given its family. */
    @FunctionalInterface
    interface Message {
        List<Value> decode(Call c, Netlink.Header h, int family, long addr, int len);
    }

    /** decode_netlink_sock_diag: by family, a request's or a response's decoder. */
    private static List<Value> payload(Call c, Netlink.Header h, long addr, int len) {
        if (h.type() == NLMSG_DONE) return null;
        byte[] f = c.memory().read(addr, 1);
        if (f == null) return List.of(new Value.Addr(addr));
        int family = f[0] & 0xff;
        boolean request = (h.flags() & NLM_F_REQUEST) != 0;
        Message m = len > 1 ? switch (family) {
            case AF_UNIX -> request ? NetlinkSockDiag::unixRequest : NetlinkSockDiag::unixMessage;
            case AF_NETLINK -> request ? NetlinkSockDiag::netlinkRequest : NetlinkSockDiag::netlinkMessage;
            case AF_INET, AF_INET6 -> request ? NetlinkSockDiag::inetRequest : NetlinkSockDiag::inetMessage;
            case AF_PACKET -> request ? NetlinkPacketDiag::request : NetlinkPacketDiag::message;
            case AF_SMC -> request ? NetlinkSmcDiag::request : NetlinkSmcDiag::message;
            default -> null;
        } : null;
        if (m != null) return m.decode(c, h, family, addr, len);
        List<Field> fields = new ArrayList<>();
        fields.add(field("family", NetlinkRoute.family(family)));
        if (len > 1) fields.add(field("data", Netlink.hex(c, addr + 1, len - 1)));
        return List.of(new Value.Struct(fields, false));
    }

    private static Value u8(byte[] b, int off) {
        return new Num(b[off] & 0xff, Base.UNSIGNED);
    }

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** PRINT_FIELD_COOKIE: the two u32 of a socket cookie, {@code [0, 0]}. */
    static Value cookie(byte[] b, int off) {
        return new Value.Arr(List.of(u32(b, off), u32(b, off + 4)), false);
    }

    // ---- AF_UNIX: struct unix_diag_req, struct unix_diag_msg (netlink_unix_diag.c)

    private static final int UNIX_DIAG_REQ_SIZE = 24, UNIX_DIAG_MSG_SIZE = 16;

    private static List<Value> unixRequest(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, UNIX_DIAG_REQ_SIZE, "sdiag_family", NetlinkRoute.family(family),
                (raw, f) -> {
                    f.add(field("sdiag_protocol", u8(raw, 1)));
                    f.add(field("udiag_states", Numbers.flags(TCP_STATE_FLAGS, SockAddrs.u32(raw, 4), "1<<TCP_???")));
                    f.add(field("udiag_ino", u32(raw, 8)));
                    f.add(field("udiag_show", Numbers.flags(UnixDiagShow.XLAT, SockAddrs.u32(raw, 12), "UDIAG_SHOW_???")));
                    f.add(field("udiag_cookie", cookie(raw, 16)));
                }, null);
    }

    private static final Table UNIX_DIAG = Table.builder()
            .add(UnixDiagAttrs.UNIX_DIAG_NAME, NetlinkAttrs::str)
            .add(UnixDiagAttrs.UNIX_DIAG_VFS, NetlinkSockDiag::unixVfs)
            .add(UnixDiagAttrs.UNIX_DIAG_PEER, NetlinkAttrs::u32)
            .add(UnixDiagAttrs.UNIX_DIAG_ICONS, NetlinkSockDiag::inodes)
            .add(UnixDiagAttrs.UNIX_DIAG_RQLEN, (c, a, l) -> NetlinkRoute.u32Struct(c, a, l, "udiag_rqueue", "udiag_wqueue"))
            .add(UnixDiagAttrs.UNIX_DIAG_MEMINFO, NetlinkSockDiag::meminfo)
            .add(UnixDiagAttrs.UNIX_DIAG_SHUTDOWN, NetlinkAttrs::u8)
            .add(UnixDiagAttrs.UNIX_DIAG_UID, NetlinkAttrs::u32)
            .build();

    private static List<Value> unixMessage(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, UNIX_DIAG_MSG_SIZE, "udiag_family", NetlinkRoute.family(family),
                (raw, f) -> {
                    f.add(field("udiag_type", Numbers.named(SocketTypes.XLAT, raw[1] & 0xff, "SOCK_???")));
                    f.add(field("udiag_state", Numbers.named(TcpStates.XLAT, raw[2] & 0xff, "TCP_???")));
                    f.add(field("udiag_ino", u32(raw, 4)));
                    f.add(field("udiag_cookie", cookie(raw, 8)));
                }, raw -> new NetlinkAttrs.Set(UnixDiagAttrs.XLAT, "UNIX_DIAG_???", UNIX_DIAG));
    }

    /** struct unix_diag_vfs: {@code {udiag_vfs_dev=makedev(0x8, 0x1), udiag_vfs_ino=N}}. */
    private static Value unixVfs(Call c, long addr, int len) {
        if (len < 8) return null;
        byte[] b = c.memory().read(addr, 8);
        if (b == null) return new Value.Addr(addr);
        // the kernel's layout is {udiag_vfs_ino, udiag_vfs_dev}; strace prints the device first
        return new Value.Struct(List.of(field("udiag_vfs_dev", FileDecoders.dev(SockAddrs.u32(b, 4))),
                field("udiag_vfs_ino", u32(b, 0))), false);
    }

    /** UNIX_DIAG_ICONS: the inodes of the connections waiting, {@code [1234, 1235]}. */
    private static Value inodes(Call c, long addr, int len) {
        if (len < 4) return null;
        return TraceeArrays.array(c, addr, len / 4, 4, b -> u32(b, 0));
    }

    /**
     * decode_nla_meminfo: the SK_MEMINFO_* counters with their indices,
     * {@code [[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, ...]}.
     */
    static Value meminfo(Call c, long addr, int len) {
        return MEMINFO.decode(c, addr, len);
    }

    private static final NetlinkAttrs.Decoder MEMINFO = NetlinkAttrs.indexed(SkMeminfoIndices.XLAT, "SK_MEMINFO_???", 4, false);

    // ---- AF_NETLINK: struct netlink_diag_req, struct netlink_diag_msg (netlink_netlink_diag.c)

    private static final int NETLINK_DIAG_REQ_SIZE = 20, NETLINK_DIAG_MSG_SIZE = 28;

    private static List<Value> netlinkRequest(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, NETLINK_DIAG_REQ_SIZE, "sdiag_family", NetlinkRoute.family(family),
                (raw, f) -> {
                    int proto = raw[1] & 0xff;
                    f.add(field("sdiag_protocol", proto == NDIAG_PROTO_ALL ? new Value.Sym(proto, "NDIAG_PROTO_ALL")
                            : Numbers.named(NetlinkProtocols.XLAT, proto, "NETLINK_???")));
                    f.add(field("ndiag_ino", u32(raw, 4)));
                    f.add(field("ndiag_show", Numbers.flags(NetlinkDiagShow.XLAT, SockAddrs.u32(raw, 8), "NDIAG_SHOW_???")));
                    f.add(field("ndiag_cookie", cookie(raw, 12)));
                }, null);
    }

    private static final Table NETLINK_DIAG = Table.builder()
            .add(NetlinkDiagAttrs.NETLINK_DIAG_MEMINFO, NetlinkSockDiag::meminfo)
            .add(NetlinkDiagAttrs.NETLINK_DIAG_GROUPS, NetlinkSockDiag::groups)
            .add(NetlinkDiagAttrs.NETLINK_DIAG_RX_RING, NetlinkSockDiag::ring)
            .add(NetlinkDiagAttrs.NETLINK_DIAG_TX_RING, NetlinkSockDiag::ring)
            .add(NetlinkDiagAttrs.NETLINK_DIAG_FLAGS, NetlinkAttrs.flags(4, NetlinkSocketFlags.XLAT, "NDIAG_FLAG_???"))
            .build();

    private static List<Value> netlinkMessage(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, NETLINK_DIAG_MSG_SIZE, "ndiag_family", NetlinkRoute.family(family),
                (raw, f) -> {
                    f.add(field("ndiag_type", Numbers.named(SocketTypes.XLAT, raw[1] & 0xff, "SOCK_???")));
                    f.add(field("ndiag_protocol", Numbers.named(NetlinkProtocols.XLAT, raw[2] & 0xff, "NETLINK_???")));
                    f.add(field("ndiag_state", Numbers.named(NetlinkStates.XLAT, raw[3] & 0xff, "NETLINK_???")));
                    f.add(field("ndiag_portid", u32(raw, 4)));
                    f.add(field("ndiag_dst_portid", u32(raw, 8)));
                    f.add(field("ndiag_dst_group", u32(raw, 12)));
                    f.add(field("ndiag_ino", u32(raw, 16)));
                    f.add(field("ndiag_cookie", cookie(raw, 20)));
                }, raw -> new NetlinkAttrs.Set(NetlinkDiagAttrs.XLAT, "NETLINK_DIAG_???", NETLINK_DIAG));
    }

    /** NETLINK_DIAG_GROUPS: the bitmap of groups, longs as {@code 0x00000001} (print_group). */
    private static Value groups(Call c, long addr, int len) {
        if (len < 8) return null;
        return TraceeArrays.array(c, addr, len / 8, 8, b -> SockAddrs.zeroPadded(TraceeArrays.u64(b, 0), 8));
    }

    /** struct netlink_diag_ring: four u32 fields. */
    private static Value ring(Call c, long addr, int len) {
        return NetlinkRoute.u32Struct(c, addr, len, "ndr_block_size", "ndr_block_nr", "ndr_frame_size", "ndr_frame_nr");
    }

    // ---- AF_INET, AF_INET6: inet_diag_req, inet_diag_req_v2, inet_diag_msg (netlink_inet_diag.c)

    private static final int INET_DIAG_SOCKID_SIZE = 48;
    private static final int INET_DIAG_REQ_SIZE = 60, INET_DIAG_REQ_V2_SIZE = 56, INET_DIAG_MSG_SIZE = 72;

    /** print_inet_diag_sockid: ports, addresses of the family, interface and cookie. */
    static Value sockid(byte[] raw, int off, int family) {
        List<Field> f = new ArrayList<>();
        f.add(field("idiag_sport", SockAddrs.netPort(SockAddrs.u16be(raw, off))));
        f.add(field("idiag_dport", SockAddrs.netPort(SockAddrs.u16be(raw, off + 2))));
        f.add(NetlinkAttrs.inetField("idiag_src", raw, off + 4, family, 16));
        f.add(NetlinkAttrs.inetField("idiag_dst", raw, off + 20, family, 16));
        f.add(field("idiag_if", SockAddrs.ifindex(SockAddrs.u32(raw, off + 36))));
        f.add(field("idiag_cookie", cookie(raw, off + 40)));
        return new Value.Struct(f, false);
    }

    private static final int BC_OP_SIZE = 4, HOSTCOND_SIZE = 8, MARKCOND_SIZE = 8;

    /** struct inet_diag_bc_op: {@code {code=INET_DIAG_BC_S_COND, yes=4, no=8}}. */
    private static Value bcOp(byte[] b) {
        return new Value.Struct(List.of(
                field("code", Numbers.named(InetDiagBytecodes.XLAT, b[0] & 0xff, "INET_DIAG_BC_???")),
                field("yes", u8(b, 1)), field("no", new Num(SockAddrs.u16(b, 2), Base.UNSIGNED))), false);
    }

    /**
     * INET_DIAG_REQ_BYTECODE (netlink_inet_diag.c decode_inet_diag_bc_op): the first operation,
     * then what follows it as the operation's code defines it.
     */
    private static Value bytecode(Call c, long addr, int len) {
        if (len < BC_OP_SIZE) return null;
        byte[] b = c.memory().read(addr, BC_OP_SIZE);
        if (b == null) return new Value.Addr(addr);
        if (len == BC_OP_SIZE) return bcOp(b);
        return NetlinkAttrs.joined(List.of(bcOp(b), bytecodeData(c, addr + BC_OP_SIZE, len - BC_OP_SIZE, b[0] & 0xff)),
                ", ");
    }

    /** decode_bytecode_data: a host or mark condition, a device, or a port comparison's bound; else hex. */
    private static Value bytecodeData(Call c, long addr, int len, int code) {
        int size = switch (code) {
            case (int) InetDiagBytecodes.INET_DIAG_BC_S_COND, (int) InetDiagBytecodes.INET_DIAG_BC_D_COND -> HOSTCOND_SIZE;
            case (int) InetDiagBytecodes.INET_DIAG_BC_MARK_COND -> MARKCOND_SIZE;
            case (int) InetDiagBytecodes.INET_DIAG_BC_DEV_COND -> 4;
            case (int) InetDiagBytecodes.INET_DIAG_BC_S_GE, (int) InetDiagBytecodes.INET_DIAG_BC_S_LE,
                    (int) InetDiagBytecodes.INET_DIAG_BC_D_GE, (int) InetDiagBytecodes.INET_DIAG_BC_D_LE -> BC_OP_SIZE;
            default -> 0;
        };
        if (size == 0 || len < size) return Netlink.hex(c, addr, len);
        byte[] b = c.memory().read(addr, size);
        if (b == null) return new Value.Addr(addr);
        return switch (code) {
            case (int) InetDiagBytecodes.INET_DIAG_BC_S_COND, (int) InetDiagBytecodes.INET_DIAG_BC_D_COND ->
                    hostcond(c, addr, len, b);
            case (int) InetDiagBytecodes.INET_DIAG_BC_MARK_COND ->
                    new Value.Struct(List.of(field("mark", u32(b, 0)), field("mask", u32(b, 4))), false);
            case (int) InetDiagBytecodes.INET_DIAG_BC_DEV_COND -> SockAddrs.ifindex(SockAddrs.u32(b, 0));
            default -> bcOp(b);
        };
    }

    /** struct inet_diag_hostcond: {@code {family, prefix_len, port}}, then the address after it, named addr. */
    private static Value hostcond(Call c, long addr, int len, byte[] b) {
        int family = b[0] & 0xff;
        List<Field> f = new ArrayList<>(List.of(field("family", NetlinkRoute.family(family)),
                field("prefix_len", u8(b, 1)), field("port", u32(b, 4))));
        if (len > HOSTCOND_SIZE) {
            long at = addr + HOSTCOND_SIZE;
            int rest = len - HOSTCOND_SIZE, size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
            byte[] a = size == 0 || rest < size ? null : c.memory().read(at, size);
            f.add(size == 0 || rest < size ? field("addr", Netlink.hex(c, at, rest))
                    : a == null ? field("addr", new Value.Addr(at)) : NetlinkAttrs.inetField("addr", a, 0, family));
        }
        return new Value.Struct(f, false);
    }

    private static final Table INET_DIAG_REQ = Table.builder()
            .add(InetDiagReqAttrs.INET_DIAG_REQ_BYTECODE, NetlinkSockDiag::bytecode)
            .add(InetDiagReqAttrs.INET_DIAG_REQ_PROTOCOL, NetlinkAttrs.xval(0, IpProtocols.XLAT, "IPPROTO_???"))
            .build();

    /** decode_inet_diag_req: TCPDIAG_GETSOCK and DCCPDIAG_GETSOCK take the old struct, others v2. */
    private static List<Value> inetRequest(Call c, Netlink.Header h, int family, long addr, int len) {
        boolean compat = h.type() == NlSockDiagTypes.TCPDIAG_GETSOCK || h.type() == NlSockDiagTypes.DCCPDIAG_GETSOCK;
        if (compat) {
            return Netlink.familyStruct(c, addr, len, INET_DIAG_REQ_SIZE, "idiag_family", NetlinkRoute.family(family),
                    (raw, f) -> {
                        f.add(field("idiag_src_len", u8(raw, 1)));
                        f.add(field("idiag_dst_len", u8(raw, 2)));
                        f.add(field("idiag_ext", Numbers.flags(INET_DIAG_EXT_FLAGS, raw[3] & 0xff, "1<<INET_DIAG_???-1")));
                        f.add(field("id", sockid(raw, 4, family)));
                        f.add(field("idiag_states", Numbers.flags(TCP_STATE_FLAGS, SockAddrs.u32(raw, 52), "1<<TCP_???")));
                        f.add(field("idiag_dbs", u32(raw, 56)));
                    }, raw -> new NetlinkAttrs.Set(InetDiagReqAttrs.XLAT, "INET_DIAG_REQ_???", INET_DIAG_REQ));
        }
        return Netlink.familyStruct(c, addr, len, INET_DIAG_REQ_V2_SIZE, "sdiag_family", NetlinkRoute.family(family),
                (raw, f) -> {
                    f.add(field("sdiag_protocol", Numbers.named(IpProtocols.XLAT, raw[1] & 0xff, "IPPROTO_???")));
                    f.add(field("idiag_ext", Numbers.flags(INET_DIAG_EXT_FLAGS, raw[2] & 0xff, "1<<INET_DIAG_???-1")));
                    f.add(field("idiag_states", Numbers.flags(TCP_STATE_FLAGS, SockAddrs.u32(raw, 4), "1<<TCP_???")));
                    f.add(field("id", sockid(raw, 8, family)));
                }, raw -> new NetlinkAttrs.Set(InetDiagReqAttrs.XLAT, "INET_DIAG_REQ_???", INET_DIAG_REQ));
    }

    private static List<Value> inetMessage(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, INET_DIAG_MSG_SIZE, "idiag_family", NetlinkRoute.family(family),
                (raw, f) -> {
                    f.add(field("idiag_state", Numbers.named(TcpStates.XLAT, raw[1] & 0xff, "TCP_???")));
                    f.add(field("idiag_timer", u8(raw, 2)));
                    f.add(field("idiag_retrans", u8(raw, 3)));
                    f.add(field("id", sockid(raw, 4, family)));
                    f.add(field("idiag_expires", u32(raw, 52)));
                    f.add(field("idiag_rqueue", u32(raw, 56)));
                    f.add(field("idiag_wqueue", u32(raw, 60)));
                    f.add(field("idiag_uid", u32(raw, 64)));
                    f.add(field("idiag_inode", u32(raw, 68)));
                }, raw -> new NetlinkAttrs.Set(InetDiagAttrs.XLAT, "INET_DIAG_???", NetlinkInetDiagAttrs.TABLE));
    }
}
