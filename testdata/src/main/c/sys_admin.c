/*
 * Administrative calls that must not change the system, made so that they fail or only
 * query: syslog's size queries and bad types, reboot with a wrong magic number, module
 * calls on a name that is not loaded and a file that is no module, sysfs, ustat,
 * quotactl on a missing device, swapon/swapoff on a missing file, chroot and pivot_root
 * that fail, and mknod of a FIFO, a device and a regular file (removed again).
 */
#include "fsio.h"
#include <fcntl.h>
#include <linux/dqblk_xfs.h>
#include <linux/module.h>
#include <linux/reboot.h>
#include <sys/quota.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/sysmacros.h>

static const char tmp[] = "sys_admin.tmp";

static void syslogs(void)
{
	char buf[16];
	long r = S(SYS_syslog, 10, NULL, 0);
	expect("syslog(10 /* SYSLOG_ACTION_SIZE_BUFFER */)");
	expect_rval("%s", rval(r));
	r = S(SYS_syslog, 8, buf, 99);
	expect("syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, %s, 99 /* LOGLEVEL_??? */)", addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_syslog, 2, NULL, 0);
	expect("syslog(2 /* SYSLOG_ACTION_READ */, NULL, 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_syslog, 11, buf, 7);
	expect("syslog(11 /* SYSLOG_ACTION_??? */, %s, 7)", addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_syslog, -1, buf, 0);
	expect("syslog(-1 /* SYSLOG_ACTION_??? */, %s, 0)", addr(buf));
	expect_rval("%s", rval(r));
}

/* Every call has a wrong magic number: the kernel checks them before the command. */
static void reboots(void)
{
	long r = S(SYS_reboot, 0xdeadbeef, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, "now");
	expect("reboot(0xdeadbeef /* LINUX_REBOOT_MAGIC_??? */, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, \"now\")");
	expect_rval("%s", rval(r));
	r = S(SYS_reboot, LINUX_REBOOT_MAGIC1, 0x12345678, LINUX_REBOOT_CMD_POWER_OFF, NULL);
	expect("reboot(LINUX_REBOOT_MAGIC1, 0x12345678 /* LINUX_REBOOT_MAGIC_??? */, LINUX_REBOOT_CMD_POWER_OFF)");
	expect_rval("%s", rval(r));
	r = S(SYS_reboot, LINUX_REBOOT_MAGIC1, 1, 0x1234, NULL);
	expect("reboot(LINUX_REBOOT_MAGIC1, 0x1 /* LINUX_REBOOT_MAGIC_??? */, 0x1234 /* LINUX_REBOOT_CMD_??? */)");
	expect_rval("%s", rval(r));
}

static void modules(int fd)
{
	char image[8] = "notelf";
	long r = S(SYS_delete_module, "jstrace_absent", O_NONBLOCK | O_TRUNC);
	expect("delete_module(\"jstrace_absent\", O_NONBLOCK|O_TRUNC)");
	expect_rval("%s", rval(r));
	r = S(SYS_delete_module, "jstrace_absent", 0);
	expect("delete_module(\"jstrace_absent\", 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_init_module, image, 0, "a=1");
	expect("init_module(%s, 0, \"a=1\")", addr(image));
	expect_rval("%s", rval(r));
	r = S(SYS_finit_module, fd, "", MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC);
	expect("finit_module(%d, \"\", MODULE_INIT_IGNORE_MODVERSIONS|MODULE_INIT_IGNORE_VERMAGIC)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_finit_module, fd, "x=1", 0x80);
	expect("finit_module(%d, \"x=1\", 0x80 /* MODULE_INIT_??? */)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_finit_module, -1, NULL, 0);
	expect("finit_module(-1, NULL, 0)");
	expect_rval("%s", rval(r));
}

/* sysfs and ustat: strace 6.1 prints sysfs's words raw and ustat's buffer as an address. */
static void filesystems(void)
{
	static const char ext4[] = "ext4", none[] = "jstrace-none";
	char buf[256];
	long r = S(SYS_sysfs, 1, ext4, 0);
	expect("sysfs(0x1, %s, 0)", addr(ext4));
	expect_rval("%s", rval(r));
	r = S(SYS_sysfs, 1, none, 0);
	expect("sysfs(0x1, %s, 0)", addr(none));
	expect_rval("%s", rval(r));
	r = S(SYS_sysfs, 2, 0, buf);
	expect("sysfs(0x2, 0, %s)", addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_sysfs, 3, 0, 0);
	expect("sysfs(0x3, 0, 0)");
	expect_rval("%s", rval(r));
	r = S(SYS_sysfs, 9, 1, 2);
	expect("sysfs(0x9, 0x1, 0x2)");
	expect_rval("%s", rval(r));

	struct stat st;
	check(stat(".", &st) == 0, "stat .");
	unsigned old = (unsigned) (major(st.st_dev) << 8 | minor(st.st_dev));
	r = S(SYS_ustat, old, buf);
	expect("ustat(%s, %s)", dev_str(old), addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_ustat, makedev(123, 45), buf);
	expect("ustat(makedev(0x7b, 0x2d), %s)", addr(buf));
	expect_rval("%s", rval(r));
}

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd 443
#endif

static void quotas(void)
{
	static const char dev[] = "/nonexistent/dev";
	char buf[256] = { 0 };
	long r = S(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), dev, 0, buf);
	expect("quotactl(QCMD(Q_GETFMT, USRQUOTA), \"%s\", %s)", dev, addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_GETINFO, GRPQUOTA), dev, 0, buf);
	expect("quotactl(QCMD(Q_GETINFO, GRPQUOTA), \"%s\", %s)", dev, addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_QUOTAON, PRJQUOTA), dev, QFMT_VFS_V0, "/aquota.user");
	expect("quotactl(QCMD(Q_QUOTAON, PRJQUOTA), \"%s\", QFMT_VFS_V0, \"/aquota.user\")", dev);
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_QUOTAON, USRQUOTA), dev, 77, NULL);
	expect("quotactl(QCMD(Q_QUOTAON, USRQUOTA), \"%s\", 0x4d /* QFMT_VFS_??? */, NULL)", dev);
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_QUOTAOFF, USRQUOTA), dev, 0, NULL);
	expect("quotactl(QCMD(Q_QUOTAOFF, USRQUOTA), \"%s\")", dev);
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_GETQUOTA, USRQUOTA), dev, 1000, buf);
	expect("quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"%s\", 1000, %s)", dev, addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_GETNEXTQUOTA, GRPQUOTA), dev, -1, buf);
	expect("quotactl(QCMD(Q_GETNEXTQUOTA, GRPQUOTA), \"%s\", -1, %s)", dev, addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(Q_SYNC, USRQUOTA), dev, 0, NULL);
	expect("quotactl(QCMD(Q_SYNC, USRQUOTA), \"%s\")", dev);
	expect_rval("%s", rval(r));
	/* what Q_SETQUOTA, Q_SETINFO and the XFS commands pass in prints at entry */
	struct dqblk limits = { .dqb_bhardlimit = 100, .dqb_bsoftlimit = 90, .dqb_ihardlimit = 10,
				.dqb_isoftlimit = 9, .dqb_valid = QIF_LIMITS };
	r = S(SYS_quotactl, QCMD(Q_SETQUOTA, GRPQUOTA), dev, 1000, &limits);
	expect("quotactl(QCMD(Q_SETQUOTA, GRPQUOTA), \"%s\", 1000, {dqb_bhardlimit=100, dqb_bsoftlimit=90, "
	       "dqb_curspace=0, dqb_ihardlimit=10, dqb_isoftlimit=9, dqb_curinodes=0, ...})", dev);
	expect_rval("%s", rval(r));
	struct dqinfo info = { .dqi_bgrace = 604800, .dqi_igrace = 86400, .dqi_valid = IIF_BGRACE | IIF_IGRACE };
	r = S(SYS_quotactl, QCMD(Q_SETINFO, USRQUOTA), dev, 0, &info);
	expect("quotactl(QCMD(Q_SETINFO, USRQUOTA), \"%s\", {dqi_bgrace=604800, dqi_igrace=86400, dqi_flags=0, "
	       "dqi_valid=IIF_BGRACE|IIF_IGRACE})", dev);
	expect_rval("%s", rval(r));
	unsigned int xfs_flags = FS_QUOTA_UDQ_ACCT | FS_QUOTA_UDQ_ENFD;
	r = S(SYS_quotactl, QCMD(Q_XQUOTAON, USRQUOTA), dev, 0, &xfs_flags);
	expect("quotactl(QCMD(Q_XQUOTAON, USRQUOTA), \"%s\", [FS_QUOTA_UDQ_ACCT|FS_QUOTA_UDQ_ENFD])", dev);
	expect_rval("%s", rval(r));
	fs_disk_quota_t xfs_limits = { .d_version = FS_DQUOT_VERSION, .d_flags = FS_PROJ_QUOTA,
				       .d_fieldmask = FS_DQ_BHARD, .d_id = 7, .d_blk_hardlimit = 2048 };
	r = S(SYS_quotactl, QCMD(Q_XSETQLIM, PRJQUOTA), dev, 7, &xfs_limits);
	expect("quotactl(QCMD(Q_XSETQLIM, PRJQUOTA), \"%s\", 7, {d_version=1, d_flags=FS_PROJ_QUOTA, d_fieldmask=0x8, "
	       "d_id=7, d_blk_hardlimit=2048, d_blk_softlimit=0, d_ino_hardlimit=0, d_ino_softlimit=0, d_bcount=0, "
	       "d_icount=0, ...})", dev);
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl, QCMD(0x1234, 5), dev, 0, NULL);
	expect("quotactl(QCMD(0x1234 /* Q_??? */, 0x5 /* ???QUOTA */), \"%s\", 0, NULL)", dev);
	expect_rval("%s", rval(r));

	/* quotactl_fd: the filesystem by a descriptor, the command second */
	int root = S(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY);
	check(root >= 0, "open /");
	r = S(SYS_quotactl_fd, -1, QCMD(Q_GETFMT, USRQUOTA), 0, buf);
	expect("quotactl_fd(-1, QCMD(Q_GETFMT, USRQUOTA), %s)", addr(buf));
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl_fd, root, QCMD(Q_SYNC, GRPQUOTA), 0, NULL);
	expect("quotactl_fd(%d, QCMD(Q_SYNC, GRPQUOTA))", root);
	expect_rval("%s", rval(r));
	r = S(SYS_quotactl_fd, root, QCMD(Q_GETQUOTA, USRQUOTA), 1000, buf);
	expect("quotactl_fd(%d, QCMD(Q_GETQUOTA, USRQUOTA), 1000, %s)", root, addr(buf));
	expect_rval("%s", rval(r));
	S(SYS_close, root);
}

