/*
 * futex by command (FUTEX_WAIT with a timeout, FUTEX_WAKE, FUTEX_WAIT_BITSET with
 * FUTEX_CLOCK_REALTIME, FUTEX_WAKE_BITSET, FUTEX_WAKE_OP with its encoded operation,
 * FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, the _PRIVATE forms, an unknown command) and
 * futex_waitv with its array of struct futex_waitv (flags, __reserved, an unreadable tail,
 * the -s limit). Nothing ever waits: every wait times out at once or finds another value.
 */
#include "tests.h"
#include <linux/futex.h>
#include <sys/mman.h>

struct waiter {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
};

static uint32_t f = 1, g = 2;

/* tests.h's table stops before ETIMEDOUT */
static const char *etimedout(void)
{
	char *res = scratch();
	sprintf(res, "-1 ETIMEDOUT (%s)", strerror(ETIMEDOUT));
	return res;
}

static const char *ts(const struct timespec *t)
{
	char *res = scratch();
	sprintf(res, "{tv_sec=%lld, tv_nsec=%llu}", (long long) t->tv_sec, (unsigned long long) t->tv_nsec);
	return res;
}

static const char *w(const struct waiter *x)
{
	char *res = scratch();
	sprintf(res, "{val=%#llx, uaddr=%s, flags=%s", (unsigned long long) x->val, addr((void *) x->uaddr),
		x->flags == 0x82 ? "FUTEX_32|FUTEX_PRIVATE_FLAG" : x->flags == 2 ? "FUTEX_32" : "?");
	strcat(res, "}");
	return res;
}

static void futex_ops(void)
{
	struct timespec us = { 0, 1000 }, past = { 1, 0 };
	long rc = syscall(SYS_futex, &f, FUTEX_WAIT, 1, &us, NULL, 0);
	expect("futex(%s, FUTEX_WAIT, 1, %s)", addr(&f), ts(&us));
	expect_rval("%s", etimedout());
	rc = syscall(SYS_futex, &f, FUTEX_WAIT_PRIVATE, 0, &us, NULL, 0);
	expect("futex(%s, FUTEX_WAIT_PRIVATE, 0, %s)", addr(&f), ts(&us));
	expect_rval("%s", rerr(EAGAIN));
	/* no timeout: the value differs, so it returns at once */
	rc = syscall(SYS_futex, &f, FUTEX_WAIT, 2, NULL, NULL, 0x1234);
	expect("futex(%s, FUTEX_WAIT, 2, NULL)", addr(&f));
	expect_rval("%s", rerr(EAGAIN));
	syscall(SYS_futex, &f, FUTEX_WAKE, 1, NULL, NULL, 0);
	expect("futex(%s, FUTEX_WAKE, 1)", addr(&f));
	expect_rval("0");
	syscall(SYS_futex, &f, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
	expect("futex(%s, FUTEX_WAKE_PRIVATE, 10)", addr(&f));
	expect_rval("0");
	/* absolute timeouts long past */
	rc = syscall(SYS_futex, &f, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &past, NULL, FUTEX_BITSET_MATCH_ANY);
	expect("futex(%s, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 1, %s, FUTEX_BITSET_MATCH_ANY)", addr(&f), ts(&past));
	expect_rval("%s", etimedout());
	rc = syscall(SYS_futex, &f, FUTEX_WAIT_BITSET_PRIVATE, 1, &past, NULL, 0x5);
	expect("futex(%s, FUTEX_WAIT_BITSET_PRIVATE, 1, %s, 0x5)", addr(&f), ts(&past));
	expect_rval("%s", etimedout());
	syscall(SYS_futex, &f, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x5);
	expect("futex(%s, FUTEX_WAKE_BITSET, 1, 0x5)", addr(&f));
	expect_rval("0");
	/* g += 1, then wake on uaddr2 if the old g > 0 */
	rc = syscall(SYS_futex, &f, FUTEX_WAKE_OP_PRIVATE, 1, 1, &g, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0));
	expect("futex(%s, FUTEX_WAKE_OP_PRIVATE, 1, 1, %s, FUTEX_OP_ADD<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0)", addr(&f),
	       addr(&g));
	expect_rval("%ld", rc);
	rc = syscall(SYS_futex, &f, FUTEX_WAKE_OP, 1, 1, &g, FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 3, 9, 0));
	expect("futex(%s, FUTEX_WAKE_OP, 1, 1, %s, FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_OR<<28|0x3<<12|"
	       "0x9<<24 /* FUTEX_OP_CMP_??? */|0)", addr(&f), addr(&g));
	expect_rval("%s", rerr(ENOSYS));
	rc = syscall(SYS_futex, &f, FUTEX_REQUEUE, 1, 2, &g, 0);
	expect("futex(%s, FUTEX_REQUEUE, 1, 2, %s)", addr(&f), addr(&g));
	expect_rval("%ld", rc);
	rc = syscall(SYS_futex, &f, FUTEX_CMP_REQUEUE, 1, 2, &g, 1);
	expect("futex(%s, FUTEX_CMP_REQUEUE, 1, 2, %s, 1)", addr(&f), addr(&g));
	expect_rval("%ld", rc);
	rc = syscall(SYS_futex, &f, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, &g, 5);
	expect("futex(%s, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, %s, 5)", addr(&f), addr(&g));
	expect_rval("%s", rerr(EAGAIN));
	rc = syscall(SYS_futex, &f, 99, 1, NULL, NULL, 0);
	expect("futex(%s, 0x63 /* FUTEX_??? */, 1, NULL, NULL, 0)", addr(&f));
	expect_rval("%s", rerr(ENOSYS));
	rc = syscall(SYS_futex, NULL, FUTEX_WAIT, 1, NULL, NULL, 0);
	expect("futex(NULL, FUTEX_WAIT, 1, NULL)");
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_futex, (void *) -1, FUTEX_WAKE, 1, NULL, NULL, 0);
	expect("futex(0xffffffffffffffff, FUTEX_WAKE, 1)");
	expect_rval("%s", rerr(EINVAL));
}

