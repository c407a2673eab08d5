/* SIGKILL has no signal-delivery-stop: the kill call never returns ("= ?"). */
#include "tests.h"

int main(void)
{
	int pid = getpid();
	expect("kill(%d, SIGKILL)", pid);
	expect_rval("?");
	expect_line("+++ killed by SIGKILL +++");
	expect_flush();
	kill(pid, SIGKILL);
	return 0;
}
