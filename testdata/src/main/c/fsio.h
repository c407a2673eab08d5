/*
 * Helpers shared by the FSIO corpus programs (file I/O, xattrs, mounts, AIO, io_uring,
 * bpf/seccomp, keys, landlock, perf, retired syscalls).
 */
#ifndef JSTRACE_FSIO_H
#define JSTRACE_FSIO_H

#include "tests.h"


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

/* "0" or the failure of a call made with syscall(2) whose result was r. */
static const char *rval0(long r)
{
	return r == 0 ? "0" : rerr(errno);
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
