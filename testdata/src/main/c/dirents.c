/*
 * getdents64 and getdents on a directory of known names: without -v the buffer's
 * address and an entry count; with -v (dirents_v.c) every entry as read back.
 */
#include "flags.h"
#include <fcntl.h>
#include <sys/stat.h>

#ifndef VERBOSE
#define VERBOSE 0
#endif

static const struct flag dirent_types[] = {
	{ 0, "DT_UNKNOWN" }, { 1, "DT_FIFO" }, { 2, "DT_CHR" }, { 4, "DT_DIR" }, { 6, "DT_BLK" }, { 8, "DT_REG" },
	{ 10, "DT_LNK" }, { 12, "DT_SOCK" }, { 14, "DT_WHT" }, END_FLAGS
};

/* What strace prints for len bytes of entries at buf: the count, or each entry with -v. */
static const char *sdents(const char *buf, long len, int is64)
{
	char *res = scratch(), *p = res;
	int count = 0;
	if (!VERBOSE) {
		for (long off = 0; off < len; off += *(unsigned short *) (buf + off + 16))
			count++;
		sprintf(res, "%s /* %d entries */", addr(buf), count);
		return res;
	}
	*p++ = '[';
	for (long off = 0; off < len; off += *(unsigned short *) (buf + off + 16)) {
		const char *d = buf + off;
		unsigned reclen = *(unsigned short *) (d + 16);
		p += sprintf(p, "%s{d_ino=%llu, d_off=%llu, d_reclen=%u, ", off ? ", " : "",
			     *(unsigned long long *) d, *(unsigned long long *) (d + 8), reclen);
		if (is64)
			p += sprintf(p, "d_type=%s, d_name=%s}", sxval(dirent_types, d[18], "DT_???"), qpath(d + 19));
		else
			p += sprintf(p, "d_name=%s, d_type=%s}", qpath(d + 18),
				     sxval(dirent_types, d[reclen - 1], "DT_???"));
	}
	strcpy(p, "]");
	return res;
}

int main(void)
{
	static const char dir[] = "dirents.dir";
	static char buf[4096];
	mkdir(dir, 0755);
	close(open("dirents.dir/file", O_WRONLY | O_CREAT, 0644));
	mkdir("dirents.dir/sub", 0755);
	symlink("file", "dirents.dir/a-link-with-a-rather-long-name");

	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	check(fd >= 0, "open dir");

	long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	check(n > 0, "getdents64");
	expect("getdents64(%d, %s, %zu)", fd, sdents(buf, n, 1), sizeof(buf));
	expect_rval("%ld", n);

	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	check(n == 0, "getdents64 at end");
	expect("getdents64(%d, %s, %zu)", fd, VERBOSE ? "[]" : sdents(buf, 0, 1), sizeof(buf));
	expect_rval("0");

	check(lseek(fd, 0, SEEK_SET) == 0, "rewind");
	n = syscall(SYS_getdents, fd, buf, sizeof(buf));
	check(n > 0, "getdents");
	expect("getdents(%d, %s, %zu)", fd, sdents(buf, n, 0), sizeof(buf));
	expect_rval("%ld", n);

	check(syscall(SYS_getdents64, -1, buf, sizeof(buf)) == -1, "EBADF");
	expect("getdents64(-1, %s, %zu)", addr(buf), sizeof(buf));
	expect_rval("%s", rerr(EBADF));

	check(lseek(fd, 0, SEEK_SET) == 0, "rewind");
	check(syscall(SYS_getdents64, fd, buf, 8) == -1 && errno == EINVAL, "EINVAL");
	expect("getdents64(%d, %s, 8)", fd, addr(buf));
	expect_rval("%s", rerr(EINVAL));

	close(fd);
	unlink("dirents.dir/a-link-with-a-rather-long-name");
	rmdir("dirents.dir/sub");
	unlink("dirents.dir/file");
	rmdir(dir);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
