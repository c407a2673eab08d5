/*
 * Helpers shared by the FSIO corpus programs (file I/O, xattrs, mounts, AIO, io_uring,
 * bpf/seccomp, keys, landlock, perf, retired syscalls).
 */
#ifndef JSTRACE_FSIO_H
#define JSTRACE_FSIO_H

#include "tests.h"

#define S(...) syscall(__VA_ARGS__)

/*
 * expect_flush() with write(2): for the programs that trace readv/writev, whose
 * expect_flush() would show up in their own trace.
 */
static void expect_flush_write(void)
{
	size_t off = 0;
	while (off < expect_len) {
		long n = syscall(SYS_write, 1, expect_buf + off, expect_len - off);
		if (n <= 0)
			abort();
		off += n;
	}
	expect_len = 0;
	line_start = 0;
	line_open = 0;
}

/* rerr() for the errors tests.h does not name too: "-1 ENODATA (No data available)". */
static const char *ferr(int e)
{
	const char *name = NULL;
	switch (e) {
#define E(x) case x: name = #x; break
	E(ENODATA); E(EOPNOTSUPP); E(EDQUOT); E(ENOKEY); E(EKEYEXPIRED); E(EKEYREVOKED);
	E(EKEYREJECTED); E(ENOTBLK); E(ENODEV); E(EOVERFLOW); E(EBADMSG); E(ESTALE); E(ENOMEDIUM);
	E(EPROTONOSUPPORT); E(ENOTCONN);
#undef E
	}
	if (!name)
		return rerr(e);
	char *res = scratch();
	sprintf(res, "-1 %s (%s)", name, strerror(e));
	return res;
}

/* "0" or the failure of a call made with syscall(2) whose result was r. */
static const char *rval0(long r)
{
	return r == 0 ? "0" : ferr(errno);
}

/* The result of a call made with syscall(2): the number it returned, or its failure. */
static const char *rval(long r)
{
	if (r == -1)
		return ferr(errno);
	char *res = scratch();
	sprintf(res, "%ld", r);
	return res;
}

/* A dev_t as strace prints it: makedev(0xfe, 0). */
static const char *dev_str(unsigned long long dev)
{
	unsigned major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffu);
	unsigned minor = (dev & 0xff) | ((dev >> 12) & ~0xffu);
	char *res = scratch();
	sprintf(res, "makedev(%#x, %#x)", major, minor);
	return res;
}

#endif
