/*
 * The system clocks: clock_gettime, clock_getres, clock_nanosleep, clock_settime,
 * gettimeofday, settimeofday, time, adjtimex and clock_adjtime. Clock ids by name, an
 * unknown one and a process CPU clock (strace 6.1 prints those in hex); struct timezone;
 * time_t with its date; struct timex as the kernel returns it with the clock state.
 * Nothing is set: every settime call has an invalid time and fails with EINVAL, and the
 * adjtimex modes only read (0 and ADJ_OFFSET_SS_READ).
 */
#include "flags.h"
#include <sys/time.h>
#include <sys/timex.h>

static const struct flag adj_modes[] = {
	FLAG(ADJ_OFFSET_SS_READ), FLAG(ADJ_OFFSET_SINGLESHOT), FLAG(ADJ_OFFSET), FLAG(ADJ_FREQUENCY),
	FLAG(ADJ_MAXERROR), FLAG(ADJ_ESTERROR), FLAG(ADJ_STATUS), FLAG(ADJ_TIMECONST), FLAG(ADJ_TAI),
	FLAG(ADJ_SETOFFSET), FLAG(ADJ_MICRO), FLAG(ADJ_NANO), FLAG(ADJ_TICK), END_FLAGS,
};

static const struct flag sta_flags[] = {
	FLAG(STA_PLL), FLAG(STA_PPSFREQ), FLAG(STA_PPSTIME), FLAG(STA_FLL), FLAG(STA_INS), FLAG(STA_DEL),
	FLAG(STA_UNSYNC), FLAG(STA_FREQHOLD), FLAG(STA_PPSSIGNAL), FLAG(STA_PPSJITTER), FLAG(STA_PPSWANDER),
	FLAG(STA_PPSERROR), FLAG(STA_CLOCKERR), FLAG(STA_NANO), FLAG(STA_MODE), FLAG(STA_CLK), END_FLAGS,
};

static const struct flag time_states[] = {
	FLAG(TIME_OK), FLAG(TIME_INS), FLAG(TIME_DEL), FLAG(TIME_OOP), FLAG(TIME_WAIT), FLAG(TIME_ERROR), END_FLAGS,
};

static const char *ts(const struct timespec *t)
{
	char *res = scratch();
	sprintf(res, "{tv_sec=%lld, tv_nsec=%llu}", (long long) t->tv_sec, (unsigned long long) t->tv_nsec);
	return res;
}

static const char *tv(const struct timeval *t)
{
	char *res = scratch();
	sprintf(res, "{tv_sec=%lld, tv_usec=%llu}", (long long) t->tv_sec, (unsigned long long) t->tv_usec);
	return res;
}

/* strace's date: local time as %FT%T%z. */
static const char *date(time_t t)
{
	struct tm tm;
	char *res = scratch();
	localtime_r(&t, &tm);
	strftime(res, 64, "%FT%T%z", &tm);
	return res;
}

static const char *timex(const struct timex *x)
{
	char *res = scratch();
	sprintf(res,
		"{modes=%s, offset=%ld, freq=%ld, maxerror=%ld, esterror=%ld, status=%s, constant=%ld, "
		"precision=%ld, tolerance=%ld, time=%s, tick=%ld, ppsfreq=%ld, jitter=%ld, shift=%d, stabil=%ld, "
		"jitcnt=%ld, calcnt=%ld, errcnt=%ld, stbcnt=%ld, tai=%d}",
		sflags(adj_modes, x->modes), x->offset, x->freq, x->maxerror, x->esterror,
		sflags(sta_flags, (unsigned) x->status), x->constant, x->precision, x->tolerance,
		tv((const struct timeval *) &x->time), x->tick, x->ppsfreq, x->jitter, x->shift, x->stabil, x->jitcnt,
		x->calcnt, x->errcnt, x->stbcnt, x->tai);
	return res;
}

/* A successful adjtimex or clock_adjtime returns the clock state: "5 (TIME_ERROR)". */
static void expect_state(long rc)
{
	expect_rval("%ld (%s)", rc, sxval(time_states, rc, NULL));
}

