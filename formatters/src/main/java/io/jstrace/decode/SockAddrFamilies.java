package io.jstrace.decode;

import static io.jstrace.decode.SockAddrs.u16;
import static io.jstrace.decode.SockAddrs.u32;
import static io.jstrace.decode.SockAddrs.zeroPadded;
import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.xlat.BdaddrTypes;
import io.jstrace.syscalls.xlat.BluetoothL2Cid;
import io.jstrace.syscalls.xlat.BluetoothL2Psm;
import io.jstrace.syscalls.xlat.HciChannels;
import io.jstrace.syscalls.xlat.Ieee802154AddrTypes;
import io.jstrace.syscalls.xlat.Ieee802154Addrs;
import io.jstrace.syscalls.xlat.Ieee802154PanIds;
import io.jstrace.syscalls.xlat.MctpAddrs;
import io.jstrace.syscalls.xlat.MctpNets;
import io.jstrace.syscalls.xlat.NfcSaps;
import io.jstrace.syscalls.xlat.NfcSockaddrProtocols;
import io.jstrace.syscalls.xlat.QipcrtrNodes;
import io.jstrace.syscalls.xlat.QipcrtrPorts;
import io.jstrace.syscalls.xlat.XdpSockaddrFlags;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The struct sockaddr of the smaller address families, the fields after sa_family as strace
 * 6.1 prints them (src/sockaddr.c): IPX, X.25, Bluetooth, IEEE 802.15.4, NFC, Qualcomm IPC
 * router, XDP and MCTP. Each printer gets at least its struct's size in bytes (SockAddrs' table).
 */
final class SockAddrFamilies {
    /** include/net/af_ieee802154.h, enum ieee802154_addr_type. */
    private static final long IEEE802154_ADDR_NONE = 0, IEEE802154_ADDR_SHORT = 2;
    /** sizeof(struct sockaddr_nfc) and, on a 64-bit tracee, sizeof(struct sockaddr_nfc_llcp). */
    private static final int SOCKADDR_NFC_SIZE = 16, SOCKADDR_NFC_LLCP_SIZE = 96;
    /** include/uapi/linux/nfc.h: service_name[NFC_LLCP_MAX_SERVICE_NAME], then service_name_len (a size_t). */
    private static final int NFC_LLCP_MAX_SERVICE_NAME = 63, NFC_SERVICE_NAME = 18, NFC_SERVICE_NAME_LEN = 88;

    /** A dynamic range of L2CAP numbers, whose members print as an offset from its start: {@code L2CAP_PSM_DYN_START+4}. */
    private record Range(long start, long end) {}

    private static final List<Range> PSM_RANGES = List.of(
            new Range(BluetoothL2Psm.L2CAP_PSM_LE_DYN_START, BluetoothL2Psm.L2CAP_PSM_LE_DYN_END),
            new Range(BluetoothL2Psm.L2CAP_PSM_DYN_START, BluetoothL2Psm.L2CAP_PSM_DYN_END));
    private static final List<Range> CID_RANGES = List.of(
            new Range(BluetoothL2Cid.L2CAP_CID_DYN_START, BluetoothL2Cid.L2CAP_CID_DYN_END));

    private SockAddrFamilies() {}

    /**
     * struct sockaddr_ipx (include/net/ipx.h, outside uapi): the port and network number in
     * network byte order, the node's six bytes, the packet type, the zero byte only when set.
     */
    static void ipx(byte[] raw, List<Field> f) {
        f.add(field("sipx_port", SockAddrs.netPort(SockAddrs.u16be(raw, 2))));
        f.add(field("sipx_network", new Value.Fn("htonl", List.of(Value.hex(SockAddrs.u32be(raw, 4))), false)));
        List<Value> node = new ArrayList<>();
        for (int k = 8; k < 14; k++) node.add(zeroPadded(raw[k] & 0xff, 2));
        f.add(field("sipx_node", new Value.Arr(node, false)));
        f.add(field("sipx_type", zeroPadded(raw[14] & 0xff, 2)));
        if (raw[15] != 0) f.add(field("sipx_zero", Value.hex(raw[15] & 0xff)));
    }

