package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.MtdIoctlCmds.*;

import io.jstrace.syscalls.xlat.MtdFileModeOptions;
import io.jstrace.syscalls.xlat.MtdFlagsOptions;
import io.jstrace.syscalls.xlat.MtdModeOptions;
import io.jstrace.syscalls.xlat.MtdNandeccOptions;
import io.jstrace.syscalls.xlat.MtdOtpOptions;
import io.jstrace.syscalls.xlat.MtdTypeOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * MTD (memory technology device) ioctls (include/uapi/mtd/mtd-abi.h) as strace 6.1 prints
 * them: the erase, lock and out-of-band ranges, MEMWRITE's request, the OTP regions, the
 * device's info, ECC layout and statistics at exit, the bad block offsets in brackets.
 */
final class MtdIoctls {
    private MtdIoctls() {}

    static IoctlArg of(long r) {
        if (r == MEMERASE || r == MEMLOCK || r == MEMUNLOCK || r == MEMISLOCKED)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 8, s -> List.of(field("start", s.hex32(0)),
                    field("length", s.hex32(4)))));
        if (r == MEMERASE64) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16,
                s -> List.of(field("start", s.hex64(0)), field("length", s.hex64(8)))));
        if (r == MEMWRITEOOB || r == MEMREADOOB) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 16,
                s -> List.of(field("start", s.hex32(0)), field("length", s.hex32(4)), field("ptr", new Value.Addr(s.u64(8))))));
        if (r == MEMWRITEOOB64 || r == MEMREADOOB64) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 24,
                s -> List.of(field("start", s.hex64(0)), field("length", s.hex32(12)),
                        field("usr_ptr", new Value.Addr(s.u64(16))))));
        if (r == MEMWRITE) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 48, MtdIoctls::writeRequest));
        if (r == OTPGETREGIONINFO) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 12, MtdIoctls::otpInfo));
        if (r == OTPLOCK) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 12, MtdIoctls::otpInfo));
        if (r == OTPSELECT)
            return IoctlArg.in((c, a) -> indirect(c, a, 4, s -> Numbers.named(MtdOtpOptions.XLAT, s.u32(0), "MTD_OTP_???")));
        if (r == MTDFILEMODE) return IoctlArg.in((c, a) -> Numbers.named(MtdFileModeOptions.XLAT, a, "MTD_FILE_MODE_???"));
        if (r == MEMGETBADBLOCK || r == MEMSETBADBLOCK) return IoctlArg.in((c, a) -> indirect(c, a, 8, s -> s.unsigned64(0)));
        if (r == MEMGETINFO) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 32, MtdIoctls::info));
        if (r == MEMGETOOBSEL) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 200, MtdIoctls::oobInfo));
        if (r == ECCGETLAYOUT) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 328, MtdIoctls::eccLayout));
        if (r == ECCGETSTATS) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 16, s -> List.of(
                field("corrected", s.hex32(0)), field("failed", s.hex32(4)), field("badblocks", s.hex32(8)),
                field("bbtblocks", s.hex32(12)))));
        if (r == OTPGETREGIONCOUNT) return IoctlArg.out((c, a) -> indirect(c, a, 4, s -> s.unsigned32(0)));
        if (r == MEMGETREGIONCOUNT) return IoctlArg.out((c, a) -> indirect(c, a, 4, s -> s.signed32(0)));
        if (r == MEMGETREGIONINFO) return IoctlArg.split(MtdIoctls::regionInfo, 16);
        return null;
    }

    /** A number behind a pointer, in brackets (printnum_*). */
    private static Value indirect(Call c, long addr, int size, java.util.function.Function<RawStruct, Value> shown) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, size);
        return s == null ? new Value.Unreadable(addr) : new Value.Arr(List.of(shown.apply(s)), false);
    }

    /** {@code struct mtd_write_req}: start, len, ooblen, the data and OOB buffers, the mode (a byte). */
    private static List<Value.Field> writeRequest(RawStruct s) {
        return List.of(field("start", s.hex64(0)), field("len", s.hex64(8)), field("ooblen", s.hex64(16)),
                field("usr_data", new Value.Addr(s.u64(24))), field("usr_oob", new Value.Addr(s.u64(32))),
                field("mode", Numbers.named(MtdModeOptions.XLAT, s.u8(40), "MTD_OPS_???")));
    }

    /** {@code struct otp_info}: start, length, locked. */
    private static List<Value.Field> otpInfo(RawStruct s) {
        return List.of(field("start", s.hex32(0)), field("length", s.hex32(4)), field("locked", s.unsigned32(8)));
    }

    /** {@code struct mtd_info_user}: type (a byte), flags, sizes, padding. */
    private static List<Value.Field> info(RawStruct s) {
        return List.of(field("type", Numbers.named(MtdTypeOptions.XLAT, s.u8(0), "MTD_???")),
                field("flags", Numbers.flags(MtdFlagsOptions.XLAT, s.u32(4), "MTD_???")), field("size", s.hex32(8)),
                field("erasesize", s.hex32(12)), field("writesize", s.hex32(16)), field("oobsize", s.hex32(20)),
                field("padding", s.hex64(24)));
    }

    /** {@code struct nand_oobinfo}: useecc, eccbytes, oobfree[8][2], eccpos[32]. */
    private static List<Value.Field> oobInfo(RawStruct s) {
        return List.of(field("useecc", Numbers.named(MtdNandeccOptions.XLAT, s.u32(0), "MTD_NANDECC_???")),
                field("eccbytes", s.hex32(4)),
                field("oobfree", s.array(8, 8, 8, (t, o) -> new Value.Arr(List.of(t.hex32(o), t.hex32(o + 4)), false))),
                field("eccpos", s.array(72, 32, 4, RawStruct::hex32)));
    }

    /** {@code struct nand_ecclayout_user}: eccbytes, eccpos[64], oobavail, oobfree[8] of (offset, length). */
    private static List<Value.Field> eccLayout(RawStruct s) {
        return List.of(field("eccbytes", s.hex32(0)), field("eccpos", s.array(4, 64, 4, RawStruct::hex32)),
                field("oobavail", s.hex32(260)), field("oobfree", s.array(264, 8, 8, (t, o) -> new Value.Struct(
                        List.of(field("offset", t.hex32(o)), field("length", t.hex32(o + 4))), false))));
    }

    /** {@code struct region_info_user}: the region asked for, then its offset, erasesize and numblocks. */
    private static Value regionInfo(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct in = RawStruct.atEntry(c, addr, 16);
        if (in == null) return new Value.Addr(addr);
        List<Value.Field> f = new ArrayList<>(List.of(field("regionindex", in.hex32(12))));
        RawStruct out = c.succeeded() ? RawStruct.read(c, addr, 16) : null;
        if (out != null) {
            f.add(field("offset", out.hex32(0)));
            f.add(field("erasesize", out.hex32(4)));
            f.add(field("numblocks", out.hex32(8)));
        }
        return new Value.Struct(f, false);
    }
}
