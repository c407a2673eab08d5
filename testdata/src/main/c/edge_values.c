/*
 * Argument values at the edges of their types, as strace 6.1 prints them: ids and
 * descriptors above INT_MAX printed unsigned (chown's uid, close_range's fd), flags the
 * kernel takes as an unsigned int printed without the register's upper half
 * (futex_waitv, pidfd_send_signal, landlock_restrict_self) and mbind's mode, an unsigned
 * long, printed whole; siginfo's si_errno after si_code, by name when it has one; a
 * struct kcmp_epoll_slot; a landlock ruleset attr larger than strace 6.1 knows ("...");
 * memfd_create's name in its 250-byte field and memfd_secret's flags (O_CLOEXEC only);
 * a payload of a huge size_t length that cannot be read; arch_prctl's XSAVE feature mask
 * (NULL, and the mask by name); execveat's argv and envp
 * running into an unmapped page before their NULL (an address comment, "unterminated").
 * Run with -s 256. Every call fails; nothing changes.
 */
#include "tests.h"
#include <fcntl.h>
#include <linux/kcmp.h>
#include <sys/mman.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#ifndef SYS_memfd_secret
#define SYS_memfd_secret 447
#endif
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_restrict_self 446
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

/* The last bytes of a page whose next page is unmapped: `size` of them end right at the hole. */
static char *page_end(size_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap");
	check(munmap(p + page, page) == 0, "munmap");
	return p + page - size;
}

static void ids(void)
{
	expect("chown(\"edge_values.none\", 4294901760, 0)");
	expect_rval("%s", rval(S(SYS_chown, "edge_values.none", 0xffff0000U, 0)));
	expect("fchown(-1, -1, 3735928559)");
	expect_rval("%s", rval(S(SYS_fchown, -1, -1, 0xdeadbeefU)));
	expect("close_range(4294967294, 4294967295, 0x1 /* CLOSE_RANGE_??? */)");
	expect_rval("%s", rval(S(SYS_close_range, -2U, -1U, 1)));
}

static void int_flags(void)
{
	expect("futex_waitv(NULL, 1, 0x1, NULL, CLOCK_MONOTONIC)");
	expect_rval("%s", rval(S(SYS_futex_waitv, 0, 1, 0xdefaced00000001UL, 0, CLOCK_MONOTONIC)));
	expect("landlock_restrict_self(-1, 0)");
	expect_rval("%s", rval(S(SYS_landlock_restrict_self, -1, 0xdefaced00000000UL)));
	unsigned long mode = 0xffffffff00000000UL;
	char *page = page_end(4096);
	expect("mbind(%p, 4096, 0xffffffff00000000 /* MPOL_??? */, NULL, 0, 0)", page);
	expect_rval("%s", rval(S(SYS_mbind, page, 4096, mode, 0, 0, 0)));
}

static void structs(void)
{
	siginfo_t *si = (siginfo_t *) page_end(sizeof(*si));
	memset(si, 0, sizeof(*si));
	si->si_signo = SIGUSR1;
	si->si_code = SI_QUEUE;
	si->si_errno = -1;
	si->si_pid = getpid();
	si->si_uid = -1;
	si->si_value.sival_ptr = (void *) -1L;
	expect("pidfd_send_signal(-1, SIGUSR2, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_errno=4294967295, "
	       "si_pid=%d, si_uid=-1, si_int=-1, si_ptr=0xffffffffffffffff}, 0)", getpid());
	expect_rval("%s", rval(S(SYS_pidfd_send_signal, -1, SIGUSR2, si, 0xdeadbeef00000000UL)));
	si->si_errno = EPERM;
	si->si_uid = 0;
	expect("pidfd_send_signal(-1, SIGUSR2, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_errno=EPERM, "
	       "si_pid=%d, si_uid=0, si_int=-1, si_ptr=0xffffffffffffffff}, 0x1)", getpid());
	expect_rval("%s", rval(S(SYS_pidfd_send_signal, -1, SIGUSR2, si, 0xdeadbeef00000001UL)));

	struct kcmp_epoll_slot *slot = (struct kcmp_epoll_slot *) page_end(sizeof(*slot));
	slot->efd = -1;
	slot->tfd = 42;
	slot->toff = 0xbadc0ded;
	expect("kcmp(%d, -1, KCMP_EPOLL_TFD, 0, {efd=-1, tfd=42, toff=3134983661})", getpid());
	expect_rval("%s", rval(S(SYS_kcmp, getpid(), -1, KCMP_EPOLL_TFD, 0, slot)));
	expect("kcmp(%d, -1, KCMP_EPOLL_TFD, 0, %p)", getpid(), (char *) slot + 1);
	expect_rval("%s", rval(S(SYS_kcmp, getpid(), -1, KCMP_EPOLL_TFD, 0, (char *) slot + 1)));

	/* handled_access_fs (8 bytes, all strace 6.1 knows) and 8 more that are not zero: E2BIG */
	uint64_t *attr = (uint64_t *) page_end(16);
	attr[0] = 1; /* LANDLOCK_ACCESS_FS_EXECUTE */
	attr[1] = 1;
	expect("landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE, ...}, 16, 0)");
	expect_rval("%s", rval(S(SYS_landlock_create_ruleset, attr, 16, 0)));
	expect("landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE}, 8, 0)");
	expect_rval("%s", rval(S(SYS_landlock_create_ruleset, attr, 8, 0)));
}

