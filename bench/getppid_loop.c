/* Benchmark workload: 200000 getppid syscalls, the cheapest stop-dominated load. */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 200000; i++)
		syscall(SYS_getppid);
	return 0;
}
