/*
 * Signals interrupting blocking calls (no -f: the helper thread that sends the
 * signals and feeds the pipe is not traced).
 *  - SA_RESTART: "= ? ERESTARTSYS (...)", handler, rt_sigreturn, read again;
 *  - no SA_RESTART: rt_sigreturn returns "-1 EINTR (Interrupted system call)";
 *  - nanosleep: "= ? ERESTART_RESTARTBLOCK (...)"; after a handler it fails
 *    with EINTR, after a signal without handler (SIGCONT, ignored by default)
 *    the kernel resumes it with restart_syscall.
 */
#include "tests.h"
#include <pthread.h>

static volatile int handled, step;
static int pid, pipe_fds[2];

static void handler(int sig)
{
	syscall(SYS_write, -1, "handler", 7);
	handled++;
}

static void wait_step(int n)
{
	struct timespec ms = { 0, 1000000 };
	while (step != n)
		syscall(SYS_nanosleep, &ms, NULL);
	wait_sleeping(pid, pid);
}

static void interrupt(int sig)
{
	int before = handled;
	syscall(SYS_tgkill, pid, pid, sig);
	struct timespec ms = { 0, 1000000 };
	while (handled == before)
		syscall(SYS_nanosleep, &ms, NULL);
}

static void *helper(void *unused)
{
	wait_step(1);
	interrupt(SIGUSR1);
	wait_sleeping(pid, pid);
	sync_post(pipe_fds[1]);
	wait_step(2);
	interrupt(SIGUSR2);
	wait_step(3);
	interrupt(SIGUSR1);
	wait_step(4);
	syscall(SYS_tgkill, pid, pid, SIGCONT);
	return NULL;
}

static void expect_signal(const char *name, int uid)
{
	expect_line("--- %s {si_signo=%s, si_code=SI_TKILL, si_pid=%d, si_uid=%d} ---", name, name, pid, uid);
	expect("write(-1, \"handler\", 7)");
	expect_rval("%s", rerr(EBADF));
}

int main(void)
{
	unblock_all_signals();
	default_signal(SIGCONT);
	pid = getpid();
	int uid = getuid();
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	sa.sa_flags = 0;
	check(sigaction(SIGUSR2, &sa, NULL) == 0, "sigaction");
	check(pipe(pipe_fds) == 0, "pipe");
	pthread_t t;
	check(pthread_create(&t, NULL, helper, NULL) == 0, "pthread_create");

	static char buf[1];
	step = 1;
	ssize_t n = read(pipe_fds[0], buf, 1);
	check(n == 1, "restarted read");
	expect("read(%d, %s, 1)", pipe_fds[0], addr(buf));
	expect_rval("? ERESTARTSYS (To be restarted if SA_RESTART is set)");
	expect_signal("SIGUSR1", uid);
	expect("rt_sigreturn({mask=[]})");
	expect_rval("0");
	expect("read(%d, \"\\0\", 1)", pipe_fds[0]);
	expect_rval("1");

	step = 2;
	n = read(pipe_fds[0], buf, 1);
	check(n == -1 && errno == EINTR, "EINTR");
	expect("read(%d, %s, 1)", pipe_fds[0], addr(buf));
	expect_rval("? ERESTARTSYS (To be restarted if SA_RESTART is set)");
	expect_signal("SIGUSR2", uid);
	expect("rt_sigreturn({mask=[]})");
	expect_rval("%s", rerr(EINTR));

	step = 3;
	struct timespec half = { 0, 500000000 };
	long r = syscall(SYS_nanosleep, &half, NULL);
	check(r == -1 && errno == EINTR, "nanosleep EINTR");
	expect("nanosleep({tv_sec=0, tv_nsec=500000000}, NULL)");
	expect_rval("? ERESTART_RESTARTBLOCK (Interrupted by signal)");
	expect_signal("SIGUSR1", uid);
	expect("rt_sigreturn({mask=[]})");
	expect_rval("%s", rerr(EINTR));

	step = 4;
	r = syscall(SYS_nanosleep, &half, NULL);
	check(r == 0, "nanosleep restarted");
	expect("nanosleep({tv_sec=0, tv_nsec=500000000}, NULL)");
	expect_rval("? ERESTART_RESTARTBLOCK (Interrupted by signal)");
	expect_line("--- SIGCONT {si_signo=SIGCONT, si_code=SI_TKILL, si_pid=%d, si_uid=%d} ---", pid, uid);
	expect("restart_syscall(<... resuming interrupted nanosleep ...>)");
	expect_rval("0");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
