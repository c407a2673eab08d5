/*
 * NUMA memory policy: set_mempolicy, get_mempolicy, mbind, migrate_pages and move_pages.
 * Modes with their MPOL_F_* flags, node masks as strace prints them (one "%#0*lx" word
 * each, 16 wide, so 0 prints without 0x), mbind's and get_mempolicy's flags, move_pages'
 * arrays; unknown values, short masks and bad pointers. Node 0 always exists.
 */
#include "mem.h"
#include <linux/mempolicy.h>
#include <sys/mman.h>


/* strace's nodemask: (maxnode + 62) / 64 words; none when that rounds down to 0 but maxnode is not 0. */
static const char *nodemask(const unsigned long *mask, unsigned long maxnode)
{
	unsigned long n = (maxnode + 62) / 64;
	if (!mask)
		return "NULL";
	if (maxnode && !n)
		return addr(mask);
	char *res = scratch();
	char *out = res + sprintf(res, "[");
	for (unsigned long i = 0; i < n; i++) {
		if (i == max_strlen) {
			out += sprintf(out, ", ...");
			break;
		}
		out += sprintf(out, "%s%#0*lx", i ? ", " : "", 16, mask[i]);
	}
	sprintf(out, "]");
	return res;
}

static const char *status_name(int s)
{
	char *res = scratch();
	switch (s) {
	case -ENOENT: return "-ENOENT";
	case -EFAULT: return "-EFAULT";
	case -EACCES: return "-EACCES";
	case -EBUSY: return "-EBUSY";
	case -ENOMEM: return "-ENOMEM";
	case -EINVAL: return "-EINVAL";
	}
	sprintf(res, "%d", s);
	return res;
}

static const char *ints(const int *v, int n, int as_status)
{
	char *res = scratch();
	char *out = res + sprintf(res, "[");
	for (int i = 0; i < n; i++)
		out += sprintf(out, "%s%s", i ? ", " : "", as_status ? status_name(v[i]) : status_name(v[i] < 0 ? 1 : v[i]));
	sprintf(out, "]");
	return res;
}

static const char *mode_name(int m)
{
	static const char *names[] = { "MPOL_DEFAULT", "MPOL_PREFERRED", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_LOCAL",
				       "MPOL_PREFERRED_MANY" };
	if (m >= 0 && m < 6)
		return names[m];
	char *res = scratch();
	sprintf(res, "%#x /* MPOL_??? */", m);
	return res;
}

