package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.SmcDeclCodes;
import io.jstrace.syscalls.xlat.SmcDiagAttrs;
import io.jstrace.syscalls.xlat.SmcDiagExt;
import io.jstrace.syscalls.xlat.SmcDiagMode;
import io.jstrace.syscalls.xlat.SmcLinkGroupRoles;
import io.jstrace.syscalls.xlat.SmcStates;
import io.jstrace.syscalls.xlat.SockShutdownFlags;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * sock_diag of AF_SMC sockets: {@code struct smc_diag_req}, {@code struct smc_diag_msg} and
 * its SMC_DIAG_* attributes (include/uapi/linux/smc_diag.h), as strace 6.1 prints them
 * (src/netlink_smc_diag.c). The socket's identity is its TCP socket's, an AF_INET sockid.
 */
final class NetlinkSmcDiag {
    private static final int AF_INET = 2, REQ_SIZE = 52, MSG_SIZE = 64;
    private static final int CONNINFO_SIZE = 76, LINKINFO_SIZE = 146, DMBINFO_SIZE = 40;
    /** diag_ext: attribute N asked for as bit N-1, {@code 1<<(SMC_DIAG_CONNINFO-1)}. */
    private static final Xlat EXT_FLAGS = NetlinkAttrs.shifted(SmcDiagExt.XLAT, 1, "1<<(");

    private NetlinkSmcDiag() {}

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** decode_smc_diag_req: {@code {diag_family, diag_ext, id={...}}}. */
    static List<Value> request(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, REQ_SIZE, "diag_family", NetlinkRoute.family(family), (raw, f) -> {
            f.add(field("diag_ext", Numbers.flags(EXT_FLAGS, raw[3] & 0xff, "1<<SMC_DIAG_???-1")));
            f.add(field("id", NetlinkSockDiag.sockid(raw, 4, AF_INET)));
        }, null);
    }

    /** decode_smc_diag_msg: state, mode, shutdown, the TCP socket's id, uid and inode; then attributes. */
    static List<Value> message(Call c, Netlink.Header h, int family, long addr, int len) {
        return Netlink.familyStruct(c, addr, len, MSG_SIZE, "diag_family", NetlinkRoute.family(family), (raw, f) -> {
            f.add(field("diag_state", Numbers.named(SmcStates.XLAT, raw[1] & 0xff, "SMC_???")));
            f.add(field("diag_fallback", Numbers.named(SmcDiagMode.XLAT, raw[2] & 0xff, "SMC_DIAG_MODE_???")));
            f.add(field("diag_shutdown", new Num(raw[3] & 0xff, Base.UNSIGNED)));
            f.add(field("id", NetlinkSockDiag.sockid(raw, 4, AF_INET)));
            f.add(field("diag_uid", u32(raw, 52)));
            f.add(field("diag_inode", new Num(TraceeArrays.u64(raw, 56), Base.UNSIGNED)));
        }, raw -> ATTRS);
    }

    /** struct smc_diag_cursor: {@code {reserved, wrap, count}}. */
    private static Value cursor(byte[] b, int off) {
        return new Value.Struct(List.of(field("reserved", new Num(SockAddrs.u16(b, off), Base.UNSIGNED)),
                field("wrap", new Num(SockAddrs.u16(b, off + 2), Base.UNSIGNED)), field("count", u32(b, off + 4))),
                false);
    }

    /** struct smc_diag_conninfo: buffer sizes, the cursors and the flags bytes (zero-padded hex). */
    private static final NetlinkAttrs.Decoder CONNINFO = NetlinkAttrs.struct(CONNINFO_SIZE, b -> {
        List<Field> f = new ArrayList<>();
        String[] sizes = {"token", "sndbuf_size", "rmbe_size", "peer_rmbe_size"};
        for (int k = 0; k < sizes.length; k++) f.add(field(sizes[k], u32(b, 4 * k)));
        String[] cursors = {"rx_prod", "rx_cons", "tx_prod", "tx_cons"};
        for (int k = 0; k < cursors.length; k++) f.add(field(cursors[k], cursor(b, 16 + 8 * k)));
        String[] flags = {"rx_prod_flags", "rx_conn_state_flags", "tx_prod_flags", "tx_conn_state_flags"};
        for (int k = 0; k < flags.length; k++) f.add(field(flags[k], SockAddrs.zeroPadded(b[48 + k] & 0xff, 2)));
        String[] sent = {"tx_prep", "tx_sent", "tx_fin"};
        for (int k = 0; k < sent.length; k++) f.add(field(sent[k], cursor(b, 52 + 8 * k)));
        return f;
    });

    /** A NUL-terminated string in a char array of {@code size} bytes; {@code ...} when it has no NUL. */
    private static Value cstring(byte[] b, int off, int size) {
        int n = 0;
        while (n < size && b[off + n] != 0) n++;
        return new Value.Str(Arrays.copyOfRange(b, off, off + n), n == size);
    }

    /** struct smc_diag_lgrinfo: its one struct smc_diag_linkinfo, then the role. */
    private static final NetlinkAttrs.Decoder LGRINFO = NetlinkAttrs.struct(LINKINFO_SIZE + 1, b -> List.of(
            field("lnk", new Value.Arr(List.of(new Value.Struct(List.of(
                    field("link_id", new Num(b[0] & 0xff, Base.UNSIGNED)),
                    field("ibname", cstring(b, 1, 64)),
                    field("ibport", new Num(b[65] & 0xff, Base.UNSIGNED)),
                    field("gid", cstring(b, 66, 40)),
                    field("peer_gid", cstring(b, 106, 40))), false)), false)),
            field("role", Numbers.named(SmcLinkGroupRoles.XLAT, b[LINKINFO_SIZE] & 0xff, "SMC_???"))));

    /** struct smcd_diag_dmbinfo: the link id, then GIDs and tokens in hex. */
    private static final NetlinkAttrs.Decoder DMBINFO = NetlinkAttrs.struct(DMBINFO_SIZE, b -> List.of(
            field("linkid", u32(b, 0)),
            field("peer_gid", Value.hex(TraceeArrays.u64(b, 8))),
            field("my_gid", Value.hex(TraceeArrays.u64(b, 16))),
            field("token", Value.hex(TraceeArrays.u64(b, 24))),
            field("peer_token", Value.hex(TraceeArrays.u64(b, 32)))));

    /** PRINT_FIELD_XVAL_VERBOSE: the code in hex with its name as a comment, the name left out under -X raw. */
    private static Value declCode(long code) {
        return Numbers.namedVerbose(SmcDeclCodes.XLAT, code, "SMC_CLC_DECL_???");
    }

    private static final NetlinkAttrs.Set ATTRS = new NetlinkAttrs.Set(SmcDiagAttrs.XLAT, "SMC_DIAG_???", Table.builder()
            .add(SmcDiagAttrs.SMC_DIAG_CONNINFO, CONNINFO)
            .add(SmcDiagAttrs.SMC_DIAG_LGRINFO, LGRINFO)
            .add(SmcDiagAttrs.SMC_DIAG_SHUTDOWN, NetlinkAttrs.flags(1, SockShutdownFlags.XLAT, "???_SHUTDOWN"))
            .add(SmcDiagAttrs.SMC_DIAG_DMBINFO, DMBINFO)
            .add(SmcDiagAttrs.SMC_DIAG_FALLBACK, NetlinkAttrs.struct(8, b -> List.of(
                    field("reason", declCode(SockAddrs.u32(b, 0))),
                    field("peer_diagnosis", declCode(SockAddrs.u32(b, 4))))))
            .build());
}
