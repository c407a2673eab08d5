/*
 * ptrace requests a traced process can make, all failing (it is traced already, or the
 * target is not its tracee or does not exist), each printing the arguments its request
 * uses; then children made with clone and clone3 (-f), reaped with waitid (P_PID with
 * its siginfo, P_ALL with a struct rusage) and wait4, and waitid's failures. A child
 * exits only once the parent sleeps in its wait, so the order of lines is fixed.
 */
#include "tests.h"
#include <elf.h>
#include <linux/sched.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define NOPID 2147483647 /* above any pid_max */


static int parent, uid;

static void fails(int e, const char *fmt, ...)
{
	check(rc < 0 && err == e, fmt);
	va_list ap;
	va_start(ap, fmt);
	expect_vappend(fmt, ap);
	va_end(ap);
	expect_rval("%s", rerr(e));
}

static const char *siginfo(const siginfo_t *si)
{
	char *res = scratch();
	sprintf(res, "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, si_uid=%d, si_status=%d, si_utime=%ld, "
		"si_stime=%ld}", si->si_pid, uid, si->si_status, (long) si->si_utime, (long) si->si_stime);
	return res;
}

/* The child's side: wait until the parent sleeps in its wait, then exit. */
static void child_exit(int status)
{
	wait_sleeping(parent, parent);
	S(SYS_exit_group, status);
}

static void child_lines(int child, int status)
{
	expect_pid(child);
	expect("exit_group(%d)", status);
	expect_rval("?");
	expect_line("+++ exited with %d +++", status);
	expect_pid(parent);
}

