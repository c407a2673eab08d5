/*
 * Shared helpers for the tracee corpus.
 *
 * Each program makes syscalls and prints, on stdout, exactly the lines a
 * strace-compatible tracer must write to its -o log (strace's tests/*.c method).
 * Expected text is built in a private buffer and written with writev(2) by
 * expect_flush(), so the program's own output never shows up in a trace that
 * filters write, and a forked child (which inherits a copy of the buffer) never
 * prints anything unless it flushes explicitly.
 *
 * Line rules (strace 6.1, src/syscall.c and src/strace.c):
 *  - with -f and -o, every line starts with the pid as "%-5d ";
 *  - the return value is aligned: the tracer prints ") ", pads with spaces to
 *    column -a (default 40, counting the pid prefix), then "= RVAL"; a longer
 *    line gets no padding, so it always reads ") = RVAL";
 *  - strings are quoted as string_quote() does: \" \\ \f \n \r \t \v, bytes
 *    0x20..0x7e as is, anything else in octal, with three digits only when the
 *    next printed byte is an octal digit; at most -s bytes (default 32), then
 *    "..." if there was more.
 */
#ifndef JSTRACE_TESTS_H
#define JSTRACE_TESTS_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* -a and -s as given to the tracer in tests.tsv; change them in main() if the row does. */
static unsigned acolumn = 40;
static unsigned max_strlen = 32;

static char expect_buf[1 << 20];
static size_t expect_len;
static size_t line_start; /* offset of the current line in expect_buf */
static int line_open;     /* a line has been started and not ended */
static int prefix_pid;    /* 0: no pid prefix (no -f) */

/* Set the pid printed at the start of the following lines (as with -f -o); 0 for none. */
static void expect_pid(int pid)
{
	prefix_pid = pid;
}

static void expect_vappend(const char *fmt, va_list ap)
{
	if (!line_open) {
		line_start = expect_len;
		line_open = 1;
		if (prefix_pid)
			expect_len += snprintf(expect_buf + expect_len, sizeof(expect_buf) - expect_len,
					       "%-5d ", prefix_pid);
	}
	expect_len += vsnprintf(expect_buf + expect_len, sizeof(expect_buf) - expect_len, fmt, ap);
	if (expect_len >= sizeof(expect_buf))
		abort();
}

/* Append text to the current expected line, starting it (with the pid prefix) if needed. */
static void expect(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	expect_vappend(fmt, ap);
	va_end(ap);
}

/* Append text and end the line: "+++ exited with 0 +++", " <unfinished ...>". */
static void expect_line(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	expect_vappend(fmt, ap);
	va_end(ap);
	expect("\n");
	line_open = 0;
}

/* End the current line with the return value: pad to -a, then " = " and the value. */
static void expect_rval(const char *fmt, ...)
{
	expect(" ");
	while (expect_len - line_start < acolumn)
		expect(" ");
	expect("= ");
	va_list ap;
	va_start(ap, fmt);
	expect_vappend(fmt, ap);
	va_end(ap);
	expect("\n");
	line_open = 0;
}

/* Write everything expected so far to stdout (fd 1) with writev, which the tests never trace. */
static void expect_flush(void)
{
	size_t off = 0;
	while (off < expect_len) {
		struct iovec iov = { expect_buf + off, expect_len - off };
		ssize_t n = writev(1, &iov, 1);
		if (n <= 0)
			abort();
		off += n;
	}
	expect_len = 0;
	line_start = 0;
	line_open = 0;
}

/* Rotating pool so that several quoted values can appear in one expect() call. */
static char *scratch(void)
{
	static char pool[16][4 * 8192 + 16];
	static unsigned next;
	return pool[next++ % 16];
}

static char *quote_bytes(char *out, const unsigned char *s, size_t size)
{
	*out++ = '"';
	for (size_t i = 0; i < size; i++) {
		unsigned c = s[i];
		switch (c) {
		case '"': case '\\': *out++ = '\\'; *out++ = c; break;
		case '\f': *out++ = '\\'; *out++ = 'f'; break;
		case '\n': *out++ = '\\'; *out++ = 'n'; break;
		case '\r': *out++ = '\\'; *out++ = 'r'; break;
		case '\t': *out++ = '\\'; *out++ = 't'; break;
		case '\v': *out++ = '\\'; *out++ = 'v'; break;
		default:
			if (c >= ' ' && c < 0x7f) {
				*out++ = c;
			} else {
				int three = i + 1 < size && s[i + 1] >= '0' && s[i + 1] <= '7';
				*out++ = '\\';
				if (three || c >> 6)
					*out++ = '0' + (c >> 6);
				if (three || c >> 3)
					*out++ = '0' + ((c >> 3) & 7);
				*out++ = '0' + (c & 7);
			}
		}
	}
	*out++ = '"';
	*out = 0;
	return out;
}

