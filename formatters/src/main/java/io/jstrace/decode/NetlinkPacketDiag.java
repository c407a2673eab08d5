package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.AfPacketVersions;
import io.jstrace.syscalls.xlat.EthernetProtocols;
import io.jstrace.syscalls.xlat.PacketDiagAttrs;
import io.jstrace.syscalls.xlat.PacketDiagInfoFlags;
import io.jstrace.syscalls.xlat.PacketDiagShow;
import io.jstrace.syscalls.xlat.SocketTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * sock_diag of AF_PACKET sockets: {@code struct packet_diag_req}, {@code struct
 * packet_diag_msg} and its PACKET_DIAG_* attributes (include/uapi/linux/packet_diag.h), as
 * strace 6.1 prints them (src/netlink_packet_diag.c).
 */
final class NetlinkPacketDiag {
    private static final int REQ_SIZE = 20, MSG_SIZE = 16, MCLIST_SIZE = 44, SOCK_FILTER_SIZE = 8;

    private NetlinkPacketDiag() {}

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** decode_packet_diag_req: {@code {sdiag_family, sdiag_protocol, pdiag_ino, pdiag_show, pdiag_cookie}}. */
    static List<Value> request(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, REQ_SIZE, "sdiag_family", NetlinkRoute.family(family), (raw, f) -> {
            f.add(field("sdiag_protocol", Value.hex(raw[1] & 0xff)));
            f.add(field("pdiag_ino", u32(raw, 4)));
            f.add(field("pdiag_show", Numbers.flags(PacketDiagShow.XLAT, SockAddrs.u32(raw, 8), "PACKET_SHOW_???")));
            f.add(field("pdiag_cookie", NetlinkSockDiag.cookie(raw, 12)));
        }, null);
    }

    /** decode_packet_diag_msg: {@code {pdiag_family, pdiag_type, pdiag_num, pdiag_ino, pdiag_cookie}}, then attributes. */
    static List<Value> message(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, MSG_SIZE, "pdiag_family", NetlinkRoute.family(family), (raw, f) -> {
            f.add(field("pdiag_type", Numbers.named(SocketTypes.XLAT, raw[1] & 0xff, "SOCK_???")));
            f.add(field("pdiag_num", Numbers.named(EthernetProtocols.XLAT, SockAddrs.u16(raw, 2), "ETH_P_???")));
            f.add(field("pdiag_ino", u32(raw, 4)));
            f.add(field("pdiag_cookie", NetlinkSockDiag.cookie(raw, 8)));
        }, raw -> ATTRS);
    }

    /** struct packet_diag_info. */
    private static final NetlinkAttrs.Decoder INFO = NetlinkAttrs.struct(24, b -> List.of(
            field("pdi_index", SockAddrs.ifindex(SockAddrs.u32(b, 0))),
            field("pdi_version", Numbers.named(AfPacketVersions.XLAT, SockAddrs.u32(b, 4), "TPACKET_???")),
            field("pdi_reserve", u32(b, 8)),
            field("pdi_copy_thresh", u32(b, 12)),
            field("pdi_tstamp", u32(b, 16)),
            field("pdi_flags", Numbers.flags(PacketDiagInfoFlags.XLAT, SockAddrs.u32(b, 20), "PDI_???"))));

    /** PACKET_DIAG_MCLIST: struct packet_diag_mclist entries, each address as long as pdmc_alen says (at most 32). */
    private static Value mclist(Call c, long addr, int len) {
        if (len < MCLIST_SIZE) return null;
        return TraceeArrays.array(c, addr, len / MCLIST_SIZE, MCLIST_SIZE, b -> {
            int alen = SockAddrs.u16(b, 10);
            List<Field> f = new ArrayList<>();
            f.add(field("pdmc_index", SockAddrs.ifindex(SockAddrs.u32(b, 0))));
            f.add(field("pdmc_count", u32(b, 4)));
            f.add(field("pdmc_type", new Num(SockAddrs.u16(b, 8), Base.UNSIGNED)));
            f.add(field("pdmc_alen", new Num(alen, Base.UNSIGNED)));
            f.add(field("pdmc_addr", SocketDecoders.hexBytes(b, 12, 12 + Math.min(alen, 32))));
            return new Value.Struct(f, false);
        });
    }

    /** struct packet_diag_ring: seven u32. */
    private static Value ring(Call c, long addr, int len) {
        return NetlinkRoute.u32Struct(c, addr, len, "pdr_block_size", "pdr_block_nr", "pdr_frame_size", "pdr_frame_nr",
                "pdr_retire_tmo", "pdr_sizeof_priv", "pdr_features");
    }

    /** PACKET_DIAG_FILTER: the socket's classic BPF instructions, as SO_GET_FILTER prints them. */
    private static Value filter(Call c, long addr, int len) {
        int n = len / SOCK_FILTER_SIZE;
        if (n == 0 || n > 0xffff) return null;
        return ClassicBpf.socketProgram(c, addr, n);
    }

    private static final NetlinkAttrs.Set ATTRS = new NetlinkAttrs.Set(PacketDiagAttrs.XLAT, "PACKET_DIAG_???",
            Table.builder()
                    .add(PacketDiagAttrs.PACKET_DIAG_INFO, INFO)
                    .add(PacketDiagAttrs.PACKET_DIAG_MCLIST, NetlinkPacketDiag::mclist)
                    .add(PacketDiagAttrs.PACKET_DIAG_RX_RING, NetlinkPacketDiag::ring)
                    .add(PacketDiagAttrs.PACKET_DIAG_TX_RING, NetlinkPacketDiag::ring)
                    .add(PacketDiagAttrs.PACKET_DIAG_FANOUT, NetlinkAttrs::u32)
                    .add(PacketDiagAttrs.PACKET_DIAG_UID, NetlinkAttrs::uid)
                    .add(PacketDiagAttrs.PACKET_DIAG_MEMINFO, NetlinkSockDiag::meminfo)
                    .add(PacketDiagAttrs.PACKET_DIAG_FILTER, NetlinkPacketDiag::filter)
                    .build());
}