int main(void)
{
	unblock_all_signals();
	default_signal(SIGCHLD);
	parent = getpid();
	uid = getuid();
	expect_pid(parent);
	long word;

	CALL(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
	fails(EPERM, "ptrace(PTRACE_TRACEME)");
	/* init is not our tracee: ESRCH (the tracer's pid would do too, but differs on every run) */
	CALL(SYS_ptrace, PTRACE_PEEKDATA, 1, 0, 0);
	fails(ESRCH, "ptrace(PTRACE_PEEKDATA, 1, NULL, NULL)");
	CALL(SYS_ptrace, PTRACE_PEEKTEXT, 1, 0x1000, &word);
	fails(ESRCH, "ptrace(PTRACE_PEEKTEXT, 1, 0x1000, %s)", addr(&word));
	CALL(SYS_ptrace, PTRACE_PEEKUSER, NOPID, 8 * 16, &word);
	fails(ESRCH, "ptrace(PTRACE_PEEKUSER, %d, 8*RIP, %s)", NOPID, addr(&word));
	CALL(SYS_ptrace, PTRACE_POKEUSER, NOPID, 216 + 4, 0);
	fails(ESRCH, "ptrace(PTRACE_POKEUSER, %d, offsetof(struct user, u_fpvalid)+4, NULL)", NOPID);
	CALL(SYS_ptrace, PTRACE_ATTACH, NOPID, 0, 0);
	fails(ESRCH, "ptrace(PTRACE_ATTACH, %d)", NOPID);
	CALL(SYS_ptrace, PTRACE_SEIZE, NOPID, 0, PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL);
	fails(ESRCH, "ptrace(PTRACE_SEIZE, %d, NULL, PTRACE_O_TRACECLONE|PTRACE_O_EXITKILL)", NOPID);
	CALL(SYS_ptrace, PTRACE_SETOPTIONS, NOPID, 0, PTRACE_O_TRACESYSGOOD | 0x1000);
	fails(ESRCH, "ptrace(PTRACE_SETOPTIONS, %d, NULL, PTRACE_O_TRACESYSGOOD|0x1000)", NOPID);
	CALL(SYS_ptrace, PTRACE_SETOPTIONS, NOPID, 0, 0x80000000UL);
	fails(ESRCH, "ptrace(PTRACE_SETOPTIONS, %d, NULL, 0x80000000 /* PTRACE_O_??? */)", NOPID);
	CALL(SYS_ptrace, PTRACE_CONT, NOPID, 0, SIGUSR1);
	fails(ESRCH, "ptrace(PTRACE_CONT, %d, NULL, SIGUSR1)", NOPID);
	CALL(SYS_ptrace, PTRACE_SYSCALL, NOPID, 0, 0);
	fails(ESRCH, "ptrace(PTRACE_SYSCALL, %d, NULL, 0)", NOPID);
	CALL(SYS_ptrace, PTRACE_DETACH, NOPID, 0, 4096);
	fails(ESRCH, "ptrace(PTRACE_DETACH, %d, NULL, 4096)", NOPID);
	CALL(SYS_ptrace, PTRACE_INTERRUPT, NOPID, 0, 0);
	fails(ESRCH, "ptrace(PTRACE_INTERRUPT, %d)", NOPID);
	CALL(SYS_ptrace, PTRACE_KILL, NOPID, 0, 0);
	fails(ESRCH, "ptrace(PTRACE_KILL, %d)", NOPID);
	CALL(SYS_ptrace, PTRACE_GETREGS, NOPID, 0, &word);
	fails(ESRCH, "ptrace(PTRACE_GETREGS, %d, %s)", NOPID, addr(&word));
	static char regs[256];
	struct iovec iov = { regs, sizeof(regs) };
	CALL(SYS_ptrace, PTRACE_GETREGSET, NOPID, NT_PRSTATUS, &iov);
	fails(ESRCH, "ptrace(PTRACE_GETREGSET, %d, NT_PRSTATUS, {iov_base=%s, iov_len=%zu})", NOPID, addr(regs),
	      sizeof(regs));
	CALL(SYS_ptrace, PTRACE_GETEVENTMSG, NOPID, 0, &word);
	fails(ESRCH, "ptrace(PTRACE_GETEVENTMSG, %d, NULL, %s)", NOPID, addr(&word));
	CALL(SYS_ptrace, PTRACE_GET_SYSCALL_INFO, NOPID, 88, &word);
	fails(ESRCH, "ptrace(PTRACE_GET_SYSCALL_INFO, %d, 88, %s)", NOPID, addr(&word));
	CALL(SYS_ptrace, 0x7777, NOPID, 2, 3);
	fails(ESRCH, "ptrace(0x7777 /* PTRACE_??? */, %d, 0x2, 0x3)", NOPID);

	/* clone, reaped by waitid(P_PID) with its siginfo. */
	int child = S(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	check(child >= 0, "clone");
	if (child == 0)
		child_exit(3);
	expect("clone(child_stack=NULL, flags=SIGCHLD)");
	expect_rval("%d", child);
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	check(CALL(SYS_waitid, P_PID, child, &si, WEXITED, NULL) == 0, "waitid");
	expect_line("waitid(P_PID, %d,  <unfinished ...>", child);
	child_lines(child, 3);
	expect("<... waitid resumed>%s, WEXITED, NULL)", siginfo(&si));
	expect_rval("0");
	expect_line("--- SIGCHLD %s ---", siginfo(&si));

	/* clone3 with the child's tid written to the parent, reaped by wait4. */
	int ptid = 0;
	struct clone_args ca;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PARENT_SETTID;
	ca.parent_tid = (unsigned long) &ptid;
	ca.exit_signal = SIGCHLD;
	child = S(SYS_clone3, &ca, sizeof(ca));
	check(child >= 0, "clone3");
	if (child == 0)
		child_exit(0);
	expect("clone3({flags=CLONE_PARENT_SETTID, parent_tid=%s, exit_signal=SIGCHLD, stack=NULL, stack_size=0} "
	       "=> {parent_tid=[%d]}, %zu)", addr(&ptid), ptid, sizeof(ca));
	expect_rval("%d", child);
	int status;
	check(CALL(SYS_wait4, child, &status, 0, NULL) == child, "wait4");
	expect_line("wait4(%d,  <unfinished ...>", child);
	child_lines(child, 0);
	expect("<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)");
	expect_rval("%d", child);
	siginfo_t chld = { .si_pid = child };
	expect_line("--- SIGCHLD %s ---", siginfo(&chld));

	/* clone3 without flags, reaped by waitid(P_ALL) with its rusage. */
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	child = S(SYS_clone3, &ca, sizeof(ca));
	check(child >= 0, "clone3 plain");
	if (child == 0)
		child_exit(7);
	expect("clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, %zu)", sizeof(ca));
	expect_rval("%d", child);
	struct rusage ru;
	check(CALL(SYS_waitid, P_ALL, 0, &si, WEXITED, &ru) == 0, "waitid P_ALL");
	expect_line("waitid(P_ALL, 0,  <unfinished ...>");
	child_lines(child, 7);
	expect("<... waitid resumed>%s, WEXITED, {ru_utime={tv_sec=%ld, tv_usec=%ld}, ru_stime={tv_sec=%ld, "
	       "tv_usec=%ld}, ...})", siginfo(&si), (long) ru.ru_utime.tv_sec, (long) ru.ru_utime.tv_usec,
	       (long) ru.ru_stime.tv_sec, (long) ru.ru_stime.tv_usec);
	expect_rval("0");
	expect_line("--- SIGCHLD %s ---", siginfo(&si));

	CALL(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL);
	fails(ECHILD, "waitid(P_ALL, 0, %s, WNOHANG|WEXITED, NULL)", addr(&si));
	CALL(SYS_waitid, 7, 0, &si, WEXITED, NULL);
	fails(EINVAL, "waitid(0x7 /* P_??? */, 0, %s, WEXITED, NULL)", addr(&si));
	CALL(SYS_waitid, P_PID, NOPID, NULL, WEXITED | WSTOPPED, NULL);
	fails(ECHILD, "waitid(P_PID, %d, NULL, WEXITED|WSTOPPED, NULL)", NOPID);
	CALL(SYS_clone3, NULL, sizeof(ca));
	fails(EFAULT, "clone3(NULL, %zu)", sizeof(ca));

	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	S(SYS_exit_group, 0);
}