static void swaps(void)
{
	static const char none[] = "/nonexistent/swap";
	long r = S(SYS_swapon, none, SWAP_FLAG_PREFER | 5);
	expect("swapon(\"%s\", SWAP_FLAG_PREFER|5)", none);
	expect_rval("%s", rval(r));
	r = S(SYS_swapon, none, SWAP_FLAG_DISCARD | 0x20000);
	expect("swapon(\"%s\", SWAP_FLAG_DISCARD|SWAP_FLAG_DISCARD_ONCE|0)", none);
	expect_rval("%s", rval(r));
	r = S(SYS_swapon, none, 0);
	expect("swapon(\"%s\", 0)", none);
	expect_rval("%s", rval(r));
	r = S(SYS_swapoff, none);
	expect("swapoff(\"%s\")", none);
	expect_rval("%s", rval(r));
}

static void roots(void)
{
	long r = S(SYS_chroot, "/nonexistent");
	expect("chroot(\"/nonexistent\")");
	expect_rval("%s", rval(r));
	r = S(SYS_chroot, tmp);
	expect("chroot(\"%s\")", tmp);
	expect_rval("%s", rval(r));
	r = S(SYS_pivot_root, "/nonexistent", "/nonexistent/old");
	expect("pivot_root(\"/nonexistent\", \"/nonexistent/old\")");
	expect_rval("%s", rval(r));
}

