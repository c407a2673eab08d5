/* Benchmark workload: N (default 100000) one-byte writes to /dev/null (a decoded string argument each). */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100000;
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return 1;
	for (int i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1)
			return 1;
	return 0;
}
