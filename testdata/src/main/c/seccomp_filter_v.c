/*
 * A seccomp filter program decoded instruction by instruction (-v): installed with
 * prctl(PR_SET_SECCOMP), it lets every syscall through but getppid, which it fails with
 * EPERM: getppid cannot fail otherwise, so the failure proves the filter runs.
 * A second program, refused with EINVAL, holds the instruction codes the first has not
 * (X operands, a register transfer, a store, bits no part names) and ends in memory
 * that cannot be read.
 */
#include "tests.h"
#include <stddef.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>

int main(void)
{
	struct sock_filter allow[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 4, allow };
	check(CALL(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "PR_SET_NO_NEW_PRIVS");
	expect("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)");
	expect_rval("0");
	check(CALL(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0, "PR_SET_SECCOMP");
	expect("prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=4, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0), "
	       "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, %#x, 0, 0x1), BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|%#x), "
	       "BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW)]})", SYS_getppid, EPERM);
	expect_rval("0");
	check(CALL(SYS_getppid) < 0 && err == EPERM, "the filter answers");

	/* the second program's last instruction is on a page that cannot be read */
	size_t page = sysconf(_SC_PAGESIZE);
	char *pages = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(pages != MAP_FAILED && munmap(pages + page, page) == 0, "mmap");
	struct sock_filter odd[] = {
		BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 14),
		BPF_STMT(BPF_ALU | BPF_X | BPF_MOD, 0),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),
		BPF_STMT(BPF_ST, 3),
		BPF_STMT(BPF_STX | 0x100, 1),
		BPF_STMT(BPF_RET | BPF_A, 0),
		BPF_STMT(BPF_RET | BPF_K, 0x0ffe0000),
	};
	struct sock_filter *at = (struct sock_filter *) (pages + page) - 7;
	memcpy(at, odd, sizeof(odd));
	struct sock_fprog bad = { 8, at };
	check(CALL(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &bad) < 0 && err == EFAULT, "seccomp");
	expect("seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=8, filter=[BPF_STMT(BPF_LDX|BPF_B|BPF_MSH, 0xe), "
	       "BPF_STMT(BPF_ALU|BPF_X|BPF_MOD, 0), BPF_STMT(BPF_MISC|BPF_TXA, 0), BPF_STMT(BPF_ST, 0x3), "
	       "BPF_STMT(BPF_STX|0x100 /* BPF_??? */, 0x1), BPF_STMT(BPF_RET|BPF_A, SECCOMP_RET_KILL_THREAD), "
	       "BPF_STMT(BPF_RET|BPF_K, 0xffe0000 /* SECCOMP_RET_??? */), ... /* %s */]})", addr(pages + page));
	expect_rval("%s", rerr(EFAULT));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
