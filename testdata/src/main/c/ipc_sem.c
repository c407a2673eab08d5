/*
 * SysV semaphores: semget, semop and semtimedop with their sembuf arrays (sem_flg as
 * SEM_UNDO|IPC_NOWAIT), semctl's commands and arguments: semid_ds at IPC_STAT and
 * SEM_STAT, the short form at IPC_SET, seminfo at IPC_INFO and SEM_INFO, the rest as an
 * address or value. Every set is removed, even when a check fails.
 */
#include "mem.h"

#define IPC_64 0x100 /* include/uapi/linux/ipc.h; x86_64 takes no version bit: EINVAL */

static const char *semid_ds(const struct semid_ds *d)
{
	char *res = scratch();
	sprintf(res, "{sem_perm=%s, sem_otime=%ld, sem_ctime=%ld, sem_nsems=%lu}", ipc_perm(&d->sem_perm, 1),
		(long) d->sem_otime, (long) d->sem_ctime, d->sem_nsems);
	return res;
}

static const char *seminfo(const struct seminfo *i)
{
	char *res = scratch();
	sprintf(res, "{semmap=%d, semmni=%d, semmns=%d, semmnu=%d, semmsl=%d, semopm=%d, semume=%d, semusz=%d, "
		"semvmx=%d, semaem=%d}", i->semmap, i->semmni, i->semmns, i->semmnu, i->semmsl, i->semopm,
		i->semume, i->semusz, i->semvmx, i->semaem);
	return res;
}

