/*
 * THREADS threads alive at once: each makes one getppid() syscall, then waits
 * until all have, then exits.  Usage: thousand_threads THREADS.  A tracer that loses
 * nothing sees THREADS getppid calls and THREADS + 1 exits.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t all;

static void *run(void *unused)
{
	syscall(SYS_getppid);
	pthread_barrier_wait(&all);
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	pthread_t *t = calloc(n, sizeof(*t));
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	pthread_barrier_init(&all, NULL, n);
	for (int i = 0; i < n; i++)
		if (pthread_create(&t[i], &attr, run, NULL) != 0)
			return 2;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}
