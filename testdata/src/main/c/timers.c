/*
 * Interval timers and POSIX timers: alarm, getitimer, setitimer (struct itimerval in and
 * out), timer_create (struct sigevent for each notification, the timer id the kernel
 * stores), timer_settime, timer_gettime (struct itimerspec in and out), timer_getoverrun
 * and timer_delete. No timer ever expires: each is armed far ahead and then disarmed.
 */
#include "tests.h"
#include <sys/time.h>

static const char *itv(const struct itimerval *v)
{
	char *res = scratch();
	sprintf(res, "{it_interval={tv_sec=%lld, tv_usec=%llu}, it_value={tv_sec=%lld, tv_usec=%llu}}",
		(long long) v->it_interval.tv_sec, (unsigned long long) v->it_interval.tv_usec,
		(long long) v->it_value.tv_sec, (unsigned long long) v->it_value.tv_usec);
	return res;
}

/* sigev_value (when not 0) and sigev_signo as strace prints them; the signal by name when sig is non-NULL. */
static const char *sev_head(const struct sigevent *e, const char *sig)
{
	char *res = scratch();
	*res = 0;
	if (e->sigev_value.sival_ptr) /* strace leaves out a zero sigev_value */
		sprintf(res, "sigev_value={sival_int=%d, sival_ptr=%s}, ", e->sigev_value.sival_int,
			addr(e->sigev_value.sival_ptr));
	strcat(res, "sigev_signo=");
	if (sig)
		strcat(res, sig);
	else
		sprintf(res + strlen(res), "%d", e->sigev_signo);
	return res;
}

