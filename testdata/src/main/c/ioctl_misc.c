/*
 * The small ioctl families on real descriptors: /dev/urandom (random(4)), an inotify
 * descriptor, namespace files (ioctl_ns(2)), and the watchdog requests on a descriptor
 * that is not a watchdog, the counter requests on a closed one; each request's argument printed as its family says.
 */
#include "tests.h"
#include <fcntl.h>
#include <sched.h>
#include <linux/random.h>
#include <linux/watchdog.h>
#include <linux/nsfs.h>
#include <linux/counter.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>

#ifndef INOTIFY_IOC_SETNEXTWD
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, int)
#endif

static void random_requests(void)
{
	int fd = S(SYS_open, "/dev/urandom", O_RDONLY);
	check(fd >= 0, "open /dev/urandom");
	int n = -1;
	check(CALL(SYS_ioctl, fd, RNDGETENTCNT, &n) == 0, "RNDGETENTCNT");
	expect("ioctl(%d, RNDGETENTCNT, [%d])", fd, n);
	expect_rval("%s", rv());
	int add = 8;
	CALL(SYS_ioctl, -1, RNDADDTOENTCNT, &add);
	expect("ioctl(-1, RNDADDTOENTCNT, [8])");
	expect_rval("%s", rv());
	struct { int entropy_count, buf_size; char buf[4]; } info = { 3, 4, "abcd" };
	CALL(SYS_ioctl, -1, RNDADDENTROPY, &info);
	expect("ioctl(-1, RNDADDENTROPY, {entropy_count=3, buf_size=4, buf=\"abcd\"})");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, RNDCLEARPOOL, 0);
	expect("ioctl(-1, RNDCLEARPOOL)");
	expect_rval("%s", rv());
	S(SYS_close, fd);
}

static void inotify_requests(void)
{
	int fd = inotify_init1(IN_CLOEXEC); /* inotify_init1(2) is not traced */
	check(fd >= 0, "inotify_init1");
	CALL(SYS_ioctl, fd, INOTIFY_IOC_SETNEXTWD, 7);
	expect("ioctl(%d, INOTIFY_IOC_SETNEXTWD, 7)", fd);
	expect_rval("%s", rv());
	S(SYS_close, fd);
}

static void nsfs_requests(void)
{
	int uts = S(SYS_open, "/proc/self/ns/uts", O_RDONLY);
	check(uts >= 0, "open /proc/self/ns/uts");
	check(CALL(SYS_ioctl, uts, NS_GET_NSTYPE) == CLONE_NEWUTS, "NS_GET_NSTYPE");
	expect("ioctl(%d, NS_GET_NSTYPE)", uts);
	expect_rval("%ld (CLONE_NEWUTS)", rc);
	long user = CALL(SYS_ioctl, uts, NS_GET_USERNS);
	expect("ioctl(%d, NS_GET_USERNS)", uts);
	expect_rval("%s", rv());
	if (user >= 0) {
		unsigned uid = 12345;
		check(CALL(SYS_ioctl, user, NS_GET_OWNER_UID, &uid) == 0, "NS_GET_OWNER_UID");
		expect("ioctl(%ld, NS_GET_OWNER_UID, [%u])", user, uid);
		expect_rval("%s", rv());
		S(SYS_close, user);
	}
	CALL(SYS_ioctl, uts, NS_GET_OWNER_UID, NULL);
	expect("ioctl(%d, NS_GET_OWNER_UID, NULL)", uts);
	expect_rval("%s", rv());
	S(SYS_close, uts);
}

static void watchdog_requests(void)
{
	int fd = S(SYS_open, "/dev/null", O_RDONLY);
	check(fd >= 0, "open /dev/null");
	int t = 30;
	CALL(SYS_ioctl, fd, WDIOC_SETTIMEOUT, &t);
	expect("ioctl(%d, WDIOC_SETTIMEOUT, [30])", fd);
	expect_rval("%s", rv());
	CALL(SYS_ioctl, fd, WDIOC_GETTIMEOUT, &t);
	expect("ioctl(%d, WDIOC_GETTIMEOUT, %s)", fd, addr(&t));
	expect_rval("%s", rv());
	CALL(SYS_ioctl, fd, WDIOC_KEEPALIVE, 0);
	expect("ioctl(%d, WDIOC_KEEPALIVE)", fd);
	expect_rval("%s", rv());
	S(SYS_close, fd);
}

static void counter_requests(void)
{
	struct counter_watch w = {
		.component = { .type = COUNTER_COMPONENT_COUNT, .scope = COUNTER_SCOPE_COUNT, .parent = 1, .id = 2 },
		.event = COUNTER_EVENT_OVERFLOW, .channel = 3,
	};
	CALL(SYS_ioctl, -1, COUNTER_ADD_WATCH_IOCTL, &w);
	expect("ioctl(-1, COUNTER_ADD_WATCH_IOCTL, {component={type=COUNTER_COMPONENT_COUNT, scope=COUNTER_SCOPE_COUNT, "
	       "parent=1, id=2}, event=COUNTER_EVENT_OVERFLOW, channel=3})");
	expect_rval("%s", rv());
	CALL(SYS_ioctl, -1, COUNTER_ENABLE_EVENTS_IOCTL, 0);
	expect("ioctl(-1, COUNTER_ENABLE_EVENTS_IOCTL)");
	expect_rval("%s", rv());
}

int main(void)
{
	random_requests();
	inotify_requests();
	nsfs_requests();
	watchdog_requests();
	counter_requests();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
