/*
 * Flag arguments with no known bit set: strace prints the bits in hex with the table's
 * "unknown" comment (printflags' dflt), 0x80 /* ?_OK *\/; with a known bit as well, the name
 * and the rest in hex, R_OK|0x80.
 */
#include "tests.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/mman.h>

int main(void)
{
	int p[2];
	check(pipe(p) == 0, "pipe");
	expect("pipe2([%d, %d], 0)", p[0], p[1]);
	expect_rval("0");

	expect("access(\"/\", 0x80 /* ?_OK */)");
	expect_rval("%s", rval(syscall(SYS_access, "/", 0x80)));
	expect("access(\"/\", R_OK|0x80)");
	expect_rval("%s", rval(syscall(SYS_access, "/", R_OK | 0x80)));
	expect("faccessat2(AT_FDCWD, \"/\", 0x80 /* ?_OK */, 0x1 /* AT_??? */)");
	expect_rval("%s", rval(syscall(SYS_faccessat2, AT_FDCWD, "/", 0x80, 0x1)));

	long m = syscall(SYS_mmap, 0, 4096, 0x80, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect("mmap(NULL, 4096, 0x80 /* PROT_??? */, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	if (m != -1)
		munmap((void *) m, 4096);
	if (m == -1)
		expect_rval("%s", rerr(errno));
	else
		expect_rval("%#lx", m);

	expect("wait4(-1, NULL, 0x7000 /* W??? */, NULL)");
	expect_rval("%s", rval(syscall(SYS_wait4, -1, 0, 0x7000, 0)));

	expect("fcntl(%d, F_SETFD, 0x10 /* FD_??? */)", p[0]);
	expect_rval("%s", rval(syscall(SYS_fcntl, p[0], F_SETFD, 0x10)));
	expect("fcntl(%d, F_NOTIFY, 0x1000 /* DN_??? */)", p[0]);
	expect_rval("%s", rval(syscall(SYS_fcntl, p[0], F_NOTIFY, 0x1000)));
	expect("fcntl(%d, F_ADD_SEALS, 0x100 /* F_SEAL_??? */)", p[0]);
	expect_rval("%s", rval(syscall(SYS_fcntl, p[0], F_ADD_SEALS, 0x100)));

	struct pollfd f = { p[0], 0x800, 0 };
	expect("poll([{fd=%d, events=0x800 /* POLL??? */}], 1, 0)", p[0]);
	long r = syscall(SYS_poll, &f, 1, 0);
	if (r == 0)
		expect_rval("0 (Timeout)");
	else
		expect_rval("%s", rval(r));

	int ep = epoll_create1(0);
	check(ep >= 0, "epoll_create1");
	struct epoll_event ev = { 0x00100000, { 0 } };
	expect("epoll_ctl(%d, EPOLL_CTL_ADD, %d, {events=0x100000 /* EPOLL??? */, data={u32=0, u64=0}})", ep, p[0]);
	expect_rval("%s", rval(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev)));

	struct { void *handler; unsigned long flags; void *restorer; unsigned long mask; } sa = { 0, 0x100, 0, 0 };
	expect("rt_sigaction(SIGUSR1, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0x100 /* SA_??? */}, NULL, 8)");
	expect_rval("%s", rval(syscall(SYS_rt_sigaction, SIGUSR1, &sa, 0, 8)));

	expect("flock(99, 0x100 /* LOCK_??? */)");
	expect_rval("%s", rval(syscall(SYS_flock, 99, 0x100)));
	expect("flock(99, LOCK_SH|LOCK_READ)");
	expect_rval("%s", rval(syscall(SYS_flock, 99, LOCK_SH | 0x40)));
	expect("flock(99, LOCK_RW)");
	expect_rval("%s", rval(syscall(SYS_flock, 99, 0xc0)));

	expect("unlinkat(AT_FDCWD, \"/nonexistent\", 0x1 /* AT_??? */)");
	expect_rval("%s", rval(syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent", 0x1)));
	expect("renameat2(AT_FDCWD, \"/nonexistent\", AT_FDCWD, \"/x\", 0x100 /* RENAME_?? */)");
	expect_rval("%s", rval(syscall(SYS_renameat2, AT_FDCWD, "/nonexistent", AT_FDCWD, "/x", 0x100)));

	int q[2];
	expect("pipe2(%s, 0x1 /* O_??? */)", addr(q));
	expect_rval("%s", rval(syscall(SYS_pipe2, q, 0x1)));
	expect("dup3(99, 100, 0x1 /* O_??? */)");
	expect_rval("%s", rval(syscall(SYS_dup3, 99, 100, 0x1)));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
