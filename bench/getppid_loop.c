/* Benchmark workload: N (default 200000) getppid syscalls, the cheapest stop-dominated load. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200000;
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
