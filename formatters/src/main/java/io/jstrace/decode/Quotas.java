package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.QuotaCmds.*;
import static java.util.Map.entry;

import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.QuotaCmds;
import io.jstrace.syscalls.xlat.QuotaDqblkValid;
import io.jstrace.syscalls.xlat.QuotaDqinfoFlags;
import io.jstrace.syscalls.xlat.QuotaDqinfoValid;
import io.jstrace.syscalls.xlat.QuotaFormats;
import io.jstrace.syscalls.xlat.QuotaTypes;
import io.jstrace.syscalls.xlat.XfsDqblkFlags;
import io.jstrace.syscalls.xlat.XfsQuotaFlags;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * quotactl(2) and quotactl_fd(2) (fs/quota/quota.c), as strace 6.1 prints them (src/quota.c):
 * quotactl_fd takes a descriptor first and the command second, quotactl the command first
 * and the special file second; the rest is the same. The command prints as
 * {@code QCMD(Q_GETFMT, USRQUOTA)} ({@code -X raw}: the number), the special file, then what
 * the command uses of {@code id} and {@code addr}: nothing (Q_SYNC), the format and the quota
 * file's path (Q_QUOTAON), the address alone (Q_GETFMT, Q_GETINFO, the XFS flag commands), or
 * the id and the address.
 *
 * <p>{@code addr} points to what the command reads (Q_SETQUOTA, Q_SETINFO, Q_XSETQLIM and the
 * XFS flags, printed at entry) or what the kernel fills in (the Q_GET* and Q_XGET* commands,
 * printed at exit when they succeed): the structures of include/uapi/linux/quota.h and
 * include/uapi/linux/dqblk_xfs.h, whose later members print only under {@code -v}.
 */
final class Quotas {
    private Quotas() {}

    /** What a command's {@code addr} points to: its size, whether the kernel fills it in, how it prints. */
    private record Target(int size, boolean out, Shape shape) {}

    @FunctionalInterface
    private interface Shape {
        Value of(RawStruct s);
    }

    /** struct if_dqblk; if_nextdqblk adds a __u32 dqb_id after dqb_valid, in the padding. */
    private static final int DQBLK_SIZE = 72;
    private static final int DQINFO_SIZE = 24;
    private static final int FS_DISK_QUOTA_SIZE = 112;
    private static final int FS_QUOTA_STAT_SIZE = 80;
    private static final int FS_QUOTA_STATV_SIZE = 160;

    private static final Map<Long, Target> TARGETS = Map.ofEntries(
            entry(Q_GETQUOTA,      new Target(DQBLK_SIZE, true, s -> dqblk(s, false))),
            entry(Q_GETNEXTQUOTA,  new Target(DQBLK_SIZE, true, s -> dqblk(s, true))),
            entry(Q_SETQUOTA,      new Target(DQBLK_SIZE, false, s -> dqblk(s, false))),
            entry(Q_GETINFO,       new Target(DQINFO_SIZE, true, Quotas::dqinfo)),
            entry(Q_SETINFO,       new Target(DQINFO_SIZE, false, Quotas::dqinfo)),
            entry(Q_GETFMT,        new Target(4, true, Quotas::format)),
            entry(Q_XQUOTAON,      new Target(4, false, s -> flagArray(s, XfsQuotaFlags.XLAT, "FS_QUOTA_???"))),
            entry(Q_XQUOTAOFF,     new Target(4, false, s -> flagArray(s, XfsQuotaFlags.XLAT, "FS_QUOTA_???"))),
            entry(Q_XQUOTARM,      new Target(4, false, s -> flagArray(s, XfsDqblkFlags.XLAT, "FS_???_QUOTA"))),
            entry(Q_XGETQUOTA,     new Target(FS_DISK_QUOTA_SIZE, true, Quotas::diskQuota)),
            entry(Q_XGETNEXTQUOTA, new Target(FS_DISK_QUOTA_SIZE, true, Quotas::diskQuota)),
            entry(Q_XSETQLIM,      new Target(FS_DISK_QUOTA_SIZE, false, Quotas::diskQuota)),
            entry(Q_XGETQSTAT,     new Target(FS_QUOTA_STAT_SIZE, true, Quotas::quotaStat)),
            entry(Q_XGETQSTATV,    new Target(FS_QUOTA_STATV_SIZE, true, Quotas::quotaStatv)));

    /** Which argument is the command: quotactl_fd's second, quotactl's first. */
    private static int cmdArg(Call c) {
        return c.name().equals("quotactl_fd") ? 1 : 0;
    }

    /** QCMD(cmd, type) = cmd << 8 | type (include/uapi/linux/quota.h). */
    static long cmd(Call c) {
        return (c.arg(cmdArg(c)) & 0xffff_ffffL) >>> 8;
    }

