package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.AtFlags;
import io.jstrace.syscalls.xlat.StatxAttrs;
import io.jstrace.syscalls.xlat.StatxFlags;
import io.jstrace.syscalls.xlat.StatxMask;
import java.util.ArrayList;
import java.util.List;

/**
 * statx(2) (fs/stat.c) as strace 6.1 prints it (src/statx.c): the flags as the sync type
 * and then the AT_* flags ({@code AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW}), and
 * {@code struct statx} (include/uapi/linux/stat.h), abbreviated without -v to
 * {@code {stx_mask=..., stx_attributes=..., stx_mode=..., stx_size=..., ...}}. With -v,
 * each timestamp prints only when stx_mask has its bit (STATX_ATIME, STATX_BTIME,
 * STATX_CTIME, STATX_MTIME), and stx_mnt_id only with STATX_MNT_ID.
 */
final class Statx {
    /** The size strace reads: the whole struct with its spare words. */
    private static final int STATX_SIZE = 256;
    private static final int ATIME = 64, BTIME = 80, CTIME = 96, MTIME = 112;

    private Statx() {}

    /**
     * The flags argument: the sync type's two bits as flags (0 is AT_STATX_SYNC_AS_STAT, both
     * bits print as AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC), always printed, then the AT_* flags.
     */
    static Value flags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        long sync = v & StatxFlags.AT_STATX_SYNC_TYPE, rest = v & ~StatxFlags.AT_STATX_SYNC_TYPE;
        List<String> names = new ArrayList<>(StatxFlags.XLAT.decompose(sync).names());
        long remainder = 0;
        if (rest != 0) {
            var d = AtFlags.XLAT.decompose(rest);
            names.addAll(d.names());
            remainder |= d.remainder();
        }
        Value abbrev = new Value.Flags(v, names, remainder);
        return new Value.Styled(abbrev, new Value.Text(styled(sync, rest, XlatStyle.RAW)),
                new Value.Text(styled(sync, rest, XlatStyle.VERBOSE)));
    }

    /**
     * src/statx.c prints the sync type (printflags, whose raw 0 strace 6.1 prints as nothing)
     * and the other flags (printflags) as two fields joined by {@code |}.
     */
    private static String styled(long sync, long rest, XlatStyle style) {
        StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
        String s = style == XlatStyle.RAW && sync == 0 ? "" : text.render(Numbers.flags(StatxFlags.XLAT, sync));
        return rest == 0 ? s : s + "|" + text.render(Numbers.flags(AtFlags.XLAT, rest));
    }

    /** statx's buffer: the struct the kernel filled; its address when the call failed or it is unreadable. */
    static Value statx(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, STATX_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        boolean v = c.options().verbose();
        long mask = u32(raw, 0);
        List<Field> f = new ArrayList<>();
        f.add(field("stx_mask", Numbers.flags(StatxMask.XLAT, mask)));
        if (v) f.add(field("stx_blksize", unsigned(u32(raw, 4))));
        f.add(field("stx_attributes", Numbers.flags(StatxAttrs.XLAT, TraceeArrays.u64(raw, 8))));
        if (v) {
            f.add(field("stx_nlink", unsigned(u32(raw, 16))));
            f.add(field("stx_uid", id(u32(raw, 20))));
            f.add(field("stx_gid", id(u32(raw, 24))));
        }
        f.add(field("stx_mode", FileDecoders.typedModeValue(u32(raw, 28) & 0xffff)));
        if (v) f.add(field("stx_ino", unsigned(TraceeArrays.u64(raw, 32))));
        f.add(field("stx_size", unsigned(TraceeArrays.u64(raw, 40))));
        if (!v) return new Value.Struct(f, true);
        verboseTail(raw, mask, f);
        return new Value.Struct(f, false);
    }

    private static void verboseTail(byte[] raw, long mask, List<Field> f) {
        f.add(field("stx_blocks", unsigned(TraceeArrays.u64(raw, 48))));
        f.add(field("stx_attributes_mask", Numbers.flags(StatxAttrs.XLAT, TraceeArrays.u64(raw, 56))));
        if ((mask & StatxMask.STATX_ATIME) != 0) f.add(field("stx_atime", timestamp(raw, ATIME)));
        if ((mask & StatxMask.STATX_BTIME) != 0) f.add(field("stx_btime", timestamp(raw, BTIME)));
        if ((mask & StatxMask.STATX_CTIME) != 0) f.add(field("stx_ctime", timestamp(raw, CTIME)));
        if ((mask & StatxMask.STATX_MTIME) != 0) f.add(field("stx_mtime", timestamp(raw, MTIME)));
        f.add(field("stx_rdev_major", unsigned(u32(raw, 128))));
        f.add(field("stx_rdev_minor", unsigned(u32(raw, 132))));
        f.add(field("stx_dev_major", unsigned(u32(raw, 136))));
        f.add(field("stx_dev_minor", unsigned(u32(raw, 140))));
        if ((mask & StatxMask.STATX_MNT_ID) != 0) f.add(field("stx_mnt_id", Value.hex(TraceeArrays.u64(raw, 144))));
    }

    /** struct statx_timestamp: {@code {tv_sec=S, tv_nsec=N} /* local time *\/}. */
    private static Value timestamp(byte[] raw, int off) {
        long sec = TraceeArrays.u64(raw, off), nsec = u32(raw, off + 8);
        Value ts = new Value.Struct(List.of(field("tv_sec", Value.dec(sec)), field("tv_nsec", unsigned(nsec))), false);
        String time = Times.localTime(sec, nsec, 999_999_999L, 9);
        return time == null ? ts : new Value.Commented(ts, time);
    }

    /** A uid or gid: -1 prints as -1, as strace's PRINT_FIELD_ID does. */
    private static Value id(long v) {
        return v == 0xffff_ffffL ? Value.dec(-1) : unsigned(v);
    }

    private static Value unsigned(long v) {
        return new Num(v, Base.UNSIGNED);
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Statx::flags, 4, Verbosity.struct(Statx::statx)), "statx");
    }
}
