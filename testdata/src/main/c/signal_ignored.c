/*
 * Ignored signals are still reported to a tracer (the kernel queues them for a
 * ptraced task): SIG_IGN, and SIGWINCH ignored by default.  -e signal=!SIGURG
 * hides one signal: only its kill line remains.
 */
#include "tests.h"

int main(void)
{
	unblock_all_signals();
	int pid = getpid();
	int uid = getuid();

	struct sigaction sa = { .sa_handler = SIG_IGN };
	sigemptyset(&sa.sa_mask);
	struct sigaction old;
	check(sigaction(SIGUSR2, &sa, &old) == 0, "sigaction");
	/* after execve, a signal that is not ignored has the kernel's default action */
	check(old.sa_handler == SIG_DFL && old.sa_flags == 0, "SIGUSR2 was not SIG_DFL on entry");
	struct sigaction now;
	check(sigaction(SIGUSR2, NULL, &now) == 0, "sigaction query");
	expect("rt_sigaction(SIGUSR2, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=%s}, "
	       "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8)", addr(now.sa_restorer));
	expect_rval("0");
	expect("rt_sigaction(SIGUSR2, NULL, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=%s}, 8)",
	       addr(now.sa_restorer));
	expect_rval("0");

	int sigs[] = { SIGUSR2, SIGWINCH, SIGURG, SIGCHLD };
	const char *names[] = { "SIGUSR2", "SIGWINCH", "SIGURG", "SIGCHLD" };
	for (int i = 0; i < 4; i++) {
		check(kill(pid, sigs[i]) == 0, "kill");
		expect("kill(%d, %s)", pid, names[i]);
		expect_rval("0");
		if (sigs[i] != SIGURG)
			expect_line("--- %s {si_signo=%s, si_code=SI_USER, si_pid=%d, si_uid=%d} ---", names[i],
				    names[i], pid, uid);
	}
	syscall(SYS_write, -1, "still here", 10);
	expect("write(-1, \"still here\", 10)");
	expect_rval("%s", rerr(EBADF));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
