/*
 * Scheduling: sched_yield, a policy's priority range, sched_param as [N] in and out,
 * sched_getscheduler's result named, sched_setscheduler to SCHED_BATCH and back, an
 * unknown policy, sched_rr_get_interval, CPU masks as [0 1] (all of the kernel's bytes,
 * a 4-byte prefix, a NULL and a too short mask), struct sched_attr in and out (with a
 * too large size the kernel answers E2BIG and writes its own size back), getcpu's [N],
 * getpriority/setpriority by PRIO_*, and the I/O priority as IOPRIO_PRIO_VALUE(). Only
 * this process's scheduling changes, and it ends as it started.
 */
#include "flags.h"
#include <linux/sched.h>
#include <sched.h>
#include <sys/resource.h>


/* include/uapi/linux/sched/types.h, which clashes with glibc's struct sched_param. */
struct attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t sched_util_min, sched_util_max;
};

static const struct flag policies[] = {
	FLAG(SCHED_OTHER), FLAG(SCHED_FIFO), FLAG(SCHED_RR), FLAG(SCHED_BATCH), FLAG(SCHED_IDLE),
	FLAG(SCHED_DEADLINE), END_FLAGS,
};
static const struct flag sched_flags[] = {
	FLAG(SCHED_FLAG_RESET_ON_FORK), FLAG(SCHED_FLAG_RECLAIM), FLAG(SCHED_FLAG_DL_OVERRUN),
	FLAG(SCHED_FLAG_KEEP_POLICY), FLAG(SCHED_FLAG_KEEP_PARAMS), FLAG(SCHED_FLAG_UTIL_CLAMP_MIN),
	FLAG(SCHED_FLAG_UTIL_CLAMP_MAX), END_FLAGS,
};
static const struct flag ioprio_classes[] = {
	{ 0, "IOPRIO_CLASS_NONE" }, { 1, "IOPRIO_CLASS_RT" }, { 2, "IOPRIO_CLASS_BE" }, { 3, "IOPRIO_CLASS_IDLE" },
	END_FLAGS,
};

static const char *cpus(const unsigned char *m, size_t len)
{
	char *res = scratch(), *p = res;
	p += sprintf(p, "[");
	for (size_t bit = 0; bit < len * 8; bit++)
		if (m[bit / 8] & (1 << (bit % 8)))
			p += sprintf(p, "%s%zu", p[-1] == '[' ? "" : " ", bit);
	sprintf(p, "]");
	return res;
}

static const char *attr_text(const struct attr *a, int more)
{
	char *res = scratch();
	sprintf(res, "{size=%u, sched_policy=%s, sched_flags=%s, sched_nice=%d, sched_priority=%u, "
		"sched_runtime=%llu, sched_deadline=%llu, sched_period=%llu, sched_util_min=%u, sched_util_max=%u%s}",
		a->size, sxval(policies, a->sched_policy, "SCHED_???"), sflags(sched_flags, a->sched_flags),
		a->sched_nice, a->sched_priority, (unsigned long long) a->sched_runtime,
		(unsigned long long) a->sched_deadline, (unsigned long long) a->sched_period, a->sched_util_min,
		a->sched_util_max, more ? ", ..." : "");
	return res;
}

static const char *ioprio(long v)
{
	char *res = scratch();
	sprintf(res, "IOPRIO_PRIO_VALUE(%s, %ld)", sxval(ioprio_classes, v >> 13, "IOPRIO_CLASS_???"), v & 0x1fff);
	return res;
}

