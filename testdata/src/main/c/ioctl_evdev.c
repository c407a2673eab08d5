/*
 * Input device (evdev) ioctls on a descriptor that is not an input device (/dev/null:
 * ENOTTY) and on a closed one (EBADF): the request numbers with fields in them
 * (EVIOCGBIT, EVIOCGABS, EVIOCGNAME), the setters' arguments decoded at entry, the
 * getters' buffers as addresses since the calls fail.
 */
#include "tests.h"
#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>

int main(void)
{
	int fd = S(SYS_open, "/dev/null", O_RDONLY);
	check(fd >= 0, "open /dev/null");
	int version;
	CALL(SYS_ioctl, fd, EVIOCGVERSION, &version);
	expect("ioctl(%d, EVIOCGVERSION, %s)", fd, addr(&version));
	expect_rval("%s", rv());
	unsigned long keys[12];
	CALL(SYS_ioctl, fd, EVIOCGBIT(EV_KEY, sizeof(keys)), keys);
	expect("ioctl(%d, EVIOCGBIT(EV_KEY, %zu), %s)", fd, sizeof(keys), addr(keys));
	expect_rval("%s", rv());
	CALL(SYS_ioctl, fd, EVIOCGBIT(0, 8), NULL);
	expect("ioctl(%d, EVIOCGBIT(0, 8), NULL)", fd);
	expect_rval("%s", rv());
	char name[64];
	CALL(SYS_ioctl, fd, EVIOCGNAME(sizeof(name)), name);
	expect("ioctl(%d, EVIOCGNAME(%zu), %s)", fd, sizeof(name), addr(name));
	expect_rval("%s", rv());
	struct input_absinfo abs;
	CALL(SYS_ioctl, fd, EVIOCGABS(ABS_Y), &abs);
	expect("ioctl(%d, EVIOCGABS(ABS_Y), %s)", fd, addr(&abs));
	expect_rval("%s", rv());

	unsigned int keycode[2] = { 30, KEY_A };
	CALL(SYS_ioctl, -1, EVIOCSKEYCODE, keycode);
	expect("ioctl(-1, EVIOCSKEYCODE, [30, KEY_A])");
	expect_rval("%s", rv());
	unsigned int rep[2] = { 250, 33 };
	CALL(SYS_ioctl, -1, EVIOCSREP, rep);
	expect("ioctl(-1, EVIOCSREP, [250, 33])");
	expect_rval("%s", rv());
	struct input_absinfo set = { .value = 5, .minimum = 1, .maximum = 10 };
	CALL(SYS_ioctl, -1, EVIOCSABS(0x3e), &set);
	expect("ioctl(-1, EVIOCSABS(0x3e /* ABS_??? */), {value=5, minimum=1, ...})");
	expect_rval("%s", rv());
	struct ff_effect ff = { .type = FF_RUMBLE, .id = -1, .direction = 0x4000 };
	CALL(SYS_ioctl, -1, EVIOCSFF, &ff);
	expect("ioctl(-1, EVIOCSFF, {type=FF_RUMBLE, id=-1, direction=16384, ...})");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, EVIOCRMFF, 3);
	expect("ioctl(-1, EVIOCRMFF, 3)");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, EVIOCGRAB, 1);
	expect("ioctl(-1, EVIOCGRAB, 1)");
	expect_rval("%s", rv());
	S(SYS_close, fd);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
