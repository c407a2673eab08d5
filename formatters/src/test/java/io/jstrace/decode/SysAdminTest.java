package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** syslog, reboot, module calls, ustat, quotactl and swapon; expected texts are strace 6.1's. */
class SysAdminTest {
    private static final long BUF = 0x7ffc_6fa6_50d0L, PATH = 0x47_9000L;
    private static final long EINVAL = -22, ENOENT = -2, ENOSYS = -38;

    private static FakeMemory paths() {
        return new FakeMemory().putString(PATH, "/nonexistent").putString(PATH + 64, "/x").putString(PATH + 96, "now");
    }

    @Test
    void syslogSizeQueriesPrintTheTypeOnly() {
        assertEquals("10 /* SYSLOG_ACTION_SIZE_BUFFER */", args(Calls.of("syslog").args(10, 0, 0).exit(131072)));
        assertEquals("0 /* SYSLOG_ACTION_CLOSE */", args(Calls.of("syslog").args(0, BUF, 7).exit(0)));
    }

    @Test
    void syslogConsoleLevelAndUnknownTypes() {
        assertEquals("8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, 0x7ffc6fa650d0, 99 /* LOGLEVEL_??? */",
                args(Calls.of("syslog").args(8, BUF, 99).exit(EINVAL)));
        assertEquals("8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 7 /* LOGLEVEL_DEBUG */",
                args(Calls.of("syslog").args(8, 0, 7).exit(EINVAL)));
        assertEquals("-1 /* SYSLOG_ACTION_??? */, 0x7ffc6fa650d0, 0",
                args(Calls.of("syslog").args(0xffffffffL, BUF, 0).exit(EINVAL)));
    }

    @Test
    void syslogReadPrintsWhatTheKernelWrote() {
        FakeMemory m = new FakeMemory().putString(BUF, "<6>hello");
        assertEquals("3 /* SYSLOG_ACTION_READ_ALL */, \"<6>he\", 16", args(Calls.of("syslog").args(3, BUF, 16).mem(m).exit(5)));
        assertEquals("2 /* SYSLOG_ACTION_READ */, NULL, 0", args(Calls.of("syslog").args(2, 0, 0).exit(EINVAL)));
        assertEquals("3 /* SYSLOG_ACTION_READ_ALL */, 0x7ffc6fa650d0, 16",
                args(Calls.of("syslog").args(3, BUF, 16).mem(new FakeMemory()).exit(5)));
    }

    @Test
    void rebootMagicAndCommands() {
        Call restart2 = Calls.of("reboot").args(0xdeadbeefL, 672274793, 0xA1B2C3D4L, PATH + 96).mem(paths()).exit(EINVAL);
        assertEquals("0xdeadbeef /* LINUX_REBOOT_MAGIC_??? */, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, \"now\"",
                args(restart2));
        Call unknown = Calls.of("reboot").args(0xfee1deadL, 537993216, 0x1234, 0).exit(EINVAL);
        assertEquals("LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2C, 0x1234 /* LINUX_REBOOT_CMD_??? */", args(unknown));
        Call unreadable = Calls.of("reboot").args(0xfee1deadL, 672274793, 0xA1B2C3D4L, 8).exit(EINVAL);
        assertEquals("LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, 0x8", args(unreadable));
    }

    @Test
    void moduleFlags() {
        FakeMemory m = new FakeMemory().putString(PATH, "jstrace_none").putString(PATH + 64, "");
        assertEquals("\"jstrace_none\", O_NONBLOCK|O_TRUNC",
                args(Calls.of("delete_module").args(PATH, 04000 | 01000).mem(m).exit(ENOSYS)));
        assertEquals("\"jstrace_none\", 0x1 /* O_??? */", args(Calls.of("delete_module").args(PATH, 1).mem(m).exit(ENOSYS)));
        assertEquals("3, \"\", MODULE_INIT_IGNORE_MODVERSIONS|MODULE_INIT_IGNORE_VERMAGIC",
                args(Calls.of("finit_module").args(3, PATH + 64, 3).mem(m).exit(ENOSYS)));
        assertEquals("3, \"\", 0x8 /* MODULE_INIT_??? */", args(Calls.of("finit_module").args(3, PATH + 64, 8).mem(m).exit(ENOSYS)));
    }

    @Test
    void ustatDevice() {
        assertEquals("makedev(0xfe, 0), 0x7ffc6fa650d0", args(Calls.of("ustat").args(0xfe00, BUF).exit(0)));
        assertEquals("makedev(0x7b, 0x2d), 0x7ffc6fa650d0", args(Calls.of("ustat").args(0x7b2d, BUF).exit(EINVAL)));
    }

