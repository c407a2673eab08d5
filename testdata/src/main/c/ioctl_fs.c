/*
 * File system ioctls (linux/fs.h, linux/fiemap.h) on a closed descriptor (EBADF) and on one
 * that is not a regular file (/dev/null): FS_IOC_FIEMAP's request, the inode flags,
 * FITRIM's range, struct fsxattr, the argument-less FIFREEZE.
 */
#include "tests.h"
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/fiemap.h>
#include <sys/ioctl.h>

int main(void)
{
	int fd = S(SYS_open, "/dev/null", O_RDONLY);
	check(fd >= 0, "open /dev/null");
	int flags;
	CALL(SYS_ioctl, fd, FS_IOC_GETFLAGS, &flags);
	expect("ioctl(%d, FS_IOC_GETFLAGS, %s)", fd, addr(&flags));
	expect_rval("%s", rv());
	flags = FS_APPEND_FL | FS_NOATIME_FL;
	CALL(SYS_ioctl, -1, FS_IOC_SETFLAGS, &flags);
	expect("ioctl(-1, FS_IOC_SETFLAGS, [FS_APPEND_FL|FS_NOATIME_FL])");
	expect_rval("%s", rv());
	struct fiemap fm = { .fm_start = 0, .fm_length = 4096, .fm_flags = FIEMAP_FLAG_SYNC, .fm_extent_count = 0 };
	CALL(SYS_ioctl, -1, FS_IOC_FIEMAP, &fm);
	expect("ioctl(-1, FS_IOC_FIEMAP, {fm_start=0, fm_length=4096, fm_flags=FIEMAP_FLAG_SYNC, fm_extent_count=0})");
	expect_rval("%s", rv());
	struct fstrim_range range = { .start = 0x1000, .len = 8192, .minlen = 512 };
	CALL(SYS_ioctl, -1, FITRIM, &range);
	expect("ioctl(-1, FITRIM, {start=0x1000, len=8192, minlen=512})");
	expect_rval("%s", rv());
	struct fsxattr xa = { .fsx_xflags = FS_XFLAG_IMMUTABLE, .fsx_extsize = 4096, .fsx_projid = 7 };
	CALL(SYS_ioctl, -1, FS_IOC_FSSETXATTR, &xa);
	expect("ioctl(-1, FS_IOC_FSSETXATTR, {fsx_xflags=FS_XFLAG_IMMUTABLE, fsx_extsize=4096, fsx_projid=0x7, fsx_cowextsize=0})");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, FIFREEZE, 0);
	expect("ioctl(-1, FIFREEZE)");
	expect_rval("%s", rv());
	S(SYS_close, fd);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
