/*
 * Credentials: the uid/gid getters (unsigned results), getresuid/getresgid's [N]
 * pointers, the supplementary group list (getgroups' count call and its array,
 * setgroups), the setters with -1 meaning "unchanged", setfsuid/setfsgid returning
 * the previous id, capget/capset with their header and the three capability masks
 * (one 32-bit word for _LINUX_CAPABILITY_VERSION_1, two for version 3), an unknown
 * version, NULL, unreadable and failing pointers. Only this process's credentials
 * change, and only to values it already holds.
 */
#include "tests.h"
#include <linux/capability.h>


static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
	"CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
	"CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
	"CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
	"CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
	"CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

/* strace's capability mask: 1<<CAP_CHOWN|1<<CAP_KILL, unnamed bits in hex, 0 when empty. */
static const char *caps(unsigned long long v)
{
	char *res = scratch(), *p = res;
	*p = 0;
	for (unsigned i = 0; i < sizeof(cap_names) / sizeof(*cap_names); i++) {
		if (v & (1ULL << i)) {
			p += sprintf(p, "%s1<<%s", p == res ? "" : "|", cap_names[i]);
			v &= ~(1ULL << i);
		}
	}
	if (v || p == res)
		sprintf(p, "%s%#llx", p == res ? "" : "|", v);
	if (!strcmp(res, "0x0"))
		strcpy(res, "0");
	return res;
}

/* The data of capget/capset: words 0 and 1 joined for version 3, word 0 alone for version 1. */
static const char *cap_data(const struct __user_cap_data_struct *d, int words)
{
	unsigned long long e = d[0].effective, p = d[0].permitted, i = d[0].inheritable;
	if (words == 2) {
		e |= (unsigned long long) d[1].effective << 32;
		p |= (unsigned long long) d[1].permitted << 32;
		i |= (unsigned long long) d[1].inheritable << 32;
	}
	char *res = scratch();
	sprintf(res, "{effective=%s, permitted=%s, inheritable=%s}", caps(e), caps(p), caps(i));
	return res;
}

static const char *gid_list(const gid_t *g, int n)
{
	char *res = scratch(), *p = res;
	p += sprintf(p, "[");
	for (int k = 0; k < n; k++)
		p += sprintf(p, "%s%u", k ? ", " : "", g[k]);
	sprintf(p, "]");
	return res;
}

