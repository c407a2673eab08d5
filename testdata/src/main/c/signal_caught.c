/*
 * Caught signals: rt_sigaction, kill/tgkill/rt_sigqueueinfo, the signal line
 * with its siginfo, the handler's calls, rt_sigreturn with the restored mask,
 * and a blocked signal delivered when rt_sigprocmask unblocks it.
 */
#include "tests.h"

static void handler(int sig)
{
	syscall(SYS_write, -1, "handler", 7);
}

static void expect_handler(const char *mask)
{
	expect("write(-1, \"handler\", 7)");
	expect_rval("%s", rerr(EBADF));
	expect("rt_sigreturn({mask=%s})", mask);
	expect_rval("0");
}

int main(void)
{
	int pid = getpid();
	int uid = getuid();

	sigset_t set, prev;
	sigemptyset(&set);
	check(sigprocmask(SIG_SETMASK, &set, NULL) == 0, "empty mask");
	expect("rt_sigprocmask(SIG_SETMASK, [], NULL, 8)");
	expect_rval("0");

	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaddset(&sa.sa_mask, SIGTERM);
	check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	struct sigaction old;
	check(sigaction(SIGUSR1, NULL, &old) == 0, "sigaction query");
	void *restorer = (void *) old.sa_restorer;
	expect("rt_sigaction(SIGUSR1, {sa_handler=%s, sa_mask=[USR2 TERM], sa_flags=SA_RESTORER|SA_RESTART, "
	       "sa_restorer=%s}, NULL, 8)", addr(handler), addr(restorer));
	expect_rval("0");
	expect("rt_sigaction(SIGUSR1, NULL, {sa_handler=%s, sa_mask=[USR2 TERM], sa_flags=SA_RESTORER|SA_RESTART, "
	       "sa_restorer=%s}, 8)", addr(handler), addr(restorer));
	expect_rval("0");

	check(kill(pid, SIGUSR1) == 0, "kill");
	expect("kill(%d, SIGUSR1)", pid);
	expect_rval("0");
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d, si_uid=%d} ---", pid, uid);
	expect_handler("[]");

	check(syscall(SYS_tgkill, pid, pid, SIGUSR1) == 0, "tgkill");
	expect("tgkill(%d, %d, SIGUSR1)", pid, pid);
	expect_rval("0");
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=%d, si_uid=%d} ---", pid, uid);
	expect_handler("[]");

	check(sigqueue(pid, SIGUSR1, (union sigval) { .sival_int = 42 }) == 0, "sigqueue");
	expect("rt_sigqueueinfo(%d, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=%d, si_uid=%d, "
	       "si_int=42, si_ptr=0x2a})", pid, pid, uid);
	expect_rval("0");
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=%d, si_uid=%d, si_int=42, "
		    "si_ptr=0x2a} ---", pid, uid);
	expect_handler("[]");

	/* blocked: delivered on return from the rt_sigprocmask that unblocks it */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check(sigprocmask(SIG_BLOCK, &set, &prev) == 0, "block");
	expect("rt_sigprocmask(SIG_BLOCK, [USR1], [], 8)");
	expect_rval("0");
	check(kill(pid, SIGUSR1) == 0, "kill");
	expect("kill(%d, SIGUSR1)", pid);
	expect_rval("0");
	check(sigprocmask(SIG_UNBLOCK, &set, &prev) == 0, "unblock");
	expect("rt_sigprocmask(SIG_UNBLOCK, [USR1], [USR1], 8)");
	expect_rval("0");
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d, si_uid=%d} ---", pid, uid);
	expect_handler("[]");

	/* a signal arriving with another one blocked: the handler restores that mask */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGRTMIN + 2);
	check(sigprocmask(SIG_SETMASK, &set, NULL) == 0, "setmask");
	/* strace names real-time signals from the kernel's 32 (RTMIN), not glibc's SIGRTMIN (34) */
	char rt[16];
	snprintf(rt, sizeof(rt), "RT_%d", SIGRTMIN + 2 - 32);
	expect("rt_sigprocmask(SIG_SETMASK, [INT %s], NULL, 8)", rt);
	expect_rval("0");
	check(kill(pid, SIGUSR1) == 0, "kill");
	expect("kill(%d, SIGUSR1)", pid);
	expect_rval("0");
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d, si_uid=%d} ---", pid, uid);
	char mask[32];
	snprintf(mask, sizeof(mask), "[INT %s]", rt);
	expect_handler(mask);

	/* nearly full sets print as their complement */
	sigfillset(&set);
	check(sigprocmask(SIG_SETMASK, &set, &prev) == 0, "fill");
	expect("rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], %s, 8)", mask);
	expect_rval("0");
	sigemptyset(&set);
	check(sigprocmask(SIG_SETMASK, &set, &prev) == 0, "empty");
	expect("rt_sigprocmask(SIG_SETMASK, [], ~[KILL STOP RTMIN RT_1], 8)");
	expect_rval("0");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