    @Test
    void quotactlCommandsChooseTheirArguments() {
        assertEquals("QCMD(Q_GETFMT, USRQUOTA), \"/nonexistent\", 0x7ffc6fa650d0",
                args(Calls.of("quotactl").args(0x80000400L, PATH, 0, BUF).mem(paths()).exit(ENOENT)));
        assertEquals("QCMD(Q_QUOTAON, PRJQUOTA), \"/nonexistent\", QFMT_VFS_V0, \"/x\"",
                args(Calls.of("quotactl").args(0x80000202L, PATH, 2, PATH + 64).mem(paths()).exit(ENOENT)));
        assertEquals("QCMD(Q_QUOTAON, USRQUOTA), \"/nonexistent\", 0x4d /* QFMT_VFS_??? */, NULL",
                args(Calls.of("quotactl").args(0x80000200L, PATH, 77, 0).mem(paths()).exit(ENOENT)));
        assertEquals("QCMD(Q_GETQUOTA, GRPQUOTA), \"/nonexistent\", -1, 0x7ffc6fa650d0",
                args(Calls.of("quotactl").args(0x80000701L, PATH, 0xffffffffL, BUF).mem(paths()).exit(ENOENT)));
        assertEquals("QCMD(Q_SYNC, USRQUOTA), NULL", args(Calls.of("quotactl").args(0x80000100L, 0, 0, 0).exit(0)));
        assertEquals("QCMD(0x1234 /* Q_??? */, 0x5 /* ???QUOTA */), \"/nonexistent\", 0, NULL",
                args(Calls.of("quotactl").args(0x123405, PATH, 0, 0).mem(paths()).exit(EINVAL)));
    }

    @Test
    void quotactlFdTakesTheDescriptorFirst() {
        assertEquals("-1, QCMD(Q_GETFMT, USRQUOTA), 0x7ffc6fa650d0",
                args(Calls.of("quotactl_fd").args(-1, 0x80000400L, 0, BUF).exit(-9)));
        assertEquals("3, QCMD(Q_SYNC, GRPQUOTA)", args(Calls.of("quotactl_fd").args(3, 0x80000101L, 0, 0).exit(0)));
        assertEquals("3, QCMD(Q_GETQUOTA, USRQUOTA), 1000, 0x7ffc6fa650d0",
                args(Calls.of("quotactl_fd").args(3, 0x80000700L, 1000, BUF).exit(-3)));
        FakeMemory m = new FakeMemory().putInts(BUF, 2);
        assertEquals("3, QCMD(Q_GETFMT, USRQUOTA), [QFMT_VFS_V0]",
                args(Calls.of("quotactl_fd").args(3, 0x80000400L, 0, BUF).mem(m).exit(0)));
    }

    @Test
    void quotactlGetfmtReadsTheFormatBack() {
        FakeMemory m = paths().putInts(BUF, 2);
        assertEquals("QCMD(Q_GETFMT, USRQUOTA), \"/nonexistent\", [QFMT_VFS_V0]",
                args(Calls.of("quotactl").args(0x80000400L, PATH, 0, BUF).mem(m).exit(0)));
        assertEquals("QCMD(Q_GETFMT, USRQUOTA), \"/nonexistent\", 0x7ffc6fa650d0",
                args(Calls.of("quotactl").args(0x80000400L, PATH, 0, BUF).mem(paths()).exit(0)));
        assertEquals(2, Formatters.entryArgs(Calls.of("quotactl").args(0x80000400L, PATH, 0, BUF).enter(), 3));
    }

    @Test
    void quotactlGetquotaPrintsTheLimitsOnSuccessAndAllUnderV() {
        // struct if_dqblk: six __u64 limits and counts, two grace times, __u32 dqb_valid
        FakeMemory m = paths().putLongs(BUF, 100, 90, 4096, 10, 9, 3, 0, 0).putInts(BUF + 64, 0x3f, 1000);
        var getquota = Calls.of("quotactl").args(0x80000700L, PATH, 1000, BUF).mem(m);
        assertEquals("QCMD(Q_GETQUOTA, USRQUOTA), \"/nonexistent\", 1000, {dqb_bhardlimit=100, dqb_bsoftlimit=90, "
                + "dqb_curspace=4096, dqb_ihardlimit=10, dqb_isoftlimit=9, dqb_curinodes=3, ...}", args(getquota.exit(0)));
        assertEquals("QCMD(Q_GETQUOTA, USRQUOTA), \"/nonexistent\", 1000, 0x7ffc6fa650d0", args(getquota.exit(ENOENT)));
        assertEquals(3, Formatters.entryArgs(getquota.enter(), 4));
        var next = Calls.of("quotactl").args(0x80000901L, PATH, 0, BUF).mem(m).verbose();
        assertEquals("QCMD(Q_GETNEXTQUOTA, GRPQUOTA), \"/nonexistent\", 0, {dqb_bhardlimit=100, dqb_bsoftlimit=90, "
                + "dqb_curspace=4096, dqb_ihardlimit=10, dqb_isoftlimit=9, dqb_curinodes=3, dqb_btime=0, dqb_itime=0, "
                + "dqb_valid=QIF_BLIMITS|QIF_SPACE|QIF_ILIMITS|QIF_INODES|QIF_BTIME|QIF_ITIME, dqb_id=1000}",
                args(next.exit(0)));
    }

