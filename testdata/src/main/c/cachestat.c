/*
 * cachestat (Linux 6.5): the descriptor, struct cachestat_range at entry with its offset
 * in hex, struct cachestat as the kernel fills it at exit (its address when the call
 * fails), the flags in hex. strace 6.1 does not know the syscall (it prints
 * syscall_0x1c3(...)); these are the lines of strace 6.5 and later (src/cachestat.c), the
 * structures those of include/uapi/linux/mman.h.
 */
#include "tests.h"
#include <fcntl.h>

#ifndef __NR_cachestat
# define __NR_cachestat 451
#endif

struct range {
	uint64_t off, len;
};

struct cstat {
	uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted;
};

static const char *rng(const struct range *r)
{
	char *res = scratch();
	sprintf(res, "{off=%#llx, len=%llu}", (unsigned long long) r->off, (unsigned long long) r->len);
	return res;
}

static const char *cs(const struct cstat *s)
{
	char *res = scratch();
	sprintf(res, "{nr_cache=%llu, nr_dirty=%llu, nr_writeback=%llu, nr_evicted=%llu, nr_recently_evicted=%llu}",
		(unsigned long long) s->nr_cache, (unsigned long long) s->nr_dirty,
		(unsigned long long) s->nr_writeback, (unsigned long long) s->nr_evicted,
		(unsigned long long) s->nr_recently_evicted);
	return res;
}

int main(void)
{
	char name[] = "/tmp/jstrace-cachestat-XXXXXX";
	int fd = mkstemp(name);
	check(fd >= 0, "mkstemp");
	unlink(name);
	static char page[8192];
	memset(page, 'x', sizeof(page));
	check(write(fd, page, sizeof(page)) == sizeof(page), "write");

	struct range whole = { 0, 8192 }, tail = { 4096, 0 };
	struct cstat st;
	memset(&st, 0xff, sizeof(st));
	CALL(__NR_cachestat, fd, &whole, &st, 0);
	expect("cachestat(%d, %s, %s, 0)", fd, rng(&whole), rc == 0 ? cs(&st) : addr(&st));
	expect_rval("%s", rv());
	CALL(__NR_cachestat, fd, &tail, &st, 0);
	expect("cachestat(%d, %s, %s, 0)", fd, rng(&tail), rc == 0 ? cs(&st) : addr(&st));
	expect_rval("%s", rv());
	/* no flags are defined yet */
	CALL(__NR_cachestat, fd, &whole, &st, 1);
	expect("cachestat(%d, %s, %s, 0x1)", fd, rng(&whole), addr(&st));
	expect_rval("%s", rv());
	CALL(__NR_cachestat, fd, NULL, &st, 0);
	expect("cachestat(%d, NULL, %s, 0)", fd, addr(&st));
	expect_rval("%s", rv());
	CALL(__NR_cachestat, -1, &tail, &st, 0);
	expect("cachestat(-1, %s, %s, 0)", rng(&tail), addr(&st));
	expect_rval("%s", rv());

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
