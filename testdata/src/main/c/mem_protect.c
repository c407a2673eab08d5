/*
 * Protection keys (pkey_alloc's access rights, pkey_mprotect, pkey_free) and
 * membarrier (commands, flags, the cpu_id that only MEMBARRIER_CMD_FLAG_CPU prints, the
 * query's result as a set of commands). Without PKU the key calls fail; the lines follow.
 */
#include "mem.h"
#include <linux/membarrier.h>
#include <sys/mman.h>


/* MEMBARRIER_CMD_QUERY's result: the commands strace 6.1 names, then unnamed bits in hex. */
static const char *membarrier_set(long v)
{
	static const char *names[] = {
		"MEMBARRIER_CMD_GLOBAL", "MEMBARRIER_CMD_GLOBAL_EXPEDITED",
		"MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED", "MEMBARRIER_CMD_PRIVATE_EXPEDITED",
		"MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED", "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE",
		"MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE", "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ",
		"MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ",
	};
	char *res = scratch();
	char *out = res + sprintf(res, "%#lx", v);
	if (v == 0)
		return "0";
	out += sprintf(out, " (");
	const char *sep = "";
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (v & (1L << i)) {
			out += sprintf(out, "%s%s", sep, names[i]);
			sep = "|";
		}
	}
	long rest = v & ~((1L << 9) - 1);
	if (rest)
		out += sprintf(out, "%s%#lx", sep, rest);
	sprintf(out, ")");
	return res;
}

int main(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap");

	long key = S(SYS_pkey_alloc, 0, PKEY_DISABLE_WRITE);
	int e = errno;
	expect("pkey_alloc(0, PKEY_DISABLE_WRITE)");
	expect_rval("%s", rval_errno(key, e));
	expect("pkey_alloc(0, PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE|PKEY_DISABLE_EXECUTE|0x8)");
	CALL_RVAL(S(SYS_pkey_alloc, 0, 0xf));
	expect("pkey_alloc(0, 0x8 /* PKEY_??? */)");
	CALL_RVAL(S(SYS_pkey_alloc, 0, 8));
	expect("pkey_alloc(0x1, 0)");
	CALL_RVAL(S(SYS_pkey_alloc, 1, 0));
	expect("pkey_mprotect(%s, 4096, PROT_READ, %ld)", addr(p), key);
	CALL_RVAL(S(SYS_pkey_mprotect, p, 4096, PROT_READ, key));
	expect("pkey_mprotect(%s, 4096, PROT_READ|PROT_WRITE, -1)", addr(p));
	CALL_RVAL(S(SYS_pkey_mprotect, p, 4096, PROT_READ | PROT_WRITE, -1));
	expect("pkey_mprotect(%s, 4096, PROT_NONE, 99)", addr(p + 1));
	CALL_RVAL(S(SYS_pkey_mprotect, p + 1, 4096, PROT_NONE, 99));
	expect("pkey_mprotect(%s, 4096, 0x10 /* PROT_??? */, -1)", addr(p));
	CALL_RVAL(S(SYS_pkey_mprotect, p, 4096, 0x10, -1));
	if (key >= 0) {
		expect("pkey_free(%ld)", key);
		CALL_RVAL(S(SYS_pkey_free, key));
	}
	expect("pkey_free(-1)");
	CALL_RVAL(S(SYS_pkey_free, -1));

	long q = S(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	e = errno;
	expect("membarrier(MEMBARRIER_CMD_QUERY, 0)");
	expect_rval("%s", q == -1 ? rerr(e) : membarrier_set(q));
	expect("membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0)");
	CALL_RVAL(S(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
	expect("membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0)");
	CALL_RVAL(S(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
	expect("membarrier(MEMBARRIER_CMD_GLOBAL, 0)");
	CALL_RVAL(S(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0));
	expect("membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 1)");
	CALL_RVAL(S(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 1));
	expect("membarrier(MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0x2 /* MEMBARRIER_CMD_FLAG_??? */)");
	CALL_RVAL(S(SYS_membarrier, MEMBARRIER_CMD_GLOBAL_EXPEDITED, 2, 0));
	expect("membarrier(0x1000 /* MEMBARRIER_CMD_??? */, MEMBARRIER_CMD_FLAG_CPU|0x6, -1)");
	CALL_RVAL(S(SYS_membarrier, 0x1000, 7, -1));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
