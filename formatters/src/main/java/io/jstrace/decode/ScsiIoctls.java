package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.SgIoctlCmds.*;

import io.jstrace.syscalls.xlat.BsgFlags;
import io.jstrace.syscalls.xlat.BsgProtocols;
import io.jstrace.syscalls.xlat.BsgSubprotocols;
import io.jstrace.syscalls.xlat.SgIoDxferDirection;
import io.jstrace.syscalls.xlat.SgIoFlags;
import io.jstrace.syscalls.xlat.SgIoInfo;
import io.jstrace.syscalls.xlat.SgScsiReset;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * SCSI generic (sg) ioctls (the kernel's include/scsi/sg.h, include/uapi/linux/bsg.h) as
 * strace 6.1 prints them (src/scsi.c, sg_io_v3.c, sg_io_v4.c): the ints the setters take and
 * the getters return, the reset to do, the device's SCSI id and request table, and SG_IO's
 * request by the interface id it starts with: {@code struct sg_io_hdr} ('S') or {@code
 * struct sg_io_v4} ('Q'), what goes to the device at entry, the status and what came
 * back at exit (whether the call failed or not).
 */
final class ScsiIoctls {
    /** sizeof(struct sg_io_hdr), struct sg_io_v4, struct sg_scsi_id, struct sg_req_info. */
    private static final int V3_SIZE = 88, V4_SIZE = 160, SCSI_ID_SIZE = 32, REQ_INFO_SIZE = 24;

    private ScsiIoctls() {}

    static IoctlArg of(long r) {
        if (r == SG_IO) return IoctlArg.split(ScsiIoctls::sgIo, V4_SIZE);
        if (r == SG_GET_TIMEOUT) return IoctlArg.NONE;
        if (r == SG_SET_TRANSFORM) return IoctlArg.in((c, a) -> Value.hex(a & 0xffff_ffffL));
        if (r == SG_SCSI_RESET) return IoctlArg.in(ScsiIoctls::reset);
        if (r == SG_GET_SCSI_ID) return IoctlArg.out(ScsiIoctls::scsiId);
        if (r == SG_GET_REQUEST_TABLE) return IoctlArg.out(ScsiIoctls::requestInfo);
        if (r == SG_NEXT_CMD_LEN || r == SG_SET_COMMAND_Q || r == SG_SET_DEBUG || r == SG_SET_FORCE_LOW_DMA
                || r == SG_SET_FORCE_PACK_ID || r == SG_SET_KEEP_ORPHAN || r == SG_SET_RESERVED_SIZE
                || r == SG_SET_TIMEOUT) {
            return IoctlArg.in(IoctlArg::intIn);
        }
        if (r == SG_EMULATED_HOST || r == SG_GET_ACCESS_COUNT || r == SG_GET_COMMAND_Q || r == SG_GET_KEEP_ORPHAN
                || r == SG_GET_LOW_DMA || r == SG_GET_NUM_WAITING || r == SG_GET_PACK_ID || r == SG_GET_RESERVED_SIZE
                || r == SG_GET_SG_TABLESIZE || r == SG_GET_TRANSFORM || r == SG_GET_VERSION_NUM) {
            return IoctlArg.out(IoctlArg::intIn);
        }
        return null;
    }

    /** SG_SCSI_RESET's int: SG_SCSI_RESET_NO_ESCALATE when set, then what to reset. */
    private static Value reset(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct s = RawStruct.read(c, addr, 4);
        return s == null ? new Value.Unreadable(addr) : new Value.Arr(List.of(resetValue(s.u32(0))), false);
    }

    private static Value resetValue(long v) {
        Value what = Numbers.named(SgScsiReset.XLAT, v & ~SgScsiReset.SG_SCSI_RESET_NO_ESCALATE, "SG_SCSI_RESET_???");
        if ((v & SgScsiReset.SG_SCSI_RESET_NO_ESCALATE) == 0) return what;
        return new Value.Prefixed("SG_SCSI_RESET_NO_ESCALATE|", what);
    }

    /** struct sg_scsi_id: the device's address and type, its queue depths. */
    private static Value scsiId(Call c, long addr) {
        return RawStruct.struct(c, addr, SCSI_ID_SIZE, s -> List.of(field("host_no", s.signed32(0)),
                field("channel", s.signed32(4)), field("scsi_id", s.hex32(8)), field("lun", s.signed32(12)),
                field("scsi_type", s.hex32(16)), field("h_cmd_per_lun", Value.dec((short) s.u16(20))),
                field("d_queue_depth", Value.dec((short) s.u16(22)))));
    }

    /** struct sg_req_info: one request's state, pack id, user pointer and duration. */
    private static Value requestInfo(Call c, long addr) {
        return RawStruct.struct(c, addr, REQ_INFO_SIZE, s -> List.of(field("req_state", Value.dec((byte) s.u8(0))),
                field("orphan", Value.dec((byte) s.u8(1))), field("sg_io_owned", Value.dec((byte) s.u8(2))),
                field("problem", Value.dec((byte) s.u8(3))), field("pack_id", s.signed32(4)),
                field("usr_ptr", new Value.Addr(s.u64(8))), field("duration", s.unsigned32(16))));
    }

    /**
     * The request as passed in: kept at entry, or read at exit when fewer bytes than a
     * version 4 request could be kept (the kernel writes only the response's members).
     */
    private static RawStruct request(Call c, long addr, int size) {
        RawStruct s = RawStruct.atEntry(c, addr, size);
        return s != null ? s : RawStruct.read(c, addr, size);
    }

    /** SG_IO: the request by its interface id; another id in brackets. */
    private static Value sgIo(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct id = request(c, addr, 4);
        if (id == null) return new Value.Unreadable(addr);
        long iid = id.u32(0);
        if (iid == 'S') return v3(c, addr);
        if (iid == 'Q') return v4(c, addr);
        return new Value.Arr(List.of(id.unsigned32(0)), false);
    }

    /** struct sg_io_hdr: the command and what goes to the device, then the status and what came back. */
    private static Value v3(Call c, long addr) {
        List<Value.Field> f = new ArrayList<>(List.of(field("interface_id", new Value.Text("'S'"))));
        RawStruct in = request(c, addr, V3_SIZE);
        if (in == null) return unreadableAfterId(f, addr);
        long dir = in.s32(4);
        f.add(field("dxfer_direction", named(SgIoDxferDirection.XLAT, dir, "SG_DXFER_???")));
        f.add(field("cmd_len", unsigned(in.u8(8))));
        f.add(field("cmdp", buffer(c, in.u64(24), in.u8(8), 0)));
        f.add(field("mx_sb_len", unsigned(in.u8(9))));
        f.add(field("iovec_count", unsigned(in.u16(10))));
        f.add(field("dxfer_len", in.unsigned32(12)));
        f.add(field("timeout", in.unsigned32(40)));
        f.add(field("flags", Numbers.flags(SgIoFlags.XLAT, in.u32(44), "SG_FLAG_???")));
        boolean out = dir == SgIoDxferDirection.SG_DXFER_TO_DEV || dir == SgIoDxferDirection.SG_DXFER_TO_FROM_DEV;
        if (out) f.add(field("dxferp", buffer(c, in.u64(16), in.u32(12), in.u16(10))));
        RawStruct r = RawStruct.read(c, addr, V3_SIZE);
        if (r == null) {
            if (dir == SgIoDxferDirection.SG_DXFER_FROM_DEV) f.add(field("dxferp", new Value.Addr(in.u64(16))));
            f.add(field("sbp", new Value.Addr(in.u64(32))));
            return new Value.Struct(f, false);
        }
        v3Response(c, r, f);
        return new Value.Struct(f, false);
    }

    /**
     * What the device sent ({@code dxferp} again after {@code =>} for a two-way transfer,
     * less the residual count), the statuses, the sense buffer, resid, duration and info.
     */
    private static void v3Response(Call c, RawStruct r, List<Value.Field> f) {
        long dir = r.s32(4);
        if (dir == SgIoDxferDirection.SG_DXFER_FROM_DEV || dir == SgIoDxferDirection.SG_DXFER_TO_FROM_DEV) {
            long len = received(r.u32(12), r.s32(72));
            Value in = buffer(c, r.u64(16), len, r.u16(10));
            if (dir == SgIoDxferDirection.SG_DXFER_FROM_DEV) {
                f.add(field("dxferp", in));
            } else if (len != 0 && f.get(f.size() - 1).name().equals("dxferp")) {
                Value.Field sent = f.remove(f.size() - 1);
                f.add(field("dxferp", new Value.Changed(sent.value(), new Value.Prefixed("dxferp=", in))));
            }
        }
        f.add(field("status", Value.hex(r.u8(64))));
        f.add(field("masked_status", Value.hex(r.u8(65))));
        f.add(field("msg_status", Value.hex(r.u8(66))));
        f.add(field("sb_len_wr", unsigned(r.u8(67))));
        f.add(field("sbp", buffer(c, r.u64(32), r.u8(67), 0)));
        f.add(field("host_status", Value.hex(r.u16(68))));
        f.add(field("driver_status", Value.hex(r.u16(70))));
        f.add(field("resid", r.signed32(72)));
        f.add(field("duration", r.unsigned32(76)));
        f.add(field("info", Numbers.flags(SgIoInfo.XLAT, r.u32(80), "SG_INFO_???")));
    }

    /** struct sg_io_v4: the request and what goes out, then the response and what came in. */
    private static Value v4(Call c, long addr) {
        List<Value.Field> f = new ArrayList<>(List.of(field("guard", new Value.Text("'Q'"))));
        RawStruct in = request(c, addr, V4_SIZE);
        if (in == null) return unreadableAfterId(f, addr);
        f.add(field("protocol", Numbers.named(BsgProtocols.XLAT, in.u32(4), "BSG_PROTOCOL_???")));
        f.add(field("subprotocol", Numbers.named(BsgSubprotocols.XLAT, in.u32(8), "BSG_SUB_PROTOCOL_???")));
        f.add(field("request_len", in.unsigned32(12)));
        f.add(field("request", buffer(c, in.u64(16), in.u32(12), 0)));
        f.add(field("request_tag", in.hex64(24)));
        f.add(field("request_attr", in.unsigned32(32)));
        f.add(field("request_priority", in.unsigned32(36)));
        f.add(field("request_extra", in.unsigned32(40)));
        f.add(field("max_response_len", in.unsigned32(44)));
        f.add(field("dout_iovec_count", in.unsigned32(56)));
        f.add(field("dout_xfer_len", in.unsigned32(60)));
        f.add(field("din_iovec_count", in.unsigned32(64)));
        f.add(field("din_xfer_len", in.unsigned32(68)));
        f.add(field("dout_xferp", buffer(c, in.u64(72), in.u32(60), in.u32(56))));
        f.add(field("timeout", in.unsigned32(88)));
        f.add(field("flags", Numbers.flags(BsgFlags.XLAT, in.u32(92), "BSG_FLAG_???")));
        f.add(field("usr_ptr", in.hex64(96)));
        RawStruct r = RawStruct.read(c, addr, V4_SIZE);
        if (r == null) {
            f.add(field("response", in.hex64(48)));
            f.add(field("din_xferp", in.hex64(80)));
            return new Value.Struct(f, false);
        }
        f.add(field("response_len", r.unsigned32(132)));
        f.add(field("response", buffer(c, r.u64(48), r.u32(132), 0)));
        f.add(field("din_xferp", buffer(c, r.u64(80), received(r.u32(68), r.s32(136)), r.u32(64))));
        f.add(field("driver_status", r.hex32(108)));
        f.add(field("transport_status", r.hex32(112)));
        f.add(field("device_status", r.hex32(116)));
        f.add(field("retry_delay", r.unsigned32(120)));
        f.add(field("info", Numbers.flags(SgIoInfo.XLAT, r.u32(124), "SG_INFO_???")));
        f.add(field("duration", r.unsigned32(128)));
        f.add(field("response_len", r.unsigned32(132)));
        f.add(field("din_resid", r.signed32(136)));
        f.add(field("dout_resid", r.signed32(140)));
        f.add(field("generated_tag", r.hex64(144)));
        return new Value.Struct(f, false);
    }

    /** The rest of the request, past its 4-byte id, could not be read: its address. */
    private static Value unreadableAfterId(List<Value.Field> f, long addr) {
        f.add(field("", new Value.Unreadable(addr + 4)));
        return new Value.Struct(f, false);
    }

    /** What came in: the transfer's length less a residual count within it. */
    private static long received(long len, int resid) {
        return resid > 0 && resid <= len ? len - resid : len;
    }

    /** A transfer buffer: over {@code iovecs} iovecs when any, else its bytes in hex. */
    private static Value buffer(Call c, long addr, long len, long iovecs) {
        if (iovecs != 0) return Iovecs.iovecs(c, addr, iovecs, len);
        return Strings.hexBuffer(Strings.buffer(c, addr, len));
    }

    /** A signed value by name; an unknown one in hex as the C int it is. */
    private static Value named(Xlat table, long v, String unknown) {
        String name = table.name(v);
        if (name != null) return new Value.Sym(v & 0xffff_ffffL, name);
        return new Value.Commented(Value.hex(v & 0xffff_ffffL), unknown);
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }
}
