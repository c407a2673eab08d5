/*
 * Process identity and resources: the static C library's start-up calls (arch_prctl,
 * set_tid_address, set_robust_list, rseq, prlimit64), ids and process groups, resource
 * limits (getrlimit, setrlimit, prlimit64), getrusage, times, uname, personality with
 * its execution domain and flags, arch_prctl's getters and XSAVE permission requests,
 * the robust futex list, and kcmp.
 * Start-up values are read back from the kernel (prctl and the thread pointer, untraced
 * here); whatever is changed is set back.
 */
#include "flags.h"
#include <asm/prctl.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/rseq.h>
#include <sys/times.h>
#include <sys/utsname.h>



static const struct flag domains[] = { FLAG(PER_LINUX), FLAG(PER_BSD), FLAG(PER_LINUX32), FLAG(PER_RISCOS),
				       FLAG(PER_OSF4), FLAG(PER_HPUX), END_FLAGS };
static const struct flag persona_flags[] = {
	FLAG(UNAME26), FLAG(ADDR_NO_RANDOMIZE), FLAG(FDPIC_FUNCPTRS), FLAG(MMAP_PAGE_ZERO), FLAG(ADDR_COMPAT_LAYOUT),
	FLAG(READ_IMPLIES_EXEC), FLAG(ADDR_LIMIT_32BIT), FLAG(SHORT_INODE), FLAG(WHOLE_SECONDS),
	FLAG(STICKY_TIMEOUTS), FLAG(ADDR_LIMIT_3GB), END_FLAGS,
};

/* PER_LINUX|ADDR_NO_RANDOMIZE, 0x1 / * PER_??? * /|MMAP_PAGE_ZERO */
static const char *persona(unsigned long v)
{
	char *res = scratch();
	int n = sprintf(res, "%s", sxval(domains, v & PER_MASK, "PER_???"));
	if (v & ~PER_MASK)
		sprintf(res + n, "|%s", sflags(persona_flags, v & ~PER_MASK));
	return res;
}

static const char *persona_rv(void)
{
	if (rc < 0)
		return rerr(err);
	char *res = scratch();
	sprintf(res, rc ? "%#lx (%s)" : "%ld (%s)", rc, persona(rc));
	return res;
}

