/*
 * Namespaces: unshare's CLONE_* flags (known, unknown, every bit), setns' CLONE_NEW*
 * nstype (none, one, several, an unknown bit alone), and sethostname/setdomainname with
 * uname showing the new name. Names change only inside the new UTS namespace this
 * process unshares; where unshare is not permitted, the setters are left out.
 */
#include "tests.h"
#include <fcntl.h>
#include <sched.h>
#include <sys/utsname.h>



int main(void)
{
	check(CALL(SYS_unshare, 0) == 0, "unshare 0");
	expect("unshare(0)");
	expect_rval("0");
	check(CALL(SYS_unshare, CLONE_FS | CLONE_FILES) == 0, "unshare fs files");
	expect("unshare(CLONE_FS|CLONE_FILES)");
	expect_rval("0");
	check(CALL(SYS_unshare, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD) == 0, "unshare vm");
	expect("unshare(CLONE_VM|CLONE_SIGHAND|CLONE_THREAD)");
	expect_rval("0");
	check(CALL(SYS_unshare, CLONE_NEWIPC | 0x80000000UL) < 0 && err == EINVAL, "unshare bad bit");
	expect("unshare(CLONE_NEWIPC|0x80000000)");
	expect_rval("%s", rerr(EINVAL));
	check(CALL(SYS_unshare, -1L) < 0 && err == EINVAL, "unshare all");
	expect("unshare(CLONE_NEWTIME|CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_NEWNS|"
	       "CLONE_SYSVSEM|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|"
	       "0xffffffff81f8f07f)");
	expect_rval("%s", rerr(EINVAL));

	CALL(SYS_unshare, CLONE_NEWUTS);
	expect("unshare(CLONE_NEWUTS)");
	expect_rval("%s", rv());
	if (rc == 0) {
		check(CALL(SYS_sethostname, "jstrace-test", 12) == 0, "sethostname");
		expect("sethostname(\"jstrace-test\", 12)");
		expect_rval("0");
		check(CALL(SYS_setdomainname, "dom", 3) == 0, "setdomainname");
		expect("setdomainname(\"dom\", 3)");
		expect_rval("0");
		struct utsname u;
		check(CALL(SYS_uname, &u) == 0 && !strcmp(u.nodename, "jstrace-test"), "uname");
		expect("uname({sysname=%s, nodename=\"jstrace-test\", ...})", qstr(u.sysname));
		expect_rval("0");
		check(CALL(SYS_sethostname, NULL, 5) < 0 && err == EFAULT, "sethostname NULL");
		expect("sethostname(NULL, 5)");
		expect_rval("%s", rerr(EFAULT));
		static const char x[] = "x";
		check(CALL(SYS_sethostname, x, 100) < 0 && err == EINVAL, "sethostname 100");
		expect("sethostname(%s, 100)", addr(x));
		expect_rval("%s", rerr(EINVAL));
		check(CALL(SYS_setdomainname, x, 65) < 0 && err == EINVAL, "setdomainname 65");
		expect("setdomainname(%s, 65)", addr(x));
		expect_rval("%s", rerr(EINVAL));
	}

	int fd = S(SYS_open, "/proc/self/ns/uts", O_RDONLY); /* open(2) is not traced */
	check(fd >= 0, "open ns");
	CALL(SYS_setns, fd, CLONE_NEWUTS);
	expect("setns(%d, CLONE_NEWUTS)", fd);
	expect_rval("%s", rv());
	CALL(SYS_setns, fd, 0);
	expect("setns(%d, 0)", fd);
	expect_rval("%s", rv());
	check(CALL(SYS_setns, fd, CLONE_NEWNET) < 0 && err == EINVAL, "setns wrong type");
	expect("setns(%d, CLONE_NEWNET)", fd);
	expect_rval("%s", rerr(EINVAL));
	check(CALL(SYS_setns, -1, CLONE_NEWNS | CLONE_NEWPID) < 0 && err == EBADF, "setns -1");
	expect("setns(-1, CLONE_NEWNS|CLONE_NEWPID)");
	expect_rval("%s", rerr(EBADF));
	check(CALL(SYS_setns, -1, CLONE_NEWUSER | CLONE_NEWCGROUP | CLONE_NEWTIME | CLONE_VM) < 0 && err == EBADF,
	      "setns -1 several");
	expect("setns(-1, CLONE_NEWTIME|CLONE_NEWCGROUP|CLONE_NEWUSER|0x100)");
	expect_rval("%s", rerr(EBADF));
	check(CALL(SYS_setns, -1, 1) < 0 && err == EBADF, "setns -1 unknown");
	expect("setns(-1, 0x1 /* CLONE_NEW??? */)");
	expect_rval("%s", rerr(EBADF));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
