/* stat, newfstatat and statx under -v: every member, times with their local date, as read back. */
#include "flags.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "statx_flags.h"

/* strace's " /\* 2026-11-22T17:53:26.520176422+0000 *\/" after a time, or nothing for 0. */
static const char *sdate(long long sec, unsigned long nsec)
{
	char *res = scratch();
	if (!sec && !nsec)
		return "";
	time_t t = sec;
	struct tm tm;
	localtime_r(&t, &tm);
	int n = sprintf(res, " /* ");
	n += strftime(res + n, 64, "%FT%T", &tm);
	if (nsec)
		n += sprintf(res + n, ".%09lu", nsec);
	n += strftime(res + n, 16, "%z", &tm);
	strcpy(res + n, " */");
	return res;
}

static const char *smode(unsigned mode)
{
	char *res = scratch();
	sprintf(res, "%s|%#o", S_ISDIR(mode) ? "S_IFDIR" : S_ISCHR(mode) ? "S_IFCHR" : "S_IFREG", mode & 07777);
	return res;
}

static const char *sstat(const struct stat *st)
{
	char *res = scratch();
	int n = sprintf(res, "{st_dev=makedev(%#x, %#x), st_ino=%llu, st_mode=%s, st_nlink=%lu, st_uid=%u, st_gid=%u, "
			"st_blksize=%ld, st_blocks=%lld, ", major(st->st_dev), minor(st->st_dev),
			(unsigned long long) st->st_ino, smode(st->st_mode), (unsigned long) st->st_nlink, st->st_uid,
			st->st_gid, (long) st->st_blksize, (long long) st->st_blocks);
	if (S_ISCHR(st->st_mode))
		n += sprintf(res + n, "st_rdev=makedev(%#x, %#x)", major(st->st_rdev), minor(st->st_rdev));
	else
		n += sprintf(res + n, "st_size=%lld", (long long) st->st_size);
	const struct timespec *ts[] = { &st->st_atim, &st->st_mtim, &st->st_ctim };
	const char *names[] = { "st_atime", "st_mtime", "st_ctime" };
	for (int k = 0; k < 3; k++)
		n += sprintf(res + n, ", %s=%lld%s, %s_nsec=%ld", names[k], (long long) ts[k]->tv_sec,
			     sdate(ts[k]->tv_sec, ts[k]->tv_nsec), names[k], ts[k]->tv_nsec);
	strcpy(res + n, "}");
	return res;
}

static const char *sxtime(const struct statx_timestamp *t)
{
	char *res = scratch();
	sprintf(res, "{tv_sec=%lld, tv_nsec=%u}%s", (long long) t->tv_sec, t->tv_nsec, sdate(t->tv_sec, t->tv_nsec));
	return res;
}

static const char *sstatx(const struct statx *sx)
{
	char *res = scratch();
	int n = sprintf(res, "{stx_mask=%s, stx_blksize=%u, stx_attributes=%s, stx_nlink=%u, stx_uid=%u, stx_gid=%u, "
			"stx_mode=%s, stx_ino=%llu, stx_size=%llu, stx_blocks=%llu, stx_attributes_mask=%s, ", sflags(statx_masks, sx->stx_mask), sx->stx_blksize,
			sflags(statx_attrs, sx->stx_attributes), sx->stx_nlink, sx->stx_uid, sx->stx_gid,
			smode(sx->stx_mode), (unsigned long long) sx->stx_ino, (unsigned long long) sx->stx_size,
			(unsigned long long) sx->stx_blocks, sflags(statx_attrs, sx->stx_attributes_mask));
	/* strace 6.1 prints a timestamp only when stx_mask says the kernel filled it. */
	if (sx->stx_mask & STATX_ATIME)
		n += sprintf(res + n, "stx_atime=%s, ", sxtime(&sx->stx_atime));
	if (sx->stx_mask & STATX_BTIME)
		n += sprintf(res + n, "stx_btime=%s, ", sxtime(&sx->stx_btime));
	if (sx->stx_mask & STATX_CTIME)
		n += sprintf(res + n, "stx_ctime=%s, ", sxtime(&sx->stx_ctime));
	if (sx->stx_mask & STATX_MTIME)
		n += sprintf(res + n, "stx_mtime=%s, ", sxtime(&sx->stx_mtime));
	n += sprintf(res + n, "stx_rdev_major=%u, stx_rdev_minor=%u, stx_dev_major=%u, stx_dev_minor=%u",
		     sx->stx_rdev_major, sx->stx_rdev_minor, sx->stx_dev_major, sx->stx_dev_minor);
	if (sx->stx_mask & 0x1000)
		n += sprintf(res + n, ", stx_mnt_id=%#llx", (unsigned long long) sx->stx_mnt_id);
	strcpy(res + n, "}");
	return res;
}

int main(void)
{
	static const char file[] = "stat_verbose.tmp";
	struct stat st;
	struct statx sx;
	tzset(); /* reads the zone file now: its newfstatat is not traced */
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && write(fd, "hello", 5) == 5, "create");

	check(syscall(SYS_stat, file, &st) == 0, "stat");
	expect("stat(%s, %s)", qpath(file), sstat(&st));
	expect_rval("0");

	if (syscall(SYS_stat, "/dev/null", &st) == 0) {
		expect("stat(\"/dev/null\", %s)", sstat(&st));
		expect_rval("0");
	}

	check(syscall(SYS_statx, AT_FDCWD, file, 0, STATX_ALL, &sx) == 0, "statx");
	expect("statx(AT_FDCWD, %s, AT_STATX_SYNC_AS_STAT, STATX_ALL, %s)", qpath(file), sstatx(&sx));
	expect_rval("0");

	check(syscall(SYS_statx, AT_FDCWD, ".", 0, STATX_TYPE | STATX_MODE, &sx) == 0, "statx dir");
	expect("statx(AT_FDCWD, \".\", AT_STATX_SYNC_AS_STAT, STATX_TYPE|STATX_MODE, %s)", sstatx(&sx));
	expect_rval("0");

	close(fd);
	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
