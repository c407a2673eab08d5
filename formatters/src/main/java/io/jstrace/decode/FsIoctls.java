package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.FsIoctlCmds.*;

import io.jstrace.syscalls.xlat.FiemapExtentFlags;
import io.jstrace.syscalls.xlat.FiemapFlags;
import io.jstrace.syscalls.xlat.FsIocFlags;
import io.jstrace.syscalls.xlat.FsXflags;
import java.util.ArrayList;
import java.util.List;

/**
 * File system ioctls of include/uapi/linux/fs.h, as strace 6.1 prints them (src/fs_f_ioctl.c,
 * src/fs_x_ioctl.c): FS_IOC_FIEMAP's request at entry and the extents the kernel mapped at exit
 * (ioctl_fiemap(2), include/uapi/linux/fiemap.h), the inode flags of FS_IOC_GETFLAGS and
 * FS_IOC_SETFLAGS (ioctl_iflags(2)), FITRIM's {@code struct fstrim_range}, the
 * {@code struct fsxattr} of FS_IOC_FSGETXATTR and FS_IOC_FSSETXATTR, nothing for FIFREEZE and
 * FITHAW.
 */
final class FsIoctls {
    /** sizeof(struct fiemap), where its fm_extents start; sizeof(struct fiemap_extent). */
    private static final int FIEMAP_SIZE = 32, EXTENT_SIZE = 56;

    private FsIoctls() {}

    static IoctlArg of(long r) {
        if (r == FS_IOC_FIEMAP) return IoctlArg.in(FsIoctls::fiemapRequest).writingBack(FsIoctls::fiemapMapped);
        if (r == FS_IOC_GETFLAGS || r == FS_IOC32_GETFLAGS) return IoctlArg.out(FsIoctls::inodeFlags);
        if (r == FS_IOC_SETFLAGS || r == FS_IOC32_SETFLAGS) return IoctlArg.in(FsIoctls::inodeFlags);
        if (r == FITRIM) return IoctlArg.in(FsIoctls::fstrimRange);
        if (r == FS_IOC_FSGETXATTR) return IoctlArg.out((c, a) -> fsxattr(c, a, true));
        if (r == FS_IOC_FSSETXATTR) return IoctlArg.in((c, a) -> fsxattr(c, a, false));
        if (r == FIFREEZE || r == FITHAW) return IoctlArg.NONE;
        return null;
    }

    /** {@code struct fiemap} as the caller fills it: the range, the flags, the room for extents. */
    private static Value fiemapRequest(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, FIEMAP_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("fm_start", unsigned(TraceeArrays.u64(raw, 0))),
                field("fm_length", unsigned(TraceeArrays.u64(raw, 8))),
                field("fm_flags", Numbers.flags(FiemapFlags.XLAT, u32(raw, 16), "FIEMAP_FLAG_???")),
                field("fm_extent_count", unsigned(u32(raw, 24)))), false);
    }

    /** What a successful FS_IOC_FIEMAP wrote: the flags, the count, the extents with -v. */
    private static Value fiemapMapped(Call c, long addr) {
        if (!c.succeeded() || addr == 0) return null;
        byte[] raw = c.memory().read(addr, FIEMAP_SIZE);
        if (raw == null) return null; // the entry printed its address and nothing follows
        long mapped = u32(raw, 20);
        List<Value.Field> f = new ArrayList<>(List.of(
                field("fm_flags", Numbers.flags(FiemapFlags.XLAT, u32(raw, 16), "FIEMAP_FLAG_???")),
                field("fm_mapped_extents", unsigned(mapped))));
        if (!c.options().verbose()) return new Value.Struct(f, true);
        f.add(field("fm_extents", TraceeArrays.array(c, addr + FIEMAP_SIZE, mapped, EXTENT_SIZE, FsIoctls::extent)));
        return new Value.Struct(f, false);
    }

    /** {@code struct fiemap_extent}: logical and physical offsets, length, flags at 40. */
    private static Value extent(byte[] raw) {
        return new Value.Struct(List.of(field("fe_logical", unsigned(TraceeArrays.u64(raw, 0))),
                field("fe_physical", unsigned(TraceeArrays.u64(raw, 8))),
                field("fe_length", unsigned(TraceeArrays.u64(raw, 16))),
                field("fe_flags", Numbers.flags(FiemapExtentFlags.XLAT, u32(raw, 40), "FIEMAP_EXTENT_???"))), false);
    }

    /** The inode flags, an int: {@code [FS_APPEND_FL|FS_NOATIME_FL]}. */
    private static Value inodeFlags(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Numbers.flags(FsIocFlags.XLAT, u32(raw, 0), "FS_???_FL")), false);
    }

    /** {@code struct fstrim_range}: start in hex, len, minlen. */
    private static Value fstrimRange(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 24);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("start", Value.hex(TraceeArrays.u64(raw, 0))),
                field("len", unsigned(TraceeArrays.u64(raw, 8))),
                field("minlen", unsigned(TraceeArrays.u64(raw, 16)))), false);
    }

    /** {@code struct fsxattr}; fsx_nextents only in what the kernel returns. */
    private static Value fsxattr(Call c, long addr, boolean get) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 28); // sizeof(struct fsxattr), with its padding
        if (raw == null) return new Value.Unreadable(addr);
        List<Value.Field> f = new ArrayList<>(List.of(
                field("fsx_xflags", Numbers.flags(FsXflags.XLAT, u32(raw, 0), "FS_XFLAG_???")),
                field("fsx_extsize", unsigned(u32(raw, 4)))));
        if (get) f.add(field("fsx_nextents", unsigned(u32(raw, 8))));
        f.add(field("fsx_projid", Value.hex(u32(raw, 12))));
        f.add(field("fsx_cowextsize", unsigned(u32(raw, 16))));
        return new Value.Struct(f, false);
    }

    private static Value unsigned(long v) {
        return new Value.Num(v, Value.Base.UNSIGNED);
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }
}
