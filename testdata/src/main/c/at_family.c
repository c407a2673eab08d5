/*
 * The *at family relative to a directory descriptor, and the older calls they replace:
 * mkdirat, mknodat, openat, linkat, symlinkat, readlinkat, renameat, fchmodat, fchownat,
 * faccessat, unlinkat, creat, fchown, lchown, utime, utimes, futimesat, flock, readahead,
 * syncfs, sync and vmsplice.
 */
#include "tests.h"
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <utime.h>
#include <sys/time.h>


int main(void)
{
	static char target[64];
	int top = S(SYS_open, ".", O_RDONLY | O_DIRECTORY); /* open(2) is not traced */
	check(S(SYS_mkdirat, AT_FDCWD, "at_family.dir", 0755) == 0, "mkdirat");
	expect("mkdirat(AT_FDCWD, \"at_family.dir\", 0755)");
	expect_rval("0");

	int dir = S(SYS_openat, AT_FDCWD, "at_family.dir", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check(dir >= 0, "openat dir");
	expect("openat(AT_FDCWD, \"at_family.dir\", O_RDONLY|O_CLOEXEC|O_DIRECTORY)");
	expect_rval("%d", dir);

	check(S(SYS_mknodat, dir, "fifo", S_IFIFO | 0600, 0) == 0, "mknodat");
	expect("mknodat(%d, \"fifo\", S_IFIFO|0600)", dir);
	expect_rval("0");

	/* Needs CAP_MKNOD: succeeds as root, fails with EPERM otherwise. */
	long made = S(SYS_mknodat, dir, "null", S_IFCHR | 0600, makedev(1, 3));
	expect("mknodat(%d, \"null\", S_IFCHR|0600, makedev(0x1, 0x3))", dir);
	expect_rval("%s", made == 0 ? "0" : rerr(errno));

	int fd = S(SYS_openat, dir, "a", O_WRONLY | O_CREAT | O_EXCL, 0640);
	check(fd >= 0, "openat");
	expect("openat(%d, \"a\", O_WRONLY|O_CREAT|O_EXCL, 0640)", dir);
	expect_rval("%d", fd);

	check(S(SYS_linkat, dir, "a", dir, "b", 0) == 0, "linkat");
	expect("linkat(%d, \"a\", %d, \"b\", 0)", dir, dir);
	expect_rval("0");

	check(S(SYS_symlinkat, "a", dir, "c") == 0, "symlinkat");
	expect("symlinkat(\"a\", %d, \"c\")", dir);
	expect_rval("0");

	check(S(SYS_readlinkat, dir, "c", target, sizeof(target)) == 1, "readlinkat");
	expect("readlinkat(%d, \"c\", \"a\", %zu)", dir, sizeof(target));
	expect_rval("1");

	check(S(SYS_renameat, dir, "b", dir, "d") == 0, "renameat");
	expect("renameat(%d, \"b\", %d, \"d\")", dir, dir);
	expect_rval("0");

	check(S(SYS_fchmodat, dir, "d", 0604) == 0, "fchmodat");
	expect("fchmodat(%d, \"d\", 0604)", dir);
	expect_rval("0");

	check(S(SYS_fchownat, dir, "c", -1, -1, AT_SYMLINK_NOFOLLOW) == 0, "fchownat");
	expect("fchownat(%d, \"c\", -1, -1, AT_SYMLINK_NOFOLLOW)", dir);
	expect_rval("0");

	check(S(SYS_faccessat, dir, "d", R_OK) == 0, "faccessat");
	expect("faccessat(%d, \"d\", R_OK)", dir);
	expect_rval("0");

	check(S(SYS_fchown, fd, -1, -1) == 0, "fchown");
	expect("fchown(%d, -1, -1)", fd);
	expect_rval("0");

	check(S(SYS_fchdir, dir) == 0, "fchdir");
	expect("fchdir(%d)", dir);
	expect_rval("0");

	check(S(SYS_lchown, "c", -1, -1) == 0, "lchown");
	expect("lchown(\"c\", -1, -1)");
	expect_rval("0");

	int e = S(SYS_creat, "e", 0600);
	check(e >= 0, "creat");
	expect("creat(\"e\", 0600)");
	expect_rval("%d", e);

	struct utimbuf ub = { 0, 0 };
	check(S(SYS_utime, "e", &ub) == 0, "utime");
	expect("utime(\"e\", {actime=0, modtime=0})");
	expect_rval("0");

	struct timeval tv[2] = { { 0, 0 }, { 0, 0 } };
	check(S(SYS_utimes, "e", tv) == 0, "utimes");
	expect("utimes(\"e\", [{tv_sec=0, tv_usec=0}, {tv_sec=0, tv_usec=0}])");
	expect_rval("0");

	check(S(SYS_futimesat, dir, "e", NULL) == 0, "futimesat");
	expect("futimesat(%d, \"e\", NULL)", dir);
	expect_rval("0");

	check(S(SYS_flock, fd, LOCK_EX | LOCK_NB) == 0, "flock");
	expect("flock(%d, LOCK_EX|LOCK_NB)", fd);
	expect_rval("0");

	check(S(SYS_flock, fd, LOCK_UN) == 0, "flock unlock");
	expect("flock(%d, LOCK_UN)", fd);
	expect_rval("0");

	int r = S(SYS_open, "e", O_RDONLY);
	check(S(SYS_readahead, r, 0, 4096) == 0, "readahead");
	expect("readahead(%d, 0, 4096)", r);
	expect_rval("0");

	check(S(SYS_syncfs, fd) == 0, "syncfs");
	expect("syncfs(%d)", fd);
	expect_rval("0");

	S(SYS_sync);
	expect("sync()");
	expect_rval("0");

	int p[2];
	check(pipe(p) == 0, "pipe");
	struct iovec iov = { "vmsplice", 8 };
	check(S(SYS_vmsplice, p[1], &iov, 1, 0) == 8, "vmsplice");
	expect("vmsplice(%d, [{iov_base=\"vmsplice\", iov_len=8}], 1, 0)", p[1]);
	expect_rval("8");

	check(S(SYS_unlinkat, dir, "c", 0) == 0, "unlinkat");
	expect("unlinkat(%d, \"c\", 0)", dir);
	expect_rval("0");

	check(S(SYS_unlinkat, top, "at_family.dir", AT_REMOVEDIR) == -1 && errno == ENOTEMPTY, "unlinkat ENOTEMPTY");
	expect("unlinkat(%d, \"at_family.dir\", AT_REMOVEDIR)", top);
	expect_rval("%s", rerr(ENOTEMPTY));

	/* Clean up with calls this test does not trace. */
	S(SYS_unlink, "a");
	S(SYS_unlink, "d");
	S(SYS_unlink, "e");
	S(SYS_unlink, "fifo");
	S(SYS_unlink, "null");
	S(SYS_chdir, "..");
	S(SYS_rmdir, "at_family.dir");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
