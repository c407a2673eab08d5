/*
 * Helpers shared by the memory and IPC programs (mem_*.c, numa.c, ipc_*.c, mqueue.c).
 */
#ifndef JSTRACE_MEM_H
#define JSTRACE_MEM_H

#include "tests.h"

/* Make a syscall and end the expected line (started by the caller) with its result. */
#define CALL_RVAL(call) do { errno = 0; long r_ = (call); int e_ = errno; expect_rval("%s", rval_errno(r_, e_)); } while (0)

#endif

/*
 * SysV IPC objects and message queues a program creates, removed by ipc_cleanup() so
 * that nothing is left behind when a check fails. Removal by the program's normal path
 * calls ipc_forget() after printing the expected line.
 */
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <sched.h>

/*
 * A private IPC namespace (unshare(2) needs CAP_SYS_ADMIN): its identifiers start from zero,
 * so the lines are the same on every run and under any tracer, and whatever a program
 * creates goes with the namespace when it exits. Where unshare is refused the objects live
 * in the caller's namespace, with varying identifiers, and ipc_cleanup() removes them.
 */
static int ipc_private_namespace(void)
{
	return unshare(CLONE_NEWIPC) == 0;
}

enum ipc_kind { IPC_KIND_MSG, IPC_KIND_SEM, IPC_KIND_SHM };
static struct { int kind, id; } ipc_objects[32];
static const char *mq_names[8];

static void ipc_track(int kind, long id)
{
	if (id < 0)
		return;
	for (unsigned i = 0; i < sizeof(ipc_objects) / sizeof(ipc_objects[0]); i++) {
		if (ipc_objects[i].id <= 0) {
			ipc_objects[i].kind = kind;
			ipc_objects[i].id = id + 1; /* 0 marks a free slot */
			return;
		}
	}
	abort();
}

static void ipc_forget(int kind, long id)
{
	for (unsigned i = 0; i < sizeof(ipc_objects) / sizeof(ipc_objects[0]); i++)
		if (ipc_objects[i].kind == kind && ipc_objects[i].id == id + 1)
			ipc_objects[i].id = 0;
}

static void mq_track(const char *name)
{
	for (unsigned i = 0; i < sizeof(mq_names) / sizeof(mq_names[0]); i++) {
		if (!mq_names[i]) {
			mq_names[i] = name;
			return;
		}
	}
	abort();
}

static void ipc_cleanup(void)
{
	for (unsigned i = 0; i < sizeof(ipc_objects) / sizeof(ipc_objects[0]); i++) {
		int id = ipc_objects[i].id - 1;
		if (id < 0)
			continue;
		if (ipc_objects[i].kind == IPC_KIND_MSG)
			syscall(SYS_msgctl, id, IPC_RMID, NULL);
		else if (ipc_objects[i].kind == IPC_KIND_SEM)
			syscall(SYS_semctl, id, 0, IPC_RMID, NULL);
		else
			syscall(SYS_shmctl, id, IPC_RMID, NULL);
		ipc_objects[i].id = 0;
	}
	for (unsigned i = 0; i < sizeof(mq_names) / sizeof(mq_names[0]); i++)
		if (mq_names[i])
			syscall(SYS_mq_unlink, mq_names[i]);
}

/* check() that removes the program's IPC objects before failing. */
static void must(int ok, const char *what)
{
	if (!ok) {
		int e = errno;
		ipc_cleanup();
		errno = e;
		check(0, what);
	}
}

/* A SysV key as strace prints it. */
static const char *ipc_key(key_t key)
{
	if (key == IPC_PRIVATE)
		return "IPC_PRIVATE";
	char *res = scratch();
	sprintf(res, "%#x", key);
	return res;
}

/* struct ipc_perm: the short form IPC_SET prints, or all of it */
static const char *ipc_perm(const struct ipc_perm *p, int full)
{
	char *res = scratch();
	int n = sprintf(res, "{uid=%u, gid=%u, mode=%#03o", p->uid, p->gid, p->mode);
	if (full)
		n += sprintf(res + n, ", key=%d, cuid=%u, cgid=%u", p->__key, p->cuid, p->cgid);
	sprintf(res + n, "}");
	return res;
}
