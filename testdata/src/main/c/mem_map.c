/*
 * Calls on existing mappings: madvise advice, mincore's vector, msync flags, mremap
 * (MREMAP_FIXED's new address), remap_file_pages, the mlock family, process_madvise's
 * iovec and process_mrelease; unknown values, bad addresses and failures.
 */
#include "mem.h"
#include <fcntl.h>
#include <sys/mman.h>


static void madv(void *p, size_t len, int advice, const char *name)
{
	expect("madvise(%s, %zu, %s)", addr(p), len, name);
	CALL_RVAL(S(SYS_madvise, p, len, advice));
}

static void mincore_vec(void *p, size_t len, unsigned char *vec)
{
	long r = S(SYS_mincore, p, len, vec);
	int e = errno;
	expect("mincore(%s, %zu, ", addr(p), len);
	if (r == 0) {
		size_t n = (len + 4095) / 4096;
		expect("[");
		for (size_t i = 0; i < n && i <= max_strlen; i++)
			expect(i == max_strlen ? ", ..." : "%s%u", i ? ", " : "", vec[i] & 1);
		expect("])");
	} else {
		expect("%s)", addr(vec));
	}
	expect_rval("%s", rval_errno(r, e));
}

int main(void)
{
	static unsigned char vec[64];
	char *p = mmap(NULL, 40 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap");
	p[0] = 1;
	p[2 * 4096] = 1;

	madv(p, 4096, MADV_NORMAL, "MADV_NORMAL");
	madv(p, 8192, MADV_RANDOM, "MADV_RANDOM");
	madv(p, 8192, MADV_SEQUENTIAL, "MADV_SEQUENTIAL");
	madv(p, 4096, MADV_WILLNEED, "MADV_WILLNEED");
	madv(p + 4096, 4096, MADV_DONTNEED, "MADV_DONTNEED");
	madv(p, 4096, MADV_DONTFORK, "MADV_DONTFORK");
	madv(p, 4096, MADV_DOFORK, "MADV_DOFORK");
	madv(p, 4096, MADV_DONTDUMP, "MADV_DONTDUMP");
	madv(p, 4096, MADV_DODUMP, "MADV_DODUMP");
	madv(p, 4096, MADV_WIPEONFORK, "MADV_WIPEONFORK");
	madv(p, 4096, MADV_KEEPONFORK, "MADV_KEEPONFORK");
	madv(p, 4096, MADV_COLD, "MADV_COLD");
	madv(p, 4096, MADV_POPULATE_READ, "MADV_POPULATE_READ");
	madv(p, 4096, 25, "MADV_COLLAPSE");
	madv(p, 4096, 99, "0x63 /* MADV_??? */");
	madv(p + 1, 4096, MADV_NORMAL, "MADV_NORMAL");

	/* the vector: one byte a page, bit 0 set for resident pages; 32 at most, then ... */
	mincore_vec(p, 4 * 4096, vec);
	mincore_vec(p, 3 * 4096 + 1, vec);
	mincore_vec(p, 40 * 4096, vec);
	mincore_vec(p, 4096, (unsigned char *) -1);
	mincore_vec(p + 1, 4096, vec);

	expect("msync(%s, 4096, MS_SYNC)", addr(p));
	CALL_RVAL(S(SYS_msync, p, 4096, MS_SYNC));
	expect("msync(%s, 4096, MS_ASYNC|MS_INVALIDATE)", addr(p));
	CALL_RVAL(S(SYS_msync, p, 4096, MS_ASYNC | MS_INVALIDATE));
	expect("msync(%s, 4096, MS_ASYNC|0x10)", addr(p));
	CALL_RVAL(S(SYS_msync, p, 4096, MS_ASYNC | 0x10));
	expect("msync(%s, 4096, 0x10 /* MS_??? */)", addr(p));
	CALL_RVAL(S(SYS_msync, p, 4096, 0x10));
	expect("msync(%s, 4096, 0)", addr(p + 1));
	CALL_RVAL(S(SYS_msync, p + 1, 4096, 0));

	/* mremap: the new address prints only with MREMAP_FIXED */
	char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED, "mmap m");
	char *q = (char *) S(SYS_mremap, m, 4096, 8192, 0);
	expect("mremap(%s, 4096, 8192, 0)", addr(m));
	expect_rval("%s", q == MAP_FAILED ? rerr(errno) : addr(q));
	check(munmap(m, 4 * 4096) == 0, "munmap");
	m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED, "mmap m");
	q = (char *) S(SYS_mremap, m, 2 * 4096, 16 * 4096, MREMAP_MAYMOVE);
	check(q != MAP_FAILED, "mremap maymove");
	expect("mremap(%s, 8192, 65536, MREMAP_MAYMOVE)", addr(m));
	expect_rval("%s", addr(q));
	char *dest = p + 20 * 4096;
	char *f = (char *) S(SYS_mremap, q, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, dest);
	check(f == dest, "mremap fixed");
	expect("mremap(%s, 4096, 4096, MREMAP_MAYMOVE|MREMAP_FIXED, %s)", addr(q), addr(dest));
	expect_rval("%s", addr(f));
	f = (char *) S(SYS_mremap, q + 4096, 4096, 4096, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, dest);
	expect("mremap(%s, 4096, 4096, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)", addr(q + 4096));
	expect_rval("%s", f == MAP_FAILED ? rerr(errno) : addr(f));
	check(S(SYS_mremap, q, 4096, 4096, 0x10) == -1 && errno == EINVAL, "mremap EINVAL");
	expect("mremap(%s, 4096, 4096, 0x10 /* MREMAP_??? */)", addr(q));
	expect_rval("%s", rerr(EINVAL));
	/* strace prints new_address only when both MREMAP_MAYMOVE and MREMAP_FIXED are set */
	check(S(SYS_mremap, q, 4096, 4096, MREMAP_FIXED | 0x20, (void *) -1) == -1 && errno == EINVAL, "mremap");
	expect("mremap(%s, 4096, 4096, MREMAP_FIXED|0x20)", addr(q));
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_mremap, q, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED | 0x20, (void *) -1) == -1 && errno == EINVAL, "mremap");
	expect("mremap(%s, 4096, 4096, MREMAP_MAYMOVE|MREMAP_FIXED|0x20, 0xffffffffffffffff)", addr(q));
	expect_rval("%s", rerr(EINVAL));

	/* remap_file_pages: prot and MAP_* flags (0 is MAP_FILE) */
	int fd = open("mem_map.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && ftruncate(fd, 2 * 4096) == 0, "file");
	char *sh = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(sh != MAP_FAILED, "mmap shared");
	expect("remap_file_pages(%s, 4096, PROT_NONE, 1, MAP_FILE)", addr(sh));
	CALL_RVAL(S(SYS_remap_file_pages, sh, 4096, 0, 1, 0));
	expect("remap_file_pages(%s, 4096, PROT_NONE, 0, MAP_FILE|MAP_NONBLOCK)", addr(sh));
	CALL_RVAL(S(SYS_remap_file_pages, sh, 4096, 0, 0, MAP_NONBLOCK));
	expect("remap_file_pages(%s, 4096, PROT_READ, 0, MAP_SHARED)", addr(p));
	CALL_RVAL(S(SYS_remap_file_pages, p, 4096, PROT_READ, 0, MAP_SHARED));
	check(munmap(sh, 2 * 4096) == 0, "munmap sh");
	close(fd);
	unlink("mem_map.tmp");

	/* the mlock family */
	expect("mlock(%s, 8192)", addr(p));
	CALL_RVAL(S(SYS_mlock, p, 8192));
	expect("munlock(%s, 8192)", addr(p));
	CALL_RVAL(S(SYS_munlock, p, 8192));
	expect("mlock2(%s, 4096, 0)", addr(p));
	CALL_RVAL(S(SYS_mlock2, p, 4096, 0));
	expect("mlock2(%s, 4096, MLOCK_ONFAULT)", addr(p));
	CALL_RVAL(S(SYS_mlock2, p, 4096, MLOCK_ONFAULT));
	expect("mlock2(%s, 4096, MLOCK_ONFAULT|0x6)", addr(p));
	CALL_RVAL(S(SYS_mlock2, p, 4096, MLOCK_ONFAULT | 6));
	expect("mlock2(%s, 4096, 0x6 /* MLOCK_??? */)", addr(p));
	CALL_RVAL(S(SYS_mlock2, p, 4096, 6));
	expect("munlock(%s, 4096)", addr(p));
	CALL_RVAL(S(SYS_munlock, p, 4096));
	expect("mlock(0xfff, 4096)");
	CALL_RVAL(S(SYS_mlock, 0xfff, 4096));
	expect("mlockall(MCL_CURRENT)");
	CALL_RVAL(S(SYS_mlockall, MCL_CURRENT));
	expect("munlockall()");
	CALL_RVAL(S(SYS_munlockall));
	expect("mlockall(MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT)");
	CALL_RVAL(S(SYS_mlockall, MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT));
	expect("munlockall()");
	CALL_RVAL(S(SYS_munlockall));
	expect("mlockall(MCL_FUTURE|0x10)");
	CALL_RVAL(S(SYS_mlockall, MCL_FUTURE | 0x10));
	expect("mlockall(0x10 /* MCL_??? */)");
	CALL_RVAL(S(SYS_mlockall, 0x10));

	/* process_madvise takes a pidfd and an iovec of ranges (printed as addresses) */
	int pidfd = S(SYS_pidfd_open, getpid(), 0);
	check(pidfd >= 0, "pidfd_open");
	struct iovec iov[2] = { { p, 4096 }, { p + 8192, 8192 } };
	expect("process_madvise(%d, [{iov_base=%s, iov_len=4096}, {iov_base=%s, iov_len=8192}], 2, MADV_COLD, 0)",
	       pidfd, addr(p), addr(p + 8192));
	CALL_RVAL(S(SYS_process_madvise, pidfd, iov, 2, MADV_COLD, 0));
	expect("process_madvise(%d, [{iov_base=%s, iov_len=4096}], 1, MADV_PAGEOUT, 0x1)", pidfd, addr(p));
	CALL_RVAL(S(SYS_process_madvise, pidfd, iov, 1, MADV_PAGEOUT, 1));
	expect("process_madvise(-1, 0xffffffffffffffff, 1, MADV_WILLNEED, 0)");
	CALL_RVAL(S(SYS_process_madvise, -1, -1L, 1, MADV_WILLNEED, 0));

	/* process_mrelease: only for a dying process; ours is alive */
	expect("process_mrelease(%d, 0)", pidfd);
	CALL_RVAL(S(SYS_process_mrelease, pidfd, 0));
	expect("process_mrelease(%d, 0x1)", pidfd);
	CALL_RVAL(S(SYS_process_mrelease, pidfd, 1));
	expect("process_mrelease(-1, 0)");
	CALL_RVAL(S(SYS_process_mrelease, -1, 0));
	close(pidfd);

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
