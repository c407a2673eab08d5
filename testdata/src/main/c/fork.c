/*
 * fork with -f: pid prefixes, the child's exit status, SIGCHLD and wait4.
 *
 * Order is made deterministic with untraced calls: the child waits on a pipe
 * until the parent's fork() has returned, and the parent waits (waitid with
 * WNOWAIT) until the tracer has reaped the child before its traced wait4.
 */
#include "tests.h"
#include <sys/wait.h>

int main(void)
{
	int go[2];
	check(pipe(go) == 0, "pipe");
	unblock_all_signals();
	default_signal(SIGCHLD);
	int parent = getpid();
	int uid = getuid();

	int child = syscall(SYS_fork);
	check(child >= 0, "fork");
	if (child == 0) {
		sync_wait(go[0]);
		syscall(SYS_write, -1, "child", 5);
		syscall(SYS_exit_group, 42);
	}
	expect_pid(parent);
	expect("fork()");
	expect_rval("%d", child);
	sync_post(go[1]);

	expect_pid(child);
	expect("write(-1, \"child\", 5)");
	expect_rval("%s", rerr(EBADF));
	expect("exit_group(42)");
	expect_rval("?");
	expect_line("+++ exited with 42 +++");

	siginfo_t si;
	check(waitid(P_PID, child, &si, WEXITED | WNOWAIT) == 0, "waitid");
	expect_pid(parent);
	expect_line("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, si_uid=%d, si_status=42, "
		    "si_utime=0, si_stime=0} ---", child, uid);

	int status;
	int r = wait4(child, &status, 0, NULL);
	check(r == child, "wait4");
	expect("wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 42}], 0, NULL)", child);
	expect_rval("%d", r);

	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	_exit(0);
}
