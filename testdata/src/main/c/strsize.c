/* -s 8 -a 20: a smaller string limit and return-value column. */
#include "tests.h"

int main(void)
{
	acolumn = 20;
	max_strlen = 8;
	static const char *const bufs[] = { "", "1234567", "12345678", "123456789", "\n\n\n\n\n\n\n\n\n",
					    "\3777777777" };
	for (unsigned i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
		size_t len = strlen(bufs[i]);
		ssize_t n = write(-1, bufs[i], len);
		expect("write(-1, %s, %zu)", qbuf(bufs[i], len), len);
		expect_rval("%s", rerr(EBADF));
	}
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
