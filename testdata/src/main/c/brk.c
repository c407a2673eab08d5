/*
 * brk: growing, shrinking and failing to move the program break (strace prints the
 * break the kernel returns, in hex, as success). The static C library moves the break
 * before main: __libc_setup_tls allocates the TLS block with two brk calls
 * (elf/dl-early_allocate.c), then malloc's first sbrk asks for the break once more, grows
 * it and aligns its end to a page (malloc/malloc.c: sysmalloc). Those five lines (four
 * when the TLS block ends on a page boundary) are rebuilt from the start of the heap
 * (/proc/self/stat), the current break (sbrk(0), which makes no call) and the bytes
 * malloc got (mallinfo2's arena).
 */
#include "mem.h"
#include <malloc.h>


/* Field 47 of /proc/self/stat: where the heap starts (fs/proc/array.c). */
static unsigned long start_brk(void)
{
	static char buf[4096];
	int fd = S(SYS_open, "/proc/self/stat", 0);
	check(fd >= 0, "open stat");
	struct iovec iov = { buf, sizeof(buf) - 1 };
	long n = S(SYS_readv, fd, &iov, 1);
	S(SYS_close, fd);
	check(n > 0, "read stat");
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	check(p != NULL, "stat format");
	p += 2; /* field 3 */
	for (int field = 3; field < 47; field++) {
		p = strchr(p, ' ');
		check(p != NULL, "stat fields");
		p++;
	}
	return strtoul(p, NULL, 10);
}

static void brk_line(unsigned long arg, unsigned long ret)
{
	if (arg)
		expect("brk(%#lx)", arg);
	else
		expect("brk(NULL)");
	expect_rval("%#lx", ret);
}

int main(void)
{
	unsigned long page = sysconf(_SC_PAGESIZE);
	unsigned long start = start_brk();
	unsigned long end = (unsigned long) sbrk(0);
	unsigned long tls_end = end - mallinfo2().arena;
	brk_line(0, start);
	brk_line(tls_end, tls_end);
	brk_line(0, tls_end);
	if (tls_end % page) {
		unsigned long grown = end - page + tls_end % page;
		brk_line(grown, grown);
	}
	brk_line(end, end);

	unsigned long b = S(SYS_brk, 0);
	check(b == end, "brk(NULL)");
	brk_line(0, b);
	unsigned long r = S(SYS_brk, b + 4 * page);
	check(r == b + 4 * page, "grow");
	brk_line(b + 4 * page, r);
	r = S(SYS_brk, b + page + 1);
	check(r == b + page + 1, "shrink");
	brk_line(b + page + 1, r);
	/* below the start of the heap, or far beyond the address space: the break stays */
	unsigned long old = r;
	r = S(SYS_brk, 0x1000);
	check(r == old, "below start");
	brk_line(0x1000, r);
	r = S(SYS_brk, -4096UL);
	check(r == old, "too high");
	brk_line(-4096UL, r);
	r = S(SYS_brk, b);
	check(r == b, "restore");
	brk_line(b, r);

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
