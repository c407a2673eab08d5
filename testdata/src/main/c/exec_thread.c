/*
 * execve from a non-leader thread, with -f -v.  The leader sleeps in a traced
 * pause(); the thread execs this program again.  The kernel kills the leader
 * (its pause ends with "= ?"), the exec'ing thread takes over the leader's pid,
 * and the tracer prints "+++ superseded by execve in pid TID +++" under the
 * leader's pid before the execve returns there.
 * exec_thread_pid.c builds this with LEADER_UNTRACED: pause is not traced, and
 * the execve line ends with "<pid changed to PID ...>" instead.
 */
#include "tests.h"
#include <pthread.h>
#include <sys/auxv.h>

extern char **environ;

static void expect_array(char *const *v)
{
	expect("[");
	for (int i = 0; v[i]; i++)
		expect("%s%s", i ? ", " : "", qstr(v[i]));
	expect("]");
}

static char **args;
static int leader;

static void *run(void *unused)
{
	int tid = gettid();
	wait_sleeping(leader, leader);
	syscall(SYS_write, -1, "thread", 6);

	char tid_arg[16];
	snprintf(tid_arg, sizeof(tid_arg), "%d", tid);
	char *const new_args[] = { args[0], "after", tid_arg, NULL };

#ifndef LEADER_UNTRACED
	expect_pid(leader);
	expect_line("pause( <unfinished ...>");
#endif
	expect_pid(tid);
	expect("write(-1, \"thread\", 6)");
	expect_rval("%s", rerr(EBADF));
	expect("execve(%s, ", qpath(args[0]));
	expect_array(new_args);
	expect(", ");
	expect_array(environ);
#ifdef LEADER_UNTRACED
	expect_line(" <pid changed to %d ...>", leader);
	expect_pid(leader);
#else
	expect_line(" <unfinished ...>");
	expect_pid(leader);
	expect("<... pause resumed>)");
	expect_rval("?");
#endif
	expect_line("+++ superseded by execve in pid %d +++", tid);
	expect("<... execve resumed>)");
	expect_rval("0");
	expect_flush();
	execve(args[0], new_args, environ);
	check(0, "execve");
	return NULL;
}

int main(int argc, char **argv)
{
	leader = getpid();
	expect_pid(leader);
	if (argc > 2 && strcmp(argv[1], "after") == 0) {
		check(gettid() == leader, "tid after exec");
		syscall(SYS_write, -1, "after", 5);
		expect("write(-1, \"after\", 5)");
		expect_rval("%s", rerr(EBADF));
		expect("exit_group(0)");
		expect_rval("?");
		expect_line("+++ exited with 0 +++");
		expect_flush();
		syscall(SYS_exit_group, 0);
	}

	expect("execve(%s, ", qpath((const char *) getauxval(AT_EXECFN)));
	expect_array(argv);
	expect(", ");
	expect_array(environ);
	expect(")");
	expect_rval("0");

	args = argv;
	pthread_t t;
	check(pthread_create(&t, NULL, run, NULL) == 0, "pthread_create");
	pause();
	check(0, "pause");
}
