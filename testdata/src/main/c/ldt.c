/*
 * x86 segment descriptors: modify_ldt's struct user_desc (printed only when bytecount
 * is its size) and its 32-bit return value, get_thread_area and set_thread_area (not
 * implemented on x86_64: strace still prints the struct they were given).
 */
#include "mem.h"
#include <asm/ldt.h>

#define S(...) syscall(__VA_ARGS__)

static const char *entry(unsigned n)
{
	char *res = scratch();
	sprintf(res, n == -1u ? "-1" : "%u", n);
	return res;
}

/* strace's PRINT_FIELD_0X: "%#0*x" as wide as the field's hex digits (0 has no 0x) */
static const char *hex0(unsigned v)
{
	char *res = scratch();
	sprintf(res, "%#0*x", 8, v);
	return res;
}

static const char *user_desc(const struct user_desc *d)
{
	char *res = scratch();
	sprintf(res, "{entry_number=%s, base_addr=%s, limit=%s, seg_32bit=%u, contents=%u, read_exec_only=%u, "
		"limit_in_pages=%u, seg_not_present=%u, useable=%u, lm=%u}",
		entry(d->entry_number), hex0(d->base_addr), hex0(d->limit), d->seg_32bit, d->contents,
		d->read_exec_only, d->limit_in_pages, d->seg_not_present, d->useable, d->lm);
	return res;
}

int main(void)
{
	static struct user_desc d = {
		.entry_number = 3, .base_addr = 0x1000, .limit = 0xfffff, .seg_32bit = 1, .contents = 2,
		.read_exec_only = 0, .limit_in_pages = 1, .seg_not_present = 0, .useable = 1, .lm = 0,
	};
	static char table[64];

	long r = S(SYS_modify_ldt, 0, table, sizeof(table));
	expect("modify_ldt(0, %s, 64)", addr(table));
	expect_rval("%ld", r);

	r = S(SYS_modify_ldt, 0x11, &d, sizeof(d));
	int e = errno;
	expect("modify_ldt(17, %s, 16)", user_desc(&d));
	expect_rval("%s", rval(r, e));

	/* the kernel returns an int: an error reaches the tracer as 0xfffffff2, and strace says so */
	r = S(SYS_modify_ldt, 1, NULL, 16);
	expect("modify_ldt(1, NULL, 16)");
	expect_rval("%lu EFAULT (Bad address)", (unsigned long) (unsigned) r);
	r = S(SYS_modify_ldt, 1, (void *) -1, 16);
	expect("modify_ldt(1, 0xffffffffffffffff, 16)");
	expect_rval("%lu EFAULT (Bad address)", (unsigned long) (unsigned) r);
	r = S(SYS_modify_ldt, 99, NULL, 0);
	expect("modify_ldt(99, NULL, 0)");
	expect_rval("%lu ENOSYS (Function not implemented)", (unsigned long) (unsigned) r);

	struct user_desc t = { .entry_number = -1u, .base_addr = 0, .limit = 0x10, .contents = 1, .seg_not_present = 1 };
	check(S(SYS_set_thread_area, &t) == -1 && errno == ENOSYS, "set_thread_area");
	expect("set_thread_area(%s)", user_desc(&t));
	expect_rval("%s", rerr(ENOSYS));
	check(S(SYS_set_thread_area, NULL) == -1 && errno == ENOSYS, "set_thread_area NULL");
	expect("set_thread_area(NULL)");
	expect_rval("%s", rerr(ENOSYS));
	check(S(SYS_get_thread_area, &d) == -1 && errno == ENOSYS, "get_thread_area");
	expect("get_thread_area({entry_number=3, ...})");
	expect_rval("%s", rerr(ENOSYS));
	check(S(SYS_get_thread_area, &t) == -1 && errno == ENOSYS, "get_thread_area -1");
	expect("get_thread_area({entry_number=-1, ...})");
	expect_rval("%s", rerr(ENOSYS));
	check(S(SYS_get_thread_area, (void *) -1) == -1 && errno == ENOSYS, "get_thread_area bad");
	expect("get_thread_area(0xffffffffffffffff)");
	expect_rval("%s", rerr(ENOSYS));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
