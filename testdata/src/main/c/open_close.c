/* openat and close: flags, modes, dirfds, escaped and long paths, failures. */
#include "tests.h"
#include <fcntl.h>

int main(void)
{
	static const char file[] = "open_close.tmp";
	static const char odd[] = "open\tclose \"odd\"\\\n\001.tmp";
	static const char long_name[] =
		"open_close.a-path-longer-than-the-default-string-limit-of-thirty-two.tmp";

	int fd = openat(AT_FDCWD, file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0, "create");
	expect("openat(AT_FDCWD, %s, O_WRONLY|O_CREAT|O_TRUNC, 0644)", qpath(file));
	expect_rval("%d", fd);

	check(close(fd) == 0, "close");
	expect("close(%d)", fd);
	expect_rval("0");

	fd = openat(AT_FDCWD, file, O_RDONLY);
	expect("openat(AT_FDCWD, %s, O_RDONLY)", qpath(file));
	expect_rval("%d", fd);

	int dir = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	expect("openat(AT_FDCWD, \"/\", O_RDONLY|O_CLOEXEC|O_DIRECTORY)");
	expect_rval("%d", dir);

	int etc = openat(dir, "etc", O_PATH | O_NOFOLLOW);
	expect("openat(%d, \"etc\", O_RDONLY|O_NOFOLLOW|O_PATH)", dir);
	expect_rval("%d", etc);

	int rdwr = openat(AT_FDCWD, file, O_RDWR | O_APPEND | O_NONBLOCK);
	expect("openat(AT_FDCWD, %s, O_RDWR|O_APPEND|O_NONBLOCK)", qpath(file));
	expect_rval("%d", rdwr);

	errno = 0;
	int r = openat(AT_FDCWD, "/nonexistent/open_close", O_RDONLY);
	check(r == -1 && errno == ENOENT, "ENOENT");
	expect("openat(AT_FDCWD, \"/nonexistent/open_close\", O_RDONLY)");
	expect_rval("%s", rerr(ENOENT));

	r = openat(AT_FDCWD, file, O_WRONLY | O_CREAT | O_EXCL, 0600);
	check(r == -1 && errno == EEXIST, "EEXIST");
	expect("openat(AT_FDCWD, %s, O_WRONLY|O_CREAT|O_EXCL, 0600)", qpath(file));
	expect_rval("%s", rerr(EEXIST));

	r = openat(-1, "relative", O_RDONLY);
	check(r == -1 && errno == EBADF, "EBADF");
	expect("openat(-1, \"relative\", O_RDONLY)");
	expect_rval("%s", rerr(EBADF));

	r = openat(AT_FDCWD, odd, O_WRONLY | O_CREAT | O_TRUNC, 04751);
	check(r >= 0, "odd name");
	expect("openat(AT_FDCWD, %s, O_WRONLY|O_CREAT|O_TRUNC, 04751)", qpath(odd));
	expect_rval("%d", r);
	close(r);
	expect("close(%d)", r);
	expect_rval("0");
	unlink(odd);

	r = openat(AT_FDCWD, long_name, O_RDONLY | O_CREAT, 0);
	check(r >= 0, "long name");
	expect("openat(AT_FDCWD, %s, O_RDONLY|O_CREAT, 000)", qpath(long_name));
	expect_rval("%d", r);
	close(r);
	expect("close(%d)", r);
	expect_rval("0");
	unlink(long_name);

	r = close(-1);
	expect("close(-1)");
	expect_rval("%s", rerr(EBADF));

	int fds[] = { fd, dir, etc, rdwr };
	for (unsigned i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		close(fds[i]);
		expect("close(%d)", fds[i]);
		expect_rval("0");
	}
	unlink(file);

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