int main(void)
{
	struct timespec t, res;
	long rc;

	check(syscall(SYS_clock_gettime, CLOCK_REALTIME, &t) == 0, "clock_gettime");
	expect("clock_gettime(CLOCK_REALTIME, %s)", ts(&t));
	expect_rval("0");
	check(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t) == 0, "clock_gettime");
	expect("clock_gettime(CLOCK_MONOTONIC, %s)", ts(&t));
	expect_rval("0");
	rc = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL);
	expect("clock_gettime(CLOCK_MONOTONIC, NULL)");
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_clock_gettime, CLOCK_BOOTTIME, (void *) -1);
	expect("clock_gettime(CLOCK_BOOTTIME, 0xffffffffffffffff)");
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_clock_gettime, 123, &t);
	expect("clock_gettime(0x7b /* CLOCK_??? */, %s)", addr(&t));
	expect_rval("%s", rerr(EINVAL));
	/* this process's CPU clock, MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED): strace 6.1 prints it raw */
	clockid_t cpu = ((~(clockid_t) getpid()) << 3) | 2;
	check(syscall(SYS_clock_gettime, cpu, &t) == 0, "clock_gettime cpu");
	expect("clock_gettime(%#x /* CLOCK_??? */, %s)", (unsigned) cpu, ts(&t));
	expect_rval("0");

	check(syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &res) == 0, "clock_getres");
	expect("clock_getres(CLOCK_MONOTONIC_COARSE, %s)", ts(&res));
	expect_rval("0");
	check(syscall(SYS_clock_getres, CLOCK_TAI, NULL) == 0, "clock_getres NULL");
	expect("clock_getres(CLOCK_TAI, NULL)");
	expect_rval("0");
	rc = syscall(SYS_clock_getres, 123, &res);
	expect("clock_getres(0x7b /* CLOCK_??? */, %s)", addr(&res));
	expect_rval("%s", rerr(EINVAL));

	/* an uninterrupted sleep: the remainder prints as its address */
	struct timespec us = { 0, 1000 }, rem;
	check(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &us, &rem) == 0, "clock_nanosleep");
	expect("clock_nanosleep(CLOCK_MONOTONIC, 0, %s, %s)", ts(&us), addr(&rem));
	expect_rval("0");
	check(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &us, &rem) == 0, "clock_nanosleep abs");
	expect("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, %s, %s)", ts(&us), addr(&rem));
	expect_rval("0");
	check(syscall(SYS_clock_nanosleep, CLOCK_BOOTTIME, TIMER_ABSTIME | 0x10, &us, NULL) == 0, "clock_nanosleep bits");
	expect("clock_nanosleep(CLOCK_BOOTTIME, TIMER_ABSTIME|0x10, %s, NULL)", ts(&us));
	expect_rval("0");
	check(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0x10, &us, NULL) == 0, "clock_nanosleep unknown");
	expect("clock_nanosleep(CLOCK_MONOTONIC, 0x10 /* TIMER_??? */, %s, NULL)", ts(&us));
	expect_rval("0");
	struct timespec bad = { 0, 1000000000 };
	rc = syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &bad, NULL);
	expect("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000000000}, NULL)");
	expect_rval("%s", rerr(EINVAL));

	/* never set a clock: an out-of-range tv_nsec fails before anything changes */
	rc = syscall(SYS_clock_settime, CLOCK_REALTIME, &bad);
	expect("clock_settime(CLOCK_REALTIME, {tv_sec=0, tv_nsec=1000000000})");
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_clock_settime, CLOCK_MONOTONIC, &bad);
	expect("clock_settime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1000000000})");
	expect_rval("%s", rerr(EINVAL));

	struct timeval now;
	struct timezone tz;
	check(syscall(SYS_gettimeofday, &now, &tz) == 0, "gettimeofday");
	expect("gettimeofday(%s, {tz_minuteswest=%d, tz_dsttime=%d})", tv(&now), tz.tz_minuteswest, tz.tz_dsttime);
	expect_rval("0");
	check(syscall(SYS_gettimeofday, &now, NULL) == 0, "gettimeofday NULL");
	expect("gettimeofday(%s, NULL)", tv(&now));
	expect_rval("0");
	check(syscall(SYS_gettimeofday, NULL, NULL) == 0, "gettimeofday NULLs");
	expect("gettimeofday(NULL, NULL)");
	expect_rval("0");
	/* tv_usec out of range: EINVAL before the time zone is looked at (kernel/time/time.c) */
	struct timeval badtv = { now.tv_sec, 1000000 };
	struct timezone newtz = { 60, 1 };
	rc = syscall(SYS_settimeofday, &badtv, &newtz);
	expect("settimeofday(%s, {tz_minuteswest=60, tz_dsttime=1})", tv(&badtv));
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_settimeofday, &badtv, NULL);
	expect("settimeofday(%s, NULL)", tv(&badtv));
	expect_rval("%s", rerr(EINVAL));

	time_t tt;
	rc = syscall(SYS_time, &tt);
	expect("time([%lld /* %s */])", (long long) tt, date(tt));
	expect_rval("%ld (%s)", rc, date(rc));
	rc = syscall(SYS_time, NULL);
	expect("time(NULL)");
	expect_rval("%ld (%s)", rc, date(rc));
	rc = syscall(SYS_time, (void *) -1);
	expect("time(0xffffffffffffffff)");
	expect_rval("%s", rerr(EFAULT));

	struct timex tx = { .modes = 0 };
	rc = syscall(SYS_adjtimex, &tx);
	check(rc >= 0, "adjtimex");
	expect("adjtimex(%s)", timex(&tx));
	expect_state(rc);
	/* adjtime(3)'s read-only query: the pending offset comes back in offset */
	tx = (struct timex) { .modes = ADJ_OFFSET_SS_READ };
	rc = syscall(SYS_adjtimex, &tx);
	check(rc >= 0, "adjtimex SS_READ");
	expect("adjtimex(%s)", timex(&tx));
	expect_state(rc);
	tx = (struct timex) { .modes = 0 };
	rc = syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
	check(rc >= 0, "clock_adjtime");
	expect("clock_adjtime(CLOCK_REALTIME, %s)", timex(&tx));
	expect_state(rc);
	rc = syscall(SYS_clock_adjtime, 123, &tx);
	expect("clock_adjtime(0x7b /* CLOCK_??? */, %s)", addr(&tx));
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_adjtimex, NULL);
	expect("adjtimex(NULL)");
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_adjtimex, (void *) -1);
	expect("adjtimex(0xffffffffffffffff)");
	expect_rval("%s", rerr(EFAULT));
	/* ADJ_ADJTIME without ADJ_OFFSET_SINGLESHOT: EINVAL, so the struct prints as its address */
	tx = (struct timex) { .modes = 0x8000 };
	rc = syscall(SYS_adjtimex, &tx);
	expect("adjtimex(%s)", addr(&tx));
	expect_rval("%s", rerr(EINVAL));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