/* strace's print_rlim64_t. */
static const char *rlim(unsigned long long v)
{
	char *res = scratch();
	if (v == RLIM_INFINITY)
		strcpy(res, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		sprintf(res, "%llu*1024", v / 1024);
	else
		sprintf(res, "%llu", v);
	return res;
}

static const char *rlimit(const struct rlimit *r)
{
	char *res = scratch();
	sprintf(res, "{rlim_cur=%s, rlim_max=%s}", rlim(r->rlim_cur), rlim(r->rlim_max));
	return res;
}

/* A clock_t count of ticks (USER_HZ, 100 on Linux), and for a non-zero one the seconds it makes. */
static const char *clock_ticks(clock_t v)
{
	char *res = scratch();
	if (v == 0)
		sprintf(res, "0");
	else
		sprintf(res, "%ld /* %ld.%02ld s */", (long) v, (long) v / 100, (long) v % 100);
	return res;
}

static const char *rusage(const struct rusage *ru)
{
	char *res = scratch();
	sprintf(res, "{ru_utime={tv_sec=%ld, tv_usec=%ld}, ru_stime={tv_sec=%ld, tv_usec=%ld}, ...}",
		(long) ru->ru_utime.tv_sec, (long) ru->ru_utime.tv_usec, (long) ru->ru_stime.tv_sec,
		(long) ru->ru_stime.tv_usec);
	return res;
}

int main(void)
{
	/* The pid from /proc/self (readlinkat is not traced): getpid has its own line below. */
	char self[32] = "";
	check(S(SYS_readlinkat, AT_FDCWD, "/proc/self", self, sizeof(self) - 1) > 0, "readlink /proc/self");
	int pid = atoi(self);
	char *tp = __builtin_thread_pointer();
	void *tid_address = NULL;
	check(prctl(PR_GET_TID_ADDRESS, &tid_address) == 0, "PR_GET_TID_ADDRESS");
	void *head = NULL;
	size_t head_len = 0;
	check(CALL(SYS_get_robust_list, 0, &head, &head_len) == 0, "get_robust_list");
	struct rlimit stack;
	check(CALL(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &stack) == 0, "prlimit64 stack");

	/* What the static C library did before main. */
	expect("arch_prctl(ARCH_SET_FS, %s)", addr(tp));
	expect_rval("0");
	expect("set_tid_address(%s)", addr(tid_address));
	expect_rval("%d", pid);
	expect("set_robust_list(%s, %zu)", addr(head), head_len);
	expect_rval("0");
	if (__rseq_size) {
		expect("rseq(%s, 0x20, 0, 0x53053053)", addr(tp + __rseq_offset));
		expect_rval("0");
	}
	expect("prlimit64(0, RLIMIT_STACK, NULL, %s)", rlimit(&stack));
	expect_rval("0");

	expect("get_robust_list(0, [%s], [%zu])", addr(head), head_len);
	expect_rval("0");
	expect("prlimit64(0, RLIMIT_STACK, NULL, %s)", rlimit(&stack));
	expect_rval("0");

	CALL(SYS_getpid);
	expect("getpid()");
	expect_rval("%d", pid);
	CALL(SYS_getppid);
	expect("getppid()");
	expect_rval("%s", rv());
	CALL(SYS_gettid);
	expect("gettid()");
	expect_rval("%d", pid);
	CALL(SYS_getpgid, 0);
	expect("getpgid(0)");
	expect_rval("%s", rv());
	CALL(SYS_getpgrp);
	expect("getpgrp()");
	expect_rval("%s", rv());
	CALL(SYS_getsid, 0);
	expect("getsid(0)");
	expect_rval("%s", rv());
	check(CALL(SYS_getpgid, -1) < 0 && err == ESRCH, "getpgid -1");
	expect("getpgid(-1)");
	expect_rval("%s", rerr(ESRCH));
	/* Already a group leader, or made one here: setsid then fails, the session stays. */
	CALL(SYS_setpgid, 0, 0);
	expect("setpgid(0, 0)");
	expect_rval("%s", rv());
	check(CALL(SYS_setsid) < 0 && err == EPERM, "setsid");
	expect("setsid()");
	expect_rval("%s", rerr(EPERM));
	check(CALL(SYS_setpgid, 99999, 0) < 0 && err == ESRCH, "setpgid 99999");
	expect("setpgid(99999, 0)");
	expect_rval("%s", rerr(ESRCH));

	struct rlimit r, old;
	check(CALL(SYS_getrlimit, RLIMIT_NOFILE, &r) == 0, "getrlimit");
	expect("getrlimit(RLIMIT_NOFILE, %s)", rlimit(&r));
	expect_rval("0");
	check(CALL(SYS_setrlimit, RLIMIT_NOFILE, &r) == 0, "setrlimit");
	expect("setrlimit(RLIMIT_NOFILE, %s)", rlimit(&r));
	expect_rval("0");
	check(CALL(SYS_getrlimit, 99, &r) < 0 && err == EINVAL, "getrlimit 99");
	expect("getrlimit(0x63 /* RLIMIT_??? */, %s)", addr(&r));
	expect_rval("%s", rerr(EINVAL));
	check(CALL(SYS_getrlimit, RLIMIT_CORE, &r) == 0, "getrlimit core");
	expect("getrlimit(RLIMIT_CORE, %s)", rlimit(&r));
	expect_rval("0");
	check(CALL(SYS_prlimit64, 0, RLIMIT_CORE, &r, &old) == 0, "prlimit64 core");
	expect("prlimit64(0, RLIMIT_CORE, %s, %s)", rlimit(&r), rlimit(&old));
	expect_rval("0");
	check(CALL(SYS_prlimit64, 99999, RLIMIT_CORE, NULL, &old) < 0 && err == ESRCH, "prlimit64 99999");
	expect("prlimit64(99999, RLIMIT_CORE, NULL, %s)", addr(&old));
	expect_rval("%s", rerr(ESRCH));

	struct rusage ru;
	check(CALL(SYS_getrusage, RUSAGE_SELF, &ru) == 0, "getrusage");
	expect("getrusage(RUSAGE_SELF, %s)", rusage(&ru));
	expect_rval("0");
	check(CALL(SYS_getrusage, RUSAGE_CHILDREN, &ru) == 0, "getrusage children");
	expect("getrusage(RUSAGE_CHILDREN, %s)", rusage(&ru));
	expect_rval("0");
	check(CALL(SYS_getrusage, 5, &ru) < 0 && err == EINVAL, "getrusage 5");
	expect("getrusage(0x5 /* RUSAGE_??? */, %s)", addr(&ru));
	expect_rval("%s", rerr(EINVAL));

	struct tms t;
	long ticks = CALL(SYS_times, &t);
	expect("times({tms_utime=%s, tms_stime=%s, tms_cutime=%s, tms_cstime=%s})", clock_ticks(t.tms_utime),
	       clock_ticks(t.tms_stime), clock_ticks(t.tms_cutime), clock_ticks(t.tms_cstime));
	expect_rval("%ld", ticks);
	ticks = CALL(SYS_times, NULL);
	expect("times(NULL)");
	expect_rval("%ld", ticks);
	check(CALL(SYS_times, (void *) 8) < 0 && err == EFAULT, "times EFAULT");
	expect("times(0x8)");
	expect_rval("%s", rerr(EFAULT));

	struct utsname u;
	check(CALL(SYS_uname, &u) == 0, "uname");
	expect("uname({sysname=%s, nodename=%s, ...})", qstr(u.sysname), qstr(u.nodename));
	expect_rval("0");

	unsigned long pers = CALL(SYS_personality, 0xffffffff);
	expect("personality(0xffffffff)");
	expect_rval("%s", persona_rv());
	CALL(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE);
	expect("personality(PER_LINUX|ADDR_NO_RANDOMIZE)");
	expect_rval("%s", persona_rv());
	CALL(SYS_personality, PER_SVR4);
	expect("personality(0x1 /* PER_??? */|MMAP_PAGE_ZERO|STICKY_TIMEOUTS)");
	expect_rval("%s", persona_rv());
	CALL(SYS_personality, PER_LINUX32 | 0x10000000);
	expect("personality(PER_LINUX32|0x10000000)");
	expect_rval("%s", persona_rv());
	CALL(SYS_personality, pers);
	expect("personality(%s)", persona(pers));
	expect_rval("%s", persona_rv());

	unsigned long base = 1;
	check(CALL(SYS_arch_prctl, ARCH_GET_FS, &base) == 0, "ARCH_GET_FS");
	expect("arch_prctl(ARCH_GET_FS, [%s])", addr((void *) base));
	expect_rval("0");
	check(CALL(SYS_arch_prctl, ARCH_GET_GS, &base) == 0, "ARCH_GET_GS");
	expect("arch_prctl(ARCH_GET_GS, [%s])", addr((void *) base));
	expect_rval("0");
	check(CALL(SYS_arch_prctl, ARCH_GET_FS, NULL) < 0 && err == EFAULT, "ARCH_GET_FS NULL");
	expect("arch_prctl(ARCH_GET_FS, NULL)");
	expect_rval("%s", rerr(EFAULT));
	CALL(SYS_arch_prctl, ARCH_GET_CPUID, 0);
	expect("arch_prctl(ARCH_GET_CPUID)");
	expect_rval("%s", rv());
	/* permission for AMX tile data (arch/x86/kernel/fpu/xstate.c): granted where the CPU has it */
	CALL(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, 18);
	expect("arch_prctl(ARCH_REQ_XCOMP_PERM, 0x12 /* XFEATURE_XTILE_DATA */)");
	expect_rval("%s", rv());
	check(CALL(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, 0xdeadface) < 0 && err == EINVAL, "ARCH_REQ_XCOMP_PERM");
	expect("arch_prctl(ARCH_REQ_XCOMP_PERM, 0xdeadface /* XFEATURE_??? */)");
	expect_rval("%s", rerr(EINVAL));
	check(CALL(SYS_arch_prctl, 0x1234, 0) < 0 && err == EINVAL, "arch_prctl 0x1234");
	expect("arch_prctl(0x1234 /* ARCH_??? */, 0)");
	expect_rval("%s", rerr(EINVAL));

	int scratch_tid;
	check(CALL(SYS_set_tid_address, &scratch_tid) == pid, "set_tid_address");
	expect("set_tid_address(%s)", addr(&scratch_tid));
	expect_rval("%d", pid);
	check(CALL(SYS_set_tid_address, tid_address) == pid, "set_tid_address back");
	expect("set_tid_address(%s)", addr(tid_address));
	expect_rval("%d", pid);
	check(CALL(SYS_set_robust_list, head, head_len) == 0, "set_robust_list");
	expect("set_robust_list(%s, %zu)", addr(head), head_len);
	expect_rval("0");
	check(CALL(SYS_set_robust_list, head, 1) < 0 && err == EINVAL, "set_robust_list 1");
	expect("set_robust_list(%s, 1)", addr(head));
	expect_rval("%s", rerr(EINVAL));
	check(CALL(SYS_get_robust_list, 99999, &head, &head_len) < 0 && err == ESRCH, "get_robust_list 99999");
	expect("get_robust_list(99999, %s, %s)", addr(&head), addr(&head_len));
	expect_rval("%s", rerr(ESRCH));
	check(CALL(SYS_rseq, NULL, 0, 0, 0) < 0 && err == EINVAL, "rseq");
	expect("rseq(0, 0, 0, 0)");
	expect_rval("%s", rerr(EINVAL));

	CALL(SYS_kcmp, pid, pid, KCMP_FILE, 1, 2);
	expect("kcmp(%d, %d, KCMP_FILE, 1, 2)", pid, pid);
	expect_rval("%s", rv());
	CALL(SYS_kcmp, pid, pid, KCMP_VM, 0, 0);
	expect("kcmp(%d, %d, KCMP_VM)", pid, pid);
	expect_rval("%s", rv());
	CALL(SYS_kcmp, pid, pid, KCMP_SYSVSEM, 0, 0);
	expect("kcmp(%d, %d, KCMP_SYSVSEM)", pid, pid);
	expect_rval("%s", rv());
	CALL(SYS_kcmp, pid, pid, KCMP_EPOLL_TFD, 1, 0);
	expect("kcmp(%d, %d, KCMP_EPOLL_TFD, 1, NULL)", pid, pid);
	expect_rval("%s", rv());
	CALL(SYS_kcmp, pid, pid, 9, 0, 0);
	expect("kcmp(%d, %d, 0x9 /* KCMP_??? */, 0, 0)", pid, pid);
	expect_rval("%s", rv());

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
