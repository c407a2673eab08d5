/*
 * Descriptors that deliver events: timerfd_create, timerfd_settime, timerfd_gettime
 * (TFD_ flags, struct itimerspec in and out), eventfd and eventfd2 (EFD_ flags),
 * signalfd and signalfd4 (the mask with its size, SFD_ flags), inotify_init,
 * inotify_init1, inotify_add_watch, inotify_rm_watch (IN_ flags and masks), fanotify_init
 * and fanotify_mark (the class and FAN_ flags, FAN_MARK_ flags, the 64-bit event mask,
 * FAN_NOFD). Unknown flag bits alone print with strace's comment, after known ones without.
 * fanotify needs CAP_SYS_ADMIN: where it is refused the lines show what the kernel said.
 */
#include "tests.h"
#include <fcntl.h>
#include <sys/fanotify.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

static void timerfds(void)
{
	int t = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	check(t >= 0, "timerfd_create");
	expect("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK)");
	expect_rval("%d", t);
	int t2 = syscall(SYS_timerfd_create, CLOCK_REALTIME, 0);
	check(t2 >= 0, "timerfd_create 0");
	expect("timerfd_create(CLOCK_REALTIME, 0)");
	expect_rval("%d", t2);
	long rc = syscall(SYS_timerfd_create, CLOCK_REALTIME, 0x10);
	expect("timerfd_create(CLOCK_REALTIME, 0x10 /* TFD_??? */)");
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_timerfd_create, 77, 0);
	expect("timerfd_create(0x4d /* CLOCK_??? */, 0)");
	expect_rval("%s", rval(rc));

	struct itimerspec ts = { { 1, 0 }, { 500, 0 } }, old, cur;
	check(syscall(SYS_timerfd_settime, t, 0, &ts, &old) == 0, "timerfd_settime");
	expect("timerfd_settime(%d, 0, %s, %s)", t, its(&ts), its(&old));
	expect_rval("0");
	check(syscall(SYS_timerfd_gettime, t, &cur) == 0, "timerfd_gettime");
	expect("timerfd_gettime(%d, %s)", t, its(&cur));
	expect_rval("0");
	/* far in the future of the realtime clock; cancelled if the clock is set */
	struct itimerspec abs = { { 0, 0 }, { 4000000000LL, 0 } };
	check(syscall(SYS_timerfd_settime, t2, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &abs, NULL) == 0,
	      "timerfd_settime abs");
	expect("timerfd_settime(%d, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, %s, NULL)", t2, its(&abs));
	expect_rval("0");
	rc = syscall(SYS_timerfd_settime, t, 0x10, &ts, NULL);
	expect("timerfd_settime(%d, 0x10 /* TFD_??? */, %s, NULL)", t, its(&ts));
	expect_rval("%s", rval(rc));
	struct itimerspec bad = { { 0, 0 }, { 0, 1000000000 } };
	rc = syscall(SYS_timerfd_settime, t, 0, &bad, &old);
	expect("timerfd_settime(%d, 0, %s, %s)", t, its(&bad), addr(&old));
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_timerfd_gettime, t, NULL);
	expect("timerfd_gettime(%d, NULL)", t);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_timerfd_gettime, 9999, &cur);
	expect("timerfd_gettime(9999, %s)", addr(&cur));
	expect_rval("%s", rval(rc));
}

static void eventfds(void)
{
	long rc = syscall(SYS_eventfd, 5);
	check(rc >= 0, "eventfd");
	expect("eventfd(5)");
	expect_rval("%ld", rc);
	rc = syscall(SYS_eventfd2, 0, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE);
	check(rc >= 0, "eventfd2");
	expect("eventfd2(0, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK)");
	expect_rval("%ld", rc);
	rc = syscall(SYS_eventfd2, 4294967295U, 0);
	expect("eventfd2(4294967295, 0)");
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_eventfd2, 0, 0x10);
	expect("eventfd2(0, 0x10 /* EFD_??? */)");
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_eventfd2, 0, EFD_NONBLOCK | 0x10);
	expect("eventfd2(0, EFD_NONBLOCK|0x10)");
	expect_rval("%s", rval(rc));
}

static void signalfds(void)
{
	uint64_t mask = 1ULL << (SIGUSR1 - 1) | 1ULL << (SIGRTMIN + 1 - 1);
	const char *smask = "[USR1 RT_3]"; /* glibc's SIGRTMIN + 1 is the kernel's 35 */
	long s = syscall(SYS_signalfd, -1, &mask, 8);
	check(s >= 0, "signalfd");
	expect("signalfd(-1, %s, 8)", smask);
	expect_rval("%ld", s);
	long rc = syscall(SYS_signalfd4, -1, &mask, 8, SFD_CLOEXEC | SFD_NONBLOCK);
	check(rc >= 0, "signalfd4");
	expect("signalfd4(-1, %s, 8, SFD_CLOEXEC|SFD_NONBLOCK)", smask);
	expect_rval("%ld", rc);
	/* a new mask for an existing signalfd */
	uint64_t all = ~0ULL;
	rc = syscall(SYS_signalfd4, s, &all, 8, 0);
	expect("signalfd4(%ld, ~[], 8, 0)", s);
	expect_rval("%s", rval(rc));
	/* not the kernel's sigset_t size: the address */
	rc = syscall(SYS_signalfd4, -1, &mask, 4, 0);
	expect("signalfd4(-1, %s, 4, 0)", addr(&mask));
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_signalfd4, -1, &mask, 16, 0);
	expect("signalfd4(-1, %s, 16, 0)", addr(&mask));
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_signalfd4, -1, (void *) -1, 8, 0);
	expect("signalfd4(-1, 0xffffffffffffffff, 8, 0)");
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_signalfd4, -1, &mask, 8, 0x10);
	expect("signalfd4(-1, %s, 8, 0x10 /* SFD_??? */)", smask);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_signalfd, 9999, &mask, 8);
	expect("signalfd(9999, %s, 8)", smask);
	expect_rval("%s", rval(rc));
}

