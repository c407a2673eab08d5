/* Benchmark workload: 100000 one-byte writes to /dev/null (a decoded string argument each). */
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return 1;
	for (int i = 0; i < 100000; i++)
		if (write(fd, "x", 1) != 1)
			return 1;
	return 0;
}