    /** struct sockaddr_x25 (include/uapi/linux/x25.h): sx25_addr, a 16-byte string that should end in a NUL. */
    static void x25(byte[] raw, List<Field> f) {
        Value addr = new Value.Struct(List.of(field("x25_addr", SockAddrs.nulTerminated(raw, 2, 16))), false);
        f.add(field("sx25_addr", addr));
    }

    /**
     * The Bluetooth sockaddrs (include/net/bluetooth/*.h, outside uapi), told apart by their
     * length as strace does: sockaddr_hci (4 bytes before hci_channel existed, 6),
     * sockaddr_sco (8), sockaddr_rc (10), sockaddr_l2 (12 before l2_bdaddr_type, 14); any other
     * length is sa_data. Numbers are little-endian, {@code htobs()}.
     */
    static void bluetooth(byte[] raw, int len, List<Field> f) {
        switch (len) {
            case 4, 6 -> {
                f.add(field("hci_dev", htobs(new Value.Num(u16(raw, 2), Value.Base.UNSIGNED))));
                if (len == 6) f.add(field("hci_channel", Numbers.named(HciChannels.XLAT, u16(raw, 4), "HCI_CHANNEL_???")));
            }
            case 8 -> f.add(field("sco_bdaddr", NetlinkRoute.mac(raw, 2, 6)));
            case 10 -> {
                f.add(field("rc_bdaddr", NetlinkRoute.mac(raw, 2, 6)));
                f.add(field("rc_channel", new Value.Num(raw[8] & 0xff, Value.Base.UNSIGNED)));
            }
            case 12, 14 -> {
                f.add(field("l2_psm", l2cap(BluetoothL2Psm.XLAT, PSM_RANGES, u16(raw, 2), "L2CAP_PSM_???")));
                f.add(field("l2_bdaddr", NetlinkRoute.mac(raw, 4, 6)));
                f.add(field("l2_cid", l2cap(BluetoothL2Cid.XLAT, CID_RANGES, u16(raw, 10), "L2CAP_CID_???")));
                if (len == 14) f.add(field("l2_bdaddr_type", Numbers.named(BdaddrTypes.XLAT, raw[12] & 0xff, "BDADDR_???")));
            }
            default -> SockAddrs.raw(raw, len, f);
        }
    }

    private static Value htobs(Value v) {
        return new Value.Fn("htobs", List.of(v), false);
    }

    /**
     * An L2CAP PSM or CID: its name, or its offset from the start of the dynamic range holding
     * it ({@code -X verbose} prints that start in its own style, a comment within the comment:
     * {@code 0x81 /* 0x80 /* L2CAP_PSM_LE_DYN_START *&#47;+1 *&#47;}), else the number with {@code unknown}.
     */
    private static Value l2cap(Xlat table, List<Range> ranges, int v, String unknown) {
        String name = table.name(v);
        if (name != null) return htobs(new Value.Sym(v, name));
        for (Range r : ranges) {
            if (v < r.start() || v > r.end()) continue;
            String start = table.name(r.start()), offset = "+" + (v - r.start());
            String verbose = "0x" + Long.toHexString(v) + " /* 0x" + Long.toHexString(r.start()) + " /* " + start + " */"
                    + offset + " */";
            return new Value.Styled(htobs(new Value.Text(start + offset)), htobs(Value.hex(v)),
                    htobs(new Value.Text(verbose)));
        }
        return htobs(new Value.Commented(Value.hex(v), unknown));
    }

    /**
     * struct sockaddr_ieee802154 (include/net/af_ieee802154.h, outside uapi): its addr, whose
     * type says whether a short address or an 8-byte extended one follows the PAN id (none for
     * IEEE802154_ADDR_NONE; any unknown type as an extended one).
     */
    static void ieee802154(byte[] raw, List<Field> f) {
        long type = u32(raw, 4);
        List<Field> a = new ArrayList<>();
        a.add(field("addr_type", Numbers.namedVerbose(Ieee802154AddrTypes.XLAT, type, "IEEE802154_ADDR_???")));
        a.add(field("pan_id", Numbers.namedVerbose(Ieee802154PanIds.XLAT, u16(raw, 8), null)));
        if (type == IEEE802154_ADDR_SHORT) {
            a.add(field("short_addr", Numbers.namedVerbose(Ieee802154Addrs.XLAT, u16(raw, 10), null)));
        } else if (type != IEEE802154_ADDR_NONE) {
            a.add(field("hwaddr", NetlinkRoute.mac(raw, 10, 8)));
        }
        f.add(field("addr", new Value.Struct(a, false)));
    }