static void inotify(void)
{
	int in = syscall(SYS_inotify_init);
	check(in >= 0, "inotify_init");
	expect("inotify_init()");
	expect_rval("%d", in);
	long rc = syscall(SYS_inotify_init1, IN_CLOEXEC | IN_NONBLOCK);
	check(rc >= 0, "inotify_init1");
	expect("inotify_init1(IN_NONBLOCK|IN_CLOEXEC)");
	expect_rval("%ld", rc);
	rc = syscall(SYS_inotify_init1, 0x10);
	expect("inotify_init1(0x10 /* IN_??? */)");
	expect_rval("%s", rval(rc));

	long wd = syscall(SYS_inotify_add_watch, in, ".", IN_CREATE | IN_DELETE | IN_ONLYDIR | IN_MASK_ADD);
	check(wd >= 0, "inotify_add_watch");
	expect("inotify_add_watch(%d, \".\", IN_CREATE|IN_DELETE|IN_ONLYDIR|IN_MASK_ADD)", in);
	expect_rval("%ld", wd);
	rc = syscall(SYS_inotify_add_watch, in, ".", IN_ALL_EVENTS | IN_EXCL_UNLINK);
	expect("inotify_add_watch(%d, \".\", IN_ACCESS|IN_MODIFY|IN_ATTRIB|IN_CLOSE_WRITE|IN_CLOSE_NOWRITE|IN_OPEN|"
	       "IN_MOVED_FROM|IN_MOVED_TO|IN_CREATE|IN_DELETE|IN_DELETE_SELF|IN_MOVE_SELF|IN_EXCL_UNLINK)", in);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_inotify_add_watch, in, "event_fds.missing", IN_MODIFY);
	expect("inotify_add_watch(%d, \"event_fds.missing\", IN_MODIFY)", in);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_inotify_add_watch, in, ".", 0);
	expect("inotify_add_watch(%d, \".\", 0)", in);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_inotify_rm_watch, in, wd);
	expect("inotify_rm_watch(%d, %ld)", in, wd);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_inotify_rm_watch, in, 12345);
	expect("inotify_rm_watch(%d, 12345)", in);
	expect_rval("%s", rval(rc));
}

static void fanotify(void)
{
	int fa = syscall(SYS_fanotify_init, FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY);
	expect("fanotify_init(FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK, O_RDONLY)");
	expect_rval("%s", rval(fa));
	long rc = syscall(SYS_fanotify_init, FAN_CLASS_CONTENT | FAN_REPORT_FID, O_RDWR);
	expect("fanotify_init(FAN_CLASS_CONTENT|FAN_REPORT_FID, O_RDWR)");
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_fanotify_init, 0x80000000U, O_RDONLY);
	expect("fanotify_init(FAN_CLASS_NOTIF|0x80000000 /* FAN_??? */, O_RDONLY)");
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_fanotify_init, 0xcU, O_RDONLY);
	expect("fanotify_init(0xc /* FAN_CLASS_??? */, O_RDONLY)");
	expect_rval("%s", rval(rc));

	rc = syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD, FAN_CLOSE_WRITE | FAN_OPEN | FAN_ONDIR, AT_FDCWD, ".");
	expect("fanotify_mark(%d, FAN_MARK_ADD, FAN_CLOSE_WRITE|FAN_OPEN|FAN_ONDIR, AT_FDCWD, \".\")", fa);
	expect_rval("%s", rval(rc));
	/* directory entry events need FID reporting */
	rc = syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_CREATE | FAN_EVENT_ON_CHILD, AT_FDCWD, ".");
	expect("fanotify_mark(%d, FAN_MARK_ADD|FAN_MARK_ONLYDIR, FAN_CREATE|FAN_EVENT_ON_CHILD, AT_FDCWD, \".\")", fa);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_fanotify_mark, fa, FAN_MARK_REMOVE, FAN_CLOSE_WRITE | 0x100000000000ULL, AT_FDCWD, ".");
	expect("fanotify_mark(%d, FAN_MARK_REMOVE, FAN_CLOSE_WRITE|0x100000000000, AT_FDCWD, \".\")", fa);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_fanotify_mark, fa, FAN_MARK_FLUSH, 0, -1, NULL);
	expect("fanotify_mark(%d, FAN_MARK_FLUSH, 0, FAN_NOFD, NULL)", fa);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_fanotify_mark, fa, 0x80000000U, 0x800000000000ULL, -5, NULL);
	expect("fanotify_mark(%d, 0x80000000 /* FAN_MARK_??? */, 0x800000000000 /* FAN_??? */, -5, NULL)", fa);
	expect_rval("%s", rval(rc));
	rc = syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD | 0x80000000U, FAN_MODIFY, 1, NULL);
	expect("fanotify_mark(%d, FAN_MARK_ADD|0x80000000, FAN_MODIFY, 1, NULL)", fa);
	expect_rval("%s", rval(rc));
}

int main(void)
{
	timerfds();
	eventfds();
	signalfds();
	inotify();
	fanotify();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
