/*
 * execve with -v: the tracer's own execve of the program (argv and the whole
 * environment, known here from AT_EXECFN, argv and environ), a failing execve,
 * and a successful execve of this program again with other arguments and
 * environment; the new image prints the rest and exits with 5.
 */
#include "tests.h"
#include <sys/auxv.h>

extern char **environ;

static void expect_array(char *const *v)
{
	expect("[");
	for (int i = 0; v[i]; i++)
		expect("%s%s", i ? ", " : "", qstr(v[i]));
	expect("]");
}

static void expect_execve(const char *path, char *const *argv, char *const *envp)
{
	expect("execve(%s, ", qpath(path));
	expect_array(argv);
	expect(", ");
	expect_array(envp);
	expect(")");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "second") == 0) {
		syscall(SYS_write, -1, "second image", 12);
		expect("write(-1, \"second image\", 12)");
		expect_rval("%s", rerr(EBADF));
		expect("exit_group(5)");
		expect_rval("?");
		expect_line("+++ exited with 5 +++");
		expect_flush();
		syscall(SYS_exit_group, 5);
	}

	expect_execve((const char *) getauxval(AT_EXECFN), argv, environ);
	expect_rval("0");

	char *const none[] = { NULL };
	char *const bad_argv[] = { "nothing", NULL };
	int r = execve("/nonexistent/exec", bad_argv, none);
	check(r == -1 && errno == ENOENT, "ENOENT");
	expect_execve("/nonexistent/exec", bad_argv, none);
	expect_rval("%s", rerr(ENOENT));

	char *const args[] = { argv[0], "second", "", "tab\there \"quoted\"\n",
			       "an argument longer than thirty-two bytes is cut", NULL };
	char *const env[] = { "ONE=1", "EMPTY=", "LONG=an environment string longer than thirty-two bytes", NULL };
	expect_execve(argv[0], args, env);
	expect_rval("0");
	expect_flush();
	execve(argv[0], args, env);
	check(0, "execve");
}
