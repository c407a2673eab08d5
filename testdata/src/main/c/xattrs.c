/*
 * Extended attributes in the user namespace on a scratch file, a symlink to it and a
 * descriptor: set (XATTR_CREATE, XATTR_REPLACE), get, list (size queries included),
 * remove, and their failures.  Values print as strings, lists as NUL-separated names.
 */
#include "fsio.h"
#include <fcntl.h>
#include <sys/xattr.h>

static const char file[] = "xattrs.tmp", link_[] = "xattrs.lnk";

/* The result of a set/remove call: 0 or the failure (ENOTSUP where user xattrs are off). */
static void set_line(const char *call, const char *target, const char *name, const char *value, size_t size,
		     const char *flags, long r)
{
	expect("%s(%s, %s, %s, %zu, %s)", call, target, qstr(name), qbuf(value, size), size, flags);
	expect_rval("%s", rval0(r));
}

int main(void)
{
	int fd = S(SYS_open, file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && symlink(file, link_) == 0, "create");
	char fds[16];
	snprintf(fds, sizeof(fds), "%d", fd);
	const char *qfile = strdup(qpath(file)), *qlink = strdup(qpath(link_));

	long r = S(SYS_setxattr, file, "user.colour", "blue", 4, XATTR_CREATE);
	set_line("setxattr", qfile, "user.colour", "blue", 4, "XATTR_CREATE", r);
	int have = r == 0;

	r = S(SYS_setxattr, file, "user.colour", "green", 5, XATTR_CREATE);
	set_line("setxattr", qfile, "user.colour", "green", 5, "XATTR_CREATE", r);

	r = S(SYS_lsetxattr, link_, "user.colour", "red", 3, XATTR_REPLACE);
	set_line("lsetxattr", qlink, "user.colour", "red", 3, "XATTR_REPLACE", r);

	r = S(SYS_fsetxattr, fd, "user.shape", "round\0ish", 9, 0);
	set_line("fsetxattr", fds, "user.shape", "round\0ish", 9, "0", r);

	r = S(SYS_fsetxattr, fd, "user.empty", "", 0, 0);
	expect("fsetxattr(%d, \"user.empty\", \"\", 0, 0)", fd);
	expect_rval("%s", rval0(r));

	r = S(SYS_setxattr, file, "user.colour", "blue", 4, 0x10);
	set_line("setxattr", qfile, "user.colour", "blue", 4, "0x10 /* XATTR_??? */", r);

	char buf[256];
	r = S(SYS_getxattr, file, "user.colour", buf, sizeof(buf));
	expect("getxattr(%s, \"user.colour\", ", qfile);
	if (r >= 0)
		expect("%s, %zu)", qbuf(buf, r), sizeof(buf));
	else
		expect("%s, %zu)", addr(buf), sizeof(buf));
	expect_rval("%s", r >= 0 ? (sprintf(buf + 200, "%ld", r), buf + 200) : rerr(errno));

	r = S(SYS_lgetxattr, link_, "user.colour", NULL, 0);
	expect("lgetxattr(%s, \"user.colour\", NULL, 0)", qlink);
	expect_rval("%s", r >= 0 ? (sprintf(buf + 200, "%ld", r), buf + 200) : rerr(errno));

	r = S(SYS_fgetxattr, fd, "user.shape", buf, 2);
	expect("fgetxattr(%d, \"user.shape\", %s, 2)", fd, addr(buf));
	expect_rval("%s", r >= 0 ? "?" : rerr(errno));

	r = S(SYS_fgetxattr, fd, "user.missing", buf, sizeof(buf));
	expect("fgetxattr(%d, \"user.missing\", %s, %zu)", fd, addr(buf), sizeof(buf));
	expect_rval("%s", r >= 0 ? "?" : rerr(errno));

	r = S(SYS_listxattr, file, NULL, 0);
	expect("listxattr(%s, NULL, 0)", qfile);
	expect_rval("%s", r >= 0 ? (sprintf(buf + 200, "%ld", r), buf + 200) : rerr(errno));

	r = S(SYS_llistxattr, link_, buf, sizeof(buf));
	expect("llistxattr(%s, ", qlink);
	if (r >= 0)
		expect("%s, %zu)", qbuf(buf, r), sizeof(buf));
	else
		expect("%s, %zu)", addr(buf), sizeof(buf));
	expect_rval("%s", r >= 0 ? (sprintf(buf + 200, "%ld", r), buf + 200) : rerr(errno));

	char list[256];
	r = S(SYS_flistxattr, fd, list, sizeof(list));
	expect("flistxattr(%d, ", fd);
	if (r >= 0)
		expect("%s, %zu)", qbuf(list, r), sizeof(list));
	else
		expect("%s, %zu)", addr(list), sizeof(list));
	expect_rval("%s", r >= 0 ? (sprintf(buf + 200, "%ld", r), buf + 200) : rerr(errno));

	r = S(SYS_flistxattr, fd, list, 1);
	expect("flistxattr(%d, %s, 1)", fd, addr(list));
	expect_rval("%s", r >= 0 ? "?" : rerr(errno));

	r = S(SYS_removexattr, file, "user.colour");
	expect("removexattr(%s, \"user.colour\")", qfile);
	expect_rval("%s", rval0(r));
	r = S(SYS_lremovexattr, link_, "user.colour");
	expect("lremovexattr(%s, \"user.colour\")", qlink);
	expect_rval("%s", rval0(r));
	r = S(SYS_fremovexattr, fd, "user.shape");
	expect("fremovexattr(%d, \"user.shape\")", fd);
	expect_rval("%s", rval0(r));
	r = S(SYS_fremovexattr, fd, "user.empty");
	expect("fremovexattr(%d, \"user.empty\")", fd);
	expect_rval("%s", rval0(r));

	r = S(SYS_getxattr, "xattrs.missing", "user.colour", buf, sizeof(buf));
	expect("getxattr(\"xattrs.missing\", \"user.colour\", %s, %zu)", addr(buf), sizeof(buf));
	expect_rval("%s", rerr(errno));
	r = S(SYS_setxattr, file, NULL, "v", 1, 0);
	expect("setxattr(%s, NULL, \"v\", 1, 0)", qfile);
	expect_rval("%s", rerr(errno));

	/* A value's trailing NUL does not print; a size past XATTR_SIZE_MAX (65536) prints the
	 * address (the kernel refuses it with E2BIG); a list of size 0 prints its address. */
	r = S(SYS_setxattr, file, "user.nul", "ab\0", 3, 0);
	expect("setxattr(%s, \"user.nul\", \"ab\", 3, 0)", qfile);
	expect_rval("%s", rval0(r));
	r = S(SYS_setxattr, file, "user.big", buf, 65537, 0);
	expect("setxattr(%s, \"user.big\", %s, 65537, 0)", qfile, addr(buf));
	expect_rval("%s", rerr(errno));
	r = S(SYS_listxattr, file, buf, 0);
	expect("listxattr(%s, %s, 0)", qfile, addr(buf));
	expect_rval("%s", r >= 0 ? (sprintf(buf + 200, "%ld", r), buf + 200) : rerr(errno));
	(void) have;

	S(SYS_close, fd);
	unlink(link_);
	unlink(file);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
