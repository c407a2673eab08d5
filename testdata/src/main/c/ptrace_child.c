/*
 * ptrace on a child of its own (the tracer follows only the parent, no -f): the child
 * asks to be traced and stops; the parent reads its memory and a register, writes a word,
 * sets options, reads the event message and the stop's syscall info (as far as the buffer
 * reaches), reads and writes back the stop's siginfo and registers (NT_PRSTATUS whole, cut
 * short and in a larger buffer; PTRACE_GETREGS), peeks at the empty signal queue, reads and
 * sets the child's signal mask, resumes it with PTRACE_CONT and reaps it with wait4.
 * SIGCHLD stays blocked so that no signal line lands between calls.
 */
#include "tests.h"
#include <stddef.h>
#include <elf.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>


static volatile unsigned long secret = 0x2a2a2a2a;

/* struct user_regs_struct as strace prints it: as many registers as len bytes hold, in hex. */
static const char *regs_text(const struct user_regs_struct *r, size_t len)
{
	static const char *const names[] = { "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
		"rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base",
		"gs_base", "ds", "es", "fs", "gs" };
	const unsigned long long *v = (const unsigned long long *) r;
	char *res = scratch(), *p = res;
	p += sprintf(p, "{");
	for (size_t k = 0; k < len / 8 && k < sizeof(names) / sizeof(*names); k++)
		p += sprintf(p, v[k] ? "%s%s=%#llx" : "%s%s=%llu", k ? ", " : "", names[k], v[k]);
	sprintf(p, "}");
	return res;
}

