package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Errno;
import io.jstrace.syscalls.xlat.IcmpFilterFlags;
import io.jstrace.syscalls.xlat.IpGetsockoptOptions;
import io.jstrace.syscalls.xlat.IpOptions;
import io.jstrace.syscalls.xlat.IpSetsockoptOptions;
import io.jstrace.syscalls.xlat.Ipv6GetsockoptOptions;
import io.jstrace.syscalls.xlat.Ipv6Options;
import io.jstrace.syscalls.xlat.Ipv6SetsockoptOptions;
import io.jstrace.syscalls.xlat.RawOptions;
import io.jstrace.syscalls.xlat.SockTxrehash;
import io.jstrace.syscalls.xlat.Xlat;
import io.jstrace.syscalls.xlat.NetlinkSockopts;
import io.jstrace.syscalls.xlat.PacketMreqTypes;
import io.jstrace.syscalls.xlat.PacketSockopts;
import io.jstrace.syscalls.xlat.SoOptions;
import io.jstrace.syscalls.xlat.TcpOptions;
import io.jstrace.syscalls.xlat.UdpOptions;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * setsockopt(2) and getsockopt(2): the option name by level and its value, as strace 6.1
 * prints them (src/net.c print_sockopt_fd_level_name, print_setsockopt, print_getsockopt).
 * An int-sized value prints as {@code [1]}, any other length as a string of its bytes (so
 * SO_RCVTIMEO's struct timeval too); struct linger, struct ucred, SO_ERROR's errno, the
 * multicast requests and PACKET_STATISTICS are decoded. The value of a getsockopt prints
 * {@code min(in, out)} bytes of what the kernel wrote.
 */
final class SockOpts {
    private static final int SOL_IP = 0, SOL_SOCKET = 1, SOL_TCP = 6, SOL_UDP = 17, SOL_IPV6 = 41,
            SOL_RAW = 255, SOL_PACKET = 263, SOL_NETLINK = 270;
    /** include/uapi/linux/icmp.h */
    private static final int ICMP_FILTER = 1;
    private static final int SO_ERROR = 4, SO_LINGER = 13, SO_PEERCRED = 17, SO_ATTACH_FILTER = 26,
            SO_ATTACH_REUSEPORT_CBPF = 51, SO_TXREHASH = 74;
    private static final int MCAST_JOIN_GROUP = 42, MCAST_LEAVE_GROUP = 45;
    /** sizeof(struct group_req), struct sock_fprog and struct packet_mreq on 64-bit architectures. */
    private static final int GROUP_REQ_SIZE = 136, SOCK_FPROG_SIZE = 16, PACKET_MREQ_SIZE = 16;
    private static final int PACKET_ADD_MEMBERSHIP = 1, PACKET_DROP_MEMBERSHIP = 2, PACKET_RX_RING = 5,
            PACKET_TX_RING = 13;
    private static final int IP_ADD_MEMBERSHIP = 35, IP_DROP_MEMBERSHIP = 36;
    private static final int IPV6_ADD_MEMBERSHIP = 20, IPV6_DROP_MEMBERSHIP = 21, IPV6_JOIN_ANYCAST = 27,
            IPV6_LEAVE_ANYCAST = 28;
    private static final int PACKET_STATISTICS = 6, NETLINK_LIST_MEMBERSHIPS = 9;

    private SockOpts() {}

    /**
     * SOCKOPT_NAME: by the level before it; getsockopt(2) names option 26 SO_GET_FILTER
     * (include/uapi/asm-generic/socket.h), setsockopt(2) SO_ATTACH_FILTER.
     */
    static Value name(Call c, int i) {
        long level = c.arg(i - 1) & 0xffff_ffffL, name = c.arg(i) & 0xffff_ffffL;
        boolean get = c.name().equals("getsockopt");
        return switch ((int) level) {
            case SOL_SOCKET -> {
                if (name == SO_ATTACH_FILTER && get) {
                    yield new Value.Sym(name, "SO_GET_FILTER");
                }
                yield Numbers.named(SoOptions.XLAT, name, "SO_???");
            }
            case SOL_IP -> Numbers.named(either(IpOptions.XLAT, name, get ? IpGetsockoptOptions.XLAT
                    : IpSetsockoptOptions.XLAT), name, "IP_???");
            case SOL_IPV6 -> Numbers.named(either(Ipv6Options.XLAT, name, get ? Ipv6GetsockoptOptions.XLAT
                    : Ipv6SetsockoptOptions.XLAT), name, "IPV6_???");
            case SOL_RAW -> Numbers.named(RawOptions.XLAT, name, "RAW_???");
            case SOL_TCP -> Numbers.named(TcpOptions.XLAT, name, "TCP_???");
            case SOL_UDP -> Numbers.named(UdpOptions.XLAT, name, "UDP_???");
            case SOL_PACKET -> Numbers.named(PacketSockopts.XLAT, name, "PACKET_???");
            case SOL_NETLINK -> Numbers.named(NetlinkSockopts.XLAT, name, "NETLINK_???");
            default -> new Num(name, Base.UNSIGNED);
        };
    }

    /** strace's printxvals: the first table that names {@code v}. */
    private static Xlat either(Xlat first, long v, Xlat second) {
        return first.name(v) != null ? first : second;
    }

    /**
     * The SOL_SOCKET options whose value is an int, which strace 6.1 prints as {@code [1]}
     * (src/net.c): set with fewer than 4 bytes prints the address, got with fewer prints
     * the bytes in hex, {@code "\x00\x00\x00"}.
     */
    private static final Set<Long> SOCKET_INT_OPTIONS = Set.of(
            SoOptions.SO_DEBUG, SoOptions.SO_REUSEADDR, SoOptions.SO_DONTROUTE, SoOptions.SO_BROADCAST,
            SoOptions.SO_SNDBUF, SoOptions.SO_RCVBUF, SoOptions.SO_KEEPALIVE, SoOptions.SO_OOBINLINE,
            SoOptions.SO_NO_CHECK, SoOptions.SO_PRIORITY, SoOptions.SO_BSDCOMPAT, SoOptions.SO_REUSEPORT,
            SoOptions.SO_PASSCRED, SoOptions.SO_RCVLOWAT, SoOptions.SO_SNDLOWAT, SoOptions.SO_DETACH_FILTER,
            SoOptions.SO_TIMESTAMP_OLD, SoOptions.SO_ACCEPTCONN, SoOptions.SO_SNDBUFFORCE, SoOptions.SO_RCVBUFFORCE,
            SoOptions.SO_PASSSEC, SoOptions.SO_TIMESTAMPNS_OLD, SoOptions.SO_MARK, SoOptions.SO_TIMESTAMPING_OLD,
            SoOptions.SO_RXQ_OVFL, SoOptions.SO_WIFI_STATUS, SoOptions.SO_PEEK_OFF, SoOptions.SO_NOFCS,
            SoOptions.SO_LOCK_FILTER, SoOptions.SO_SELECT_ERR_QUEUE, SoOptions.SO_BUSY_POLL,
            SoOptions.SO_INCOMING_CPU, SoOptions.SO_CNX_ADVICE, SoOptions.SO_INCOMING_NAPI_ID, SoOptions.SO_ZEROCOPY,
            SoOptions.SO_TIMESTAMP_NEW, SoOptions.SO_TIMESTAMPNS_NEW, SoOptions.SO_TIMESTAMPING_NEW,
            SoOptions.SO_DETACH_REUSEPORT_BPF, SoOptions.SO_PREFER_BUSY_POLL, SoOptions.SO_BUSY_POLL_BUDGET,
            SoOptions.SO_RESERVE_MEM, SoOptions.SO_RCVMARK);

    /** setsockopt's optval; optlen is the next argument. */
    static Value setValue(Call c, int i) {
        long addr = c.arg(i);
        int level = (int) c.arg(i - 2), name = (int) c.arg(i - 1), len = (int) c.arg(i + 1);
        if (addr == 0) return new Addr(0);
        if (level == SOL_SOCKET && name == SO_LINGER) return len < 8 ? new Addr(addr) : linger(c, addr, 8);
        if (level == SOL_SOCKET && (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF)) {
            return len != SOCK_FPROG_SIZE ? new Addr(addr) : ClassicBpf.socketFprog(c, addr);
        }
        if (level == SOL_SOCKET && name == SO_TXREHASH) return len < 4 ? new Addr(addr) : txrehash(c, addr);
        if ((level == SOL_IP || level == SOL_IPV6) && (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP)) {
            return len < GROUP_REQ_SIZE ? new Addr(addr) : groupReq(c, addr); // a longer optval: its first group_req
        }
        if (level == SOL_PACKET && (name == PACKET_RX_RING || name == PACKET_TX_RING)) {
            return len != 16 ? new Addr(addr) : SocketDecoders.intFields(c, addr, 16, 16, new String[] {"tp_block_size",
                "tp_block_nr", "tp_frame_size", "tp_frame_nr"}, Collections.nCopies(4, SocketDecoders.UNSIGNED));
        }
        if (level == SOL_PACKET && (name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP)) {
            return len != PACKET_MREQ_SIZE ? new Addr(addr) : packetMreq(c, addr);
        }
        if (level == SOL_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)) {
            return len < 8 ? new Addr(addr) : ipMreq(c, addr);
        }
        if (level == SOL_IPV6 && (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP
                || name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST)) {
            return len < 20 ? new Addr(addr) : ipv6Mreq(c, addr);
        }
        if (level == SOL_NETLINK || level == SOL_SOCKET && SOCKET_INT_OPTIONS.contains((long) name)) {
            return len < 4 ? new Addr(addr) : SocketDecoders.intAt(c, addr);
        }
        if (level == SOL_RAW && name == ICMP_FILTER) return icmpFilter(c, addr, len);
        return generic(c, addr, len);
    }

    /**
     * struct icmp_filter (include/uapi/linux/icmp.h): the ICMP types a raw socket drops, a
     * bit each; with more than half of them set, the ones not set after a {@code ~}. A
     * shorter optval fills the low bytes of a filter of all ones (src/net.c print_icmp_filter).
     */
    private static Value icmpFilter(Call c, long addr, int len) {
        if (len <= 0) return new Addr(addr);
        byte[] b = c.memory().read(addr, Math.min(len, 4));
        if (b == null) return new Value.Unreadable(addr);
        int data = -1;
        for (int k = 0; k < b.length; k++) data = data & ~(0xff << (8 * k)) | (b[k] & 0xff) << (8 * k);
        boolean inverted = Integer.bitCount(data) > 16;
        if (inverted) data = ~data;
        List<Value> types = new java.util.ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((data >>> bit & 1) != 0) types.add(Numbers.named(IcmpFilterFlags.XLAT, bit, "ICMP_???"));
        }
        String open = inverted ? "~[" : "[";
        return new Value.Styled(bitset(open, types, XlatStyle.ABBREV), bitset(open, types, XlatStyle.RAW),
                bitset(open, types, XlatStyle.VERBOSE));
    }

    private static Value bitset(String open, List<Value> items, XlatStyle style) {
        StringBuilder out = new StringBuilder(open);
        for (int k = 0; k < items.size(); k++) out.append(k > 0 ? " " : "").append(Notes.render(items.get(k), style));
        return new Value.Text(out.append(']').toString());
    }

    /**
     * getsockopt's optval once the kernel filled it; the address when
     * the call failed, the length was missing at entry or either length is not positive.
     */
    static Value getValue(Call c, int i) {
        long addr = c.arg(i);
        Integer in = SocketDecoders.lengthAtEntry(c, i + 1), out = SocketDecoders.lengthAtExit(c, i + 1);
        if (in == null || out == null || !c.succeeded() || in <= 0 || out <= 0) return new Addr(addr);
        if (addr == 0) return generic(c, addr, out);
        int level = (int) c.arg(i - 2), name = (int) c.arg(i - 1);
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_LINGER: return linger(c, addr, out);
                case SO_PEERCRED: return SocketDecoders.intFields(c, addr, out, 12, new String[] {"pid", "uid", "gid"},
                        List.of(pid -> Pids.pid(c, pid, PidType.TGID), SocketDecoders.UNSIGNED, SocketDecoders.UNSIGNED));
                case SO_ATTACH_FILTER: // the kernel answers the instruction count, a u16
                    return out != (out & 0xffff) ? new Addr(addr) : ClassicBpf.socketProgram(c, addr, out);
                case SO_ERROR: return out < 4 ? shortInt(c, addr, out) : soError(c, addr);
                case SO_TXREHASH: return out < 4 ? shortInt(c, addr, out) : txrehash(c, addr);
                default:
                    if (SOCKET_INT_OPTIONS.contains((long) name)) {
                        return out < 4 ? shortInt(c, addr, out) : SocketDecoders.intAt(c, addr);
                    }
                    break;
            }
        }
        if (level == SOL_PACKET && name == PACKET_STATISTICS) {
            return SocketDecoders.intFields(c, addr, out, 12, new String[] {"tp_packets", "tp_drops", "tp_freeze_q_cnt"},
                    Collections.nCopies(3, SocketDecoders.UNSIGNED));
        }
        if (level == SOL_RAW && name == ICMP_FILTER) return icmpFilter(c, addr, out);
        if (level == SOL_NETLINK) {
            return name == NETLINK_LIST_MEMBERSHIPS ? groups(c, addr, Math.min(in, out) / 4) : SocketDecoders.intAt(c, addr);
        }
        return generic(c, addr, out);
    }

    /** An int option the kernel returned fewer than 4 bytes of: the bytes in hex. */
    private static Value shortInt(Call c, long addr, int len) {
        return Strings.hexBuffer(Strings.buffer(c, addr, len));
    }

    /** The default: an int as {@code [1]}, any other length as its bytes. */
    private static Value generic(Call c, long addr, int len) {
        if (len == 4) return SocketDecoders.intAt(c, addr);
        return Strings.buffer(c, addr, len & 0xffff_ffffL);
    }

    /** struct linger (include/linux/socket.h): {@code {l_onoff=1, l_linger=5}}. */
    private static Value linger(Call c, long addr, int len) {
        return SocketDecoders.intFields(c, addr, len, 8, new String[] {"l_onoff", "l_linger"},
                Collections.nCopies(2, SocketDecoders.SIGNED));
    }

    /** SO_ERROR: the pending error by name, {@code [ECONNREFUSED]}, or {@code [0]}. */
    private static Value soError(Call c, long addr) {
        byte[] b = c.memory().read(addr, 4);
        if (b == null) return new Value.Unreadable(addr);
        int err = TraceeArrays.s32(b, 0);
        Errno e = Errno.of(err);
        return SocketDecoders.indirect(err != 0 && e.known() ? new Value.Sym(err, e.name()) : Value.dec(err));
    }

    /** SO_TXREHASH's value: {@code [SOCK_TXREHASH_ENABLED]}, unknown ones in decimal. */
    private static Value txrehash(Call c, long addr) {
        byte[] b = c.memory().read(addr, 4);
        if (b == null) return new Value.Unreadable(addr);
        long v = SockAddrs.u32(b, 0);
        String name = SockTxrehash.XLAT.name(v);
        return SocketDecoders.indirect(name != null ? new Value.Sym((int) v, name, Value.Base.SIGNED) // printxval_d
                : new Value.Commented(Value.dec((int) v), "SOCK_TXREHASH_???"));
    }

    /**
     * struct group_req (include/uapi/linux/in.h): the interface, then the group as a
     * sockaddr_storage after 4 bytes of padding.
     */
    private static Value groupReq(Call c, long addr) {
        byte[] raw = c.memory().read(addr, GROUP_REQ_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        byte[] group = java.util.Arrays.copyOfRange(raw, 8, 8 + SockAddrs.SOCKADDR_STORAGE_SIZE + 1);
        return new Value.Struct(List.of(field("gr_interface", SockAddrs.ifindex(SockAddrs.u32(raw, 0))),
                field("gr_group", SockAddrs.print(c, group, SockAddrs.SOCKADDR_STORAGE_SIZE))), false);
    }

    /**
     * struct packet_mreq (include/uapi/linux/if_packet.h): mr_address as
     * {@code 01:02:03}, mr_alen bytes of it (at most its 8).
     */
    private static Value packetMreq(Call c, long addr) {
        byte[] raw = c.memory().read(addr, PACKET_MREQ_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        int alen = Math.min(SockAddrs.u16(raw, 6), 8);
        StringBuilder mac = new StringBuilder();
        for (int k = 0; k < alen; k++) mac.append(k > 0 ? ":" : "").append(String.format("%02x", raw[8 + k] & 0xff));
        return new Value.Struct(List.of(field("mr_ifindex", SockAddrs.ifindex(SockAddrs.u32(raw, 0))),
                field("mr_type", Numbers.named(PacketMreqTypes.XLAT, SockAddrs.u16(raw, 4), "PACKET_MR_???")),
                field("mr_alen", new Num(SockAddrs.u16(raw, 6), Base.UNSIGNED)),
                field("mr_address", SockAddrs.networkOrder(raw, 8, alen, new Value.Text(mac.toString())))), false);
    }

    /** struct ip_mreq (include/uapi/linux/in.h). */
    private static Value ipMreq(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("imr_multiaddr", SockAddrs.inetAddr(raw, 0)),
                field("imr_interface", SockAddrs.inetAddr(raw, 4))), false);
    }

    /** struct ipv6_mreq (include/uapi/linux/in6.h). */
    private static Value ipv6Mreq(Call c, long addr) {
        byte[] raw = c.memory().read(addr, 20);
        if (raw == null) return new Value.Unreadable(addr);
        Value group = new Value.Fn("inet_pton", List.of(new Value.Sym(10, "AF_INET6"),
                new Value.Str(Inet6.ntop(raw, 0).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false),
                new Value.Text("&ipv6mr_multiaddr")), true);
        return new Value.Struct(List.of(field("ipv6mr_multiaddr", group),
                field("ipv6mr_interface", SockAddrs.ifindex(SockAddrs.u32(raw, 16)))), false);
    }

    /** NETLINK_LIST_MEMBERSHIPS: the group bitmap as an array of unsigned words. */
    private static Value groups(Call c, long addr, int count) {
        return TraceeArrays.array(c, addr, count, 4, raw -> new Num(SockAddrs.u32(raw, 0), Base.UNSIGNED));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(3, Verbosity.struct(SockOpts::setValue)), "setsockopt");
        r.add(SyscallDecoder.custom(3, Verbosity.struct(SockOpts::getValue)), "getsockopt");
    }
}
