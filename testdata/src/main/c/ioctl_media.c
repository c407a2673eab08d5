/*
 * The GPIO, PTP clock and Video4Linux2 ioctl families on a descriptor that is none of
 * them (/dev/null answers ENOTTY) and on a closed one (EBADF): what the caller passed
 * prints at entry, what the kernel would fill prints as the address of a failed call.
 */
#include "tests.h"
#include <fcntl.h>
#include <string.h>
#include <linux/gpio.h>
#include <linux/ptp_clock.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>

static void gpio_requests(int fd)
{
	struct gpiohandle_request hr;
	memset(&hr, 0, sizeof(hr));
	hr.lines = 2;
	hr.lineoffsets[0] = 3;
	hr.lineoffsets[1] = 5;
	hr.flags = GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW;
	hr.default_values[1] = 1;
	strcpy(hr.consumer_label, "blink");
	CALL(SYS_ioctl, fd, GPIO_GET_LINEHANDLE_IOCTL, &hr);
	expect("ioctl(%d, GPIO_GET_LINEHANDLE_IOCTL, {lines=2, lineoffsets=[3, 5], "
	       "flags=GPIOHANDLE_REQUEST_OUTPUT|GPIOHANDLE_REQUEST_ACTIVE_LOW, default_values=[0, 1], "
	       "consumer_label=\"blink\"})", fd);
	expect_rval("%s", rv());
	struct gpiochip_info info;
	CALL(SYS_ioctl, fd, GPIO_GET_CHIPINFO_IOCTL, &info);
	expect("ioctl(%d, GPIO_GET_CHIPINFO_IOCTL, %s)", fd, addr(&info));
	expect_rval("%s", rv());
	struct gpio_v2_line_values v = { .bits = 0x5, .mask = 0xf };
	CALL(SYS_ioctl, fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &v);
	expect("ioctl(%d, GPIO_V2_LINE_SET_VALUES_IOCTL, {bits=0x5, mask=0xf})", fd);
	expect_rval("%s", rv());
	struct gpio_v2_line_config lc;
	memset(&lc, 0, sizeof(lc));
	lc.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING;
	lc.num_attrs = 1;
	lc.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	lc.attrs[0].attr.debounce_period_us = 1000;
	lc.attrs[0].mask = 1;
	CALL(SYS_ioctl, fd, GPIO_V2_LINE_SET_CONFIG_IOCTL, &lc);
	expect("ioctl(%d, GPIO_V2_LINE_SET_CONFIG_IOCTL, {flags=GPIO_V2_LINE_FLAG_INPUT|GPIO_V2_LINE_FLAG_EDGE_RISING, "
	       "num_attrs=1, attrs=[{debounce_period_us=1000, mask=0x1}]})", fd);
	expect_rval("%s", rv());
}

static void ptp_requests(int fd)
{
	struct ptp_extts_request extts = { .index = 1, .flags = PTP_ENABLE_FEATURE | PTP_RISING_EDGE };
	CALL(SYS_ioctl, fd, PTP_EXTTS_REQUEST, &extts);
	expect("ioctl(%d, PTP_EXTTS_REQUEST, {index=1, flags=PTP_ENABLE_FEATURE|PTP_RISING_EDGE})", fd);
	expect_rval("%s", rv());
	struct ptp_sys_offset off;
	memset(&off, 0, sizeof(off));
	off.n_samples = 3;
	CALL(SYS_ioctl, fd, PTP_SYS_OFFSET, &off);
	expect("ioctl(%d, PTP_SYS_OFFSET, {n_samples=3})", fd);
	expect_rval("%s", rv());
	struct ptp_pin_desc pin;
	memset(&pin, 0, sizeof(pin));
	pin.index = 2;
	pin.func = PTP_PF_PEROUT;
	pin.chan = 1;
	CALL(SYS_ioctl, fd, PTP_PIN_SETFUNC, &pin);
	expect("ioctl(%d, PTP_PIN_SETFUNC, {index=2, func=PTP_PF_PEROUT, chan=1})", fd);
	expect_rval("%s", rv());
	CALL(SYS_ioctl, fd, PTP_PIN_GETFUNC, &pin);
	expect("ioctl(%d, PTP_PIN_GETFUNC, {index=2})", fd);
	expect_rval("%s", rv());
	CALL(SYS_ioctl, fd, PTP_ENABLE_PPS, 1);
	expect("ioctl(%d, PTP_ENABLE_PPS, 0x1)", fd);
	expect_rval("%s", rv());
}

static void v4l2_requests(int fd)
{
	struct v4l2_format f;
	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	f.fmt.pix.width = 640;
	f.fmt.pix.height = 480;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
	f.fmt.pix.field = V4L2_FIELD_NONE;
	f.fmt.pix.colorspace = V4L2_COLORSPACE_SRGB;
	CALL(SYS_ioctl, fd, VIDIOC_S_FMT, &f);
	expect("ioctl(%d, VIDIOC_S_FMT, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, fmt.pix={width=640, height=480, "
	       "pixelformat=v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */, field=V4L2_FIELD_NONE, "
	       "bytesperline=0, sizeimage=0, colorspace=V4L2_COLORSPACE_SRGB}})", fd);
	expect_rval("%s", rv());
	CALL(SYS_ioctl, fd, VIDIOC_G_FMT, &f);
	expect("ioctl(%d, VIDIOC_G_FMT, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE})", fd);
	expect_rval("%s", rv());
	struct v4l2_requestbuffers rb = { .count = 4, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP };
	CALL(SYS_ioctl, fd, VIDIOC_REQBUFS, &rb);
	expect("ioctl(%d, VIDIOC_REQBUFS, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, memory=V4L2_MEMORY_MMAP, count=4})", fd);
	expect_rval("%s", rv());
	struct v4l2_control ctl = { .id = V4L2_CID_BRIGHTNESS, .value = 7 };
	CALL(SYS_ioctl, fd, VIDIOC_S_CTRL, &ctl);
	expect("ioctl(%d, VIDIOC_S_CTRL, {id=V4L2_CID_BRIGHTNESS, value=7})", fd);
	expect_rval("%s", rv());
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	CALL(SYS_ioctl, fd, VIDIOC_STREAMON, &type);
	expect("ioctl(%d, VIDIOC_STREAMON, [V4L2_BUF_TYPE_VIDEO_CAPTURE])", fd);
	expect_rval("%s", rv());
	struct v4l2_capability cap;
	CALL(SYS_ioctl, fd, VIDIOC_QUERYCAP, &cap);
	expect("ioctl(%d, VIDIOC_QUERYCAP, %s)", fd, addr(&cap));
	expect_rval("%s", rv());
}

int main(void)
{
	int null = S(SYS_open, "/dev/null", O_RDONLY);
	check(null >= 0, "open /dev/null");
	gpio_requests(null);
	gpio_requests(-1);
	ptp_requests(null);
	v4l2_requests(null);
	v4l2_requests(-1);
	S(SYS_close, null);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
