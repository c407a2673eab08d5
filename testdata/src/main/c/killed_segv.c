/*
 * A fatal fault: the SIGSEGV line with si_addr, then "+++ killed by SIGSEGV +++".
 * The process makes itself non-dumpable so that no core is written, whatever
 * RLIMIT_CORE and core_pattern say (otherwise strace adds " (core dumped)").
 */
#include "tests.h"
#include <sys/prctl.h>

int main(void)
{
	unblock_all_signals();
	default_signal(SIGSEGV);
	check(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0, "PR_SET_DUMPABLE");
	syscall(SYS_write, -1, "crash", 5);
	expect("write(-1, \"crash\", 5)");
	expect_rval("%s", rerr(EBADF));
	expect_line("--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---");
	expect_line("+++ killed by SIGSEGV +++");
	expect_flush();
	*(volatile int *) 0x10 = 1;
	return 0;
}
