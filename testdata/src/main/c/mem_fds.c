/*
 * Descriptors for memory: memfd_create's flags (MFD_HUGETLB with a page-size shift),
 * memfd_secret's and userfaultfd's flags; unknown bits and bad names.
 */
#include "mem.h"
#include <fcntl.h>
#include <linux/memfd.h>


static void fd_rval(long fd, int e)
{
	expect_rval("%s", rval_errno(fd, e));
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	long fd;
	fd = S(SYS_memfd_create, "mem_fds", 0);
	expect("memfd_create(\"mem_fds\", 0)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "mem_fds", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	expect("memfd_create(\"mem_fds\", MFD_CLOEXEC|MFD_ALLOW_SEALING)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "huge", MFD_HUGETLB);
	expect("memfd_create(\"huge\", MFD_HUGETLB)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "huge", MFD_CLOEXEC | MFD_HUGETLB | MFD_HUGE_2MB);
	expect("memfd_create(\"huge\", MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "huge", MFD_HUGETLB | MFD_HUGE_1GB);
	expect("memfd_create(\"huge\", MFD_HUGETLB|30<<MFD_HUGE_SHIFT)");
	fd_rval(fd, errno);
	/* the page size prints whether MFD_HUGETLB is set or not, after any unnamed bits */
	fd = S(SYS_memfd_create, "x", MFD_HUGETLB | 0x100 | MFD_HUGE_2MB);
	expect("memfd_create(\"x\", MFD_HUGETLB|0x100|21<<MFD_HUGE_SHIFT)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "x", MFD_HUGE_2MB);
	expect("memfd_create(\"x\", 21<<MFD_HUGE_SHIFT)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "x", 0x100);
	expect("memfd_create(\"x\", 0x100 /* MFD_??? */)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "x", MFD_CLOEXEC | 0x100);
	expect("memfd_create(\"x\", MFD_CLOEXEC|0x100)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, "a name longer than thirty-two bytes", MFD_ALLOW_SEALING);
	expect("memfd_create(%s, MFD_ALLOW_SEALING)", qstr("a name longer than thirty-two bytes"));
	fd_rval(fd, errno);
	fd = S(SYS_memfd_create, (char *) -1, 0);
	expect("memfd_create(0xffffffffffffffff, 0)");
	fd_rval(fd, errno);

	fd = S(SYS_memfd_secret, 0);
	expect("memfd_secret(0)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_secret, O_CLOEXEC);
	expect("memfd_secret(O_CLOEXEC)");
	fd_rval(fd, errno);
	fd = S(SYS_memfd_secret, 4);
	expect("memfd_secret(0x4)");
	fd_rval(fd, errno);

	fd = S(SYS_userfaultfd, 0);
	expect("userfaultfd(0)");
	fd_rval(fd, errno);
	fd = S(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | 1);
	expect("userfaultfd(UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC)");
	fd_rval(fd, errno);
	fd = S(SYS_userfaultfd, 1);
	expect("userfaultfd(UFFD_USER_MODE_ONLY)");
	fd_rval(fd, errno);
	fd = S(SYS_userfaultfd, 0x10);
	expect("userfaultfd(0x10 /* UFFD_??? */)");
	fd_rval(fd, errno);
	fd = S(SYS_userfaultfd, O_CLOEXEC | 0x10);
	expect("userfaultfd(O_CLOEXEC|0x10)");
	fd_rval(fd, errno);

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
