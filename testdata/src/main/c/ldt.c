/*
 * x86 segment descriptors: modify_ldt's struct user_desc (printed only when bytecount
 * is its size) and its 32-bit return value, get_thread_area and set_thread_area (not
 * implemented on x86_64: strace still prints the struct they were given).
 */
#include "mem.h"
#include <asm/ldt.h>


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

/*
 * modify_ldt's result: the kernel returns an int, so an error reaches the tracer as
 * 0xfffffff2 and strace prints the number and the error it stands for; a seccomp filter's
 * error (a container's) arrives as a plain -1.
 */
static const char *ldt_rval(long r, int e)
{
	if (r == -1)
		return rerr(e);
	char *res = scratch();
	unsigned long u = (unsigned long) r;
	if (u >= 0xfffff000UL && u <= 0xffffffffUL) {
		int err = (int) (0x100000000UL - u);
		const char *full = rerr(err); /* "-1 EFAULT (Bad address)" */
		sprintf(res, "%lu%s", u, full + 2);
	} else {
		sprintf(res, "%ld", r);
	}
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
	int e = errno;
	expect("modify_ldt(0, %s, 64)", addr(table));
	expect_rval("%s", ldt_rval(r, e));

	r = S(SYS_modify_ldt, 0x11, &d, sizeof(d));
	e = errno;
	expect("modify_ldt(17, %s, 16)", user_desc(&d));
	expect_rval("%s", ldt_rval(r, e));

	r = S(SYS_modify_ldt, 1, NULL, 16);
	e = errno;
	expect("modify_ldt(1, NULL, 16)");
	expect_rval("%s", ldt_rval(r, e));
	r = S(SYS_modify_ldt, 1, (void *) -1, 16);
	e = errno;
	expect("modify_ldt(1, 0xffffffffffffffff, 16)");
	expect_rval("%s", ldt_rval(r, e));
	r = S(SYS_modify_ldt, 99, NULL, 0);
	e = errno;
	expect("modify_ldt(99, NULL, 0)");
	expect_rval("%s", ldt_rval(r, e));

	struct user_desc t = { .entry_number = -1u, .base_addr = 0, .limit = 0x10, .contents = 1, .seg_not_present = 1 };
	expect("set_thread_area(%s)", user_desc(&t));
	CALL_RVAL(S(SYS_set_thread_area, &t));
	expect("set_thread_area(NULL)");
	CALL_RVAL(S(SYS_set_thread_area, NULL));
	expect("get_thread_area({entry_number=3, ...})");
	CALL_RVAL(S(SYS_get_thread_area, &d));
	expect("get_thread_area({entry_number=-1, ...})");
	CALL_RVAL(S(SYS_get_thread_area, &t));
	expect("get_thread_area(0xffffffffffffffff)");
	CALL_RVAL(S(SYS_get_thread_area, -1L));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
