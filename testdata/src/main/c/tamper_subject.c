/*
 * A helper tracee, without expected output: the subject of cli's TamperingTest, which
 * runs it under strace and jstrace with -e inject= and -e fault= expressions and compares
 * the two logs. It makes six chdir("/") and two getppid() calls, reads eight bytes from
 * /dev/zero and writes them to /dev/null, then forks a child that makes three chdir calls
 * of its own (counted apart: injections count per tracee) and waits for it. SIGUSR1 is
 * caught. Its exit status is the number of its own chdir calls that failed, so that a
 * trace that does not show them still says whether they were tampered with.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_usr1(int sig)
{
	(void) sig;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigaction(SIGUSR1, &sa, NULL);
	int failed = 0;
	for (int i = 0; i < 6; i++)
		failed += syscall(SYS_chdir, "/") != 0;
	syscall(SYS_getppid);
	syscall(SYS_getppid);
	char buf[8] = "abcdefg";
	int in = open("/dev/zero", O_RDONLY), out = open("/dev/null", O_WRONLY);
	syscall(SYS_read, in, buf, sizeof(buf));
	syscall(SYS_write, out, buf, sizeof(buf));
	pid_t child = fork();
	if (child == 0) {
		for (int i = 0; i < 3; i++)
			syscall(SYS_chdir, "/");
		_exit(0);
	}
	waitpid(child, NULL, 0);
	return failed;
}