/* A buffer of len bytes (write, read): at most max_strlen bytes, then "..." if longer. */
static const char *qbuf(const void *p, size_t len)
{
	if (!p)
		return "NULL";
	char *res = scratch();
	size_t size = len < max_strlen ? len : max_strlen;
	char *end = quote_bytes(res, p, size);
	if (len > max_strlen)
		strcpy(end, "...");
	return res;
}

/* A NUL-terminated string (argv, envp elements): at most max_strlen bytes, then "...". */
static const char *qstr(const char *s)
{
	if (!s)
		return "NULL";
	char *res = scratch();
	size_t len = strlen(s);
	char *end = quote_bytes(res, (const unsigned char *) s, len < max_strlen ? len : max_strlen);
	if (len > max_strlen)
		strcpy(end, "...");
	return res;
}

/* A pathname: not limited by -s (strace's printpath caps at PATH_MAX - 1). */
static const char *qpath(const char *s)
{
	if (!s)
		return "NULL";
	char *res = scratch();
	quote_bytes(res, (const unsigned char *) s, strlen(s));
	return res;
}

/* A struct itimerspec as strace prints it (timer_settime, timerfd_gettime...). */
static const char *its(const struct itimerspec *v)
{
	char *res = scratch();
	sprintf(res, "{it_interval={tv_sec=%lld, tv_nsec=%llu}, it_value={tv_sec=%lld, tv_nsec=%llu}}",
		(long long) v->it_interval.tv_sec, (unsigned long long) v->it_interval.tv_nsec,
		(long long) v->it_value.tv_sec, (unsigned long long) v->it_value.tv_nsec);
	return res;
}

/* An address as strace prints it: NULL or 0x-prefixed lower-case hex. */
static const char *addr(const void *p)
{
	if (!p)
		return "NULL";
	char *res = scratch();
	sprintf(res, "%#lx", (unsigned long) p);
	return res;
}

static const char *errno_name(int e)
{
	switch (e) {
#define E(x) case x: return #x
	E(EPERM); E(ENOENT); E(ESRCH); E(EINTR); E(EIO); E(ENXIO); E(E2BIG); E(ENOEXEC);
	E(EBADF); E(ECHILD); E(EAGAIN); E(ENOMEM); E(EACCES); E(EFAULT); E(EBUSY);
	E(EEXIST); E(EXDEV); E(ENODEV); E(ENOTDIR); E(EISDIR); E(EINVAL); E(ENFILE);
	E(EMFILE); E(ENOTTY); E(EFBIG); E(ENOSPC); E(ESPIPE); E(EROFS); E(EMLINK);
	E(EPIPE); E(ERANGE); E(ENAMETOOLONG); E(ENOSYS); E(ENOTEMPTY); E(ELOOP);
	E(ENOMSG); E(EIDRM); E(ENODATA); E(EOPNOTSUPP); E(ETIMEDOUT); E(EMSGSIZE); E(EDQUOT);
	E(ENOKEY); E(EKEYEXPIRED); E(EKEYREVOKED); E(EKEYREJECTED); E(ENOTBLK); E(EOVERFLOW);
	E(EBADMSG); E(ESTALE); E(ENOMEDIUM); E(EADDRINUSE); E(EADDRNOTAVAIL); E(ECONNREFUSED);
	E(ENETUNREACH); E(EISCONN); E(ENOTCONN); E(EPROTONOSUPPORT); E(EAFNOSUPPORT);
	E(ENOPROTOOPT); E(ENOTSOCK); E(EDESTADDRREQ); E(ESOCKTNOSUPPORT); E(EPROTOTYPE);
	E(EHOSTUNREACH); E(ECONNRESET); E(EINPROGRESS);
#undef E
	}
	abort();
}