static void waitv(void)
{
	struct waiter ws[2] = { { f, (uintptr_t) &f, 0x82, 0 }, { g, (uintptr_t) &g, 2, 0 } };
	struct timespec now;
	check(clock_gettime(CLOCK_MONOTONIC, &now) == 0, "clock_gettime");
	long rc = syscall(SYS_futex_waitv, ws, 2, 0, &now, CLOCK_MONOTONIC);
	expect("futex_waitv([%s, %s], 2, 0, %s, CLOCK_MONOTONIC)", w(&ws[0]), w(&ws[1]), ts(&now));
	expect_rval("%s", etimedout());
	ws[0].val = 5;
	rc = syscall(SYS_futex_waitv, ws, 1, 0, NULL, CLOCK_MONOTONIC);
	expect("futex_waitv([%s], 1, 0, NULL, CLOCK_MONOTONIC)", w(&ws[0]));
	expect_rval("%s", rerr(EAGAIN));
	rc = syscall(SYS_futex_waitv, ws, 2, 1, NULL, CLOCK_REALTIME);
	expect("futex_waitv([%s, %s], 2, 0x1, NULL, CLOCK_REALTIME)", w(&ws[0]), w(&ws[1]));
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_futex_waitv, ws, 0, 0, NULL, CLOCK_MONOTONIC);
	expect("futex_waitv([], 0, 0, NULL, CLOCK_MONOTONIC)");
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_futex_waitv, (void *) -1, 1, 0, NULL, CLOCK_MONOTONIC);
	expect("futex_waitv(0xffffffffffffffff, 1, 0, NULL, CLOCK_MONOTONIC)");
	expect_rval("%s", rerr(EFAULT));

	/* flags the kernel refuses: a size other than 32 bits, an unknown bit, __reserved */
	struct waiter odd[3] = { { 1, (uintptr_t) &f, 0, 0 }, { 2, (uintptr_t) &f, 3 | 0x100, 0 },
				 { 3, (uintptr_t) &f, 0x4, 7 } };
	rc = syscall(SYS_futex_waitv, odd, 3, 0, NULL, CLOCK_MONOTONIC);
	expect("futex_waitv([{val=0x1, uaddr=%s, flags=0}, {val=0x2, uaddr=%s, flags=FUTEX_32|0x101}, "
	       "{val=0x3, uaddr=%s, flags=0x4 /* FUTEX_??? */, __reserved=0x7}], 3, 0, NULL, CLOCK_MONOTONIC)",
	       addr(&f), addr(&f), addr(&f));
	expect_rval("%s", rerr(EINVAL));

	/* the second waiter on a page that is gone */
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(page != MAP_FAILED && munmap(page + 4096, 4096) == 0, "mmap");
	struct waiter *edge = (struct waiter *) (page + 4096 - sizeof(struct waiter));
	*edge = ws[0];
	rc = syscall(SYS_futex_waitv, edge, 2, 0, NULL, CLOCK_MONOTONIC);
	expect("futex_waitv([%s, ... /* %s */], 2, 0, NULL, CLOCK_MONOTONIC)", w(edge), addr(page + 4096));
	expect_rval("%s", rerr(EFAULT));

	/* more than -s (32) waiters: the first 32, then "..." */
	static struct waiter many[40];
	for (int k = 0; k < 40; k++)
		many[k] = (struct waiter) { k, (uintptr_t) &g, 2, 0 };
	rc = syscall(SYS_futex_waitv, many, 40, 0, NULL, CLOCK_MONOTONIC);
	expect("futex_waitv([");
	for (int k = 0; k < 32; k++)
		expect("%s, ", w(&many[k]));
	expect("...], 40, 0, NULL, CLOCK_MONOTONIC)");
	expect_rval("%s", rerr(EAGAIN));
}

int main(void)
{
	futex_ops();
	waitv();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
