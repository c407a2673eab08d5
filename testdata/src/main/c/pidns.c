/*
 * Ids passed and returned inside a pid namespace of the tracee's own, for
 * --pidns-translation (PidnsTranslationTest). The program unshares a user and a pid
 * namespace; its first child is the new namespace's init (pid 1), whose child starts a
 * session of its own (pid, process group and session 2) and forks a grandchild (3) in it.
 * Each of them makes calls that pass or return those ids, and prints, as ground truth,
 * its ids in every namespace from /proc's down to its own, as the kernel lists them in
 * /proc/self/status:
 *
 *   ids NAME NSpid=OUTER...,INNER NSpgid=... NSsid=...
 *
 * Exits 77 when the namespaces cannot be made (no unprivileged user namespaces).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The NSpid, NSpgid and NSsid lines of /proc/self/status, as one line on stdout. */
static void print_ids(const char *name)
{
	char line[256], out[1024];
	int n = snprintf(out, sizeof(out), "ids %s", name);
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		exit(1);
	while (fgets(line, sizeof(line), f)) {
		const char *keys[] = {"NSpid:", "NSpgid:", "NSsid:"};
		for (int k = 0; k < 3; k++) {
			size_t len = strlen(keys[k]);
			if (strncmp(line, keys[k], len))
				continue;
			n += snprintf(out + n, sizeof(out) - n, " %.*s=", (int) len - 1, keys[k]);
			int first = 1;
			for (char *t = strtok(line + len, " \t\n"); t; t = strtok(NULL, " \t\n"), first = 0)
				n += snprintf(out + n, sizeof(out) - n, "%s%s", first ? "" : ",", t);
		}
	}
	fclose(f);
	n += snprintf(out + n, sizeof(out) - n, "\n");
	if (write(1, out, n) != n)
		exit(1);
}

/* pid 3: a member of 2's session and group. */
static void grandchild(void)
{
	print_ids("grandchild");
	syscall(SYS_getpgid, 0);
	syscall(SYS_getsid, 0);
	syscall(SYS_kill, -2, 0);
	_exit(0);
}

static void on_usr1(int sig)
{
	(void) sig;
}

/* pid 2: a session and a process group of its own; signals itself. */
static void child(void)
{
	syscall(SYS_setsid);
	signal(SIGUSR1, on_usr1);
	print_ids("child");
	syscall(SYS_getpid);
	syscall(SYS_gettid);
	syscall(SYS_getpgrp);
	syscall(SYS_getsid, 0);
	syscall(SYS_kill, 1, 0);
	syscall(SYS_tgkill, 2, 2, 0);
	syscall(SYS_kill, 2, SIGUSR1);
	pid_t g = fork();
	if (g < 0)
		_exit(1);
	if (g == 0)
		grandchild();
	syscall(SYS_wait4, g, NULL, 0, NULL);
	_exit(0);
}

/* pid 1: the new namespace's init. */
static void init(void)
{
	print_ids("init");
	syscall(SYS_getpid);
	pid_t c = fork();
	if (c < 0)
		_exit(1);
	if (c == 0)
		child();
	syscall(SYS_wait4, -1, NULL, 0, NULL);
	_exit(0);
}

int main(void)
{
	print_ids("parent");
	syscall(SYS_getpid);
	if (unshare(CLONE_NEWUSER | CLONE_NEWPID) < 0)
		return 77;
	pid_t i = syscall(SYS_fork);
	if (i < 0)
		return 1;
	if (i == 0)
		init();
	int status;
	if (waitpid(i, &status, 0) != i || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}
