/*
 * -f with a blocking call: the parent's wait4 is interrupted by the child's
 * lines, so the tracer prints "wait4(C,  <unfinished ...>" and later
 * "<... wait4 resumed>...".  The child starts its traced calls only once the
 * parent sleeps in wait4 (state S in /proc/PID/stat, read with untraced calls).
 */
#include "tests.h"
#include <sys/wait.h>

int main(void)
{
	unblock_all_signals();
	default_signal(SIGCHLD);
	int parent = getpid();
	int uid = getuid();

	int child = syscall(SYS_fork);
	check(child >= 0, "fork");
	if (child == 0) {
		wait_sleeping(parent, parent);
		syscall(SYS_write, -1, "child", 5);
		syscall(SYS_exit_group, 0);
	}

	int status;
	int r = wait4(child, &status, 0, NULL);
	check(r == child, "wait4");

	expect_pid(parent);
	expect_line("wait4(%d,  <unfinished ...>", child);
	expect_pid(child);
	expect("write(-1, \"child\", 5)");
	expect_rval("%s", rerr(EBADF));
	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_pid(parent);
	expect("<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)");
	expect_rval("%d", child);
	expect_line("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, si_uid=%d, si_status=0, "
		    "si_utime=0, si_stime=0} ---", child, uid);
	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	_exit(0);
}
