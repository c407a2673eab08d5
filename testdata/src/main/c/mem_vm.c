/*
 * process_vm_readv and process_vm_writev on this process: the local iovec prints its
 * data (read: what arrived, write: what goes), the remote one addresses only; flags,
 * bad vectors and failures.
 */
#include "mem.h"


int main(void)
{
	static char src[] = "hello, remote world", dst[32];
	int pid = getpid();
	struct iovec local[2] = { { dst, 5 }, { dst + 5, 14 } };
	struct iovec remote[1] = { { src, 19 } };

	long n = S(SYS_process_vm_readv, pid, local, 2, remote, 1, 0);
	check(n == 19, "process_vm_readv");
	expect("process_vm_readv(%d, [{iov_base=\"hello\", iov_len=5}, {iov_base=\", remote world\", iov_len=14}], 2, "
	       "[{iov_base=%s, iov_len=19}], 1, 0)", pid, addr(src));
	expect_rval("19");

	static char out[] = "written";
	struct iovec wl[1] = { { out, 7 } };
	struct iovec wr[2] = { { dst, 3 }, { dst + 10, 4 } };
	n = S(SYS_process_vm_writev, pid, wl, 1, wr, 2, 0);
	check(n == 7, "process_vm_writev");
	expect("process_vm_writev(%d, [{iov_base=\"written\", iov_len=7}], 1, [{iov_base=%s, iov_len=3}, "
	       "{iov_base=%s, iov_len=4}], 2, 0)", pid, addr(dst), addr(dst + 10));
	expect_rval("7");

	/* a short read: only what arrived prints */
	struct iovec shortr[1] = { { src, 4 } };
	n = S(SYS_process_vm_readv, pid, local, 2, shortr, 1, 0);
	check(n == 4, "short read");
	expect("process_vm_readv(%d, [{iov_base=\"hell\", iov_len=5}, {iov_base=\"\", iov_len=14}], 2, "
	       "[{iov_base=%s, iov_len=4}], 1, 0)", pid, addr(src));
	expect_rval("4");

	check(S(SYS_process_vm_readv, pid, local, 2, remote, 1, 1) == -1 && errno == EINVAL, "flags");
	expect("process_vm_readv(%d, [{iov_base=%s, iov_len=5}, {iov_base=%s, iov_len=14}], 2, "
	       "[{iov_base=%s, iov_len=19}], 1, 1)", pid, addr(dst), addr(dst + 5), addr(src));
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_process_vm_writev, pid, wl, 1, (void *) -1, 1, 0) == -1 && errno == EFAULT, "bad remote");
	expect("process_vm_writev(%d, [{iov_base=\"written\", iov_len=7}], 1, 0xffffffffffffffff, 1, 0)", pid);
	expect_rval("%s", rerr(EFAULT));
	check(S(SYS_process_vm_readv, -1, local, 1, remote, 1, 0) == -1 && errno == ESRCH, "no such pid");
	expect("process_vm_readv(-1, [{iov_base=%s, iov_len=5}], 1, [{iov_base=%s, iov_len=19}], 1, 0)",
	       addr(dst), addr(src));
	expect_rval("%s", rerr(ESRCH));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
