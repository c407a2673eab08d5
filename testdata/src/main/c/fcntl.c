/* fcntl by command: flags, descriptors, locks, owners, signals, leases, pipes, seals, getters' results. */
#include "tests.h"
#include <fcntl.h>
#include <sys/mman.h>

/* The kernel's O_LARGEFILE, which 64-bit kernels set on every open file (glibc defines it as 0 there). */
#define KO_LARGEFILE 0100000

static long fc(int fd, int cmd, long arg)
{
	return syscall(SYS_fcntl, fd, cmd, arg);
}

static const char *sflock(const struct flock *fl, const char *type, int getlk)
{
	char *res = scratch();
	int n = sprintf(res, "{l_type=%s, l_whence=SEEK_SET, l_start=%lld, l_len=%lld", type,
			(long long) fl->l_start, (long long) fl->l_len);
	if (getlk)
		n += sprintf(res + n, ", l_pid=%d", fl->l_pid);
	strcpy(res + n, "}");
	return res;
}

int main(void)
{
	static const char file[] = "fcntl.tmp";
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "open");

	check(fc(fd, F_GETFD, 0) == 0, "F_GETFD");
	expect("fcntl(%d, F_GETFD)", fd);
	expect_rval("0");

	check(fc(fd, F_SETFD, FD_CLOEXEC) == 0, "F_SETFD");
	expect("fcntl(%d, F_SETFD, FD_CLOEXEC)", fd);
	expect_rval("0");

	check(fc(fd, F_GETFD, 0) == FD_CLOEXEC, "F_GETFD cloexec");
	expect("fcntl(%d, F_GETFD)", fd);
	expect_rval("0x1 (flags FD_CLOEXEC)");

	long fl = fc(fd, F_GETFL, 0);
	check(fl == (O_RDWR | KO_LARGEFILE), "F_GETFL");
	expect("fcntl(%d, F_GETFL)", fd);
	expect_rval("%#lx (flags O_RDWR|O_LARGEFILE)", fl);

	check(fc(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0, "F_SETFL");
	expect("fcntl(%d, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK)", fd);
	expect_rval("0");

	fl = fc(fd, F_GETFL, 0);
	check(fl == (O_RDWR | O_APPEND | O_NONBLOCK | KO_LARGEFILE), "F_GETFL after F_SETFL");
	expect("fcntl(%d, F_GETFL)", fd);
	expect_rval("%#lx (flags O_RDWR|O_APPEND|O_NONBLOCK|O_LARGEFILE)", fl);

	long dup = fc(fd, F_DUPFD, 10);
	check(dup >= 10, "F_DUPFD");
	expect("fcntl(%d, F_DUPFD, 10)", fd);
	expect_rval("%ld", dup);

	long dup2 = fc(fd, F_DUPFD_CLOEXEC, 20);
	check(dup2 >= 20, "F_DUPFD_CLOEXEC");
	expect("fcntl(%d, F_DUPFD_CLOEXEC, 20)", fd);
	expect_rval("%ld", dup2);

	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	check(fc(fd, F_SETLK, (long) &lk) == 0, "F_SETLK");
	expect("fcntl(%d, F_SETLK, %s)", fd, sflock(&lk, "F_WRLCK", 0));
	expect_rval("0");

	check(fc(fd, F_SETLKW, (long) &lk) == 0, "F_SETLKW");
	expect("fcntl(%d, F_SETLKW, %s)", fd, sflock(&lk, "F_WRLCK", 0));
	expect_rval("0");

	check(fc(fd, F_GETLK, (long) &lk) == 0 && lk.l_type == F_UNLCK, "F_GETLK");
	expect("fcntl(%d, F_GETLK, %s)", fd, sflock(&lk, "F_UNLCK", 1));
	expect_rval("0");

	struct flock ofd = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 5 };
	check(fc(fd, F_OFD_SETLK, (long) &ofd) == 0, "F_OFD_SETLK");
	expect("fcntl(%d, F_OFD_SETLK, %s)", fd, sflock(&ofd, "F_RDLCK", 0));
	expect_rval("0");

	ofd.l_type = F_WRLCK;
	check(fc(fd, F_OFD_GETLK, (long) &ofd) == 0 && ofd.l_type == F_UNLCK, "F_OFD_GETLK");
	expect("fcntl(%d, F_OFD_GETLK, %s)", fd, sflock(&ofd, "F_UNLCK", 1));
	expect_rval("0");

	check(fc(fd, F_GETLK, 8) == -1 && errno == EFAULT, "F_GETLK EFAULT");
	expect("fcntl(%d, F_GETLK, 0x8)", fd);
	expect_rval("%s", rerr(EFAULT));

	int pid = getpid();
	check(fc(fd, F_SETOWN, pid) == 0, "F_SETOWN");
	expect("fcntl(%d, F_SETOWN, %d)", fd, pid);
	expect_rval("0");

	check(fc(fd, F_GETOWN, 0) == pid, "F_GETOWN");
	expect("fcntl(%d, F_GETOWN)", fd);
	expect_rval("%d", pid);

	struct f_owner_ex owner = { F_OWNER_TID, pid };
	check(fc(fd, F_SETOWN_EX, (long) &owner) == 0, "F_SETOWN_EX");
	expect("fcntl(%d, F_SETOWN_EX, {type=F_OWNER_TID, pid=%d})", fd, pid);
	expect_rval("0");

	check(fc(fd, F_GETOWN_EX, (long) &owner) == 0, "F_GETOWN_EX");
	expect("fcntl(%d, F_GETOWN_EX, {type=F_OWNER_TID, pid=%d})", fd, owner.pid);
	expect_rval("0");

	check(fc(fd, F_SETSIG, SIGUSR1) == 0, "F_SETSIG");
	expect("fcntl(%d, F_SETSIG, SIGUSR1)", fd);
	expect_rval("0");

	check(fc(fd, F_GETSIG, 0) == SIGUSR1, "F_GETSIG");
	expect("fcntl(%d, F_GETSIG)", fd);
	expect_rval("%d (SIGUSR1)", SIGUSR1);

	check(fc(fd, F_GETLEASE, 0) == F_UNLCK, "F_GETLEASE");
	expect("fcntl(%d, F_GETLEASE)", fd);
	expect_rval("%#x (F_UNLCK)", F_UNLCK);

	int dir = open(".", O_RDONLY | O_DIRECTORY);
	check(fc(dir, F_NOTIFY, DN_CREATE | DN_DELETE | DN_MULTISHOT) == 0, "F_NOTIFY");
	expect("fcntl(%d, F_NOTIFY, DN_CREATE|DN_DELETE|DN_MULTISHOT)", dir);
	expect_rval("0");
	close(dir); /* no SIGIO when this directory changes */

	int p[2];
	check(pipe(p) == 0, "pipe");
	long size = fc(p[0], F_SETPIPE_SZ, 8192);
	check(size >= 8192, "F_SETPIPE_SZ");
	expect("fcntl(%d, F_SETPIPE_SZ, 8192)", p[0]);
	expect_rval("%ld", size);

	check(fc(p[0], F_GETPIPE_SZ, 0) == size, "F_GETPIPE_SZ");
	expect("fcntl(%d, F_GETPIPE_SZ)", p[0]);
	expect_rval("%ld", size);

	int mfd = memfd_create("fcntl", MFD_ALLOW_SEALING);
	if (mfd >= 0) {
		check(fc(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW) == 0, "F_ADD_SEALS");
		expect("fcntl(%d, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW)", mfd);
		expect_rval("0");
		check(fc(mfd, F_GET_SEALS, 0) == (F_SEAL_SHRINK | F_SEAL_GROW), "F_GET_SEALS");
		expect("fcntl(%d, F_GET_SEALS)", mfd);
		expect_rval("0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)");
	}

	check(fc(fd, 12345, 7) == -1 && errno == EINVAL, "unknown command");
	expect("fcntl(%d, 0x3039 /* F_??? */, 0x7)", fd);
	expect_rval("%s", rerr(EINVAL));

	check(fc(-1, F_GETFD, 0) == -1 && errno == EBADF, "EBADF");
	expect("fcntl(-1, F_GETFD)");
	expect_rval("%s", rerr(EBADF));

	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
