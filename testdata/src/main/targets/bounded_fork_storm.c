/*
 * A fork storm: up to TRIES children, each alive until all forks are done, so
 * that a process limit (RLIMIT_NPROC) makes the later forks fail with EAGAIN.
 * Exits with the number of forks that succeeded.  Usage: bounded_fork_storm TRIES.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int tries = argc > 1 ? atoi(argv[1]) : 100, made = 0, go[2];
	if (pipe(go) != 0)
		return 255;
	for (int i = 0; i < tries; i++) {
		pid_t child = fork();
		if (child == 0) {
			char c;
			close(go[1]);
			read(go[0], &c, 1); /* until the parent closes it */
			_exit(0);
		}
		made += child > 0;
	}
	close(go[1]);
	while (wait(NULL) > 0)
		;
	return made;
}
