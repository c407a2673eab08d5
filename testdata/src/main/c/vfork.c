/*
 * vfork with -f: the parent's vfork() is unfinished while the child runs and
 * execs; the exec'd child then waits on a pipe (closed on exec in the parent's
 * copy only) so that its lines come after the parent's.  execve is not traced:
 * its return races with the parent's return from vfork (the parent resumes
 * as soon as the child's exec has released the memory).
 */
#include "tests.h"
#include <fcntl.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	if (argc > 1) {
		/* the exec'd child: stdin is the pipe; EOF once the parent closes its end */
		char c;
		struct iovec iov = { &c, 1 };
		check(readv(0, &iov, 1) == 0, "wait for parent");
		syscall(SYS_write, -1, "exec", 4);
		syscall(SYS_exit_group, 0);
	}

	unblock_all_signals();
	default_signal(SIGCHLD);
	int parent = getpid();
	int uid = getuid();
	int fds[2];
	check(pipe2(fds, O_CLOEXEC) == 0, "pipe");
	check(dup2(fds[0], 0) == 0, "dup2");

	char *const args[] = { argv[0], "exec", NULL };
	int child = vfork();
	check(child >= 0, "vfork");
	if (child == 0) {
		syscall(SYS_write, -1, "child", 5);
		execve(args[0], args, args + 2);
		_exit(127);
	}
	syscall(SYS_write, -1, "parent", 6);
	syscall(SYS_close, fds[1]);

	siginfo_t si;
	check(waitid(P_PID, child, &si, WEXITED | WNOWAIT) == 0, "waitid");
	int status;
	int r = wait4(child, &status, 0, NULL);
	check(r == child && status == 0, "wait4");

	expect_pid(parent);
	expect_line("vfork( <unfinished ...>");
	expect_pid(child);
	expect("write(-1, \"child\", 5)");
	expect_rval("%s", rerr(EBADF));
	expect_pid(parent);
	expect("<... vfork resumed>)");
	expect_rval("%d", child);
	expect("write(-1, \"parent\", 6)");
	expect_rval("%s", rerr(EBADF));
	expect_pid(child);
	expect("write(-1, \"exec\", 4)");
	expect_rval("%s", rerr(EBADF));
	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_pid(parent);
	expect_line("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, si_uid=%d, si_status=0, "
		    "si_utime=0, si_stime=0} ---", child, uid);
	expect("wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)", child);
	expect_rval("%d", child);
	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	_exit(0);
}
