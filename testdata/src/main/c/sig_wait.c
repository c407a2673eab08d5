/*
 * Waiting for and sending signals, and where handlers run: sigaltstack (stack_t in and
 * out, SS_ flags, SS_ONSTACK inside a handler), tkill, rt_sigpending (any size up to the
 * kernel's sigset_t), rt_sigtimedwait (the siginfo taken and the signal returned by name),
 * rt_tgsigqueueinfo (a siginfo passed in), rt_sigsuspend (ERESTARTNOHAND and the handler),
 * pidfd_open, pidfd_send_signal and pidfd_getfd. Every signal is sent to this process while
 * blocked, so nothing arrives before the test takes it.
 */
#include "tests.h"
#include <fcntl.h>

/* include/uapi/linux/signal.h and pidfd.h, which glibc 2.36 does not include here */
#define SS_AUTODISARM (1U << 31)
#define PIDFD_NONBLOCK O_NONBLOCK

static char altstack[65536];
static stack_t in_handler;

static void on_usr1(int sig)
{
	(void) sig;
	syscall(SYS_sigaltstack, NULL, &in_handler);
}

static const char *stk(const stack_t *s)
{
	static const char *const names[] = { "0", "SS_ONSTACK", "SS_DISABLE" };
	char *res = scratch();
	const char *flags = s->ss_flags == (int) SS_AUTODISARM ? "SS_AUTODISARM"
			    : s->ss_flags >= 0 && s->ss_flags < 3 ? names[s->ss_flags] : "?";
	sprintf(res, "{ss_sp=%s, ss_flags=%s, ss_size=%zu}", addr(s->ss_sp), flags, s->ss_size);
	return res;
}

/* The siginfo of a signal this process sent itself: SI_TKILL, SI_USER, or SI_QUEUE with an int. */
static const char *info(const char *sig, const char *code, int pid, int uid, const int *value)
{
	char *res = scratch();
	int n = sprintf(res, "{si_signo=%s, si_code=%s, si_pid=%d, si_uid=%d", sig, code, pid, uid);
	if (value)
		n += sprintf(res + n, ", si_int=%d, si_ptr=%#x", *value, *value);
	strcpy(res + n, "}");
	return res;
}

static void altstacks(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, old;
	check(syscall(SYS_sigaltstack, &ss, &old) == 0, "sigaltstack");
	expect("sigaltstack(%s, %s)", stk(&ss), stk(&old));
	expect_rval("0");
	check(syscall(SYS_sigaltstack, NULL, &old) == 0, "sigaltstack get");
	expect("sigaltstack(NULL, %s)", stk(&old));
	expect_rval("0");
	ss.ss_flags = SS_AUTODISARM;
	check(syscall(SYS_sigaltstack, &ss, NULL) == 0, "sigaltstack autodisarm");
	expect("sigaltstack(%s, NULL)", stk(&ss));
	expect_rval("0");
	ss.ss_flags = 0x10;
	long rc = syscall(SYS_sigaltstack, &ss, &old);
	expect("sigaltstack({ss_sp=%s, ss_flags=0x10 /* SS_??? */, ss_size=%zu}, %s)", addr(altstack), sizeof(altstack),
	       addr(&old));
	expect_rval("%s", rerr(EINVAL));
	ss.ss_flags = 0;
	ss.ss_size = 10;
	rc = syscall(SYS_sigaltstack, &ss, NULL);
	expect("sigaltstack(%s, NULL)", stk(&ss));
	expect_rval("%s", rerr(ENOMEM));
	rc = syscall(SYS_sigaltstack, (void *) -1, NULL);
	expect("sigaltstack(0xffffffffffffffff, NULL)");
	expect_rval("%s", rerr(EFAULT));
	(void) rc;
	/* the stack the handler below runs on */
	ss.ss_flags = SS_ONSTACK;
	ss.ss_size = sizeof(altstack);
	check(syscall(SYS_sigaltstack, &ss, NULL) == 0, "sigaltstack onstack");
	expect("sigaltstack(%s, NULL)", stk(&ss));
	expect_rval("0");
}