    static int visibleArgs(Call c) {
        long cmd = cmd(c);
        if (cmd == Q_SYNC || cmd == Q_QUOTAOFF || cmd == Q_XQUOTASYNC) return 2;
        if (takesAddrOnly(cmd)) return 3;
        return 4;
    }

    private static boolean takesAddrOnly(long cmd) {
        return cmd == Q_GETFMT || cmd == Q_GETINFO || cmd == Q_SETINFO || cmd == Q_XGETQSTAT || cmd == Q_XGETQSTATV
                || cmd == Q_XQUOTAON || cmd == Q_XQUOTAOFF || cmd == Q_XQUOTARM;
    }

    static Value arg(Call c, int i) {
        long cmd = cmd(c);
        if (i == cmdArg(c)) return qcmd(c.arg(i) & 0xffff_ffffL);
        if (i < 2) return cmdArg(c) == 1 ? FileDecoders.fd(c, i) : Strings.path(c, i);
        if (cmd == Q_QUOTAON) {
            return i == 2 ? Numbers.named(QuotaFormats.XLAT, c.arg(2) & 0xffff_ffffL, "QFMT_VFS_???")
                    : Strings.path(c, 3);
        }
        if (i == 2 && !takesAddrOnly(cmd)) return Creds.id(c.arg(2)); // printuid
        return addr(c, TARGETS.get(cmd));
    }

    /**
     * {@code QCMD(Q_GETFMT, USRQUOTA)}, unknown parts in hex with strace's comments; the
     * number under {@code -X raw}, both under {@code -X verbose}.
     */
    static Value qcmd(long qcmd) {
        Value cmd = Numbers.named(QuotaCmds.XLAT, qcmd >>> 8, "Q_???");
        Value type = Numbers.named(QuotaTypes.XLAT, qcmd & 0xff, "???QUOTA");
        return new Value.Decoded(new Num(qcmd, Base.UNSIGNED), new Value.Fn("QCMD", List.of(cmd, type), false));
    }

    /**
     * {@code addr} as its command's target: what the tracee passed in, or what the kernel
     * filled in once the call succeeded; the address when it cannot be read or the call failed.
     */
    private static Value addr(Call c, Target t) {
        long addr = c.arg(3);
        if (t == null || addr == 0 || (t.out() && !c.succeeded())) return new Value.Addr(addr);
        RawStruct s = RawStruct.read(c, addr, t.size());
        return s == null ? new Value.Unreadable(addr) : Verbosity.struct(c, 3, t.shape().of(s));
    }

    /** Q_GETFMT's result: {@code [QFMT_VFS_V0]}. */
    private static Value format(RawStruct s) {
        return new Value.Arr(List.of(Numbers.named(QuotaFormats.XLAT, s.u32(0), "QFMT_VFS_???")), false);
    }

    /** The __u32 flags of Q_XQUOTAON, Q_XQUOTAOFF and Q_XQUOTARM: {@code [FS_QUOTA_UDQ_ACCT]}. */
    private static Value flagArray(RawStruct s, Xlat table, String unknown) {
        return new Value.Arr(List.of(Numbers.flags(table, s.u32(0), unknown)), false);
    }

    /**
     * struct if_dqblk (if_nextdqblk with {@code next}): the limits and usage, then under
     * {@code -v} the grace times and dqb_valid; if_nextdqblk's dqb_id always.
     */
    private static Value dqblk(RawStruct s, boolean next) {
        List<Field> f = new ArrayList<>();
        String[] names = {"dqb_bhardlimit", "dqb_bsoftlimit", "dqb_curspace", "dqb_ihardlimit", "dqb_isoftlimit",
                "dqb_curinodes"};
        for (int k = 0; k < names.length; k++) f.add(field(names[k], s.unsigned64(8 * k)));
        boolean verbose = s.c().options().verbose();
        if (verbose) {
            f.add(field("dqb_btime", s.unsigned64(48)));
            f.add(field("dqb_itime", s.unsigned64(56)));
            f.add(field("dqb_valid", Numbers.flags(QuotaDqblkValid.XLAT, s.u32(64), "QIF_???")));
        }
        if (next) f.add(field("dqb_id", s.unsigned32(68)));
        return new Value.Struct(f, !verbose);
    }

    /** struct if_dqinfo: the grace times, the quota file's flags and which members are valid. */
    private static Value dqinfo(RawStruct s) {
        return new Value.Struct(List.of(
                field("dqi_bgrace", s.unsigned64(0)),
                field("dqi_igrace", s.unsigned64(8)),
                field("dqi_flags", Numbers.flags(QuotaDqinfoFlags.XLAT, s.u32(16), "DQF_???")),
                field("dqi_valid", Numbers.flags(QuotaDqinfoValid.XLAT, s.u32(20), "IIF_???"))), false);
    }

