/* stat, fstat, lstat, newfstatat, statx, statfs, fstatfs: abbreviated structs, devices, failures. */
#include "flags.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <linux/magic.h>

#include "statx_flags.h"
static const struct flag statfs_flags[] = {
	{ 1, "ST_RDONLY" }, { 2, "ST_NOSUID" }, { 4, "ST_NODEV" }, { 8, "ST_NOEXEC" }, { 16, "ST_SYNCHRONOUS" },
	{ 32, "ST_VALID" }, { 64, "ST_MANDLOCK" }, { 128, "ST_WRITE" }, { 256, "ST_APPEND" },
	{ 512, "ST_IMMUTABLE" }, { 1024, "ST_NOATIME" }, { 2048, "ST_NODIRATIME" }, { 4096, "ST_RELATIME" },
	{ 8192, "ST_NOSYMFOLLOW" }, END_FLAGS
};
static const struct flag fs_magics[] = { FLAG(PROC_SUPER_MAGIC), END_FLAGS };

static const char *type_name(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "S_IFREG";
	case S_IFDIR: return "S_IFDIR";
	case S_IFLNK: return "S_IFLNK";
	case S_IFCHR: return "S_IFCHR";
	case S_IFBLK: return "S_IFBLK";
	case S_IFIFO: return "S_IFIFO";
	default: return "S_IFSOCK";
	}
}

/* strace's abbreviated struct stat: mode, then the device for device files or the size. */
static const char *sstat(const struct stat *st)
{
	char *res = scratch();
	int n = sprintf(res, "{st_mode=%s|%#o, ", type_name(st->st_mode), st->st_mode & 07777);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		sprintf(res + n, "st_rdev=makedev(%#x, %#x), ...}", major(st->st_rdev), minor(st->st_rdev));
	else
		sprintf(res + n, "st_size=%lld, ...}", (long long) st->st_size);
	return res;
}

static const char *sstatx(const struct statx *sx)
{
	char *res = scratch();
	sprintf(res, "{stx_mask=%s, stx_attributes=%s, stx_mode=%s|%#o, stx_size=%llu, ...}",
		sflags(statx_masks, sx->stx_mask), sflags(statx_attrs, sx->stx_attributes),
		type_name(sx->stx_mode), sx->stx_mode & 07777, (unsigned long long) sx->stx_size);
	return res;
}

static const char *sstatfs(const struct statfs *f)
{
	char *res = scratch();
	int n = sprintf(res, "{f_type=%s, f_bsize=%lu, f_blocks=%lu, f_bfree=%lu, f_bavail=%lu, f_files=%lu, "
			"f_ffree=%lu, f_fsid={val=[%#x, %#x]}, f_namelen=%lu, f_frsize=%lu",
			sxval(fs_magics, f->f_type, NULL), (unsigned long) f->f_bsize, f->f_blocks, f->f_bfree,
			f->f_bavail, f->f_files, f->f_ffree, (unsigned) f->f_fsid.__val[0],
			(unsigned) f->f_fsid.__val[1], (unsigned long) f->f_namelen, (unsigned long) f->f_frsize);
	if (f->f_flags & 32)
		n += sprintf(res + n, ", f_flags=%s", sflags(statfs_flags, f->f_flags));
	strcpy(res + n, "}");
	return res;
}

int main(void)
{
	static const char file[] = "stat_family.tmp", link_name[] = "stat_family.lnk";
	struct stat st;
	struct statx sx;
	struct statfs sf;

	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	check(fd >= 0 && write(fd, "hello", 5) == 5, "create");
	check(fchmod(fd, 0640) == 0, "fchmod");
	check(symlink(file, link_name) == 0, "symlink");

	check(syscall(SYS_stat, file, &st) == 0, "stat");
	expect("stat(%s, %s)", qpath(file), sstat(&st));
	expect_rval("0");

	check(syscall(SYS_fstat, fd, &st) == 0, "fstat");
	expect("fstat(%d, %s)", fd, sstat(&st));
	expect_rval("0");

	check(syscall(SYS_lstat, link_name, &st) == 0, "lstat");
	expect("lstat(%s, %s)", qpath(link_name), sstat(&st));
	expect_rval("0");

	check(syscall(SYS_newfstatat, AT_FDCWD, link_name, &st, 0) == 0, "newfstatat");
	expect("newfstatat(AT_FDCWD, %s, %s, 0)", qpath(link_name), sstat(&st));
	expect_rval("0");

	check(syscall(SYS_newfstatat, AT_FDCWD, link_name, &st, AT_SYMLINK_NOFOLLOW) == 0, "newfstatat nofollow");
	expect("newfstatat(AT_FDCWD, %s, %s, AT_SYMLINK_NOFOLLOW)", qpath(link_name), sstat(&st));
	expect_rval("0");

	check(syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH) == 0, "newfstatat empty");
	expect("newfstatat(%d, \"\", %s, AT_EMPTY_PATH)", fd, sstat(&st));
	expect_rval("0");

	if (syscall(SYS_stat, "/dev/null", &st) == 0) {
		expect("stat(\"/dev/null\", %s)", sstat(&st));
		expect_rval("0");
	}

	errno = 0;
	check(syscall(SYS_stat, "stat_family.missing", &st) == -1 && errno == ENOENT, "stat ENOENT");
	expect("stat(\"stat_family.missing\", %s)", addr(&st));
	expect_rval("%s", rerr(ENOENT));

	check(syscall(SYS_fstat, -1, &st) == -1, "fstat EBADF");
	expect("fstat(-1, %s)", addr(&st));
	expect_rval("%s", rerr(EBADF));

	check(syscall(SYS_statx, AT_FDCWD, file, 0, STATX_BASIC_STATS, &sx) == 0, "statx");
	expect("statx(AT_FDCWD, %s, AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, %s)", qpath(file), sstatx(&sx));
	expect_rval("0");

	check(syscall(SYS_statx, AT_FDCWD, link_name, AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_SIZE, &sx) == 0,
	      "statx nofollow");
	expect("statx(AT_FDCWD, %s, AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_TYPE|STATX_SIZE, %s)",
	       qpath(link_name), sstatx(&sx));
	expect_rval("0");

	check(syscall(SYS_statx, fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_ALL, &sx) == 0, "statx fd");
	expect("statx(%d, \"\", AT_STATX_DONT_SYNC|AT_EMPTY_PATH, STATX_ALL, %s)", fd, sstatx(&sx));
	expect_rval("0");

	check(syscall(SYS_statx, AT_FDCWD, "stat_family.missing", 0, STATX_BASIC_STATS, &sx) == -1, "statx ENOENT");
	expect("statx(AT_FDCWD, \"stat_family.missing\", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, %s)", addr(&sx));
	expect_rval("%s", rerr(ENOENT));

	check(syscall(SYS_statfs, "/proc", &sf) == 0, "statfs");
	expect("statfs(\"/proc\", %s)", sstatfs(&sf));
	expect_rval("0");

	int proc = open("/proc/self/status", O_RDONLY);
	check(proc >= 0, "open /proc");
	check(syscall(SYS_fstatfs, proc, &sf) == 0, "fstatfs");
	expect("fstatfs(%d, %s)", proc, sstatfs(&sf));
	expect_rval("0");

	check(syscall(SYS_statfs, "stat_family.missing", &sf) == -1, "statfs ENOENT");
	expect("statfs(\"stat_family.missing\", %s)", addr(&sf));
	expect_rval("%s", rerr(ENOENT));

	close(proc);
	close(fd);
	unlink(link_name);
	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
