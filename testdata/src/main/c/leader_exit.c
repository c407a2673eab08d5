/*
 * The leader thread exits alone (exit, not exit_group) while another thread
 * goes on; the leader stays a zombie and the tracer reports its exit only after
 * the last thread has ended the group with exit_group(7).
 */
#include "tests.h"
#include <pthread.h>

static int leader;

static void *run(void *unused)
{
	int tid = gettid();
	/* the leader is a zombie once it has exited: state Z */
	struct timespec ms = { 0, 1000000 };
	while (task_state(leader, leader) != 'Z')
		syscall(SYS_nanosleep, &ms, NULL);
	syscall(SYS_write, -1, "last thread", 11);

	expect_pid(leader);
	expect("exit(0)");
	expect_rval("?");
	expect_pid(tid);
	expect("write(-1, \"last thread\", 11)");
	expect_rval("%s", rerr(EBADF));
	expect("exit_group(7)");
	expect_rval("?");
	expect_line("+++ exited with 7 +++");
	expect_pid(leader);
	expect_line("+++ exited with 7 +++");
	expect_flush();
	syscall(SYS_exit_group, 7);
	return NULL;
}

int main(void)
{
	leader = getpid();
	pthread_t t;
	check(pthread_create(&t, NULL, run, NULL) == 0, "pthread_create");
	syscall(SYS_exit, 0);
}
