package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.UbiIoctlCmds.*;

import io.jstrace.syscalls.xlat.UbiDataTypes;
import io.jstrace.syscalls.xlat.UbiVolumeFlags;
import io.jstrace.syscalls.xlat.UbiVolumeProps;
import io.jstrace.syscalls.xlat.UbiVolumeTypes;
import java.util.List;

/**
 * UBI ioctls (include/uapi/mtd/ubi-user.h, Documentation of mtd-utils' ubi tools) as strace
 * 6.1 prints them: the volume made, resized, renamed; the eraseblock changed or mapped; the
 * MTD device attached; the numbers the others pass in brackets; UBI_IOCMKVOL's and
 * UBI_IOCATT's new volume or device number after {@code " => "}.
 */
final class UbiIoctls {
    /** UBI_MAX_VOLUME_NAME + 1: a name's char array; UBI_MAX_RNVOL: the volumes one rename takes. */
    private static final int NAME = 128, MAX_RNVOL = 32;

    private UbiIoctls() {}

    static IoctlArg of(long r) {
        if (r == UBI_IOCVOLCRBLK || r == UBI_IOCVOLRMBLK) return IoctlArg.NONE;
        if (r == UBI_IOCDET || r == UBI_IOCEBER || r == UBI_IOCEBISMAP || r == UBI_IOCEBUNMAP || r == UBI_IOCRMVOL
                || r == UBI_IOCRPEB || r == UBI_IOCSPEB) return IoctlArg.in(IoctlArg::intIn);
        if (r == UBI_IOCVOLUP) return IoctlArg.in(UbiIoctls::longIn);
        if (r == UBI_IOCMKVOL) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 152, UbiIoctls::mkvol)).writingBack(UbiIoctls::number);
        if (r == UBI_IOCATT) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 24, UbiIoctls::attach)).writingBack(UbiIoctls::number);
        if (r == UBI_IOCRSVOL) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 12, // __packed
                s -> List.of(field("bytes", Value.dec(s.u64(0))), field("vol_id", s.signed32(8)))));
        if (r == UBI_IOCRNVOL) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16 + MAX_RNVOL * 136, UbiIoctls::rename));
        if (r == UBI_IOCEBCH) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16, s -> List.of(field("lnum", s.signed32(0)),
                field("bytes", s.signed32(4)), field("dtype", dataType(s, 8)))));
        if (r == UBI_IOCEBMAP) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 8,
                s -> List.of(field("lnum", s.signed32(0)), field("dtype", dataType(s, 4)))));
        if (r == UBI_IOCSETVOLPROP) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16, s -> List.of(
                field("property", Numbers.named(UbiVolumeProps.XLAT, s.u8(0), "UBI_VOL_PROP_???")),
                field("value", s.hex64(8)))));
        return null;
    }

    /** printnum_int64: {@code [-1]}. */
    private static Value longIn(Call c, long addr) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 8);
        return s == null ? new Value.Unreadable(addr) : new Value.Arr(List.of(Value.dec(s.u64(0))), false);
    }

    /** The volume or device number the kernel wrote over the request, after " => ". */
    private static Value number(Call c, long addr) {
        if (!c.succeeded() || addr == 0 || c.memory().read(addr, 4) == null) return null;
        return IoctlArg.intIn(c, addr);
    }

    /**
     * {@code struct ubi_mkvol_req}: vol_id, alignment, bytes, vol_type, flags, name_len, and
     * the name, read as far as name_len says.
     */
    private static List<Value.Field> mkvol(RawStruct s) {
        return List.of(field("vol_id", s.signed32(0)), field("alignment", s.signed32(4)),
                field("bytes", Value.dec(s.u64(8))),
                field("vol_type", Numbers.named(UbiVolumeTypes.XLAT, s.u8(16), "UBI_???_VOLUME")),
                field("flags", Numbers.flags(UbiVolumeFlags.XLAT, s.u8(17), "UBI_VOL_???")),
                field("name_len", signed16(s, 18)), field("name", name(s, 18, 24)));
    }

    /** {@code struct ubi_attach_req}: ubi_num, mtd_num, vid_hdr_offset, max_beb_per1024 (a short). */
    private static List<Value.Field> attach(RawStruct s) {
        return List.of(field("ubi_num", s.signed32(0)), field("mtd_num", s.signed32(4)),
                field("vid_hdr_offset", s.signed32(8)), field("max_beb_per1024", signed16(s, 12)));
    }

    /** {@code struct ubi_rnvol_req}: count, and that many (at most 32) volumes' new names. */
    private static List<Value.Field> rename(RawStruct s) {
        int count = s.s32(0);
        return List.of(field("count", Value.dec(count)), field("ents", s.array(16, Math.max(0, Math.min(count, MAX_RNVOL)),
                136, (t, o) -> new Value.Struct(List.of(field("vol_id", t.signed32(o)),
                        field("name_len", signed16(t, o + 4)), field("name", name(t, o + 4, o + 8))), false))));
    }

    /** A volume name: name_len (clamped to the array) bytes and the NUL after them. */
    private static Value name(RawStruct s, int lenOff, int off) {
        int len = (short) s.u16(lenOff);
        return s.cString(off, 1 + Math.max(0, Math.min(len, NAME - 1)));
    }

    private static Value dataType(RawStruct s, int off) {
        return Numbers.named(UbiDataTypes.XLAT, (byte) s.u8(off), "UBI_???");
    }

    private static Value signed16(RawStruct s, int off) {
        return Value.dec((short) s.u16(off));
    }
}
