/*
 * execve from a non-leader thread while the other threads are inside syscalls:
 * THREADS threads block in read() on a pipe nobody writes, the leader in pause(),
 * and one more thread execs "/bin/sh -c 'exit 5'".  The kernel kills every other
 * thread (their calls end unfinished) and the execing thread takes the leader's
 * pid.  Usage: exec_busy THREADS.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int fds[2];

static void *reader(void *unused)
{
	char c;
	read(fds[0], &c, 1);
	return NULL;
}

static void *execer(void *unused)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	nanosleep(&ts, NULL); /* the others are in their calls by now */
	char *argv[] = { "sh", "-c", "exit 5", NULL };
	execv("/bin/sh", argv);
	_exit(99);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 4;
	pthread_t t;
	if (pipe(fds) != 0)
		return 2;
	for (int i = 0; i < n; i++)
		pthread_create(&t, NULL, reader, NULL);
	pthread_create(&t, NULL, execer, NULL);
	pause();
	return 3;
}