int main(void)
{
	int pid = getpid(), uid = getuid();
	unblock_all_signals();
	default_signal(SIGUSR1);
	default_signal(SIGUSR2);
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };
	check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	uint64_t usr = 1ULL << (SIGUSR1 - 1) | 1ULL << (SIGUSR2 - 1), none = 0, pending = 0;
	check(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &usr, NULL, 8) == 0, "block");

	altstacks();

	long rc = syscall(SYS_tkill, pid, SIGUSR1);
	expect("tkill(%d, SIGUSR1)", pid);
	expect_rval("%ld", rc);
	rc = syscall(SYS_tkill, pid, 0);
	expect("tkill(%d, 0)", pid);
	expect_rval("%ld", rc);
	rc = syscall(SYS_tkill, -5, SIGUSR1);
	expect("tkill(-5, SIGUSR1)");
	expect_rval("%s", rerr(EINVAL));

	check(syscall(SYS_rt_sigpending, &pending, 8) == 0, "rt_sigpending");
	expect("rt_sigpending([USR1], 8)");
	expect_rval("0");
	check(syscall(SYS_rt_sigpending, &pending, 4) == 0, "rt_sigpending 4");
	expect("rt_sigpending([USR1], 4)");
	expect_rval("0");
	rc = syscall(SYS_rt_sigpending, &pending, 16);
	expect("rt_sigpending(%s, 16)", addr(&pending));
	expect_rval("%s", rerr(EINVAL));

	siginfo_t si;
	struct timespec us = { 0, 1000 };
	rc = syscall(SYS_rt_sigtimedwait, &usr, &si, &us, 8);
	check(rc == SIGUSR1, "rt_sigtimedwait");
	expect("rt_sigtimedwait([USR1 USR2], %s, {tv_sec=0, tv_nsec=1000}, 8)", info("SIGUSR1", "SI_TKILL", pid, uid, NULL));
	expect_rval("%d (SIGUSR1)", SIGUSR1);
	rc = syscall(SYS_rt_sigtimedwait, &usr, &si, &us, 8);
	expect("rt_sigtimedwait([USR1 USR2], %s, {tv_sec=0, tv_nsec=1000}, 8)", addr(&si));
	expect_rval("%s", rerr(EAGAIN));
	rc = syscall(SYS_rt_sigtimedwait, &usr, NULL, NULL, 4);
	expect("rt_sigtimedwait(%s, NULL, NULL, 4)", addr(&usr));
	expect_rval("%s", rerr(EINVAL));

	int value = 42;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_pid = pid;
	si.si_uid = uid;
	si.si_value.sival_int = value;
	rc = syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGUSR2, &si);
	expect("rt_tgsigqueueinfo(%d, %d, SIGUSR2, %s)", pid, pid, info("SIGUSR2", "SI_QUEUE", pid, uid, &value));
	expect_rval("%ld", rc);
	rc = syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGUSR2, (void *) -1);
	expect("rt_tgsigqueueinfo(%d, %d, SIGUSR2, 0xffffffffffffffff)", pid, pid);
	expect_rval("%s", rerr(EFAULT));
	rc = syscall(SYS_rt_sigtimedwait, &usr, &si, NULL, 8);
	check(rc == SIGUSR2, "rt_sigtimedwait queued");
	expect("rt_sigtimedwait([USR1 USR2], %s, NULL, 8)", info("SIGUSR2", "SI_QUEUE", pid, uid, &value));
	expect_rval("%d (SIGUSR2)", SIGUSR2);

	int pfd = syscall(SYS_pidfd_open, pid, 0);
	check(pfd >= 0, "pidfd_open");
	expect("pidfd_open(%d, 0)", pid);
	expect_rval("%d", pfd);
	rc = syscall(SYS_pidfd_open, pid, PIDFD_NONBLOCK);
	expect("pidfd_open(%d, PIDFD_NONBLOCK)", pid);
	expect_rval("%ld", rc);
	rc = syscall(SYS_pidfd_open, pid, 0x10);
	expect("pidfd_open(%d, 0x10 /* PIDFD_??? */)", pid);
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_pidfd_open, -1, 0);
	expect("pidfd_open(-1, 0)");
	expect_rval("%s", rerr(EINVAL));

	rc = syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0);
	expect("pidfd_send_signal(%d, SIGUSR1, NULL, 0)", pfd);
	expect_rval("%ld", rc);
	value = 7;
	si.si_value.sival_int = value;
	rc = syscall(SYS_pidfd_send_signal, pfd, SIGUSR2, &si, 0);
	expect("pidfd_send_signal(%d, SIGUSR2, %s, 0)", pfd, info("SIGUSR2", "SI_QUEUE", pid, uid, &value));
	expect_rval("%ld", rc);
	rc = syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 5);
	expect("pidfd_send_signal(%d, SIGUSR1, NULL, 0x5)", pfd);
	expect_rval("%s", rerr(EINVAL));
	/* only SIGUSR2: SIGUSR1 stays pending for rt_sigsuspend */
	uint64_t usr2 = 1ULL << (SIGUSR2 - 1);
	rc = syscall(SYS_rt_sigtimedwait, &usr2, &si, NULL, 8);
	check(rc == SIGUSR2, "rt_sigtimedwait pidfd");
	expect("rt_sigtimedwait([USR2], %s, NULL, 8)", info("SIGUSR2", "SI_QUEUE", pid, uid, &value));
	expect_rval("%d (SIGUSR2)", SIGUSR2);

	rc = syscall(SYS_pidfd_getfd, pfd, 0, 0);
	expect("pidfd_getfd(%d, 0, 0)", pfd);
	expect_rval("%ld", rc);
	rc = syscall(SYS_pidfd_getfd, pfd, 0, 1);
	expect("pidfd_getfd(%d, 0, 0x1)", pfd);
	expect_rval("%s", rerr(EINVAL));
	rc = syscall(SYS_pidfd_getfd, pfd, 9999, 0);
	expect("pidfd_getfd(%d, 9999, 0)", pfd);
	expect_rval("%s", rerr(EBADF));

	/* the pending SIGUSR1 runs its handler, on the alternate stack, as soon as the mask is empty */
	syscall(SYS_rt_sigsuspend, &none, 8);
	expect("rt_sigsuspend([], 8)");
	expect_rval("? ERESTARTNOHAND (To be restarted if no handler)");
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d, si_uid=%d} ---", pid, uid);
	expect("sigaltstack(NULL, %s)", stk(&in_handler));
	expect_rval("0");
	rc = syscall(SYS_rt_sigsuspend, &none, 4);
	expect("rt_sigsuspend(%s, 4)", addr(&none));
	expect_rval("%s", rerr(EINVAL));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
