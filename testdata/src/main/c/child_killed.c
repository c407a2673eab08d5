/*
 * -f: a child killed by SIGTERM (CLD_KILLED in the parent's SIGCHLD, WIFSIGNALED
 * in wait4), and a parent that returns 1 from main.
 */
#include "tests.h"
#include <sys/wait.h>

int main(void)
{
	unblock_all_signals();
	default_signal(SIGCHLD);
	default_signal(SIGTERM);
	int parent = getpid();
	int uid = getuid();
	int go[2];
	check(pipe(go) == 0, "pipe");

	int child = syscall(SYS_fork);
	check(child >= 0, "fork");
	if (child == 0) {
		sync_wait(go[0]);
		int self = syscall(SYS_getpid);
		syscall(SYS_tgkill, self, self, SIGTERM);
		syscall(SYS_exit_group, 0);
	}
	expect_pid(parent);
	expect("fork()");
	expect_rval("%d", child);
	sync_post(go[1]);

	expect_pid(child);
	expect("tgkill(%d, %d, SIGTERM)", child, child);
	expect_rval("0");
	expect_line("--- SIGTERM {si_signo=SIGTERM, si_code=SI_TKILL, si_pid=%d, si_uid=%d} ---", child, uid);
	expect_line("+++ killed by SIGTERM +++");

	siginfo_t si;
	check(waitid(P_PID, child, &si, WEXITED | WNOWAIT) == 0, "waitid");
	expect_pid(parent);
	expect_line("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=%d, si_uid=%d, si_status=SIGTERM, "
		    "si_utime=0, si_stime=0} ---", child, uid);
	int status;
	int r = wait4(child, &status, 0, NULL);
	check(r == child, "wait4");
	expect("wait4(%d, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}], 0, NULL)", child);
	expect_rval("%d", r);
	r = wait4(-1, &status, WNOHANG, NULL);
	check(r == -1 && errno == ECHILD, "ECHILD");
	expect("wait4(-1, %s, WNOHANG, NULL)", addr(&status));
	expect_rval("%s", rerr(ECHILD));

	expect("exit_group(1)");
	expect_rval("?");
	expect_line("+++ exited with 1 +++");
	expect_flush();
	return 1;
}
