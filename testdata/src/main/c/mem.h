/*
 * Helpers shared by the memory and IPC programs (mem_*.c, numa.c, ipc_*.c, mqueue.c).
 */
#ifndef JSTRACE_MEM_H
#define JSTRACE_MEM_H

#include "tests.h"

/* rerr() for the errno values of IPC calls that tests.h does not name. */
static const char *rerr_mem(int e)
{
	const char *name;
	switch (e) {
	case ENOMSG: name = "ENOMSG"; break;
	case EIDRM: name = "EIDRM"; break;
	case EOPNOTSUPP: name = "EOPNOTSUPP"; break;
	case ETIMEDOUT: name = "ETIMEDOUT"; break;
	default: return rerr(e);
	}
	char *res = scratch();
	sprintf(res, "-1 %s (%s)", name, strerror(e));
	return res;
}

/* The return value strace prints for a call that returned r (errno e when r is -1). */
static const char *rval(long r, int e)
{
	if (r == -1)
		return rerr_mem(e);
	char *res = scratch();
	sprintf(res, "%ld", r);
	return res;
}

/* Make a syscall and end the expected line (started by the caller) with its result. */
#define CALL_RVAL(call) do { errno = 0; long r_ = (call); int e_ = errno; expect_rval("%s", rval(r_, e_)); } while (0)

#endif
