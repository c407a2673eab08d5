/*
 * A helper tracee, without expected output: the subject of cli's DisplayOptionsTest,
 * which runs it under strace and jstrace with the display options (-X, -e abbrev=,
 * -e verbose=, -e raw=, -e read=, -e write=, -P, -yy) and compares the two logs.
 * It reads and writes display.tmp among other files, in every way -e read= and
 * -e write= dump, and makes calls with constants, flags and structures to print.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	int fd = open("display.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "hello\n", 6);
	char bytes[100];
	for (int i = 0; i < 100; i++)
		bytes[i] = i * 7;
	write(fd, bytes, sizeof(bytes));
	struct iovec out[2] = {{"abc", 3}, {"defghijklmnopqrstuvwxyz0123456789ABCDEF\n", 40}};
	writev(fd, out, 2);
	pwrite(fd, "xyz", 3, 2);
	pwritev(fd, out, 2, 3);
	char buf[256];
	pread(fd, buf, 20, 0);
	lseek(fd, 0, SEEK_SET);
	read(fd, buf, sizeof(buf));
	struct iovec in[2] = {{buf, 4}, {buf + 10, 50}};
	lseek(fd, 0, SEEK_SET);
	readv(fd, in, 2);
	preadv(fd, in, 2, 1);
	struct stat st;
	fstat(fd, &st);
	fcntl(fd, F_GETFD);
	close(fd);

	int other = open("/dev/null", O_WRONLY | O_CLOEXEC);
	write(other, "elsewhere", 9);
	close(other);
	stat("display.tmp", &st);
	rename("display.tmp", "display.tmp2");
	rename("display.tmp2", "display.tmp");
	fd = open("display.tmp", O_RDONLY);
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	poll(&pfd, 1, 0);
	dup2(fd, 7);
	close(7);
	close(fd);
	access("display.nonexistent", R_OK | W_OK);

	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(p, 4096, PROT_NONE);
	munmap(p, 4096);
	struct rlimit r;
	getrlimit(RLIMIT_NOFILE, &r);
	struct sigaction sa = {0};
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR1, &sa, NULL);
	kill(0, 0);
	return 0;
}