int main(void)
{
	unsigned uid = S(SYS_getuid);
	expect("getuid()");
	expect_rval("%u", uid);
	unsigned euid = S(SYS_geteuid);
	expect("geteuid()");
	expect_rval("%u", euid);
	unsigned gid = S(SYS_getgid);
	expect("getgid()");
	expect_rval("%u", gid);
	unsigned egid = S(SYS_getegid);
	expect("getegid()");
	expect_rval("%u", egid);

	unsigned r, e, s;
	check(S(SYS_getresuid, &r, &e, &s) == 0, "getresuid");
	expect("getresuid([%u], [%u], [%u])", r, e, s);
	expect_rval("0");
	check(S(SYS_getresgid, &r, &e, &s) == 0, "getresgid");
	expect("getresgid([%u], [%u], [%u])", r, e, s);
	expect_rval("0");
	check(S(SYS_getresuid, (void *) -1, &e, NULL) < 0 && errno == EFAULT, "getresuid EFAULT");
	expect("getresuid(0xffffffffffffffff, %s, NULL)", addr(&e));
	expect_rval("%s", rerr(EFAULT));

	/* The supplementary groups: the count, the list, a list of our own, then the original back. */
	static gid_t orig[64], now[64];
	int n = S(SYS_getgroups, 0, NULL);
	check(n >= 0 && n <= 64, "getgroups count");
	expect("getgroups(0, NULL)");
	expect_rval("%d", n);
	check(S(SYS_getgroups, 64, orig) == n, "getgroups");
	expect("getgroups(64, %s)", gid_list(orig, n));
	expect_rval("%d", n);
	check(S(SYS_getgroups, -1, orig) < 0 && errno == EINVAL, "getgroups -1");
	expect("getgroups(-1, %s)", addr(orig));
	expect_rval("%s", rerr(EINVAL));
	gid_t mine[3] = { 0, 4, 100000 };
	long rc = S(SYS_setgroups, 3, mine);
	int err = errno;
	expect("setgroups(3, %s)", gid_list(mine, 3));
	expect_rval("%s", rval_errno(rc, err));
	int m = S(SYS_getgroups, 64, now);
	check(m >= 0, "getgroups again");
	expect("getgroups(64, %s)", gid_list(now, m));
	expect_rval("%d", m);
	rc = S(SYS_setgroups, 2, (void *) -1); /* EFAULT, or EPERM first without CAP_SETGID */
	err = errno;
	check(rc < 0, "setgroups unreadable");
	expect("setgroups(2, 0xffffffffffffffff)");
	expect_rval("%s", rerr(err));
	rc = S(SYS_setgroups, n, n ? orig : NULL);
	err = errno;
	expect("setgroups(%d, %s)", n, n ? gid_list(orig, n) : "NULL");
	expect_rval("%s", rval_errno(rc, err));

	/* Setters: to the ids this process has, or -1 (unchanged). */
	check(S(SYS_setuid, uid) == 0, "setuid");
	expect("setuid(%u)", uid);
	expect_rval("0");
	check(S(SYS_setuid, -1) < 0 && errno == EINVAL, "setuid -1");
	expect("setuid(-1)");
	expect_rval("%s", rerr(EINVAL));
	check(S(SYS_setgid, gid) == 0, "setgid");
	expect("setgid(%u)", gid);
	expect_rval("0");
	check(S(SYS_setreuid, -1, euid) == 0, "setreuid");
	expect("setreuid(-1, %u)", euid);
	expect_rval("0");
	check(S(SYS_setregid, -1, -1) == 0, "setregid");
	expect("setregid(-1, -1)");
	expect_rval("0");
	check(S(SYS_setresuid, -1, euid, -1) == 0, "setresuid");
	expect("setresuid(-1, %u, -1)", euid);
	expect_rval("0");
	check(S(SYS_setresgid, gid, -1, gid) == 0, "setresgid");
	expect("setresgid(%u, -1, %u)", gid, gid);
	expect_rval("0");

	/* setfsuid/setfsgid return the previous id, whether or not the call changed it. */
	unsigned fsuid = S(SYS_setfsuid, -1);
	expect("setfsuid(-1)");
	expect_rval("%u", fsuid);
	unsigned fsgid = S(SYS_setfsgid, -1);
	expect("setfsgid(-1)");
	expect_rval("%u", fsgid);
	unsigned prev = S(SYS_setfsuid, fsuid);
	expect("setfsuid(%u)", fsuid);
	expect_rval("%u", prev);

	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2], d1[2];
	check(S(SYS_capget, &h, d) == 0, "capget");
	expect("capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, %s)", cap_data(d, 2));
	expect_rval("0");
	rc = S(SYS_capset, &h, d);
	err = errno;
	expect("capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, %s)", cap_data(d, 2));
	expect_rval("%s", rval_errno(rc, err));
	h.version = _LINUX_CAPABILITY_VERSION_1;
	check(S(SYS_capget, &h, d1) == 0, "capget v1");
	expect("capget({version=_LINUX_CAPABILITY_VERSION_1, pid=0}, %s)", cap_data(d1, 1));
	expect_rval("0");
	h.version = 0x12345678;
	check(S(SYS_capget, &h, d1) < 0 && errno == EINVAL, "capget bad version");
	expect("capget({version=0x12345678 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, %s)", addr(d1));
	expect_rval("%s", rerr(EINVAL));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = getpid();
	check(S(SYS_capget, &h, NULL) == 0, "capget NULL data");
	expect("capget({version=_LINUX_CAPABILITY_VERSION_3, pid=%d}, NULL)", h.pid);
	expect_rval("0");
	check(S(SYS_capget, NULL, NULL) < 0 && errno == EFAULT, "capget NULL");
	expect("capget(NULL, NULL)");
	expect_rval("%s", rerr(EFAULT));
	h.pid = 0;
	check(S(SYS_capset, &h, (void *) -1) < 0 && errno == EFAULT, "capset EFAULT");
	expect("capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, 0xffffffffffffffff)");
	expect_rval("%s", rerr(EFAULT));
	check(S(SYS_capget, (void *) -1, d) < 0 && errno == EFAULT, "capget unreadable header");
	expect("capget(0xffffffffffffffff, %s)", addr(d));
	expect_rval("%s", rerr(EFAULT));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
