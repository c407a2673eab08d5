/*
 * ATA disk (HDIO_*) ioctls on a descriptor that is not a disk (/dev/null: ENOTTY) and on a
 * closed one (EBADF): the command header of HDIO_DRIVE_CMD, the register triple of
 * HDIO_DRIVE_RESET, the setters' values (bus states, IDE_NICE bits), the getters'
 * addresses since the calls fail.
 */
#include "tests.h"
#include <fcntl.h>
#include <linux/hdreg.h>
#include <sys/ioctl.h>

int main(void)
{
	int fd = S(SYS_open, "/dev/null", O_RDONLY);
	check(fd >= 0, "open /dev/null");
	struct hd_geometry geo;
	CALL(SYS_ioctl, fd, HDIO_GETGEO, &geo);
	expect("ioctl(%d, HDIO_GETGEO, %s)", fd, addr(&geo));
	expect_rval("%s", rv());
	unsigned char cmd[4] = { 0xec, 1, 2, 0 };
	CALL(SYS_ioctl, fd, HDIO_DRIVE_CMD, cmd);
	expect("ioctl(%d, HDIO_DRIVE_CMD, {command=ATA_CMD_ID_ATA, sector_number=1, feature=2, sector_count=0})", fd);
	expect_rval("%s", rv());
	unsigned char unknown[4] = { 0x80, 3, 4, 5 };
	CALL(SYS_ioctl, -1, HDIO_DRIVE_CMD, unknown);
	expect("ioctl(-1, HDIO_DRIVE_CMD, {command=0x80 /* ATA_CMD_??? */, sector_number=3, feature=4, sector_count=5})");
	expect_rval("%s", rv());
	unsigned int regs[3] = { 0xdeadbeef, 0, 1 };
	CALL(SYS_ioctl, -1, HDIO_DRIVE_RESET, regs);
	expect("ioctl(-1, HDIO_DRIVE_RESET, [0xdeadbeef, 0, 0x1])");
	expect_rval("%s", rv());
	unsigned long val;
	CALL(SYS_ioctl, fd, HDIO_GET_DMA, &val);
	expect("ioctl(%d, HDIO_GET_DMA, %s)", fd, addr(&val));
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, HDIO_SET_DMA, 1);
	expect("ioctl(-1, HDIO_SET_DMA, 1)");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, HDIO_SET_BUSSTATE, BUSSTATE_TRISTATE);
	expect("ioctl(-1, HDIO_SET_BUSSTATE, BUSSTATE_TRISTATE)");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, HDIO_SET_NICE, 1 << IDE_NICE_0 | 0x100);
	expect("ioctl(-1, HDIO_SET_NICE, 1 << IDE_NICE_0|0x100)");
	expect_rval("%s", rv());
	S(SYS_close, fd);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