int main(void)
{
	long rc;

	rc = syscall(SYS_alarm, 100);
	expect("alarm(100)");
	expect_rval("%ld", rc);
	rc = syscall(SYS_alarm, 0);
	expect("alarm(0)");
	expect_rval("%ld", rc);

	struct itimerval it = { { 1, 2 }, { 100, 4 } }, old, cur;
	check(syscall(SYS_setitimer, ITIMER_REAL, &it, &old) == 0, "setitimer");
	expect("setitimer(ITIMER_REAL, %s, %s)", itv(&it), itv(&old));
	expect_rval("0");
	check(syscall(SYS_getitimer, ITIMER_REAL, &cur) == 0, "getitimer");
	expect("getitimer(ITIMER_REAL, %s)", itv(&cur));
	expect_rval("0");
	check(syscall(SYS_getitimer, ITIMER_PROF, &cur) == 0, "getitimer prof");
	expect("getitimer(ITIMER_PROF, %s)", itv(&cur));
	expect_rval("0");
	rc = syscall(SYS_getitimer, 7, &cur);
	expect("getitimer(0x7 /* ITIMER_??? */, %s)", addr(&cur));
	expect_rval("%s", rerr(EINVAL));
	struct itimerval bad = { { 0, 0 }, { 1, 1000000 } };
	rc = syscall(SYS_setitimer, ITIMER_VIRTUAL, &bad, &old);
	expect("setitimer(ITIMER_VIRTUAL, %s, %s)", itv(&bad), addr(&old));
	expect_rval("%s", rerr(EINVAL));
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };
	check(syscall(SYS_setitimer, ITIMER_REAL, &zero, NULL) == 0, "setitimer disarm");
	expect("setitimer(ITIMER_REAL, %s, NULL)", itv(&zero));
	expect_rval("0");
	rc = syscall(SYS_setitimer, ITIMER_REAL, (void *) -1, NULL);
	expect("setitimer(ITIMER_REAL, 0xffffffffffffffff, NULL)");
	expect_rval("%s", rerr(EFAULT));

	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM };
	sev.sigev_value.sival_ptr = (void *) 0xdeadbeefL;
	int id[4] = { -1, -1, -1, -1 }, unused = -1;
	check(syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id[0]) == 0, "timer_create");
	expect("timer_create(CLOCK_MONOTONIC, {%s, sigev_notify=SIGEV_SIGNAL}, [%d])", sev_head(&sev, "SIGALRM"), id[0]);
	expect_rval("0");
	sev.sigev_notify = SIGEV_NONE;
	sev.sigev_value.sival_int = 7;
	check(syscall(SYS_timer_create, CLOCK_REALTIME, &sev, &id[1]) == 0, "timer_create none");
	expect("timer_create(CLOCK_REALTIME, {%s, sigev_notify=SIGEV_NONE}, [%d])", sev_head(&sev, NULL), id[1]);
	expect_rval("0");
	check(syscall(SYS_timer_create, CLOCK_BOOTTIME, NULL, &id[2]) == 0, "timer_create NULL");
	expect("timer_create(CLOCK_BOOTTIME, NULL, [%d])", id[2]);
	expect_rval("0");
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev._sigev_un._tid = syscall(SYS_gettid);
	check(syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id[3]) == 0, "timer_create thread id");
	expect("timer_create(CLOCK_MONOTONIC, {%s, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=%d}, [%d])",
	       sev_head(&sev, "SIGUSR1"), sev._sigev_un._tid, id[3]);
	expect_rval("0");
	/* SIGEV_THREAD is glibc's to implement: the kernel takes it as SIGEV_SIGNAL (kernel/time/posix-timers.c) */
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD;
	sev.sigev_signo = SIGTERM;
	sev.sigev_notify_function = (void (*)(union sigval)) 0x1234;
	check(syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &unused) == 0, "timer_create thread");
	expect("timer_create(CLOCK_MONOTONIC, {%s, sigev_notify=SIGEV_THREAD, sigev_notify_function=0x1234, "
	       "sigev_notify_attributes=NULL}, [%d])", sev_head(&sev, "SIGTERM"), unused);
	expect_rval("0");
	check(syscall(SYS_timer_delete, unused) == 0, "timer_delete thread");
	expect("timer_delete(%d)", unused);
	expect_rval("0");
	/* any other notification is refused */
	sev.sigev_notify = 77;
	rc = syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &unused);
	expect("timer_create(CLOCK_MONOTONIC, {%s, sigev_notify=0x4d /* SIGEV_??? */}, %s)", sev_head(&sev, NULL),
	       addr(&unused));
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *) -1, &unused);
	expect("timer_create(CLOCK_MONOTONIC, 0xffffffffffffffff, %s)", addr(&unused));
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_timer_create, 123, NULL, &unused);
	expect("timer_create(0x7b /* CLOCK_??? */, NULL, %s)", addr(&unused));
	expect_rval("%s", rerr(EINVAL));

	struct itimerspec ts = { { 0, 0 }, { 100, 5 } }, ots, cts;
	check(syscall(SYS_timer_settime, id[0], 0, &ts, &ots) == 0, "timer_settime");
	expect("timer_settime(%d, 0, %s, %s)", id[0], its(&ts), its(&ots));
	expect_rval("0");
	check(syscall(SYS_timer_gettime, id[0], &cts) == 0, "timer_gettime");
	expect("timer_gettime(%d, %s)", id[0], its(&cts));
	expect_rval("0");
	struct itimerspec ts2 = { { 1, 0 }, { 200, 0 } };
	check(syscall(SYS_timer_settime, id[0], 0, &ts2, &ots) == 0, "timer_settime again");
	expect("timer_settime(%d, 0, %s, %s)", id[0], its(&ts2), its(&ots));
	expect_rval("0");
	struct itimerspec badts = { { 0, 0 }, { 0, 1000000000 } };
	rc = syscall(SYS_timer_settime, id[1], 0, &badts, NULL);
	expect("timer_settime(%d, 0, %s, NULL)", id[1], its(&badts));
	expect_rval("%s", rerr(EINVAL));
	struct itimerspec off = { { 0, 0 }, { 0, 0 } };
	check(syscall(SYS_timer_settime, id[0], TIMER_ABSTIME, &off, NULL) == 0, "timer_settime disarm");
	expect("timer_settime(%d, TIMER_ABSTIME, %s, NULL)", id[0], its(&off));
	expect_rval("0");
	check(syscall(SYS_timer_gettime, id[0], &cts) == 0, "timer_gettime disarmed");
	expect("timer_gettime(%d, %s)", id[0], its(&cts));
	expect_rval("0");
	rc = syscall(SYS_timer_gettime, id[0], NULL);
	expect("timer_gettime(%d, NULL)", id[0]);
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_timer_getoverrun, id[0]);
	expect("timer_getoverrun(%d)", id[0]);
	expect_rval("%ld", rc);

	for (int k = 0; k < 4; k++) {
		check(syscall(SYS_timer_delete, id[k]) == 0, "timer_delete");
		expect("timer_delete(%d)", id[k]);
		expect_rval("0");
	}
	rc = syscall(SYS_timer_delete, id[0]);
	expect("timer_delete(%d)", id[0]);
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_timer_gettime, 9999, &cts);
	expect("timer_gettime(9999, %s)", addr(&cts));
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_timer_getoverrun, 9999);
	expect("timer_getoverrun(9999)");
	expect_rval("%s", rerr(EINVAL));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
