/*
 * execveat without -v: envp is abbreviated to "0x... /* N vars *\/" and argv
 * stops after -s elements with "...".  execveat rather than execve so that the
 * tracer's own execve of this program (whose envp address is unknowable here)
 * is filtered out.
 */
#include "tests.h"
#include <fcntl.h>

extern char **environ;

static void expect_argv(char *const *v)
{
	expect("[");
	for (unsigned i = 0; v[i]; i++) {
		if (i == max_strlen) {
			expect(", ...");
			break;
		}
		expect("%s%s", i ? ", " : "", qstr(v[i]));
	}
	expect("]");
}

static void expect_envp(char *const *v)
{
	unsigned n = 0;
	while (v[n])
		n++;
	expect("%s /* %u var%s */", addr(v), n, n == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		syscall(SYS_write, -1, "second image", 12);
		expect("write(-1, \"second image\", 12)");
		expect_rval("%s", rerr(EBADF));
		expect("exit_group(0)");
		expect_rval("?");
		expect_line("+++ exited with 0 +++");
		expect_flush();
		syscall(SYS_exit_group, 0);
	}

	char *const one[] = { "ONLY=1", NULL };
	int r = syscall(SYS_execveat, AT_FDCWD, "/nonexistent/execveat", argv, one, 0);
	check(r == -1 && errno == ENOENT, "ENOENT");
	expect("execveat(AT_FDCWD, \"/nonexistent/execveat\", ");
	expect_argv(argv);
	expect(", ");
	expect_envp(one);
	expect(", 0)");
	expect_rval("%s", rerr(ENOENT));

	int dir = open(".", O_RDONLY | O_DIRECTORY);
	check(dir >= 0, "open .");
	r = syscall(SYS_execveat, dir, "", argv, environ, AT_EMPTY_PATH);
	check(r == -1 && errno == EACCES, "EACCES");
	expect("execveat(%d, \"\", ", dir);
	expect_argv(argv);
	expect(", ");
	expect_envp(environ);
	expect(", AT_EMPTY_PATH)");
	expect_rval("%s", rerr(EACCES));

	static char *args[41];
	static char words[40][8];
	args[0] = argv[0];
	for (int i = 1; i < 40; i++) {
		snprintf(words[i], sizeof(words[i]), "arg%d", i);
		args[i] = words[i];
	}
	expect("execveat(%d, %s, ", dir, qpath(argv[0]));
	expect_argv(args);
	expect(", ");
	expect_envp(environ);
	expect(", 0)");
	expect_rval("0");
	expect_flush();
	syscall(SYS_execveat, dir, argv[0], args, environ, 0);
	check(0, "execveat");
}
