/*
 * A ground truth for lost stops: FORKS children and the parent each make CALLS
 * getppid() syscalls; child i exits with status i + 1, the parent reaps them all
 * and exits 0.  Usage: syscall_storm FORKS CALLS.  A tracer that loses no stop
 * sees exactly CALLS getppid exits per process and FORKS + 1 exits.
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void calls(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	int forks = atoi(argv[1]);
	long n = atol(argv[2]);
	for (int i = 0; i < forks; i++) {
		pid_t child = fork();
		if (child < 0)
			return 3;
		if (child == 0) {
			calls(n);
			_exit(i + 1);
		}
	}
	calls(n);
	int status, bad = 0;
	while (wait(&status) > 0)
		bad += !WIFEXITED(status);
	return bad ? 4 : 0;
}