/* The return value of a failed call: "-1 ENOENT (No such file or directory)". */
static const char *rerr(int e)
{
	char *res = scratch();
	sprintf(res, "-1 %s (%s)", errno_name(e), strerror(e));
	return res;
}

#define S(...) syscall(__VA_ARGS__)

/* What strace prints after "= " for a call that returned r, errno being e: "3", or rerr(e). */
static const char *rval_errno(long r, int e)
{
	if (r == -1)
		return rerr(e);
	char *res = scratch();
	sprintf(res, "%ld", r);
	return res;
}

/* The same with errno as the call left it: expect_rval("%s", rval(S(SYS_...))). */
static const char *rval(long r)
{
	return rval_errno(r, errno);
}

/* The last call made through CALL(), kept for expectations printed after others. */
static long rc;
static int err;
#define CALL(...) (rc = S(__VA_ARGS__), err = errno, rc)

/* The result of the last CALL(). */
static const char *rv(void)
{
	return rval_errno(rc, err);
}

/*
 * Synchronisation between tracees that the tests never trace (readv/writev on a
 * pipe), used to make the order of events from several tracees deterministic.
 */
static void sync_post(int fd)
{
	char c = 0;
	struct iovec iov = { &c, 1 };
	if (writev(fd, &iov, 1) != 1)
		abort();
}

static void sync_wait(int fd)
{
	char c;
	struct iovec iov = { &c, 1 };
	if (readv(fd, &iov, 1) != 1)
		abort();
}

/*
 * A tracee inherits its signal mask and ignored signals from whoever started the
 * tracer (a JVM's children start with SIGQUIT blocked, for instance).  Tests that
 * depend on signal delivery start from an empty mask and default dispositions for
 * the signals they use; these calls are made before anything is expected.
 */
static void unblock_all_signals(void)
{
	uint64_t none = 0;
	if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8) != 0)
		abort();
}

static void default_signal(int sig)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };
	if (sigaction(sig, &sa, NULL) != 0)
		abort();
}

/*
 * The state letter of /proc/PID/task/TID/stat (R, S, t, Z...), read with calls tests never
 * trace. The line starts "TID (comm) S PPID ..."; reading just ") S" at the offset our own
 * name gives keeps the tracer's pid (the PPID) out of what a tracer prints of the read, so
 * the line is the same under any tracer. A thread renamed since (prctl PR_SET_NAME) is read
 * whole instead.
 */
static char task_state(int pid, int tid)
{
	extern char *program_invocation_short_name;
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	int fd = syscall(SYS_open, path, 0 /* O_RDONLY */);
	if (fd < 0)
		return '?';
	int at = snprintf(buf, sizeof(buf), "%d (%.15s", tid, program_invocation_short_name);
	struct iovec iov = { buf, 3 };
	ssize_t n = preadv(fd, &iov, 1, at);
	if (n != 3 || buf[0] != ')' || buf[1] != ' ') {
		iov.iov_len = sizeof(buf) - 1;
		n = preadv(fd, &iov, 1, 0);
		at = -1;
	}
	syscall(SYS_close, fd);
	if (n <= 0)
		return '?';
	if (at >= 0)
		return buf[2];
	buf[n] = 0;
	char *paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' ? paren[2] : '?';
}

/*
 * Wait until thread TID of process PID sleeps (state S), i.e. it has entered a
 * blocking call and the tracer has already seen (and printed) the syscall entry.
 */
static void wait_sleeping(int pid, int tid)
{
	struct timespec ms = { 0, 1000000 };
	while (task_state(pid, tid) != 'S')
		syscall(SYS_nanosleep, &ms, NULL);
}

/* Wait until thread TID of this process has been reaped (by the tracer, if traced). */
static void wait_reaped(int tid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/task/%d", tid);
	struct timespec ms = { 0, 1000000 };
	while (syscall(SYS_access, path, 0 /* F_OK */) == 0)
		syscall(SYS_nanosleep, &ms, NULL);
}

/* Fail loudly (exit 99) when a call the test relies on did not do what the test expects. */
static void check(int ok, const char *what)
{
	if (!ok) {
		dprintf(2, "%s: %s: %s\n", "tests.h", what, strerror(errno));
		_exit(99);
	}
}

#endif
