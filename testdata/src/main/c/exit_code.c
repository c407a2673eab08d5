/* Launch and exit status: a program whose only traced call is exit_group(3). */
#include "tests.h"

int main(void)
{
	expect("exit_group(3)");
	expect_rval("?");
	expect_line("+++ exited with 3 +++");
	expect_flush();
	_exit(3);
}
