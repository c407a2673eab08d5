/*
 * prctl(2), option by option as strace decodes them: the task name (set, read back,
 * truncated at 15 bytes, NULL and unreadable), the parent-death signal, dumpable,
 * no_new_privs, the capability bounding set and ambient set, the child subreaper, the
 * clear_child_tid address, keepcaps, securebits, timer slack, seccomp mode and an empty
 * filter program, TSC, the ptracer, MCE policy, speculation control, and options that
 * fail or that strace prints in hex. Values that depend on the machine come from the
 * calls' own results; whatever is set is set back, except no_new_privs and the ptracer,
 * which only this process keeps.
 */
#include "flags.h"
#include <linux/capability.h>
#include <linux/securebits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>


static const struct flag dumpable[] = { { 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" }, { 2, "SUID_DUMP_ROOT" },
					END_FLAGS };
static const struct flag mce_policies[] = { FLAG(PR_MCE_KILL_LATE), FLAG(PR_MCE_KILL_EARLY),
					    FLAG(PR_MCE_KILL_DEFAULT), END_FLAGS };
static const struct flag tsc_modes[] = { FLAG(PR_TSC_ENABLE), FLAG(PR_TSC_SIGSEGV), END_FLAGS };
static const struct flag secbits[] = {
	FLAG(SECBIT_NOROOT), FLAG(SECBIT_NOROOT_LOCKED), FLAG(SECBIT_NO_SETUID_FIXUP),
	FLAG(SECBIT_NO_SETUID_FIXUP_LOCKED), FLAG(SECBIT_KEEP_CAPS), FLAG(SECBIT_KEEP_CAPS_LOCKED),
	FLAG(SECBIT_NO_CAP_AMBIENT_RAISE), FLAG(SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED), END_FLAGS,
};
static const struct flag spec_flags[] = { FLAG(PR_SPEC_NOT_AFFECTED), FLAG(PR_SPEC_PRCTL), FLAG(PR_SPEC_ENABLE), FLAG(PR_SPEC_DISABLE),
					  FLAG(PR_SPEC_FORCE_DISABLE), FLAG(PR_SPEC_DISABLE_NOEXEC), END_FLAGS };


#define PRCTL(...) CALL(SYS_prctl, __VA_ARGS__)

/* A result named from a table when the table names it: "1 (SUID_DUMP_USER)". */
static const char *rv_named(const struct flag *t)
{
	if (rc < 0)
		return rerr(err);
	char *res = scratch();
	for (; t->name; t++)
		if (t->value == (unsigned long long) rc)
			return sprintf(res, "%ld (%s)", rc, t->name), res;
	sprintf(res, "%ld", rc);
	return res;
}

/*
 * A result in hex with the flags it names, as strace's notes do: "0x2 (PR_SPEC_ENABLE)",
 * "0 (PR_SPEC_NOT_AFFECTED)"; no note when no name applies.
 */
static const char *rv_flags(const struct flag *t)
{
	if (rc < 0)
		return rv();
	const char *names = sflags(t, rc);
	char *res = scratch();
	if (names[0] == '0') /* sflags found no name */
		sprintf(res, rc ? "%#lx" : "0", rc);
	else
		sprintf(res, rc ? "%#lx (%s)" : "0 (%s)", rc, names);
	return res;
}

/* Options of other architectures: x86_64's kernel refuses them, strace decodes them all the same. */
static void foreign_options(void)
{
	check(PRCTL(PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC | PR_SVE_VL_INHERIT | 0xff, 0, 0, 0) < 0 && err == EINVAL,
	      "PR_SVE_SET_VL");
	expect("prctl(PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC|PR_SVE_VL_INHERIT|0xff)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SVE_SET_VL, 0x10000 | 0x20, 0, 0, 0) < 0 && err == EINVAL, "PR_SVE_SET_VL unnamed");
	expect("prctl(PR_SVE_SET_VL, 0x10000|0x20)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SVE_GET_VL, 0, 0, 0, 0) < 0 && err == EINVAL, "PR_SVE_GET_VL");
	expect("prctl(PR_SVE_GET_VL)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SME_SET_VL, 0x100, 0, 0, 0) < 0 && err == EINVAL, "PR_SME_SET_VL");
	expect("prctl(PR_SME_SET_VL, 0x100)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SME_GET_VL, 0, 0, 0, 0) < 0 && err == EINVAL, "PR_SME_GET_VL");
	expect("prctl(PR_SME_GET_VL)");
	expect_rval("%s", rerr(EINVAL));
	unsigned long tagged = PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC | (0xcafeUL << PR_MTE_TAG_SHIFT) | 0x100000;
	check(PRCTL(PR_SET_TAGGED_ADDR_CTRL, tagged, 1, 2, 3) < 0 && err == EINVAL, "PR_SET_TAGGED_ADDR_CTRL");
	expect("prctl(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_SYNC|0xcafe<<PR_MTE_TAG_SHIFT|0x100000, "
	       "0x1, 0x2, 0x3)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0) < 0 && err == EINVAL, "PR_GET_TAGGED_ADDR_CTRL");
	expect("prctl(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0) < 0 && err == EINVAL, "PR_PAC_GET_ENABLED_KEYS");
	expect("prctl(PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SET_FP_MODE, PR_FP_MODE_FR | PR_FP_MODE_FRE | 0x20, 0, 0, 0) < 0 && err == EINVAL,
	      "PR_SET_FP_MODE");
	expect("prctl(PR_SET_FP_MODE, PR_FP_MODE_FR|PR_FP_MODE_FRE|0x20)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_GET_FP_MODE, 0, 0, 0, 0) < 0 && err == EINVAL, "PR_GET_FP_MODE");
	expect("prctl(PR_GET_FP_MODE)");
	expect_rval("%s", rerr(EINVAL));
}

/*
 * Syscall user dispatch (Documentation/admin-guide/syscall-user-dispatch.rst): turned off,
 * which it already is, and a mode no kernel has.
 */
static void user_dispatch(void)
{
	check(PRCTL(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0) == 0, "PR_SYS_DISPATCH_OFF");
	expect("prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, NULL)");
	expect_rval("0");
	char selector = 0;
	check(PRCTL(PR_SET_SYSCALL_USER_DISPATCH, 0x77, 0x1000, 0x10, &selector) < 0 && err == EINVAL, "PR_SYS_DISPATCH 0x77");
	expect("prctl(PR_SET_SYSCALL_USER_DISPATCH, 0x77 /* PR_SYS_DISPATCH_??? */, 0x1000, 0x10, %s)", addr(&selector));
	expect_rval("%s", rerr(EINVAL));
}

/*
 * Core scheduling (Documentation/admin-guide/hw-vuln/core-scheduling.rst): this thread's
 * cookie, which the kernel stores at exit when it schedules by core (0 until one is made),
 * and a command it does not have.
 */
static void core_scheduling(void)
{
	unsigned long long cookie = 0xdeadbeef;
	int self = getpid();
	PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_GET, self, 0 /* PIDTYPE_PID */, &cookie);
	if (rc == 0) {
		char *shown = scratch();
		sprintf(shown, cookie ? "%#llx" : "0", cookie);
		expect("prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, %d, 0 /* PIDTYPE_PID */, [%s])", self, shown);
	} else
		expect("prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, %d, 0 /* PIDTYPE_PID */, %s)", self, addr(&cookie));
	expect_rval("%s", rv());
	check(PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_MAX, self, 1, 0) < 0 && err == EINVAL, "PR_SCHED_CORE_MAX");
	expect("prctl(PR_SCHED_CORE, 0x4 /* PR_SCHED_CORE_??? */, %d, 0x1 /* PIDTYPE_TGID */, NULL)", self);
	expect_rval("%s", rerr(EINVAL));
}

int main(void)
{
	char name[16] = "";
	check(PRCTL(PR_SET_NAME, "proc-test", 0, 0, 0) == 0, "PR_SET_NAME");
	expect("prctl(PR_SET_NAME, \"proc-test\")");
	expect_rval("0");
	check(PRCTL(PR_GET_NAME, name, 0, 0, 0) == 0, "PR_GET_NAME");
	expect("prctl(PR_GET_NAME, \"%s\")", name);
	expect_rval("0");
	check(PRCTL(PR_SET_NAME, "a-very-long-task-name", 0, 0, 0) == 0, "PR_SET_NAME long");
	expect("prctl(PR_SET_NAME, \"a-very-long-tas\"...)");
	expect_rval("0");
	/* exactly TASK_COMM_LEN - 1 characters: strace cannot see the NUL within them, so "..." */
	check(PRCTL(PR_SET_NAME, "exactly-15-char", 0, 0, 0) == 0, "PR_SET_NAME 15");
	expect("prctl(PR_SET_NAME, \"exactly-15-char\"...)");
	expect_rval("0");
	check(PRCTL(PR_SET_NAME, NULL, 0, 0, 0) < 0 && err == EFAULT, "PR_SET_NAME NULL");
	expect("prctl(PR_SET_NAME, NULL)");
	expect_rval("%s", rerr(EFAULT));
	check(PRCTL(PR_GET_NAME, (void *) -1, 0, 0, 0) < 0 && err == EFAULT, "PR_GET_NAME EFAULT");
	expect("prctl(PR_GET_NAME, 0xffffffffffffffff)");
	expect_rval("%s", rerr(EFAULT));

	int sig = -1;
	check(PRCTL(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) == 0, "PR_SET_PDEATHSIG");
	expect("prctl(PR_SET_PDEATHSIG, SIGUSR1)");
	expect_rval("0");
	check(PRCTL(PR_GET_PDEATHSIG, &sig, 0, 0, 0) == 0 && sig == SIGUSR1, "PR_GET_PDEATHSIG");
	expect("prctl(PR_GET_PDEATHSIG, [SIGUSR1])");
	expect_rval("0");
	check(PRCTL(PR_SET_PDEATHSIG, 0, 0, 0, 0) == 0, "PR_SET_PDEATHSIG 0");
	expect("prctl(PR_SET_PDEATHSIG, 0)");
	expect_rval("0");
	check(PRCTL(PR_GET_PDEATHSIG, &sig, 0, 0, 0) == 0 && sig == 0, "PR_GET_PDEATHSIG 0");
	expect("prctl(PR_GET_PDEATHSIG, [0])");
	expect_rval("0");
	check(PRCTL(PR_SET_PDEATHSIG, 99, 0, 0, 0) < 0 && err == EINVAL, "PR_SET_PDEATHSIG 99");
	expect("prctl(PR_SET_PDEATHSIG, 99)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SET_PDEATHSIG, 200, 0, 0, 0) < 0 && err == EINVAL, "PR_SET_PDEATHSIG 200");
	expect("prctl(PR_SET_PDEATHSIG, 200)");
	expect_rval("%s", rerr(EINVAL));

	long was = PRCTL(PR_GET_DUMPABLE, 0, 0, 0, 0);
	expect("prctl(PR_GET_DUMPABLE)");
	expect_rval("%s", rv_named(dumpable));
	PRCTL(PR_SET_DUMPABLE, was, 0, 0, 0);
	expect("prctl(PR_SET_DUMPABLE, %s)", sxval(dumpable, was, "SUID_DUMP_???"));
	expect_rval("%s", rv());
	check(PRCTL(PR_SET_DUMPABLE, 7, 0, 0, 0) < 0 && err == EINVAL, "PR_SET_DUMPABLE 7");
	expect("prctl(PR_SET_DUMPABLE, 0x7 /* SUID_DUMP_??? */)");
	expect_rval("%s", rerr(EINVAL));

	PRCTL(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	expect("prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)");
	expect_rval("%s", rv());
	check(PRCTL(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) < 0 && err == EINVAL, "PR_SET_NO_NEW_PRIVS 0");
	expect("prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0)");
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "PR_SET_NO_NEW_PRIVS");
	expect("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)");
	expect_rval("0");
	check(PRCTL(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) < 0 && err == EINVAL, "PR_SET_NO_NEW_PRIVS junk");
	expect("prctl(PR_SET_NO_NEW_PRIVS, 1, 0x1, 0, 0)");
	expect_rval("%s", rerr(EINVAL));

	PRCTL(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0);
	expect("prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN)");
	expect_rval("%s", rv());
	check(PRCTL(PR_CAPBSET_READ, 99, 0, 0, 0) < 0 && err == EINVAL, "PR_CAPBSET_READ 99");
	expect("prctl(PR_CAPBSET_READ, 0x63 /* CAP_??? */)");
	expect_rval("%s", rerr(EINVAL));
	PRCTL(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0);
	expect("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0)");
	expect_rval("%s", rv());
	PRCTL(PR_CAP_AMBIENT, 9, 0, 0, 0);
	expect("prctl(PR_CAP_AMBIENT, 0x9 /* PR_CAP_AMBIENT_??? */, 0, 0, 0)");
	expect_rval("%s", rv());

	int v = -1;
	check(PRCTL(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "PR_SET_CHILD_SUBREAPER");
	expect("prctl(PR_SET_CHILD_SUBREAPER, 1)");
	expect_rval("0");
	check(PRCTL(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) == 0 && v == 1, "PR_GET_CHILD_SUBREAPER");
	expect("prctl(PR_GET_CHILD_SUBREAPER, [1])");
	expect_rval("0");
	check(PRCTL(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0) == 0, "PR_SET_CHILD_SUBREAPER 0");
	expect("prctl(PR_SET_CHILD_SUBREAPER, 0)");
	expect_rval("0");
	check(PRCTL(PR_GET_CHILD_SUBREAPER, NULL, 0, 0, 0) < 0 && err == EFAULT, "PR_GET_CHILD_SUBREAPER NULL");
	expect("prctl(PR_GET_CHILD_SUBREAPER, NULL)");
	expect_rval("%s", rerr(EFAULT));

	void *tid_address = NULL;
	check(PRCTL(PR_GET_TID_ADDRESS, &tid_address, 0, 0, 0) == 0, "PR_GET_TID_ADDRESS");
	expect("prctl(PR_GET_TID_ADDRESS, [%s])", addr(tid_address));
	expect_rval("0");

	long keep = PRCTL(PR_GET_KEEPCAPS, 0, 0, 0, 0);
	check(keep >= 0, "PR_GET_KEEPCAPS");
	expect("prctl(PR_GET_KEEPCAPS)");
	expect_rval("%ld", keep);
	PRCTL(PR_SET_KEEPCAPS, keep, 0, 0, 0);
	expect("prctl(PR_SET_KEEPCAPS, %ld)", keep);
	expect_rval("%s", rv());
	long bits = PRCTL(PR_GET_SECUREBITS, 0, 0, 0, 0);
	expect("prctl(PR_GET_SECUREBITS)");
	expect_rval("%s", rv_flags(secbits));
	PRCTL(PR_SET_SECUREBITS, bits, 0, 0, 0);
	expect("prctl(PR_SET_SECUREBITS, %s)", sflags(secbits, bits));
	expect_rval("%s", rv());

	long slack = PRCTL(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	expect("prctl(PR_GET_TIMERSLACK)");
	expect_rval("%s", rv());
	check(PRCTL(PR_SET_TIMERSLACK, slack, 0, 0, 0) == 0, "PR_SET_TIMERSLACK");
	expect("prctl(PR_SET_TIMERSLACK, %ld)", slack);
	expect_rval("0");
	PRCTL(PR_GET_SECCOMP, 0, 0, 0, 0);
	expect("prctl(PR_GET_SECCOMP)");
	expect_rval("%s", rv());

	int tsc = 0;
	PRCTL(PR_GET_TSC, &tsc, 0, 0, 0);
	if (rc == 0)
		expect("prctl(PR_GET_TSC, [%s])", sxval(tsc_modes, tsc, "PR_TSC_???"));
	else
		expect("prctl(PR_GET_TSC, %s)", addr(&tsc));
	expect_rval("%s", rv());
	static const struct flag unalign[] = { FLAG(PR_UNALIGN_NOPRINT), FLAG(PR_UNALIGN_SIGBUS), END_FLAGS };
	PRCTL(PR_GET_UNALIGN, &v, 0, 0, 0);
	if (rc == 0)
		expect("prctl(PR_GET_UNALIGN, [%s])", sflags(unalign, v));
	else
		expect("prctl(PR_GET_UNALIGN, %s)", addr(&v));
	expect_rval("%s", rv());
	PRCTL(PR_MCE_KILL_GET, 0, 0, 0, 0);
	expect("prctl(PR_MCE_KILL_GET, 0, 0, 0, 0)");
	expect_rval("%s", rv_named(mce_policies));
	PRCTL(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
	expect("prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS)");
	expect_rval("%s", rv_flags(spec_flags));
	PRCTL(PR_GET_SPECULATION_CTRL, 9, 0, 0, 0);
	expect("prctl(PR_GET_SPECULATION_CTRL, 0x9 /* PR_SPEC_??? */)");
	expect_rval("%s", rv());
	/* the state is one value, not bits: PR_SPEC_PRCTL alone is no state to set */
	check(PRCTL(PR_SET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, PR_SPEC_PRCTL, 0, 0) < 0, "PR_SET_SPECULATION_CTRL");
	expect("prctl(PR_SET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0x1 /* PR_SPEC_??? */)");
	expect_rval("%s", rv());

	check(PRCTL(PR_TASK_PERF_EVENTS_DISABLE, 0, 0, 0, 0) == 0, "PERF_EVENTS_DISABLE");
	expect("prctl(PR_TASK_PERF_EVENTS_DISABLE)");
	expect_rval("0");
	check(PRCTL(PR_TASK_PERF_EVENTS_ENABLE, 0, 0, 0, 0) == 0, "PERF_EVENTS_ENABLE");
	expect("prctl(PR_TASK_PERF_EVENTS_ENABLE)");
	expect_rval("0");
	check(PRCTL(PR_SET_TIMING, PR_TIMING_STATISTICAL, 0, 0, 0) == 0, "PR_SET_TIMING");
	expect("prctl(PR_SET_TIMING, 0)");
	expect_rval("0");
	check(PRCTL(PR_GET_TIMING, 0, 0, 0, 0) == PR_TIMING_STATISTICAL, "PR_GET_TIMING");
	expect("prctl(PR_GET_TIMING)");
	expect_rval("0");

	PRCTL(PR_SET_MM, PR_SET_MM_START_CODE, 0, 0, 0);
	expect("prctl(PR_SET_MM, PR_SET_MM_START_CODE, 0, 0, 0)");
	expect_rval("%s", rv());
	PRCTL(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0, 0, 0);
	expect("prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, NULL, 0, NULL)");
	expect_rval("%s", rv());
	/* An empty filter program: refused before anything is installed. */
	struct sock_filter insns[1] = { { 0x06, 0, 0, 0x7fff0000 } };
	struct sock_fprog prog = { 0, insns };
	check(PRCTL(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0 && err == EINVAL, "PR_SET_SECCOMP");
	expect("prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=0, filter=%s})", addr(insns));
	expect_rval("%s", rerr(EINVAL));
	check(PRCTL(PR_SET_SECCOMP, 7, 1, 2, 3) < 0 && err == EINVAL, "PR_SET_SECCOMP 7");
	expect("prctl(PR_SET_SECCOMP, 0x7 /* SECCOMP_MODE_??? */, 0x1, 0x2, 0x3)");
	expect_rval("%s", rerr(EINVAL));
	PRCTL(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
	expect("prctl(PR_SET_TSC, PR_TSC_ENABLE)");
	expect_rval("%s", rv());
	PRCTL(PR_SET_PTRACER, -1, 0, 0, 0);
	expect("prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY)");
	expect_rval("%s", rv());
	check(PRCTL(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 9, 0, 0) < 0 && err == EINVAL, "PR_MCE_KILL");
	expect("prctl(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0x9, 0, 0)");
	expect_rval("%s", rerr(EINVAL));
	foreign_options();
	user_dispatch();
	core_scheduling();
	check(PRCTL(0x7777, 1, 2, 3, 4) < 0 && err == EINVAL, "unknown option");
	expect("prctl(0x7777 /* PR_??? */, 0x1, 0x2, 0x3, 0x4)");
	expect_rval("%s", rerr(EINVAL));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
