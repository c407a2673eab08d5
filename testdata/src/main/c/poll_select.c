/*
 * poll, ppoll, select and pselect6 on a pipe with one byte in it: the pollfd array and
 * fd_sets at entry, and what the kernel reported after the return value (revents, ready
 * sets, the time left as read back, Timeout).
 */
#include "flags.h"
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>

static const struct flag poll_events[] = {
	FLAG(POLLIN), FLAG(POLLPRI), FLAG(POLLOUT), FLAG(POLLERR), FLAG(POLLHUP), FLAG(POLLNVAL), END_FLAGS
};

static const char *stv(const struct timeval *tv)
{
	char *res = scratch();
	sprintf(res, "{tv_sec=%lld, tv_usec=%lld}", (long long) tv->tv_sec, (long long) tv->tv_usec);
	return res;
}

static const char *sts(const struct timespec *ts)
{
	char *res = scratch();
	sprintf(res, "{tv_sec=%lld, tv_nsec=%lld}", (long long) ts->tv_sec, (long long) ts->tv_nsec);
	return res;
}

static const char *spollfds(const struct pollfd *p, int n, int revents)
{
	char *res = scratch(), *o = res;
	int printed = 0;
	*o++ = '[';
	for (int k = 0; k < n; k++) {
		if (revents && !p[k].revents)
			continue;
		o += sprintf(o, "%s{fd=%d", printed++ ? ", " : "", p[k].fd);
		if (revents)
			o += sprintf(o, ", revents=%s}", sflags(poll_events, p[k].revents));
		else if (p[k].fd >= 0)
			o += sprintf(o, ", events=%s}", sflags(poll_events, p[k].events));
		else
			o += sprintf(o, "}");
	}
	strcpy(o, "]");
	return res;
}

int main(void)
{
	int p[2];
	check(pipe(p) == 0, "pipe");
	check(write(p[1], "x", 1) == 1, "write");
	int nfds = p[1] + 1;

	struct pollfd three[] = { { p[0], POLLIN, 0 }, { -1, POLLIN, 0 }, { p[1], POLLOUT | POLLIN, 0 } };
	expect("poll(%s, 3, 0)", spollfds(three, 3, 0));
	check(poll(three, 3, 0) == 2, "poll");
	expect_rval("2 (%s)", spollfds(three, 3, 1));

	struct pollfd idle = { p[1], POLLIN, 0 };
	expect("poll(%s, 1, 0)", spollfds(&idle, 1, 0));
	check(poll(&idle, 1, 0) == 0, "poll timeout");
	expect_rval("0 (Timeout)");

	check(syscall(SYS_poll, 8, 1, 0) == -1 && errno == EFAULT, "poll EFAULT");
	expect("poll(0x8, 1, 0)");
	expect_rval("%s", rerr(EFAULT));

	struct timespec ts = { 0, 200000000 };
	struct pollfd one = { p[0], POLLIN, 0 };
	expect("ppoll(%s, 1, %s, NULL, 8)", spollfds(&one, 1, 0), sts(&ts));
	check(syscall(SYS_ppoll, &one, 1, &ts, NULL, 8) == 1, "ppoll");
	expect_rval("1 (%s, left %s)", spollfds(&one, 1, 1), sts(&ts));

	struct timespec zero = { 0, 0 };
	expect("ppoll(%s, 1, %s, NULL, 8)", spollfds(&idle, 1, 0), sts(&zero));
	check(syscall(SYS_ppoll, &idle, 1, &zero, NULL, 8) == 0, "ppoll timeout");
	expect_rval("0 (Timeout)");

	fd_set in, out;
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(p[0], &in);
	FD_SET(p[1], &in);
	FD_SET(p[1], &out);
	struct timeval tv = { 0, 200000 };
	expect("select(%d, [%d %d], [%d], NULL, %s)", nfds, p[0], p[1], p[1], stv(&tv));
	check(syscall(SYS_select, nfds, &in, &out, NULL, &tv) == 2, "select");
	expect_rval("2 (in [%d], out [%d], left %s)", p[0], p[1], stv(&tv));

	FD_ZERO(&in);
	FD_SET(p[0], &in);
	expect("select(%d, [%d], NULL, NULL, NULL)", nfds, p[0]);
	check(syscall(SYS_select, nfds, &in, NULL, NULL, NULL) == 1, "select without timeout");
	expect_rval("1 (in [%d])", p[0]);

	FD_ZERO(&in);
	FD_SET(p[1], &in);
	tv.tv_sec = tv.tv_usec = 0;
	expect("select(%d, [%d], NULL, NULL, %s)", nfds, p[1], stv(&tv));
	check(syscall(SYS_select, nfds, &in, NULL, NULL, &tv) == 0, "select timeout");
	expect_rval("0 (Timeout)");

	expect("select(0, NULL, NULL, NULL, %s)", stv(&tv));
	check(syscall(SYS_select, 0, NULL, NULL, NULL, &tv) == 0, "select nothing");
	expect_rval("0 (Timeout)");

	check(syscall(SYS_select, nfds, 8, NULL, NULL, &tv) == -1 && errno == EFAULT, "select EFAULT");
	expect("select(%d, 0x8, NULL, NULL, %s)", nfds, stv(&tv));
	expect_rval("%s", rerr(EFAULT));

	struct { void *ss; size_t ss_len; } sig = { NULL, 8 };
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	expect("pselect6(%d, [%d], NULL, NULL, %s, {sigmask=NULL, sigsetsize=8})", nfds, p[0], sts(&ts));
	check(syscall(SYS_pselect6, nfds, &in, NULL, NULL, &ts, &sig) == 1, "pselect6");
	expect_rval("1 (in [%d], left %s)", p[0], sts(&ts));

	unsigned long long usr1 = 1ULL << (SIGUSR1 - 1);
	sig.ss = &usr1;
	FD_ZERO(&in);
	FD_SET(p[1], &in);
	expect("pselect6(%d, [%d], NULL, NULL, %s, {sigmask=[USR1], sigsetsize=8})", nfds, p[1], sts(&zero));
	check(syscall(SYS_pselect6, nfds, &in, NULL, NULL, &zero, &sig) == 0, "pselect6 timeout");
	expect_rval("0 (Timeout)");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