int main(void)
{
	ipc_private_namespace();
	long s = S(SYS_semget, IPC_PRIVATE, 3, IPC_CREAT | 0600);
	ipc_track(IPC_KIND_SEM, s);
	must(s >= 0, "semget");
	expect("semget(IPC_PRIVATE, 3, IPC_CREAT|0600)");
	expect_rval("%ld", s);
	expect("semget(IPC_PRIVATE, -1, IPC_CREAT|IPC_EXCL|0600)");
	CALL_RVAL(S(SYS_semget, IPC_PRIVATE, -1, IPC_CREAT | IPC_EXCL | 0600));
	expect("semget(0x4a530001, 1, 000)");
	CALL_RVAL(S(SYS_semget, 0x4a530001, 1, 0));
	expect("semget(0x4a530001, 1, IPC_EXCL|IPC_NOWAIT|000)");
	CALL_RVAL(S(SYS_semget, 0x4a530001, 1, IPC_EXCL | IPC_NOWAIT));

	struct sembuf ops[3] = { { 0, 2, SEM_UNDO }, { 1, 1, IPC_NOWAIT }, { 2, 0, SEM_UNDO | IPC_NOWAIT } };
	expect("semop(%ld, [{sem_num=0, sem_op=2, sem_flg=SEM_UNDO}, {sem_num=1, sem_op=1, sem_flg=IPC_NOWAIT}, "
	       "{sem_num=2, sem_op=0, sem_flg=SEM_UNDO|IPC_NOWAIT}], 3)", s);
	CALL_RVAL(S(SYS_semop, s, ops, 3));
	struct sembuf down = { 1, -1, 0 };
	expect("semop(%ld, [{sem_num=1, sem_op=-1, sem_flg=0}], 1)", s);
	CALL_RVAL(S(SYS_semop, s, &down, 1));
	struct sembuf odd = { 0, 1, 0x10 | IPC_NOWAIT };
	expect("semop(%ld, [{sem_num=0, sem_op=1, sem_flg=IPC_NOWAIT|0x10}], 1)", s);
	CALL_RVAL(S(SYS_semop, s, &odd, 1));
	odd.sem_flg = 0x10;
	expect("semop(%ld, [{sem_num=0, sem_op=1, sem_flg=0x10 /* SEM_??? */}], 1)", s);
	CALL_RVAL(S(SYS_semop, s, &odd, 1));
	expect("semop(%ld, [], 0)", s);
	CALL_RVAL(S(SYS_semop, s, ops, 0));
	expect("semop(%ld, 0xffffffffffffffff, 1)", s);
	CALL_RVAL(S(SYS_semop, s, -1L, 1));

	struct timespec ts = { 0, 1000 };
	struct sembuf wait = { 1, -5, 0 };
	expect("semtimedop(%ld, [{sem_num=1, sem_op=-5, sem_flg=0}], 1, {tv_sec=0, tv_nsec=1000})", s);
	CALL_RVAL(S(SYS_semtimedop, s, &wait, 1, &ts));
	expect("semtimedop(%ld, [{sem_num=0, sem_op=-2, sem_flg=SEM_UNDO}], 1, NULL)", s);
	struct sembuf undo = { 0, -2, SEM_UNDO };
	CALL_RVAL(S(SYS_semtimedop, s, &undo, 1, NULL));
	expect("semtimedop(%ld, [{sem_num=0, sem_op=1, sem_flg=0}], 1, 0xffffffffffffffff)", s);
	struct sembuf up = { 0, 1, 0 };
	CALL_RVAL(S(SYS_semtimedop, s, &up, 1, -1L));

	struct semid_ds ds;
	must(S(SYS_semctl, s, 0, IPC_STAT, &ds) == 0, "IPC_STAT");
	expect("semctl(%ld, 0, IPC_STAT, %s)", s, semid_ds(&ds));
	expect_rval("0");
	ds.sem_perm.mode = 0640;
	must(S(SYS_semctl, s, 0, IPC_SET, &ds) == 0, "IPC_SET");
	expect("semctl(%ld, 0, IPC_SET, {sem_perm=%s})", s, ipc_perm(&ds.sem_perm, 0));
	expect_rval("0");
	long idx = S(SYS_semctl, s, 0, SEM_STAT, &ds);
	expect("semctl(%ld, 0, SEM_STAT, %s)", s, idx < 0 ? addr(&ds) : semid_ds(&ds));
	expect_rval("%s", rval_errno(idx, errno));
	struct seminfo si;
	long top = S(SYS_semctl, 0, 0, IPC_INFO, &si);
	must(top >= 0, "IPC_INFO");
	expect("semctl(0, 0, IPC_INFO, %s)", seminfo(&si));
	expect_rval("%ld", top);
	top = S(SYS_semctl, 0, 0, SEM_INFO, &si);
	must(top >= 0, "SEM_INFO");
	expect("semctl(0, 0, SEM_INFO, %s)", seminfo(&si));
	expect_rval("%ld", top);

	/* the other commands: the argument as an address (a value prints in hex) */
	expect("semctl(%ld, 2, SETVAL, 0x5)", s);
	CALL_RVAL(S(SYS_semctl, s, 2, SETVAL, 5L));
	expect("semctl(%ld, 2, GETVAL, NULL)", s);
	CALL_RVAL(S(SYS_semctl, s, 2, GETVAL, NULL));
	unsigned short vals[3] = { 1, 2, 3 };
	expect("semctl(%ld, 0, SETALL, %s)", s, addr(vals));
	CALL_RVAL(S(SYS_semctl, s, 0, SETALL, vals));
	expect("semctl(%ld, 0, GETALL, %s)", s, addr(vals));
	CALL_RVAL(S(SYS_semctl, s, 0, GETALL, vals));
	expect("semctl(%ld, 1, GETPID, NULL)", s);
	CALL_RVAL(S(SYS_semctl, s, 1, GETPID, NULL));
	expect("semctl(%ld, 1, GETNCNT, NULL)", s);
	CALL_RVAL(S(SYS_semctl, s, 1, GETNCNT, NULL));
	expect("semctl(%ld, 1, GETZCNT, NULL)", s);
	CALL_RVAL(S(SYS_semctl, s, 1, GETZCNT, NULL));
	expect("semctl(%ld, 0, IPC_STAT, 0xffffffffffffffff)", s);
	CALL_RVAL(S(SYS_semctl, s, 0, IPC_STAT, -1L));
	expect("semctl(%ld, 0, IPC_64|SETVAL, 0x7)", s);
	CALL_RVAL(S(SYS_semctl, s, 0, IPC_64 | SETVAL, 7L));
	expect("semctl(%ld, 0, 0x63 /* SEM_??? */, NULL)", s);
	CALL_RVAL(S(SYS_semctl, s, 0, 99, NULL));

	expect("semctl(%ld, 0, IPC_RMID, NULL)", s);
	CALL_RVAL(S(SYS_semctl, s, 0, IPC_RMID, NULL));
	ipc_forget(IPC_KIND_SEM, s);
	expect("semop(%ld, [{sem_num=0, sem_op=1, sem_flg=0}], 1)", s);
	CALL_RVAL(S(SYS_semop, s, &up, 1));

	ipc_cleanup();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
