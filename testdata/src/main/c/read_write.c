/* read and write: how buffers are quoted, escaped and cut at -s 32. */
#include "tests.h"
#include <fcntl.h>

static void do_write(int fd, const void *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);
	check(n == (ssize_t) len, "write");
	expect("write(%d, %s, %zu)", fd, qbuf(buf, len), len);
	expect_rval("%zd", n);
}

int main(void)
{
	static const char file[] = "read_write.tmp";
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "open");

	/* C escapes, quotes and backslash */
	do_write(fd, "hello, world\n", 13);
	do_write(fd, "\t\"quoted\" \\ \r\f\v", 15);
	/* every byte value, 32 at a time: nothing is cut */
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = i;
	for (int i = 0; i < 256; i += 32)
		do_write(fd, all + i, 32);
	/* octal escapes take three digits only before an octal digit */
	do_write(fd, "\0" "0\0" "7\0" "8\0" "9\1" "1\033[0m\177" "7", 16);
	/* NUL bytes in the middle and at the end are data, not terminators */
	do_write(fd, "a\0b\0", 4);
	/* exactly -s bytes: no ellipsis; one more: ellipsis */
	do_write(fd, "0123456789abcdef0123456789ABCDEF", 32);
	do_write(fd, "0123456789abcdef0123456789ABCDEF!", 33);
	/* the last printed byte has no look-ahead even if the next one is a digit */
	do_write(fd, "0123456789abcdef0123456789ABCDE\0017", 33);
	/* a zero-length write prints "" */
	do_write(fd, "", 0);

	/* read back: the buffer is printed at exit, with the returned length */
	off_t off = lseek(fd, 0, SEEK_SET);
	check(off == 0, "lseek");
	static char in[4096];
	ssize_t n = read(fd, in, 10);
	expect("read(%d, %s, 10)", fd, qbuf(in, n));
	expect_rval("%zd", n);
	n = read(fd, in, sizeof(in));
	expect("read(%d, %s, %zu)", fd, qbuf(in, n), sizeof(in));
	expect_rval("%zd", n);
	n = read(fd, in, sizeof(in));
	check(n == 0, "eof");
	expect("read(%d, \"\", %zu)", fd, sizeof(in));
	expect_rval("0");

	/* failures: the buffer of a failed read is printed as an address */
	n = read(-1, in, 8);
	expect("read(-1, %s, 8)", addr(in));
	expect_rval("%s", rerr(EBADF));
	n = write(-1, "lost", 4);
	expect("write(-1, \"lost\", 4)");
	expect_rval("%s", rerr(EBADF));
	lseek(fd, 0, SEEK_SET);
	n = read(fd, NULL, 8);
	check(n == -1 && errno == EFAULT, "EFAULT");
	expect("read(%d, NULL, 8)", fd);
	expect_rval("%s", rerr(EFAULT));
	n = write(fd, (void *) 8, 1);
	check(n == -1 && errno == EFAULT, "EFAULT");
	expect("write(%d, 0x8, 1)", fd);
	expect_rval("%s", rerr(EFAULT));

	close(fd);
	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
