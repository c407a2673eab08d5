/*
 * SysV shared memory: shmget's flags (SHM_HUGETLB, SHM_NORESERVE), shmat's flags and
 * address, shmdt, shmctl's commands: shmid_ds at IPC_STAT and SHM_STAT, the short form
 * at IPC_SET, shminfo at IPC_INFO, shm_info at SHM_INFO. Every segment is removed, even
 * when a check fails.
 */
#include "mem.h"

#define IPC_64 0x100 /* include/uapi/linux/ipc.h; x86_64 takes no version bit: EINVAL */
#define SHM_HUGE_2MB (21 << 26) /* include/uapi/linux/shm.h */

static const char *shmid_ds(const struct shmid_ds *d)
{
	char *res = scratch();
	sprintf(res, "{shm_perm=%s, shm_segsz=%zu, shm_cpid=%d, shm_lpid=%d, shm_nattch=%lu, shm_atime=%ld, "
		"shm_dtime=%ld, shm_ctime=%ld}", ipc_perm(&d->shm_perm, 1), d->shm_segsz, d->shm_cpid, d->shm_lpid,
		d->shm_nattch, (long) d->shm_atime, (long) d->shm_dtime, (long) d->shm_ctime);
	return res;
}

static const char *shmat_rval(void *p, int e)
{
	return p == (void *) -1 ? rerr(e) : addr(p);
}

