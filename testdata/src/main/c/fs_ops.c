/*
 * Path and descriptor calls in a scratch directory: truncate, fallocate, syncs, renames,
 * links, directories, modes, owners, times, access checks, working directory, umask,
 * openat2, dup*, fadvise64 and sysinfo.
 */
#include "tests.h"
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>


int main(void)
{
	static char cwd[4096], link_target[64], exe[4096];
	/* The static C library's start-up readlink, before main. */
	long exe_len = S(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", exe, sizeof(exe));
	check(exe_len > 0, "readlinkat");
	expect("readlink(\"/proc/self/exe\", %s, 4096)", qbuf(exe, exe_len));
	expect_rval("%ld", exe_len);
	int top = S(SYS_open, ".", O_RDONLY | O_DIRECTORY); /* open(2) is not traced */
	check(top >= 0, "open .");

	check(S(SYS_mkdir, "fs_ops.dir", 0750) == 0, "mkdir");
	expect("mkdir(\"fs_ops.dir\", 0750)");
	expect_rval("0");

	check(S(SYS_chdir, "fs_ops.dir") == 0, "chdir");
	expect("chdir(\"fs_ops.dir\")");
	expect_rval("0");

	long len = S(SYS_getcwd, cwd, sizeof(cwd));
	check(len > 0, "getcwd");
	expect("getcwd(%s, %zu)", qpath(cwd), sizeof(cwd));
	expect_rval("%ld", len);

	long old = S(SYS_umask, 077);
	expect("umask(077)");
	expect_rval(old ? "%#lo" : "0", old);

	int fd = S(SYS_openat, AT_FDCWD, "a", O_RDWR | O_CREAT, 0600);
	check(fd >= 0, "openat");
	expect("openat(AT_FDCWD, \"a\", O_RDWR|O_CREAT, 0600)");
	expect_rval("%d", fd);

	check(S(SYS_truncate, "a", 100) == 0, "truncate");
	expect("truncate(\"a\", 100)");
	expect_rval("0");

	check(S(SYS_ftruncate, fd, 50) == 0, "ftruncate");
	expect("ftruncate(%d, 50)", fd);
	expect_rval("0");

	check(S(SYS_fallocate, fd, 0, 0, 4096) == 0, "fallocate");
	expect("fallocate(%d, 0, 0, 4096)", fd);
	expect_rval("0");

	check(S(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE, 4096, 4096) == 0, "fallocate keep size");
	expect("fallocate(%d, FALLOC_FL_KEEP_SIZE, 4096, 4096)", fd);
	expect_rval("0");

	check(S(SYS_fsync, fd) == 0, "fsync");
	expect("fsync(%d)", fd);
	expect_rval("0");

	check(S(SYS_fdatasync, fd) == 0, "fdatasync");
	expect("fdatasync(%d)", fd);
	expect_rval("0");

	check(S(SYS_sync_file_range, fd, 0, 10, SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER) == 0, "sfr");
	expect("sync_file_range(%d, 0, 10, SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER)", fd);
	expect_rval("0");

	check(S(SYS_fadvise64, fd, 0, 100, POSIX_FADV_SEQUENTIAL) == 0, "fadvise64");
	expect("fadvise64(%d, 0, 100, POSIX_FADV_SEQUENTIAL)", fd);
	expect_rval("0");

	check(S(SYS_fadvise64, fd, 0, 0, POSIX_FADV_DONTNEED) == 0, "fadvise64 dontneed");
	expect("fadvise64(%d, 0, 0, POSIX_FADV_DONTNEED)", fd);
	expect_rval("0");

	check(S(SYS_fadvise64, fd, 0, 0, 77) == -1 && errno == EINVAL, "fadvise64 EINVAL");
	expect("fadvise64(%d, 0, 0, 0x4d /* POSIX_FADV_??? */)", fd);
	expect_rval("%s", rerr(EINVAL));

	check(S(SYS_rename, "a", "b") == 0, "rename");
	expect("rename(\"a\", \"b\")");
	expect_rval("0");

	check(S(SYS_renameat2, AT_FDCWD, "b", AT_FDCWD, "c", RENAME_NOREPLACE) == 0, "renameat2");
	expect("renameat2(AT_FDCWD, \"b\", AT_FDCWD, \"c\", RENAME_NOREPLACE)");
	expect_rval("0");

	check(S(SYS_link, "c", "d") == 0, "link");
	expect("link(\"c\", \"d\")");
	expect_rval("0");

	check(S(SYS_symlink, "c", "e") == 0, "symlink");
	expect("symlink(\"c\", \"e\")");
	expect_rval("0");

	len = S(SYS_readlink, "e", link_target, sizeof(link_target));
	check(len == 1, "readlink");
	expect("readlink(\"e\", \"c\", %zu)", sizeof(link_target));
	expect_rval("1");

	check(S(SYS_unlink, "d") == 0, "unlink");
	expect("unlink(\"d\")");
	expect_rval("0");

	check(S(SYS_chmod, "c", 0640) == 0, "chmod");
	expect("chmod(\"c\", 0640)");
	expect_rval("0");

	check(S(SYS_fchmod, fd, 0604) == 0, "fchmod");
	expect("fchmod(%d, 0604)", fd);
	expect_rval("0");

	check(S(SYS_chown, "c", -1, -1) == 0, "chown");
	expect("chown(\"c\", -1, -1)");
	expect_rval("0");

	struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	check(S(SYS_utimensat, AT_FDCWD, "c", times, 0) == 0, "utimensat");
	expect("utimensat(AT_FDCWD, \"c\", [UTIME_NOW, UTIME_OMIT], 0)");
	expect_rval("0");

	check(S(SYS_utimensat, AT_FDCWD, "e", NULL, AT_SYMLINK_NOFOLLOW) == 0, "utimensat null");
	expect("utimensat(AT_FDCWD, \"e\", NULL, AT_SYMLINK_NOFOLLOW)");
	expect_rval("0");

	check(S(SYS_access, "c", R_OK | W_OK) == 0, "access");
	expect("access(\"c\", R_OK|W_OK)");
	expect_rval("0");

	check(S(SYS_access, "missing", F_OK) == -1 && errno == ENOENT, "access ENOENT");
	expect("access(\"missing\", F_OK)");
	expect_rval("%s", rerr(ENOENT));

	check(S(SYS_faccessat2, AT_FDCWD, "c", R_OK, AT_EACCESS) == 0, "faccessat2");
	expect("faccessat2(AT_FDCWD, \"c\", R_OK, AT_EACCESS)");
	expect_rval("0");

	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS };
	int f2 = S(SYS_openat2, AT_FDCWD, "c", &how, sizeof(how));
	check(f2 >= 0, "openat2");
	expect("openat2(AT_FDCWD, \"c\", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, %zu)",
	       sizeof(how));
	expect_rval("%d", f2);

	struct open_how create = { .flags = O_WRONLY | O_CREAT | O_EXCL, .mode = 0640 };
	int f3 = S(SYS_openat2, AT_FDCWD, "f", &create, sizeof(create));
	check(f3 >= 0, "openat2 create");
	expect("openat2(AT_FDCWD, \"f\", {flags=O_WRONLY|O_CREAT|O_EXCL, mode=0640, resolve=0}, %zu)", sizeof(create));
	expect_rval("%d", f3);

	check(S(SYS_openat2, AT_FDCWD, "e", &how, sizeof(how)) == -1 && errno == ELOOP, "openat2 ELOOP");
	expect("openat2(AT_FDCWD, \"e\", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, %zu)",
	       sizeof(how));
	expect_rval("%s", rerr(ELOOP));

	struct { struct open_how how; unsigned long long next; } bigger = { { O_RDONLY, 0, 0 }, 0x1234 };
	check(S(SYS_openat2, AT_FDCWD, "c", &bigger, sizeof(bigger)) == -1 && errno == E2BIG, "openat2 E2BIG");
	expect("openat2(AT_FDCWD, \"c\", {flags=O_RDONLY, resolve=0, /* bytes 24..31 */ "
	       "\"\\x34\\x12\\x00\\x00\\x00\\x00\\x00\\x00\"}, %zu)", sizeof(bigger));
	expect_rval("%s", rerr(E2BIG));

	int d1 = S(SYS_dup, fd);
	check(d1 >= 0, "dup");
	expect("dup(%d)", fd);
	expect_rval("%d", d1);

	check(S(SYS_dup2, fd, 30) == 30, "dup2");
	expect("dup2(%d, 30)", fd);
	expect_rval("30");

	check(S(SYS_dup3, fd, 31, O_CLOEXEC) == 31, "dup3");
	expect("dup3(%d, 31, O_CLOEXEC)", fd);
	expect_rval("31");

	check(S(SYS_dup2, 99, 30) == -1 && errno == EBADF, "dup2 EBADF");
	expect("dup2(99, 30)");
	expect_rval("%s", rerr(EBADF));

	check(S(SYS_mkdir, "sub", 0700) == 0, "mkdir sub");
	expect("mkdir(\"sub\", 0700)");
	expect_rval("0");

	int dir = S(SYS_openat, AT_FDCWD, "sub", O_RDONLY | O_DIRECTORY);
	expect("openat(AT_FDCWD, \"sub\", O_RDONLY|O_DIRECTORY)");
	expect_rval("%d", dir);

	check(S(SYS_fchdir, dir) == 0, "fchdir");
	expect("fchdir(%d)", dir);
	expect_rval("0");

	check(S(SYS_chdir, "..") == 0, "chdir ..");
	expect("chdir(\"..\")");
	expect_rval("0");

	check(S(SYS_rmdir, "sub") == 0, "rmdir");
	expect("rmdir(\"sub\")");
	expect_rval("0");

	check(S(SYS_rmdir, "c") == -1 && errno == ENOTDIR, "rmdir ENOTDIR");
	expect("rmdir(\"c\")");
	expect_rval("%s", rerr(ENOTDIR));

	struct sysinfo si;
	check(S(SYS_sysinfo, &si) == 0, "sysinfo");
	expect("sysinfo({uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, sharedram=%lu, bufferram=%lu, "
	       "totalswap=%lu, freeswap=%lu, procs=%u, totalhigh=%lu, freehigh=%lu, mem_unit=%u})",
	       si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram, si.sharedram, si.bufferram,
	       si.totalswap, si.freeswap, si.procs, si.totalhigh, si.freehigh, si.mem_unit);
	expect_rval("0");

	/* Clean up with calls this test does not trace. */
	int work = S(SYS_open, ".", O_RDONLY | O_DIRECTORY);
	unlinkat(work, "c", 0);
	unlinkat(work, "e", 0);
	unlinkat(work, "f", 0);
	unlinkat(top, "fs_ops.dir", AT_REMOVEDIR);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
