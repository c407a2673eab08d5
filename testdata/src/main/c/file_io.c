/*
 * Plain file I/O: open(2) itself, pipes, lseek's whence values, positioned reads and
 * writes, the vectored calls with their iovec arrays, preadv2/pwritev2's RWF_ flags,
 * and close_range.  The expected lines are written with write(2), which is not traced.
 */
#include "fsio.h"
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/fs.h>

static const char file[] = "file_io.tmp";

static void opens(void)
{
	long r = S(SYS_open, "file_io.missing", O_RDONLY);
	check(r == -1 && errno == ENOENT, "open missing");
	expect("open(\"file_io.missing\", O_RDONLY)");
	expect_rval("%s", rerr(ENOENT));

	r = S(SYS_open, file, O_WRONLY | O_CREAT | O_EXCL, 0640);
	check(r >= 0, "open O_EXCL");
	expect("open(\"%s\", O_WRONLY|O_CREAT|O_EXCL, 0640)", file);
	expect_rval("%ld", r);
	S(SYS_close, r);

	r = S(SYS_open, file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOATIME);
	check(r >= 0, "open O_NOFOLLOW");
	expect("open(\"%s\", O_RDONLY|O_NOFOLLOW|O_NOATIME|O_CLOEXEC)", file);
	expect_rval("%ld", r);
	S(SYS_close, r);

	r = S(SYS_open, NULL, O_RDONLY);
	check(r == -1 && errno == EFAULT, "open NULL");
	expect("open(NULL, O_RDONLY)");
	expect_rval("%s", rerr(EFAULT));
}

static void pipes(void)
{
	int p[2];
	check(S(SYS_pipe, p) == 0, "pipe");
	expect("pipe([%d, %d])", p[0], p[1]);
	expect_rval("0");
	S(SYS_close, p[0]);
	S(SYS_close, p[1]);

	check(S(SYS_pipe2, p, O_CLOEXEC | O_NONBLOCK) == 0, "pipe2");
	expect("pipe2([%d, %d], O_NONBLOCK|O_CLOEXEC)", p[0], p[1]);
	expect_rval("0");
	S(SYS_close, p[0]);
	S(SYS_close, p[1]);

	check(S(SYS_pipe2, p, O_DIRECT) == 0, "pipe2 O_DIRECT");
	expect("pipe2([%d, %d], O_DIRECT)", p[0], p[1]);
	expect_rval("0");
	S(SYS_close, p[0]);
	S(SYS_close, p[1]);

	check(S(SYS_pipe2, p, O_RDWR) == -1 && errno == EINVAL, "pipe2 EINVAL");
	expect("pipe2(%s, 0x2 /* O_??? */)", addr(p));
	expect_rval("%s", rerr(EINVAL));

	check(S(SYS_pipe, NULL) == -1 && errno == EFAULT, "pipe NULL");
	expect("pipe(NULL)");
	expect_rval("%s", rerr(EFAULT));
}

static void seeks(int fd)
{
	static const struct { long off; int whence; const char *name; } s[] = {
		{ 0, SEEK_END, "SEEK_END" }, { -5, SEEK_CUR, "SEEK_CUR" }, { 3, SEEK_SET, "SEEK_SET" },
		{ 0, SEEK_DATA, "SEEK_DATA" }, { 0, SEEK_HOLE, "SEEK_HOLE" },
	};
	for (size_t k = 0; k < sizeof(s) / sizeof(s[0]); k++) {
		long r = S(SYS_lseek, fd, s[k].off, s[k].whence);
		check(r >= 0, "lseek");
		expect("lseek(%d, %ld, %s)", fd, s[k].off, s[k].name);
		expect_rval("%ld", r);
	}
	check(S(SYS_lseek, fd, -100L, SEEK_SET) == -1 && errno == EINVAL, "lseek EINVAL");
	expect("lseek(%d, -100, SEEK_SET)", fd);
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_lseek, fd, 0, 7) == -1 && errno == EINVAL, "lseek whence 7");
	expect("lseek(%d, 0, 0x7 /* SEEK_??? */)", fd);
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_lseek, 12345, 0, SEEK_SET) == -1 && errno == EBADF, "lseek EBADF");
	expect("lseek(12345, 0, SEEK_SET)");
	expect_rval("%s", rerr(EBADF));
}

static void positioned(int fd)
{
	static const char text[] = "hello positioned world\n";
	char buf[64];
	long n = S(SYS_pwrite64, fd, text, sizeof(text) - 1, 0);
	check(n == sizeof(text) - 1, "pwrite64");
	expect("pwrite64(%d, %s, %zu, 0)", fd, qbuf(text, n), sizeof(text) - 1);
	expect_rval("%ld", n);

	n = S(SYS_pread64, fd, buf, 10, 6);
	check(n == 10, "pread64");
	expect("pread64(%d, %s, 10, 6)", fd, qbuf(buf, n));
	expect_rval("10");

	n = S(SYS_pread64, fd, buf, sizeof(buf), 1000);
	check(n == 0, "pread64 at EOF");
	expect("pread64(%d, \"\", %zu, 1000)", fd, sizeof(buf));
	expect_rval("0");

	check(S(SYS_pread64, fd, buf, 4, -1L) == -1 && errno == EINVAL, "pread64 EINVAL");
	expect("pread64(%d, %s, 4, -1)", fd, addr(buf));
	expect_rval("%s", rerr(EINVAL));

	check(S(SYS_pwrite64, fd, (void *) 8, 4, 0) == -1 && errno == EFAULT, "pwrite64 EFAULT");
	expect("pwrite64(%d, 0x8, 4, 0)", fd);
	expect_rval("%s", rerr(EFAULT));
}