int main(void)
{
	long rc;
	int err;
	check(S(SYS_sched_yield) == 0, "sched_yield");
	expect("sched_yield()");
	expect_rval("0");

	long max = S(SYS_sched_get_priority_max, SCHED_FIFO);
	expect("sched_get_priority_max(SCHED_FIFO)");
	expect_rval("%ld", max);
	long min = S(SYS_sched_get_priority_min, SCHED_RR);
	expect("sched_get_priority_min(SCHED_RR)");
	expect_rval("%ld", min);
	check(S(SYS_sched_get_priority_max, 77) < 0 && errno == EINVAL, "priority_max 77");
	expect("sched_get_priority_max(0x4d /* SCHED_??? */)");
	expect_rval("%s", rerr(EINVAL));

	struct sched_param sp = { 0 };
	check(S(SYS_sched_getparam, 0, &sp) == 0, "sched_getparam");
	expect("sched_getparam(0, [%d])", sp.sched_priority);
	expect_rval("0");
	check(S(SYS_sched_setparam, 0, &sp) == 0, "sched_setparam");
	expect("sched_setparam(0, [%d])", sp.sched_priority);
	expect_rval("0");
	check(S(SYS_sched_setparam, 0, NULL) < 0 && errno == EINVAL, "sched_setparam NULL");
	expect("sched_setparam(0, NULL)");
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_sched_getparam, 0, (void *) -1) < 0 && errno == EFAULT, "sched_getparam EFAULT");
	expect("sched_getparam(0, 0xffffffffffffffff)");
	expect_rval("%s", rerr(EFAULT));

	long policy = S(SYS_sched_getscheduler, 0);
	check(policy == SCHED_OTHER, "sched_getscheduler");
	expect("sched_getscheduler(0)");
	expect_rval("0 (SCHED_OTHER)");
	check(S(SYS_sched_setscheduler, 0, SCHED_BATCH, &sp) == 0, "sched_setscheduler");
	expect("sched_setscheduler(0, SCHED_BATCH, [0])");
	expect_rval("0");
	check(S(SYS_sched_getscheduler, 0) == SCHED_BATCH, "sched_getscheduler batch");
	expect("sched_getscheduler(0)");
	expect_rval("3 (SCHED_BATCH)");
	check(S(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp) == 0, "reset on fork");
	expect("sched_setscheduler(0, 0x40000000 /* SCHED_??? */, [0])");
	expect_rval("0");
	check(S(SYS_sched_getscheduler, 0) == (SCHED_OTHER | SCHED_RESET_ON_FORK), "getscheduler reset");
	expect("sched_getscheduler(0)");
	expect_rval("%d", SCHED_OTHER | SCHED_RESET_ON_FORK);
	sp.sched_priority = 5;
	check(S(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp) < 0 && errno == EINVAL, "setscheduler prio 5");
	expect("sched_setscheduler(0, SCHED_OTHER, [5])");
	expect_rval("%s", rerr(EINVAL));
	/* Only a privileged process may clear SCHED_RESET_ON_FORK again. */
	sp.sched_priority = 0;
	rc = S(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp);
	err = errno;
	expect("sched_setscheduler(0, SCHED_OTHER, [0])");
	expect_rval("%s", rval_errno(rc, err));

	struct timespec ts;
	check(S(SYS_sched_rr_get_interval, 0, &ts) == 0, "sched_rr_get_interval");
	expect("sched_rr_get_interval(0, {tv_sec=%lld, tv_nsec=%ld})", (long long) ts.tv_sec, ts.tv_nsec);
	expect_rval("0");

	/* Affinity: the whole mask the kernel has, back again, its first 4 bytes, NULL, too short. */
	static unsigned char mask[128];
	long n = S(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	check(n > 0, "sched_getaffinity");
	expect("sched_getaffinity(0, %zu, %s)", sizeof(mask), cpus(mask, n));
	expect_rval("%ld", n);
	check(S(SYS_sched_setaffinity, 0, n, mask) == 0, "sched_setaffinity");
	expect("sched_setaffinity(0, %ld, %s)", n, cpus(mask, n));
	expect_rval("0");
	rc = S(SYS_sched_setaffinity, 0, 4, mask);
	err = errno;
	expect("sched_setaffinity(0, 4, %s)", cpus(mask, 4));
	expect_rval("%s", rval_errno(rc, err));
	check(S(SYS_sched_setaffinity, 0, 8, NULL) < 0 && errno == EFAULT, "setaffinity NULL");
	expect("sched_setaffinity(0, 8, NULL)");
	expect_rval("%s", rerr(EFAULT));
	check(S(SYS_sched_getaffinity, 0, 3, mask) < 0 && errno == EINVAL, "getaffinity short");
	expect("sched_getaffinity(0, 3, %s)", addr(mask));
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_sched_setaffinity, 0, n, mask) == 0, "sched_setaffinity back");
	expect("sched_setaffinity(0, %ld, %s)", n, cpus(mask, n));
	expect_rval("0");

	struct attr a = { 0 };
	check(S(SYS_sched_getattr, 0, &a, sizeof(a), 0) == 0, "sched_getattr");
	expect("sched_getattr(0, %s, %zu, 0)", attr_text(&a, 0), sizeof(a));
	expect_rval("0");
	struct attr b = a;
	b.sched_policy = SCHED_BATCH;
	b.sched_flags = SCHED_FLAG_RESET_ON_FORK;
	rc = S(SYS_sched_setattr, 0, &b, 0);
	err = errno;
	expect("sched_setattr(0, %s, 0)", attr_text(&b, 0));
	expect_rval("%s", rval_errno(rc, err));
	struct attr c = { 0 };
	check(S(SYS_sched_getattr, 0, &c, sizeof(c), 0) == 0, "sched_getattr again");
	expect("sched_getattr(0, %s, %zu, 0)", attr_text(&c, 0), sizeof(c));
	expect_rval("0");
	check(S(SYS_sched_getattr, 0, &c, 8, 0) < 0 && errno == EINVAL, "sched_getattr short");
	expect("sched_getattr(0, %s, 8, 0)", addr(&c));
	expect_rval("%s", rerr(EINVAL));
	/* A size the kernel does not know, with non-zero bytes past its struct: E2BIG, size written back. */
	static unsigned char big[200];
	memcpy(big, &a, sizeof(a));
	((struct attr *) big)->size = sizeof(big);
	big[150] = 1;
	check(S(SYS_sched_setattr, 0, big, 0) < 0 && errno == E2BIG, "sched_setattr E2BIG");
	struct attr shown = a;
	shown.size = sizeof(big);
	expect("sched_setattr(0, %s => {size=%u}, 0)", attr_text(&shown, 1), ((struct attr *) big)->size);
	expect_rval("-1 E2BIG (%s)", strerror(E2BIG));
	rc = S(SYS_sched_setattr, 0, &a, 0);
	err = errno;
	expect("sched_setattr(0, %s, 0)", attr_text(&a, 0));
	expect_rval("%s", rval_errno(rc, err));

	unsigned cpu, node;
	check(S(SYS_getcpu, &cpu, &node, NULL) == 0, "getcpu");
	expect("getcpu([%u], [%u], NULL)", cpu, node);
	expect_rval("0");
	check(S(SYS_getcpu, NULL, NULL, NULL) == 0, "getcpu NULL");
	expect("getcpu(NULL, NULL, NULL)");
	expect_rval("0");

	long prio = S(SYS_getpriority, PRIO_PROCESS, 0);
	expect("getpriority(PRIO_PROCESS, 0)");
	expect_rval("%ld", prio);
	check(S(SYS_setpriority, PRIO_PROCESS, 0, 20 - prio) == 0, "setpriority");
	expect("setpriority(PRIO_PROCESS, 0, %ld)", 20 - prio);
	expect_rval("0");
	check(S(SYS_getpriority, 7, 0) < 0 && errno == EINVAL, "getpriority 7");
	expect("getpriority(0x7 /* PRIO_??? */, 0)");
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_setpriority, 9, 0, 5) < 0 && errno == EINVAL, "setpriority 9");
	expect("setpriority(0x9 /* PRIO_??? */, 0, 5)");
	expect_rval("%s", rerr(EINVAL));

	long io = S(SYS_ioprio_get, 1, 0);
	check(io >= 0, "ioprio_get");
	expect("ioprio_get(IOPRIO_WHO_PROCESS, 0)");
	expect_rval("%ld (%s)", io, ioprio(io));
	check(S(SYS_ioprio_set, 1, 0, 2 << 13 | 4) == 0, "ioprio_set");
	expect("ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))");
	expect_rval("0");
	long io2 = S(SYS_ioprio_get, 1, 0);
	expect("ioprio_get(IOPRIO_WHO_PROCESS, 0)");
	expect_rval("%ld (%s)", io2, ioprio(io2));
	check(S(SYS_ioprio_set, 9, 0, 7 << 13 | 1) < 0 && errno == EINVAL, "ioprio_set bad");
	expect("ioprio_set(0x9 /* IOPRIO_WHO_??? */, 0, IOPRIO_PRIO_VALUE(0x7 /* IOPRIO_CLASS_??? */, 1))");
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_ioprio_set, 1, 0, io) == 0, "ioprio_set back");
	expect("ioprio_set(IOPRIO_WHO_PROCESS, 0, %s)", ioprio(io));
	expect_rval("0");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
