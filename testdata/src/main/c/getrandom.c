/*
 * getrandom: the bytes as hex escapes, flags (GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE,
 * unknown bits), bad buffers. glibc's malloc makes the first call before main: 8 bytes
 * that become its tcache key (malloc/malloc.c: tcache_key_initialize), which a freed
 * tcache chunk holds in its second word, so this program can print that line too.
 */
#include "mem.h"
#include <sys/random.h>


/* strace prints getrandom's bytes all as \xNN */
static const char *hexbuf(const unsigned char *p, size_t len)
{
	char *res = scratch();
	char *out = res + sprintf(res, "\"");
	for (size_t i = 0; i < len && i < max_strlen; i++)
		out += sprintf(out, "\\x%02x", p[i]);
	sprintf(out, len > max_strlen ? "\"..." : "\"");
	return res;
}

int main(void)
{
	void *chunk = malloc(24);
	free(chunk);
	uint64_t key = ((volatile uint64_t *) chunk)[1];
	expect("getrandom(%s, 8, GRND_NONBLOCK)", hexbuf((unsigned char *) &key, 8));
	expect_rval("8");

	static unsigned char buf[64];
	long n = S(SYS_getrandom, buf, 16, 0);
	expect("getrandom(%s, 16, 0)", n == 16 ? hexbuf(buf, 16) : addr(buf));
	expect_rval("%s", rval_errno(n, errno));
	n = S(SYS_getrandom, buf, 40, GRND_NONBLOCK | GRND_INSECURE);
	int e = errno;
	expect("getrandom(%s, 40, GRND_NONBLOCK|GRND_INSECURE)", n > 0 ? hexbuf(buf, n) : addr(buf));
	expect_rval("%s", rval_errno(n, e));
	n = S(SYS_getrandom, buf, 4, GRND_RANDOM | GRND_NONBLOCK);
	e = errno;
	expect("getrandom(%s, 4, GRND_NONBLOCK|GRND_RANDOM)", n > 0 ? hexbuf(buf, n) : addr(buf));
	expect_rval("%s", rval_errno(n, e));
	n = S(SYS_getrandom, buf, 0, 0);
	expect("getrandom(\"\", 0, 0)");
	expect_rval("%s", rval_errno(n, errno));
	expect("getrandom(%s, 8, GRND_RANDOM|GRND_INSECURE)", addr(buf));
	CALL_RVAL(S(SYS_getrandom, buf, 8, GRND_RANDOM | GRND_INSECURE));
	expect("getrandom(%s, 8, GRND_NONBLOCK|0x10)", addr(buf));
	CALL_RVAL(S(SYS_getrandom, buf, 8, GRND_NONBLOCK | 0x10));
	expect("getrandom(%s, 8, 0x20 /* GRND_??? */)", addr(buf));
	CALL_RVAL(S(SYS_getrandom, buf, 8, 0x20));
	expect("getrandom(0xffffffffffffffff, 8, 0)");
	CALL_RVAL(S(SYS_getrandom, -1L, 8, 0));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