static void strings(void)
{
	/* 250 bytes without a NUL right before an unmapped page: all of them, then "..." */
	char *name = page_end(250);
	for (int i = 0; i < 250; i++)
		name[i] = '0' + i % 10;
	expect("memfd_create(%s..., 0)", qbuf(name, 250));
	expect_rval("%s", rval(S(SYS_memfd_create, name, 0)));
	char *shorter = page_end(9);
	memcpy(shorter, "edge_val", 9);
	expect("memfd_create(\"edge_val\", MFD_CLOEXEC|0x100)");
	expect_rval("%s", rval(S(SYS_memfd_create, shorter, MFD_CLOEXEC | 0x100)));
	expect("memfd_secret(0xde97face)");
	expect_rval("%s", rval(S(SYS_memfd_secret, 0xde97faceU)));
	expect("memfd_secret(O_CLOEXEC|0xde97face)");
	expect_rval("%s", rval(S(SYS_memfd_secret, 0xde97faceU | O_CLOEXEC)));

	/* a size_t length above LONG_MAX: strace reads -s bytes, which cross into the hole */
	char *payload = page_end(8);
	expect("add_key(\"user\", \"edge\", %p, 16045690984232390125, KEY_SPEC_THREAD_KEYRING)", payload);
	expect_rval("%s", rval(S(SYS_add_key, "user", "edge", payload, 16045690984232390125UL, -1)));
}

/* XFEATURE_MASK_* (arch/x86/include/asm/fpu/types.h), the groups before their members */
static const struct { unsigned long mask; const char *name; } xfeatures[] = {
	{ 0x3, "FPSSE" }, { 0x1, "FP" }, { 0x2, "SSE" }, { 0x4, "YMM" }, { 0x8, "BNDREGS" },
	{ 0x10, "BNDCSR" }, { 0xe0, "AVX512" }, { 0x20, "OPMASK" }, { 0x40, "ZMM_Hi256" },
	{ 0x80, "Hi16_ZMM" }, { 0x100, "PT" }, { 0x200, "PKRU" }, { 0x400, "PASID" }, { 0x8000, "LBR" },
	{ 0x60000, "XTILE" }, { 0x20000, "XTILE_CFG" }, { 0x40000, "XTILE_DATA" },
};

static const char *xfeature_mask(unsigned long v)
{
	char *res = scratch(), *p = res + sprintf(res, "%#lx", v);
	if (!v)
		return res;
	p += sprintf(p, " /* ");
	const char *sep = "";
	unsigned long rest = v;
	for (size_t i = 0; i < sizeof(xfeatures) / sizeof(*xfeatures); i++) {
		if ((rest & xfeatures[i].mask) == xfeatures[i].mask) {
			p += sprintf(p, "%sXFEATURE_MASK_%s", sep, xfeatures[i].name);
			rest &= ~xfeatures[i].mask;
			sep = "|";
		}
	}
	if (rest)
		p += *sep ? sprintf(p, "|%#lx", rest) : sprintf(p, "XFEATURE_MASK_???");
	sprintf(p, " */");
	return res;
}

/* arch_prctl's ARCH_GET_XCOMP_SUPP (0x1021): the features this CPU and kernel support */
static void xcomp(void)
{
	expect("arch_prctl(ARCH_GET_XCOMP_SUPP, NULL)");
	expect_rval("%s", rval(S(SYS_arch_prctl, 0x1021, 0)));
	unsigned long *mask = (unsigned long *) page_end(sizeof(*mask));
	if (S(SYS_arch_prctl, 0x1021, mask) == 0) {
		expect("arch_prctl(ARCH_GET_XCOMP_SUPP, [%s])", xfeature_mask(*mask));
		expect_rval("0");
	} else {
		int e = errno;
		expect("arch_prctl(ARCH_GET_XCOMP_SUPP, %p)", (void *) mask);
		expect_rval("%s", rerr(e));
	}
}

static void vectors(void)
{
	/* two pointers, then the unmapped page where the NULL should be */
	char **argv = (char **) page_end(2 * sizeof(char *));
	argv[0] = "edge";
	argv[1] = "values";
	char **envp = (char **) page_end(sizeof(char *));
	envp[0] = "A=1";
	expect("execveat(AT_FDCWD, \"/edge_values.none\", [\"edge\", \"values\", ... /* %p */], "
	       "%p /* 1 var, unterminated */, 0)", (void *) (argv + 2), (void *) envp);
	expect_rval("%s", rval(S(SYS_execveat, AT_FDCWD, "/edge_values.none", argv, envp, 0)));
	expect("execveat(AT_FDCWD, \"/edge_values.none\", %p, %p, 0)", (void *) (argv + 2), (void *) (envp + 1));
	expect_rval("%s", rval(S(SYS_execveat, AT_FDCWD, "/edge_values.none", argv + 2, envp + 1, 0)));
}

int main(void)
{
	max_strlen = 256;
	/* the dynamic loader's arch_prctl: the thread pointer, which glibc's TCB holds at %fs:0 */
	unsigned long tp;
	__asm__("mov %%fs:0, %0" : "=r"(tp));
	expect("arch_prctl(ARCH_SET_FS, %#lx)", tp);
	expect_rval("0");
	ids();
	int_flags();
	structs();
	strings();
	xcomp();
	vectors();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