int main(void)
{
	unblock_all_signals(); /* a JVM's children start with some blocked */
	uint64_t chld = 1ULL << (SIGCHLD - 1);
	check(S(SYS_rt_sigprocmask, SIG_BLOCK, &chld, NULL, 8) == 0, "block SIGCHLD");
	int parent = getpid();
	int child = S(SYS_fork); /* fork(2) is not traced */
	check(child >= 0, "fork");
	if (child == 0) {
		if (S(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0) != 0)
			_exit(90);
		S(SYS_kill, S(SYS_getpid), SIGSTOP);
		_exit(5);
	}

	int status;
	check(S(SYS_wait4, child, &status, 0, NULL) == child && WIFSTOPPED(status), "wait4 stopped");
	expect("wait4(%d, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], 0, NULL)", child);
	expect_rval("%d", child);

	unsigned long word = 0;
	check(S(SYS_ptrace, PTRACE_PEEKDATA, child, &secret, &word) == 0 && word == secret, "PEEKDATA");
	expect("ptrace(PTRACE_PEEKDATA, %d, %s, [%#lx])", child, addr((void *) &secret), word);
	expect_rval("0");
	unsigned long orig_rax = 0;
	check(S(SYS_ptrace, PTRACE_PEEKUSER, child, offsetof(struct user, regs.orig_rax), &orig_rax) == 0, "PEEKUSER");
	expect("ptrace(PTRACE_PEEKUSER, %d, 8*ORIG_RAX, [%#lx])", child, orig_rax);
	expect_rval("0");
	check(S(SYS_ptrace, PTRACE_POKEDATA, child, &secret, 0x1234) == 0, "POKEDATA");
	expect("ptrace(PTRACE_POKEDATA, %d, %s, 0x1234)", child, addr((void *) &secret));
	expect_rval("0");
	check(S(SYS_ptrace, PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL) == 0, "SETOPTIONS");
	expect("ptrace(PTRACE_SETOPTIONS, %d, NULL, PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL)", child);
	expect_rval("0");
	unsigned long msg = 99;
	check(S(SYS_ptrace, PTRACE_GETEVENTMSG, child, 0, &msg) == 0, "GETEVENTMSG");
	expect("ptrace(PTRACE_GETEVENTMSG, %d, NULL, [%lu])", child, msg);
	expect_rval("0");
	/* struct ptrace_syscall_info of a signal-delivery stop: op NONE and the common part, 24 bytes; only the
	 * members wholly within the buffer print */
	struct { uint8_t op, pad[3]; uint32_t arch; uint64_t ip, sp; uint64_t rest[8]; } psi;
	memset(&psi, 0xff, sizeof(psi));
	check(S(SYS_ptrace, 0x420e /* PTRACE_GET_SYSCALL_INFO */, child, sizeof(psi), &psi) == 24 && psi.op == 0 &&
	      psi.arch == 0xc000003e, "GET_SYSCALL_INFO");
	expect("ptrace(PTRACE_GET_SYSCALL_INFO, %d, %zu, {op=PTRACE_SYSCALL_INFO_NONE, arch=AUDIT_ARCH_X86_64, "
	       "instruction_pointer=%#llx, stack_pointer=%#llx})", child, sizeof(psi), (unsigned long long) psi.ip,
	       (unsigned long long) psi.sp);
	expect_rval("24");
	check(S(SYS_ptrace, 0x420e, child, 12, &psi) == 24, "GET_SYSCALL_INFO, 12 bytes");
	expect("ptrace(PTRACE_GET_SYSCALL_INFO, %d, 12, {op=PTRACE_SYSCALL_INFO_NONE, arch=AUDIT_ARCH_X86_64})", child);
	expect_rval("24");
	siginfo_t si;
	check(S(SYS_ptrace, PTRACE_GETSIGINFO, child, 0, &si) == 0 && si.si_signo == SIGSTOP, "GETSIGINFO");
	expect("ptrace(PTRACE_GETSIGINFO, %d, NULL, {si_signo=SIGSTOP, si_code=SI_USER, si_pid=%d, si_uid=%d})", child,
	       si.si_pid, si.si_uid);
	expect_rval("0");
	check(S(SYS_ptrace, PTRACE_SETSIGINFO, child, 0, &si) == 0, "SETSIGINFO");
	expect("ptrace(PTRACE_SETSIGINFO, %d, NULL, {si_signo=SIGSTOP, si_code=SI_USER, si_pid=%d, si_uid=%d})", child,
	       si.si_pid, si.si_uid);
	expect_rval("0");
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof(regs) };
	check(S(SYS_ptrace, PTRACE_GETREGSET, child, NT_PRSTATUS, &iov) == 0, "GETREGSET");
	expect("ptrace(PTRACE_GETREGSET, %d, NT_PRSTATUS, {iov_base=%s, iov_len=%zu})", child, regs_text(&regs, iov.iov_len),
	       iov.iov_len);
	expect_rval("0");
	check(S(SYS_ptrace, PTRACE_SETREGSET, child, NT_PRSTATUS, &iov) == 0, "SETREGSET");
	expect("ptrace(PTRACE_SETREGSET, %d, NT_PRSTATUS, {iov_base=%s, iov_len=%zu})", child, regs_text(&regs, iov.iov_len),
	       iov.iov_len);
	expect_rval("0");
	iov.iov_len = 8;
	check(S(SYS_ptrace, PTRACE_GETREGSET, child, NT_PRSTATUS, &iov) == 0, "GETREGSET 8");
	expect("ptrace(PTRACE_GETREGSET, %d, NT_PRSTATUS, {iov_base=%s, iov_len=8})", child, regs_text(&regs, 8));
	expect_rval("0");
	iov.iov_len = 100;
	check(S(SYS_ptrace, PTRACE_GETREGSET, child, NT_PRSTATUS, &iov) < 0 && errno == EINVAL, "GETREGSET 100");
	expect("ptrace(PTRACE_GETREGSET, %d, NT_PRSTATUS, {iov_base=%s, iov_len=100})", child, addr(&regs));
	expect_rval("%s", rerr(EINVAL));
	/* a buffer larger than the registers: the kernel shortens iov_len, strace prints old => new */
	struct { struct user_regs_struct r; unsigned long spare; } big;
	struct iovec big_iov = { &big, sizeof(big) };
	check(S(SYS_ptrace, PTRACE_GETREGSET, child, NT_PRSTATUS, &big_iov) == 0 && big_iov.iov_len == sizeof(regs),
	      "GETREGSET big");
	expect("ptrace(PTRACE_GETREGSET, %d, NT_PRSTATUS, {iov_base=%s, iov_len=%zu => %zu})", child,
	       regs_text(&big.r, sizeof(regs)), sizeof(big), sizeof(regs));
	expect_rval("0");
	/* x86's PTRACE_GETREGS: the whole struct, printed in addr's place */
	check(S(SYS_ptrace, PTRACE_GETREGS, child, 0, &regs) == 0, "GETREGS");
	expect("ptrace(PTRACE_GETREGS, %d, %s)", child, regs_text(&regs, sizeof(regs)));
	expect_rval("0");
	/* no signal is queued for the stopped child: an empty array */
	struct { uint64_t off; uint32_t flags, nr; } peek = { 0, 1 /* PTRACE_PEEKSIGINFO_SHARED */, 4 };
	siginfo_t queued[4];
	check(S(SYS_ptrace, 0x4209 /* PTRACE_PEEKSIGINFO */, child, &peek, queued) == 0, "PEEKSIGINFO");
	expect("ptrace(PTRACE_PEEKSIGINFO, %d, {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=4}, [])", child);
	expect_rval("0");
	uint64_t mask = 0;
	check(S(SYS_ptrace, PTRACE_GETSIGMASK, child, 8, &mask) == 0 && mask == chld, "GETSIGMASK");
	expect("ptrace(PTRACE_GETSIGMASK, %d, 8, [CHLD])", child);
	expect_rval("0");
	mask |= 1ULL << (SIGUSR2 - 1);
	check(S(SYS_ptrace, PTRACE_SETSIGMASK, child, 8, &mask) == 0, "SETSIGMASK");
	expect("ptrace(PTRACE_SETSIGMASK, %d, 8, [USR2 CHLD])", child);
	expect_rval("0");
	check(S(SYS_ptrace, PTRACE_GETSIGMASK, child, 4, &mask) < 0 && errno == EINVAL, "GETSIGMASK 4");
	expect("ptrace(PTRACE_GETSIGMASK, %d, 4, %s)", child, addr(&mask));
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_ptrace, PTRACE_PEEKDATA, child, 8, &word) < 0 && errno == EIO, "PEEKDATA EIO");
	expect("ptrace(PTRACE_PEEKDATA, %d, 0x8, %s)", child, addr(&word));
	expect_rval("%s", rerr(EIO));
	check(S(SYS_ptrace, PTRACE_CONT, child, 0, 0) == 0, "CONT");
	expect("ptrace(PTRACE_CONT, %d, NULL, 0)", child);
	expect_rval("0");
	check(S(SYS_wait4, child, &status, 0, NULL) == child && WIFEXITED(status), "wait4 exited");
	expect("wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 5}], 0, NULL)", child);
	expect_rval("%d", child);
	(void) parent;

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