int main(void)
{
	static unsigned long node0[1] = { 1 }, mask2[2] = { 1, 0 }, got[64];
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap");
	p[0] = 1;
	int mode = 0;

	expect("set_mempolicy(MPOL_BIND, %s, 64)", nodemask(node0, 64));
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_BIND, node0, 64));
	long r = S(SYS_get_mempolicy, &mode, got, 128, NULL, 0);
	int e = errno;
	expect("get_mempolicy([%s], %s, 128, NULL, 0)", r ? addr(&mode) : mode_name(mode), r ? addr(got) : nodemask(got, 128));
	expect_rval("%s", rval_errno(r, e));
	expect("set_mempolicy(MPOL_PREFERRED|MPOL_F_STATIC_NODES, %s, 66)", nodemask(mask2, 66));
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_PREFERRED | MPOL_F_STATIC_NODES, mask2, 66));
	/* get_mempolicy's mode prints without its flags */
	r = S(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0);
	e = errno;
	expect("get_mempolicy([%#x /* MPOL_??? */], NULL, 0, NULL, 0)", mode);
	expect_rval("%s", rval_errno(r, e));
	expect("set_mempolicy(MPOL_INTERLEAVE|MPOL_F_RELATIVE_NODES, %s, 2)", nodemask(node0, 2));
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES, node0, 2));
	expect("set_mempolicy(MPOL_LOCAL, NULL, 0)");
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_LOCAL, NULL, 0));
	expect("set_mempolicy(MPOL_PREFERRED_MANY|MPOL_F_STATIC_NODES|MPOL_F_RELATIVE_NODES|MPOL_F_NUMA_BALANCING, %s, 65)",
	       nodemask(node0, 65));
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_PREFERRED_MANY | MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING,
		    node0, 65));
	expect("set_mempolicy(0x85 /* MPOL_??? */, %s, 1)", addr(node0));
	CALL_RVAL(S(SYS_set_mempolicy, 0x85, node0, 1));
	/* a mode without a name leaves the whole value to the flags */
	expect("set_mempolicy(MPOL_F_STATIC_NODES|0x6, [], 0)");
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_F_STATIC_NODES | 6, node0, 0));
	expect("set_mempolicy(0x4d /* MPOL_??? */, [], 0)");
	CALL_RVAL(S(SYS_set_mempolicy, 77, node0, 0));
	expect("set_mempolicy(MPOL_BIND, 0xffffffffffffffff, 64)");
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_BIND, -1L, 64));
	expect("set_mempolicy(MPOL_DEFAULT, NULL, 0)");
	CALL_RVAL(S(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0));

	r = S(SYS_get_mempolicy, &mode, got, 64, NULL, MPOL_F_MEMS_ALLOWED);
	e = errno;
	expect("get_mempolicy([%s], %s, 64, NULL, MPOL_F_MEMS_ALLOWED)", mode_name(mode), nodemask(got, 64));
	expect_rval("%s", rval_errno(r, e));
	r = S(SYS_get_mempolicy, &mode, got, 64 * 40, NULL, MPOL_F_MEMS_ALLOWED);
	e = errno;
	expect("get_mempolicy([%s], %s, 2560, NULL, MPOL_F_MEMS_ALLOWED)", mode_name(mode), nodemask(got, 64 * 40));
	expect_rval("%s", rval_errno(r, e));
	r = S(SYS_get_mempolicy, &mode, NULL, 0, p, MPOL_F_NODE | MPOL_F_ADDR);
	e = errno;
	expect("get_mempolicy([%s], NULL, 0, %s, MPOL_F_NODE|MPOL_F_ADDR)", mode_name(mode), addr(p));
	expect_rval("%s", rval_errno(r, e));
	expect("get_mempolicy(%s, %s, 64, 0xffffffffffffffff, MPOL_F_ADDR)", addr(&mode), addr(got));
	CALL_RVAL(S(SYS_get_mempolicy, &mode, got, 64, -1L, MPOL_F_ADDR));
	expect("get_mempolicy(NULL, NULL, 0, NULL, 0x10 /* MPOL_??? */)");
	CALL_RVAL(S(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0x10));
	expect("get_mempolicy(0xffffffffffffffff, NULL, 0, NULL, 0)");
	CALL_RVAL(S(SYS_get_mempolicy, -1L, NULL, 0, NULL, 0));

	expect("mbind(%s, 4096, MPOL_BIND, %s, 64, MPOL_MF_STRICT|MPOL_MF_MOVE)", addr(p), nodemask(node0, 64));
	CALL_RVAL(S(SYS_mbind, p, 4096, MPOL_BIND, node0, 64, MPOL_MF_STRICT | MPOL_MF_MOVE));
	expect("mbind(%s, 4096, MPOL_INTERLEAVE|MPOL_F_STATIC_NODES, %s, 64, MPOL_MF_MOVE_ALL)", addr(p + 4096),
	       nodemask(node0, 64));
	CALL_RVAL(S(SYS_mbind, p + 4096, 4096, MPOL_INTERLEAVE | MPOL_F_STATIC_NODES, node0, 64, MPOL_MF_MOVE_ALL));
	expect("mbind(%s, 12288, MPOL_DEFAULT, NULL, 0, 0)", addr(p));
	CALL_RVAL(S(SYS_mbind, p, 3 * 4096, MPOL_DEFAULT, NULL, 0, 0));
	expect("mbind(%s, 4096, MPOL_DEFAULT, NULL, 0, MPOL_MF_STRICT|0x80)", addr(p));
	CALL_RVAL(S(SYS_mbind, p, 4096, MPOL_DEFAULT, NULL, 0, MPOL_MF_STRICT | 0x80));
	expect("mbind(%s, 4096, MPOL_DEFAULT, NULL, 0, 0x80 /* MPOL_??? */)", addr(p + 1));
	CALL_RVAL(S(SYS_mbind, p + 1, 4096, MPOL_DEFAULT, NULL, 0, 0x80));

	expect("migrate_pages(0, 64, %s, %s)", nodemask(node0, 64), nodemask(node0, 64));
	CALL_RVAL(S(SYS_migrate_pages, 0, 64, node0, node0));
	expect("migrate_pages(%d, 64, %s, 0xffffffffffffffff)", getpid(), nodemask(node0, 64));
	CALL_RVAL(S(SYS_migrate_pages, getpid(), 64, node0, -1L));

	/* move_pages: page addresses, target nodes, and the status the kernel writes */
	void *pages[3] = { p, p + 4096, (void *) 8 };
	int nodes[3] = { 0, 0, 0 }, status[3];
	r = S(SYS_move_pages, 0, 3, pages, NULL, status, 0);
	e = errno;
	expect("move_pages(0, 3, [%s, %s, 0x8], NULL, %s, 0)", addr(p), addr(p + 4096), r ? addr(status) : ints(status, 3, 1));
	expect_rval("%s", rval_errno(r, e));
	r = S(SYS_move_pages, getpid(), 2, pages, nodes, status, MPOL_MF_MOVE);
	e = errno;
	expect("move_pages(%d, 2, [%s, %s], [0, 0], %s, MPOL_MF_MOVE)", getpid(), addr(p), addr(p + 4096),
	       r ? addr(status) : ints(status, 2, 1));
	expect_rval("%s", rval_errno(r, e));
	expect("move_pages(0, 0, [], NULL, [], 0)");
	CALL_RVAL(S(SYS_move_pages, 0, 0, pages, NULL, status, 0));
	expect("move_pages(0, 1, 0xffffffffffffffff, NULL, %s, 0)", addr(status));
	CALL_RVAL(S(SYS_move_pages, 0, 1, -1L, NULL, status, 0));
	expect("move_pages(0, 1, [%s], [0], %s, 0x10 /* MPOL_??? */)", addr(p), addr(status));
	CALL_RVAL(S(SYS_move_pages, 0, 1, pages, nodes, status, 0x10));

	/* the home node of a range's policy: ENOENT where the range has no MPOL_BIND/PREFERRED_MANY */
	expect("set_mempolicy_home_node(%s, 4096, 0, 0)", addr(p));
	CALL_RVAL(S(450 /* SYS_set_mempolicy_home_node */, p, 4096, 0, 0));
	expect("set_mempolicy_home_node(%s, 4096, 99, 0x1)", addr(p));
	CALL_RVAL(S(450 /* SYS_set_mempolicy_home_node */, p, 4096, 99, 1));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