static void mknods(void)
{
	long r = S(SYS_mknod, "sys_admin.fifo", S_IFIFO | 0600, 0);
	expect("mknod(\"sys_admin.fifo\", S_IFIFO|0600)");
	expect_rval("%s", rval(r));
	r = S(SYS_mknod, "sys_admin.fifo", S_IFIFO | 0600, 0);
	expect("mknod(\"sys_admin.fifo\", S_IFIFO|0600)");
	expect_rval("%s", rval(r));
	unlink("sys_admin.fifo");
	r = S(SYS_mknod, "sys_admin.chr", S_IFCHR | 0640, makedev(1, 3));
	expect("mknod(\"sys_admin.chr\", S_IFCHR|0640, makedev(0x1, 0x3))");
	expect_rval("%s", rval(r));
	unlink("sys_admin.chr");
	r = S(SYS_mknod, "sys_admin.reg", 0600, 0);
	expect("mknod(\"sys_admin.reg\", 0600)");
	expect_rval("%s", rval(r));
	unlink("sys_admin.reg");
}

int main(void)
{
	int fd = S(SYS_open, tmp, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && write(fd, "not a module\n", 13) == 13, "create");
	syslogs();
	reboots();
	modules(fd);
	filesystems();
	quotas();
	swaps();
	roots();
	mknods();
	S(SYS_close, fd);
	unlink(tmp);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