static void vectored(int fd)
{
	char a[] = "abc", b[] = "defgh", c[8], d[8];
	struct iovec out[] = { { a, 3 }, { b, 5 } };
	long n = S(SYS_writev, fd, out, 2);
	check(n == 8, "writev");
	expect("writev(%d, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"defgh\", iov_len=5}], 2)", fd);
	expect_rval("8");

	check(S(SYS_lseek, fd, 0, SEEK_SET) == 0, "rewind");
	expect("lseek(%d, 0, SEEK_SET)", fd);
	expect_rval("0");

	struct iovec in[] = { { c, 4 }, { d, 8 } };
	n = S(SYS_readv, fd, in, 2);
	check(n == 12, "readv");
	expect("readv(%d, [{iov_base=%s, iov_len=4}, {iov_base=%s, iov_len=8}], 2)", fd, qbuf(c, 4), qbuf(d, 8));
	expect_rval("12");

	n = S(SYS_pwritev, fd, out, 2, 100);
	check(n == 8, "pwritev");
	expect("pwritev(%d, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"defgh\", iov_len=5}], 2, 100)", fd);
	expect_rval("8");

	n = S(SYS_preadv, fd, in, 2, 102);
	check(n == 6, "preadv");
	expect("preadv(%d, [{iov_base=%s, iov_len=4}, {iov_base=%s, iov_len=8}], 2, 102)", fd, qbuf(c, 4),
	       qbuf(d, 2));
	expect_rval("6");

	n = S(SYS_pwritev2, fd, out, 1, 200, 0, RWF_DSYNC | RWF_SYNC);
	check(n == 3, "pwritev2");
	expect("pwritev2(%d, [{iov_base=\"abc\", iov_len=3}], 1, 200, RWF_DSYNC|RWF_SYNC)", fd);
	expect_rval("3");

	n = S(SYS_pwritev2, fd, &out[1], 1, -1L, -1L, RWF_APPEND);
	check(n == 5, "pwritev2 RWF_APPEND");
	expect("pwritev2(%d, [{iov_base=\"defgh\", iov_len=5}], 1, -1, RWF_APPEND)", fd);
	expect_rval("5");

	n = S(SYS_preadv2, fd, in, 1, 200, 0, 0);
	check(n == 4, "preadv2");
	expect("preadv2(%d, [{iov_base=%s, iov_len=4}], 1, 200, 0)", fd, qbuf(c, 4));
	expect_rval("4");

	n = S(SYS_preadv2, fd, in, 1, 0, 0, RWF_HIPRI | 0x40000000);
	check(n == -1 && errno == EOPNOTSUPP, "preadv2 unknown flag");
	expect("preadv2(%d, [{iov_base=%s, iov_len=4}], 1, 0, RWF_HIPRI|0x40000000)", fd, addr(c));
	expect_rval("%s", rerr(EOPNOTSUPP));

	n = S(SYS_writev, fd, out, 0);
	check(n == 0, "writev empty");
	expect("writev(%d, [], 0)", fd);
	expect_rval("0");

	n = S(SYS_readv, fd, NULL, 1);
	check(n == -1 && errno == EFAULT, "readv NULL");
	expect("readv(%d, NULL, 1)", fd);
	expect_rval("%s", rerr(EFAULT));
}

static void close_ranges(void)
{
	int a = S(SYS_dup, 0), b = S(SYS_dup, 0);
	check(a >= 0 && b == a + 1, "dup");
	check(S(SYS_close_range, a, b, CLOSE_RANGE_CLOEXEC) == 0, "close_range CLOEXEC");
	expect("close_range(%d, %d, CLOSE_RANGE_CLOEXEC)", a, b);
	expect_rval("0");
	check(S(SYS_close_range, a, b, 0) == 0, "close_range");
	expect("close_range(%d, %d, 0)", a, b);
	expect_rval("0");
	check(S(SYS_close_range, 1000, ~0U, CLOSE_RANGE_UNSHARE) == 0, "close_range UNSHARE");
	expect("close_range(1000, 4294967295, CLOSE_RANGE_UNSHARE)");
	expect_rval("0");
	check(S(SYS_close_range, 10, 5, 0) == -1 && errno == EINVAL, "close_range EINVAL");
	expect("close_range(10, 5, 0)");
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_close_range, 10, 20, 0x8) == -1 && errno == EINVAL, "close_range unknown flag");
	expect("close_range(10, 20, 0x8 /* CLOSE_RANGE_??? */)");
	expect_rval("%s", rerr(EINVAL));
}

int main(void)
{
	opens();
	pipes();
	int fd = S(SYS_open, file, O_RDWR);
	check(fd >= 0, "open rw");
	expect("open(\"%s\", O_RDWR)", file);
	expect_rval("%d", fd);
	positioned(fd);
	seeks(fd);
	vectored(fd);
	close_ranges();
	S(SYS_close, fd);
	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush_write();
	return 0;
}