    /**
     * struct sockaddr_nfc (include/uapi/linux/nfc.h): device, target and protocol; a
     * sockaddr_nfc_llcp adds the service access points and the service name, of
     * service_name_len bytes (at most its array). A length between the two is {@code ...}.
     */
    static void nfc(Call c, byte[] raw, int len, List<Field> f) {
        f.add(field("dev_idx", SockAddrs.ifindex(u32(raw, 4))));
        f.add(field("target_idx", Value.hex(u32(raw, 8))));
        f.add(field("nfc_protocol", Numbers.named(NfcSockaddrProtocols.XLAT, u32(raw, 12), "NFC_PROTO_???")));
        if (len < SOCKADDR_NFC_LLCP_SIZE) {
            if (len > SOCKADDR_NFC_SIZE) f.add(field("", new Value.Text("...")));
            return;
        }
        long nameLen = TraceeArrays.u64(raw, NFC_SERVICE_NAME_LEN);
        int shown = Long.compareUnsigned(nameLen, NFC_LLCP_MAX_SERVICE_NAME) < 0 ? (int) nameLen
                : NFC_LLCP_MAX_SERVICE_NAME;
        f.add(field("dsap", Numbers.namedVerbose(NfcSaps.XLAT, raw[16] & 0xff, null)));
        f.add(field("ssap", Numbers.namedVerbose(NfcSaps.XLAT, raw[17] & 0xff, null)));
        f.add(field("service_name", new Value.Str(
                Arrays.copyOfRange(raw, NFC_SERVICE_NAME, NFC_SERVICE_NAME + shown), false)));
        f.add(field("service_name_len", new Value.Num(nameLen, Value.Base.UNSIGNED)));
    }

    /** struct sockaddr_qrtr (include/uapi/linux/qrtr.h): node and port, the broadcast and control ones by name. */
    static void qrtr(byte[] raw, List<Field> f) {
        f.add(field("sq_node", Numbers.named(QipcrtrNodes.XLAT, u32(raw, 4), null)));
        f.add(field("sq_port", Numbers.named(QipcrtrPorts.XLAT, u32(raw, 8), null)));
    }

    /**
     * struct sockaddr_xdp (include/uapi/linux/if_xdp.h): flags, interface and queue; the
     * descriptor of the socket whose umem is shared with XDP_SHARED_UMEM, else that field
     * in hex only when set.
     */
    static void xdp(Call c, byte[] raw, int len, List<Field> f) {
        int flags = u16(raw, 2);
        f.add(field("sxdp_flags", Numbers.flags(XdpSockaddrFlags.XLAT, flags, "XDP_???")));
        f.add(field("sxdp_ifindex", SockAddrs.ifindex(u32(raw, 4))));
        f.add(field("sxdp_queue_id", new Value.Num(u32(raw, 8), Value.Base.UNSIGNED)));
        long umemFd = u32(raw, 12);
        if ((flags & XdpSockaddrFlags.XDP_SHARED_UMEM) != 0) {
            f.add(field("sxdp_shared_umem_fd", FileDecoders.descriptor(c, (int) umemFd)));
        } else if (umemFd != 0) {
            f.add(field("sxdp_shared_umem_fd", Value.hex(umemFd)));
        }
    }

    /**
     * struct sockaddr_mctp (include/uapi/linux/mctp.h): network, endpoint address, message
     * type and tag; the two padding fields only when set.
     */
    static void mctp(byte[] raw, List<Field> f) {
        int pad0 = u16(raw, 2);
        if (pad0 != 0) f.add(field("__smctp_pad0", Value.hex(pad0)));
        f.add(field("smctp_network", Numbers.named(MctpNets.XLAT, u32(raw, 4), null)));
        Value addr = Numbers.named(MctpAddrs.XLAT, raw[8] & 0xff, null);
        f.add(field("smctp_addr", new Value.Struct(List.of(field("s_addr", addr)), false)));
        f.add(field("smctp_type", Value.hex(raw[9] & 0xff)));
        f.add(field("smctp_tag", Value.hex(raw[10] & 0xff)));
        if (raw[11] != 0) f.add(field("__smctp_pad1", Value.hex(raw[11] & 0xff)));
    }
}
