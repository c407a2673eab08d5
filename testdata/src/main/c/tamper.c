/*
 * Syscall tampering (strace -e inject=, -e fault=; man strace, "Tampering"). The registry
 * row's expressions decide what the kernel never sees; this program observes what each
 * call returned and what became of its memory, checks that against those expressions, and
 * prints the lines a tracer must print, with strace's notes after the return value:
 *   chdir       error=ENOENT on calls 2, 4 and 6 of seven (when=2..6+2): the others run
 *   rmdir       its path's first bytes rewritten at entry (poke_enter), then run: it fails
 *               with the kernel's own ENOENT for the poked path           (INJECTED: args)
 *   unlink      poked at entry and failed with EACCES        (INJECTED: args, retval)
 *   umask       -e fault=umask: ENOSYS, the fault default
 *   getuid      signal=SIGUSR1, delivered as the call returns: the handler runs after it
 *   sched_yield held 50 ms at its exit (delay_exit=50ms)                       (DELAYED)
 *   getppid     replaced by getpid (syscall=getpid), returning 7 (retval=7)
 */
#include "tests.h"
#include <signal.h>
#include <time.h>

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	(void) sig;
	caught++;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

int main(void)
{
	unblock_all_signals(); /* rt_sigreturn prints the mask: not what the harness blocked */
	/* chdir: when=2..6+2 */
	for (int i = 1; i <= 7; i++) {
		long r = S(SYS_chdir, "/");
		int injected = i == 2 || i == 4 || i == 6;
		check(injected ? r == -1 && errno == ENOENT : r == 0, "chdir schedule");
		expect("chdir(\"/\")");
		expect_rval("%s%s", rval(r), injected ? " (INJECTED)" : "");
	}

	long r;

	/* rmdir: "/xx..." becomes "/js..." before the kernel reads it */
	char path[] = "/xxtamper-nonexistent";
	r = S(SYS_rmdir, path);
	check(r == -1 && errno == ENOENT && memcmp(path, "/js", 3) == 0, "rmdir poke");
	expect("rmdir(%s)", qpath(path));
	expect_rval("%s (INJECTED: args)", rerr(ENOENT));

	/* unlink: poked, and failed without running */
	char path2[] = "/xxtamper-nonexistent";
	r = S(SYS_unlink, path2);
	check(r == -1 && errno == EACCES && memcmp(path2, "/js", 3) == 0, "unlink poke");
	expect("unlink(%s)", qpath(path2));
	expect_rval("%s (INJECTED: args, retval)", rerr(EACCES));

	/* umask: -e fault= fails it with ENOSYS; the kernel never ran it */
	r = S(SYS_umask, 0077);
	check(r == -1 && errno == ENOSYS, "umask fault");
	expect("umask(077)");
	expect_rval("%s (INJECTED)", rerr(ENOSYS));

	/* getuid: SIGUSR1 comes with it */
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigaction(SIGUSR1, &sa, NULL);
	r = S(SYS_getuid);
	check(caught == 1, "signal delivered");
	expect("getuid()");
	expect_rval("%ld", r);
	expect_line("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_KERNEL} ---");
	expect("rt_sigreturn({mask=[]})");
	expect_rval("%ld", r);

	/* sched_yield: held at its exit */
	long t0 = now_ms();
	r = S(SYS_sched_yield);
	check(r == 0 && now_ms() - t0 >= 50, "delay");
	expect("sched_yield()");
	expect_rval("0 (DELAYED)");

	/*
	 * getppid: getpid runs in its place, and the value is set. Last: strace 6.1 never
	 * forgets, for the thread, that a replacement syscall was injected (TCB_TAMPERED_NO_FAIL
	 * outlives the call), and would then refuse to fail a later injected error.
	 */
	r = S(SYS_getppid);
	check(r == 7, "getppid retval");
	expect("getppid()");
	expect_rval("7 (INJECTED)");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
