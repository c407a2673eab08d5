/* epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2 on a pipe. */
#include "flags.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>

static const struct flag epoll_events[] = {
	FLAG(EPOLLIN), FLAG(EPOLLPRI), FLAG(EPOLLOUT), FLAG(EPOLLERR), FLAG(EPOLLHUP), { 0x20, "EPOLLNVAL" },
	FLAG(EPOLLRDNORM), FLAG(EPOLLRDBAND), FLAG(EPOLLWRNORM), FLAG(EPOLLWRBAND), FLAG(EPOLLMSG),
	FLAG(EPOLLRDHUP), FLAG(EPOLLEXCLUSIVE), FLAG(EPOLLWAKEUP), FLAG(EPOLLONESHOT), FLAG(EPOLLET), END_FLAGS
};

static const char *sevent(const struct epoll_event *e)
{
	char *res = scratch();
	sprintf(res, "{events=%s, data={u32=%u, u64=%llu}}", sflags(epoll_events, e->events), e->data.u32,
		(unsigned long long) e->data.u64);
	return res;
}

static const char *sevents(const struct epoll_event *e, int n)
{
	char *res = scratch(), *p = res;
	*p++ = '[';
	for (int k = 0; k < n; k++)
		p += sprintf(p, "%s%s", k ? ", " : "", sevent(&e[k]));
	strcpy(p, "]");
	return res;
}

int main(void)
{
	int p[2];
	check(pipe(p) == 0, "pipe");
	check(write(p[1], "x", 1) == 1, "write");

	int ep = epoll_create1(EPOLL_CLOEXEC);
	check(ep >= 0, "epoll_create1");
	expect("epoll_create1(EPOLL_CLOEXEC)");
	expect_rval("%d", ep);

	int old = syscall(SYS_epoll_create, 1);
	check(old >= 0, "epoll_create");
	expect("epoll_create(1)");
	expect_rval("%d", old);

	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 0x100001234ULL };
	check(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0, "add");
	expect("epoll_ctl(%d, EPOLL_CTL_ADD, %d, %s)", ep, p[0], sevent(&ev));
	expect_rval("0");

	ev.events = EPOLLOUT;
	ev.data.u64 = 0;
	ev.data.fd = p[1];
	check(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == 0, "add out");
	expect("epoll_ctl(%d, EPOLL_CTL_ADD, %d, %s)", ep, p[1], sevent(&ev));
	expect_rval("0");

	check(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == -1 && errno == EEXIST, "EEXIST");
	expect("epoll_ctl(%d, EPOLL_CTL_ADD, %d, %s)", ep, p[1], sevent(&ev));
	expect_rval("%s", rerr(EEXIST));

	ev.events = EPOLLOUT | EPOLLONESHOT;
	check(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev) == 0, "mod");
	expect("epoll_ctl(%d, EPOLL_CTL_MOD, %d, %s)", ep, p[1], sevent(&ev));
	expect_rval("0");

	struct epoll_event got[4];
	int n = epoll_wait(ep, got, 4, 0);
	check(n == 2, "epoll_wait");
	expect("epoll_wait(%d, %s, 4, 0)", ep, sevents(got, n));
	expect_rval("%d", n);

	n = syscall(SYS_epoll_pwait, ep, got, 4, 0, NULL, 8);
	check(n == 0, "epoll_pwait");
	expect("epoll_pwait(%d, [], 4, 0, NULL, 8)", ep);
	expect_rval("0");

	check(write(p[1], "y", 1) == 1, "write again");
	struct timespec zero = { 0, 0 };
	n = syscall(SYS_epoll_pwait2, ep, got, 4, &zero, NULL, 8);
	check(n == 1, "epoll_pwait2");
	expect("epoll_pwait2(%d, %s, 4, {tv_sec=0, tv_nsec=0}, NULL, 8)", ep, sevents(got, n));
	expect_rval("%d", n);

	check(epoll_wait(-1, got, 4, 0) == -1 && errno == EBADF, "EBADF");
	expect("epoll_wait(-1, %s, 4, 0)", addr(got));
	expect_rval("%s", rerr(EBADF));

	/* a failed call's timeout and sigmask, read at exit, are only their addresses */
	sigset_t none;
	sigemptyset(&none);
	check(syscall(SYS_epoll_pwait2, -1, got, 4, &zero, &none, 8) == -1 && errno == EBADF, "EBADF 2");
	expect("epoll_pwait2(-1, %s, 4, %s, %s, 8)", addr(got), addr(&zero), addr(&none));
	expect_rval("%s", rerr(EBADF));

	check(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0, "del");
	expect("epoll_ctl(%d, EPOLL_CTL_DEL, %d, NULL)", ep, p[0]);
	expect_rval("0");

	check(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], &ev) == 0, "del with event");
	expect("epoll_ctl(%d, EPOLL_CTL_DEL, %d, %s)", ep, p[1], addr(&ev));
	expect_rval("0");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