    /** struct fs_disk_quota: the limits and counts, then under {@code -v} the timers, warnings and realtime ones. */
    private static Value diskQuota(RawStruct s) {
        List<Field> f = new ArrayList<>();
        f.add(field("d_version", s8(s, 0)));
        f.add(field("d_flags", Numbers.flags(XfsDqblkFlags.XLAT, s.u8(1), "FS_???_QUOTA")));
        f.add(field("d_fieldmask", Value.hex(s.u16(2))));
        f.add(field("d_id", s.unsigned32(4)));
        String[] names = {"d_blk_hardlimit", "d_blk_softlimit", "d_ino_hardlimit", "d_ino_softlimit", "d_bcount",
                "d_icount"};
        for (int k = 0; k < names.length; k++) f.add(field(names[k], s.unsigned64(8 + 8 * k)));
        boolean verbose = s.c().options().verbose();
        if (verbose) {
            f.add(field("d_itimer", s.signed32(56)));
            f.add(field("d_btimer", s.signed32(60)));
            f.add(field("d_iwarns", u16(s, 64)));
            f.add(field("d_bwarns", u16(s, 66)));
            f.add(field("d_rtb_hardlimit", s.unsigned64(72)));
            f.add(field("d_rtb_softlimit", s.unsigned64(80)));
            f.add(field("d_rtbcount", s.unsigned64(88)));
            f.add(field("d_rtbtimer", s.signed32(96)));
            f.add(field("d_rtbwarns", u16(s, 100)));
        }
        return new Value.Struct(f, !verbose);
    }

    /** struct fs_quota_stat: the version, and under {@code -v} the rest. */
    private static Value quotaStat(RawStruct s) {
        List<Field> f = new ArrayList<>();
        f.add(field("qs_version", s8(s, 0)));
        boolean verbose = s.c().options().verbose();
        if (verbose) {
            f.add(field("qs_flags", Numbers.flags(XfsQuotaFlags.XLAT, s.u16(2), "FS_QUOTA_???")));
            f.add(field("qs_uquota", fileStat(s, 8)));
            f.add(field("qs_gquota", fileStat(s, 32)));
            f.add(field("qs_incoredqs", s.unsigned32(56)));
            limits(s, 60, f);
        }
        return new Value.Struct(f, !verbose);
    }

    /** struct fs_quota_statv: the version, and under {@code -v} the rest, with the project quota file. */
    private static Value quotaStatv(RawStruct s) {
        List<Field> f = new ArrayList<>();
        f.add(field("qs_version", s8(s, 0)));
        boolean verbose = s.c().options().verbose();
        if (verbose) {
            f.add(field("qs_flags", Numbers.flags(XfsQuotaFlags.XLAT, s.u16(2), "FS_QUOTA_???")));
            f.add(field("qs_incoredqs", s.unsigned32(4)));
            f.add(field("qs_uquota", fileStat(s, 8)));
            f.add(field("qs_gquota", fileStat(s, 32)));
            f.add(field("qs_pquota", fileStat(s, 56)));
            limits(s, 80, f);
        }
        return new Value.Struct(f, !verbose);
    }

    /** The time limits (three __s32) and warning limits (two __u16) at {@code off}. */
    private static void limits(RawStruct s, int off, List<Field> f) {
        f.add(field("qs_btimelimit", s.signed32(off)));
        f.add(field("qs_itimelimit", s.signed32(off + 4)));
        f.add(field("qs_rtbtimelimit", s.signed32(off + 8)));
        f.add(field("qs_bwarnlimit", u16(s, off + 12)));
        f.add(field("qs_iwarnlimit", u16(s, off + 14)));
    }

    /** fs_qfilestat and fs_qfilestatv: a quota file's inode, blocks and extents. */
    private static Value fileStat(RawStruct s, int off) {
        return new Value.Struct(List.of(
                field("qfs_ino", s.unsigned64(off)),
                field("qfs_nblks", s.unsigned64(off + 8)),
                field("qfs_nextents", s.unsigned32(off + 16))), false);
    }

    private static Value s8(RawStruct s, int off) {
        return Value.dec(s.raw()[off]);
    }

    private static Value u16(RawStruct s, int off) {
        return new Num(s.u16(off), Base.UNSIGNED);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return Quotas.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return Quotas.visibleArgs(c);
            }

            /** What the kernel fills in prints at exit. */
            @Override
            public int entryArgs(Call c, int visible) {
                Target t = TARGETS.get(cmd(c));
                return t != null && t.out() ? visible - 1 : visible;
            }
        }, "quotactl", "quotactl_fd");
    }
}