    @Test
    void quotactlSetinfoPrintsTheStructAtEntry() {
        // struct if_dqinfo: two __u64 grace times, __u32 dqi_flags and dqi_valid
        FakeMemory m = paths().putLongs(BUF, 604800, 86400).putInts(BUF + 16, 0x10001, 0xc);
        var setinfo = Calls.of("quotactl").args(0x80000600L, PATH, 0, BUF).mem(m);
        assertEquals("QCMD(Q_SETINFO, USRQUOTA), \"/nonexistent\", {dqi_bgrace=604800, dqi_igrace=86400, "
                + "dqi_flags=DQF_ROOT_SQUASH|DQF_SYS_FILE, dqi_valid=IIF_FLAGS|0x8}", args(setinfo.exit(ENOENT)));
        assertEquals(3, Formatters.entryArgs(setinfo.enter(), 3));
        assertEquals("QCMD(Q_SETINFO, USRQUOTA), \"/nonexistent\", 0x7ffc6fa650d0",
                args(Calls.of("quotactl").args(0x80000600L, PATH, 0, BUF).mem(paths()).exit(ENOENT)));
    }

    @Test
    void quotactlCommandIsANumberUnderXRaw() {
        Value qcmd = Formatters.format(Calls.of("quotactl").args(0x80000701L, 0, 0, 0).exit(ENOENT), 0);
        assertEquals("2147485441", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(qcmd));
        assertEquals("2147485441 /* QCMD(Q_GETQUOTA, GRPQUOTA) */",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(qcmd));
    }

    @Test
    void xfsQuotaCommandsPrintTheirFlagsAndStructs() {
        FakeMemory m = paths().putInts(BUF, 0x25);
        assertEquals("QCMD(Q_XQUOTAON, PRJQUOTA), \"/nonexistent\", [FS_QUOTA_UDQ_ACCT|FS_QUOTA_GDQ_ACCT|FS_QUOTA_PDQ_ENFD]",
                args(Calls.of("quotactl").args(0x5801_02L, PATH, 0, BUF).mem(m).exit(ENOENT)));
        assertEquals("QCMD(Q_XQUOTARM, USRQUOTA), \"/nonexistent\", [FS_USER_QUOTA|FS_GROUP_QUOTA|0x20]",
                args(Calls.of("quotactl").args(0x5806_00L, PATH, 0, BUF).mem(m).exit(ENOENT)));
        assertEquals("QCMD(Q_XQUOTASYNC, USRQUOTA), \"/nonexistent\"",
                args(Calls.of("quotactl").args(0x5807_00L, PATH, 0, BUF).mem(m).exit(0)));
        // struct fs_disk_quota: __s8 d_version, __s8 d_flags, __u16 d_fieldmask, __u32 d_id, six __u64
        FakeMemory q = paths().putInts(BUF, 0x000c_0101, 42).putLongs(BUF + 8, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("QCMD(Q_XGETQUOTA, USRQUOTA), \"/nonexistent\", 42, {d_version=1, d_flags=FS_USER_QUOTA, "
                + "d_fieldmask=0xc, d_id=42, d_blk_hardlimit=1, d_blk_softlimit=2, d_ino_hardlimit=3, "
                + "d_ino_softlimit=4, d_bcount=5, d_icount=6, ...}",
                args(Calls.of("quotactl").args(0x5803_00L, PATH, 42, BUF).mem(q).exit(0)));
        // struct fs_quota_stat: only qs_version without -v
        assertEquals("QCMD(Q_XGETQSTAT, USRQUOTA), \"/nonexistent\", {qs_version=1, ...}",
                args(Calls.of("quotactl").args(0x5805_00L, PATH, 0, BUF).mem(q).exit(0)));
    }

    @Test
    void swaponPriorityAfterFlags() {
        FakeMemory m = paths();
        assertEquals("\"/nonexistent\", SWAP_FLAG_PREFER|5", args(Calls.of("swapon").args(PATH, 0x8005).mem(m).exit(ENOENT)));
        assertEquals("\"/nonexistent\", SWAP_FLAG_DISCARD|SWAP_FLAG_DISCARD_ONCE|0",
                args(Calls.of("swapon").args(PATH, 0x30000).mem(m).exit(ENOENT)));
        assertEquals("\"/nonexistent\", 7", args(Calls.of("swapon").args(PATH, 7).mem(m).exit(ENOENT)));
        assertEquals("\"/nonexistent\", 0x100000 /* SWAP_FLAG_??? */|0",
                args(Calls.of("swapon").args(PATH, 0x100000).mem(m).exit(ENOENT)));
    }
}
