/*
 * Syscalls the kernel numbers but no longer implements (or never did): they return
 * ENOSYS, and strace prints their arguments as raw hex words (printargs), except
 * lookup_dcookie, which it still decodes.
 */
#include "fsio.h"

struct retired {
	long nr;
	const char *name;
	int nargs;
};

int main(void)
{
	static const struct retired calls[] = {
		{ SYS_create_module, "create_module", 2 },
		{ SYS_get_kernel_syms, "get_kernel_syms", 1 },
		{ SYS_query_module, "query_module", 5 },
		{ SYS_getpmsg, "getpmsg", 5 },
		{ SYS_putpmsg, "putpmsg", 5 },
		{ SYS_afs_syscall, "afs_syscall", 5 },
		{ SYS_tuxcall, "tuxcall", 3 },
		{ SYS_security, "security", 3 },
		{ SYS_vserver, "vserver", 5 },
		{ SYS_uselib, "uselib", 1 },
		{ SYS__sysctl, "_sysctl", 1 },
		{ SYS_epoll_ctl_old, "epoll_ctl_old", 4 },
		{ SYS_epoll_wait_old, "epoll_wait_old", 4 },
		{ SYS_nfsservctl, "nfsservctl", 3 },
	};
	static const long args[] = { 0x1111, 0xdeadbeef, 0, -1L, 0x7fff0000ab, 6 };
	for (size_t k = 0; k < sizeof(calls) / sizeof(calls[0]); k++) {
		long r = S(calls[k].nr, args[0], args[1], args[2], args[3], args[4], args[5]);
		int e = errno;
		expect("%s(", calls[k].name);
		for (int a = 0; a < calls[k].nargs; a++)
			expect("%s%#lx", a ? ", " : "", args[a]);
		expect(")");
		expect_rval("%s", r == -1 ? rerr(e) : "0");
	}

	/* lookup_dcookie(u64 cookie, char *buf, size_t len): decoded, ENOSYS since Linux 6.8. */
	char buf[16];
	long r = S(SYS_lookup_dcookie, 1234567890123L, buf, sizeof(buf));
	int e = errno;
	expect("lookup_dcookie(1234567890123, %s, 16)", r == -1 ? addr(buf) : qpath(buf));
	expect_rval("%s", r == -1 ? rerr(e) : "?");
	r = S(SYS_lookup_dcookie, 0, NULL, 0);
	e = errno;
	expect("lookup_dcookie(0, NULL, 0)");
	expect_rval("%s", r == -1 ? rerr(e) : "?");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
