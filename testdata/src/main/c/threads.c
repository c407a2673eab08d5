/*
 * Threads with -f: each thread's calls carry its own tid; a thread's exit(0)
 * prints "= ?" and "+++ exited with 0 +++".  Threads run one at a time: the
 * next starts only after the tracer has reaped the previous one (its
 * /proc/self/task entry is gone), so the order of lines is fixed.
 * The last thread blocks in a traced read while the main thread makes a
 * traced call: "read(...,  <unfinished ...>" then "<... read resumed>".
 */
#include "tests.h"
#include <pthread.h>

static volatile int tids[3];

static void *run(void *arg)
{
	long i = (long) arg;
	tids[i] = gettid();
	char msg[] = "thread N";
	msg[7] = '0' + i;
	syscall(SYS_write, -1, msg, 8);
	return NULL;
}

static int pipe_fds[2];
static char got[2];

static void *reader(void *arg)
{
	tids[0] = gettid();
	read(pipe_fds[0], got, sizeof(got));
	return NULL;
}

int main(void)
{
	int pid = getpid();
	for (long i = 1; i <= 2; i++) {
		pthread_t t;
		check(pthread_create(&t, NULL, run, (void *) i) == 0, "pthread_create");
		check(pthread_join(t, NULL) == 0, "pthread_join");
		wait_reaped(tids[i]);
	}
	syscall(SYS_write, -1, "main", 4);

	check(pipe(pipe_fds) == 0, "pipe");
	pthread_t t;
	check(pthread_create(&t, NULL, reader, NULL) == 0, "pthread_create");
	struct timespec ms = { 0, 1000000 };
	while (tids[0] == 0)
		syscall(SYS_nanosleep, &ms, NULL);
	wait_sleeping(pid, tids[0]);
	syscall(SYS_write, -1, "wake", 4);
	sync_post(pipe_fds[1]);
	check(pthread_join(t, NULL) == 0, "pthread_join");
	wait_reaped(tids[0]);

	for (int i = 1; i <= 2; i++) {
		expect_pid(tids[i]);
		expect("write(-1, \"thread %d\", 8)", i);
		expect_rval("%s", rerr(EBADF));
		expect("exit(0)");
		expect_rval("?");
		expect_line("+++ exited with 0 +++");
	}
	expect_pid(pid);
	expect("write(-1, \"main\", 4)");
	expect_rval("%s", rerr(EBADF));
	expect_pid(tids[0]);
	expect_line("read(%d,  <unfinished ...>", pipe_fds[0]);
	expect_pid(pid);
	expect("write(-1, \"wake\", 4)");
	expect_rval("%s", rerr(EBADF));
	expect_pid(tids[0]);
	expect("<... read resumed>\"\\0\", 2)");
	expect_rval("1");
	expect("exit(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_pid(pid);
	expect("exit_group(0)");
	expect_rval("?");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	_exit(0);
}
