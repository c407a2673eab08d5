/*
 * perf_event_open with software events on this process: the struct perf_event_attr as
 * strace prints it without -v (type, size, config, period or frequency, sample and read
 * formats, the flag bits that are set, precise_ip with its meaning), and the flags; the
 * event's ioctls.
 */
#include "fsio.h"
#include <linux/perf_event.h>

static struct perf_event_attr pa;

/* The event's ioctls: enable its group, reset, its id, a period (refused: it does not sample), a filter, disable. */
static void event_ioctls(long fd)
{
	long r = S(SYS_ioctl, fd, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
	expect("ioctl(%ld, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_ioctl, fd, PERF_EVENT_IOC_RESET, 0);
	expect("ioctl(%ld, PERF_EVENT_IOC_RESET, 0)", fd);
	expect_rval("%s", rval(r));
	uint64_t id = 0;
	r = S(SYS_ioctl, fd, PERF_EVENT_IOC_ID, &id);
	expect("ioctl(%ld, PERF_EVENT_IOC_ID, ", fd);
	if (r == 0)
		expect("[%llu])", (unsigned long long) id);
	else
		expect("%s)", addr(&id));
	expect_rval("%s", rval(r));
	uint64_t period = 100000;
	r = S(SYS_ioctl, fd, PERF_EVENT_IOC_PERIOD, &period);
	expect("ioctl(%ld, PERF_EVENT_IOC_PERIOD, [100000])", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_ioctl, fd, PERF_EVENT_IOC_SET_FILTER, "filter");
	expect("ioctl(%ld, PERF_EVENT_IOC_SET_FILTER, \"filter\")", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_ioctl, fd, PERF_EVENT_IOC_DISABLE, 0);
	expect("ioctl(%ld, PERF_EVENT_IOC_DISABLE, 0)", fd);
	expect_rval("%s", rval(r));
}

int main(void)
{
	pa.type = PERF_TYPE_SOFTWARE;
	pa.size = PERF_ATTR_SIZE_VER7;
	pa.config = PERF_COUNT_SW_TASK_CLOCK;
	pa.disabled = 1;
	pa.exclude_kernel = 1;
	long fd = S(SYS_perf_event_open, &pa, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	expect("perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_TASK_CLOCK, "
	       "sample_period=0, sample_type=0, read_format=0, disabled=1, exclude_kernel=1, "
	       "precise_ip=0 /* arbitrary skid */, ...}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC)");
	expect_rval("%s", rval(fd));
	if (fd >= 0) {
		event_ioctls(fd);
		S(SYS_close, fd);
	}

	pa.disabled = 0;
	pa.exclude_kernel = 0;
	pa.inherit = 1;
	pa.freq = 1;
	pa.sample_freq = 1000;
	pa.precise_ip = 2;
	pa.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID;
	pa.read_format = PERF_FORMAT_ID;
	long r = S(SYS_perf_event_open, &pa, -1, -1, -1, 0x100);
	expect("perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_TASK_CLOCK, "
	       "sample_freq=1000, sample_type=PERF_SAMPLE_IP|PERF_SAMPLE_TID, read_format=PERF_FORMAT_ID, inherit=1, "
	       "freq=1, precise_ip=2 /* requested to have 0 skid */, ...}, -1, -1, -1, 0x100 /* PERF_FLAG_??? */)");
	expect_rval("%s", rval(r));

	memset(&pa, 0, sizeof(pa));
	pa.type = PERF_TYPE_HARDWARE;
	pa.size = PERF_ATTR_SIZE_VER0;
	pa.config = PERF_COUNT_HW_INSTRUCTIONS;
	pa.exclude_user = 1;
	pa.mmap = 1;
	r = S(SYS_perf_event_open, &pa, -1, -1, -1, PERF_FLAG_FD_NO_GROUP | PERF_FLAG_FD_OUTPUT);
	expect("perf_event_open({type=PERF_TYPE_HARDWARE, size=PERF_ATTR_SIZE_VER0, config=PERF_COUNT_HW_INSTRUCTIONS, "
	       "sample_period=0, sample_type=0, read_format=0, exclude_user=1, mmap=1, precise_ip=0 /* arbitrary skid */, "
	       "...}, -1, -1, -1, PERF_FLAG_FD_NO_GROUP|PERF_FLAG_FD_OUTPUT)");
	expect_rval("%s", rval(r));

	memset(&pa, 0, sizeof(pa));
	pa.type = PERF_TYPE_TRACEPOINT;
	pa.config = 123;
	pa.sample_period = 7;
	r = S(SYS_perf_event_open, &pa, -1, -1, -1, 0);
	expect("perf_event_open({type=PERF_TYPE_TRACEPOINT, size=0 /* PERF_ATTR_SIZE_??? */, config=123, sample_period=7, "
	       "sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}, -1, -1, -1, 0)");
	expect_rval("%s", rval(r));

	pa.size = 8;
	r = S(SYS_perf_event_open, &pa, 0, -1, -1, 0);
	expect("perf_event_open(%s, 0, -1, -1, 0)", addr(&pa));
	expect_rval("%s", rval(r));
	r = S(SYS_perf_event_open, NULL, 0, -1, -1, 0);
	expect("perf_event_open(NULL, 0, -1, -1, 0)");
	expect_rval("%s", rval(r));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