int main(void)
{
	ipc_private_namespace();
	long h = S(SYS_shmget, IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	ipc_track(IPC_KIND_SHM, h);
	must(h >= 0, "shmget");
	expect("shmget(IPC_PRIVATE, 8192, IPC_CREAT|0600)");
	expect_rval("%ld", h);
	long n = S(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | SHM_NORESERVE | 0640);
	ipc_track(IPC_KIND_SHM, n);
	expect("shmget(IPC_PRIVATE, 4096, IPC_CREAT|SHM_NORESERVE|0640)");
	expect_rval("%s", rval_errno(n, errno));
	long g = S(SYS_shmget, IPC_PRIVATE, 1 << 21, IPC_CREAT | SHM_HUGETLB | SHM_HUGE_2MB | 0600);
	ipc_track(IPC_KIND_SHM, g);
	expect("shmget(IPC_PRIVATE, 2097152, IPC_CREAT|SHM_HUGETLB|21<<SHM_HUGE_SHIFT|0600)");
	expect_rval("%s", rval_errno(g, errno));
	expect("shmget(0x4a530002, 4096, 000)");
	CALL_RVAL(S(SYS_shmget, 0x4a530002, 4096, 0));
	/* shmget's "|" before the mode follows any flag bits, named or not, and the page size */
	expect("shmget(0x4a530002, 4096, 0x10000|0600)");
	CALL_RVAL(S(SYS_shmget, 0x4a530002, 4096, 0x10000 | 0600));
	expect("shmget(0x4a530002, 4096, 0x10000|21<<SHM_HUGE_SHIFT|0600)");
	CALL_RVAL(S(SYS_shmget, 0x4a530002, 4096, SHM_HUGE_2MB | 0x10000 | 0600));

	void *a = (void *) S(SYS_shmat, h, NULL, SHM_RDONLY);
	expect("shmat(%ld, NULL, SHM_RDONLY)", h);
	expect_rval("%s", shmat_rval(a, errno));
	void *b = (void *) S(SYS_shmat, h, NULL, 0);
	must(b != (void *) -1, "shmat");
	expect("shmat(%ld, NULL, 0)", h);
	expect_rval("%s", addr(b));
	expect("shmat(%ld, 0x1001, 0)", h);
	void *c = (void *) S(SYS_shmat, h, 0x1001, 0);
	expect_rval("%s", shmat_rval(c, errno));
	expect("shmat(%ld, %s, SHM_RND|SHM_REMAP)", h, addr((char *) b + 1));
	c = (void *) S(SYS_shmat, h, (char *) b + 1, SHM_RND | SHM_REMAP);
	expect_rval("%s", shmat_rval(c, errno));
	expect("shmat(%ld, NULL, SHM_EXEC|0x80000)", h);
	void *d = (void *) S(SYS_shmat, h, NULL, SHM_EXEC | 0x80000);
	expect_rval("%s", shmat_rval(d, errno));
	expect("shmat(%ld, NULL, 0x80000 /* SHM_??? */)", h);
	void *e = (void *) S(SYS_shmat, h, NULL, 0x80000);
	expect_rval("%s", shmat_rval(e, errno));

	struct shmid_ds ds;
	must(S(SYS_shmctl, h, IPC_STAT, &ds) == 0, "IPC_STAT");
	expect("shmctl(%ld, IPC_STAT, %s)", h, shmid_ds(&ds));
	expect_rval("0");
	ds.shm_perm.mode = 0660;
	must(S(SYS_shmctl, h, IPC_SET, &ds) == 0, "IPC_SET");
	expect("shmctl(%ld, IPC_SET, {shm_perm=%s})", h, ipc_perm(&ds.shm_perm, 0));
	expect_rval("0");
	expect("shmctl(%ld, SHM_LOCK, NULL)", h);
	CALL_RVAL(S(SYS_shmctl, h, SHM_LOCK, NULL));
	long idx = S(SYS_shmctl, h, SHM_STAT, &ds);
	expect("shmctl(%ld, SHM_STAT, %s)", h, idx < 0 ? addr(&ds) : shmid_ds(&ds));
	expect_rval("%s", rval_errno(idx, errno));
	expect("shmctl(%ld, SHM_UNLOCK, NULL)", h);
	CALL_RVAL(S(SYS_shmctl, h, SHM_UNLOCK, NULL));
	struct shminfo si;
	long top = S(SYS_shmctl, 0, IPC_INFO, &si);
	must(top >= 0, "IPC_INFO");
	expect("shmctl(0, IPC_INFO, {shmmax=%lu, shmmin=%lu, shmmni=%lu, shmseg=%lu, shmall=%lu})", si.shmmax,
	       si.shmmin, si.shmmni, si.shmseg, si.shmall);
	expect_rval("%ld", top);
	struct shm_info in;
	top = S(SYS_shmctl, 0, SHM_INFO, &in);
	must(top >= 0, "SHM_INFO");
	expect("shmctl(0, SHM_INFO, {used_ids=%d, shm_tot=%lu, shm_rss=%lu, shm_swp=%lu, swap_attempts=%lu, "
	       "swap_successes=%lu})", in.used_ids, in.shm_tot, in.shm_rss, in.shm_swp, in.swap_attempts,
	       in.swap_successes);
	expect_rval("%ld", top);
	expect("shmctl(%ld, IPC_STAT, 0xffffffffffffffff)", h);
	CALL_RVAL(S(SYS_shmctl, h, IPC_STAT, -1L));
	expect("shmctl(%ld, IPC_64|IPC_STAT, %s)", h, addr(&ds));
	CALL_RVAL(S(SYS_shmctl, h, IPC_64 | IPC_STAT, &ds));
	expect("shmctl(%ld, 0x4d /* SHM_??? */, NULL)", h);
	CALL_RVAL(S(SYS_shmctl, h, 77, NULL));

	void *att[] = { a, b, c, d, e };
	for (unsigned i = 0; i < 5; i++) {
		if (att[i] == (void *) -1 || (i == 2 && c == b))
			continue;
		expect("shmdt(%s)", addr(att[i]));
		CALL_RVAL(S(SYS_shmdt, att[i]));
	}
	expect("shmdt(0x1001)");
	CALL_RVAL(S(SYS_shmdt, 0x1001));

	long ids[] = { h, n, g };
	for (unsigned i = 0; i < 3; i++) {
		if (ids[i] < 0)
			continue;
		expect("shmctl(%ld, IPC_RMID, NULL)", ids[i]);
		CALL_RVAL(S(SYS_shmctl, ids[i], IPC_RMID, NULL));
		ipc_forget(IPC_KIND_SHM, ids[i]);
	}

	ipc_cleanup();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
