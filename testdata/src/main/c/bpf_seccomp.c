/*
 * bpf(2)'s map commands with their union bpf_attr (an array map made, its info read, and
 * closed again),
 * an unknown command, and seccomp(2)'s operations: the actions and notification sizes it
 * reports, the filter flags, and a filter that allows everything (it dies with the process).
 */
#include "fsio.h"
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

static void maps(void)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = 4;
	strcpy(a.map_name, "jstrace");
	long m = S(SYS_bpf, BPF_MAP_CREATE, &a, 72);
	expect("bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, max_entries=4, map_flags=0, "
	       "inner_map_fd=0, map_name=\"jstrace\", map_ifindex=0, btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, "
	       "btf_vmlinux_value_type_id=0, map_extra=0}, 72)");
	expect_rval("%s", rval(m));

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_HASH;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = 4;
	a.map_flags = BPF_F_NO_PREALLOC | BPF_F_RDONLY_PROG;
	long r = S(SYS_bpf, BPF_MAP_CREATE, &a, 20);
	expect("bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_HASH, key_size=4, value_size=8, max_entries=4, "
	       "map_flags=BPF_F_NO_PREALLOC|BPF_F_RDONLY_PROG}, 20)");
	expect_rval("%s", rval(r));
	if (r >= 0)
		S(SYS_close, r);
	r = S(SYS_bpf, BPF_MAP_CREATE, NULL, 72);
	expect("bpf(BPF_MAP_CREATE, NULL, 72)");
	expect_rval("%s", rval(r));

	int key = 1, next;
	long value = 7;
	memset(&a, 0, sizeof(a));
	a.map_fd = m;
	a.key = (unsigned long) &key;
	a.value = (unsigned long) &value;
	a.flags = BPF_EXIST;
	r = S(SYS_bpf, BPF_MAP_UPDATE_ELEM, &a, 32);
	expect("bpf(BPF_MAP_UPDATE_ELEM, {map_fd=%ld, key=%s, value=%s, flags=BPF_EXIST}, 32)", m, addr(&key),
	       addr(&value));
	expect_rval("%s", rval(r));
	a.flags = BPF_ANY;
	r = S(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &a, 32);
	expect("bpf(BPF_MAP_LOOKUP_ELEM, {map_fd=%ld, key=%s, value=%s, flags=BPF_ANY}, 32)", m, addr(&key),
	       addr(&value));
	expect_rval("%s", rval(r));
	a.next_key = (unsigned long) &next;
	r = S(SYS_bpf, BPF_MAP_GET_NEXT_KEY, &a, 24);
	expect("bpf(BPF_MAP_GET_NEXT_KEY, {map_fd=%ld, key=%s, next_key=%s}, 24)", m, addr(&key), addr(&next));
	expect_rval("%s", rval(r));
	r = S(SYS_bpf, BPF_MAP_DELETE_ELEM, &a, 16);
	expect("bpf(BPF_MAP_DELETE_ELEM, {map_fd=%ld, key=%s}, 16)", m, addr(&key));
	expect_rval("%s", rval(r));
	/* More room for the map's info than the kernel's struct bpf_map_info: it says how much it wrote. */
	static char info[200];
	union bpf_attr ia;
	memset(&ia, 0, sizeof(ia));
	ia.info.bpf_fd = m;
	ia.info.info_len = sizeof(info);
	ia.info.info = (unsigned long) info;
	r = S(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &ia, 16);
	expect("bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=%ld, info_len=%zu", m, sizeof(info));
	if (r == 0 && ia.info.info_len != sizeof(info))
		expect(" => %u", ia.info.info_len);
	expect(", info=%s}}, 16)", addr(info));
	expect_rval("%s", rval(r));
	r = S(SYS_bpf, 999, &a, 32);
	expect("bpf(0x3e7 /* BPF_??? */, %s, 32)", addr(&a));
	expect_rval("%s", rval(r));
	if (m >= 0)
		S(SYS_close, m);
}

/* A socket filter that returns 0, loaded with the whole attr and with its first 48 bytes. */
static void progs(void)
{
	struct bpf_insn insns[] = { { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
				    { .code = BPF_JMP | BPF_EXIT } };
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insn_cnt = 2;
	a.insns = (unsigned long) insns;
	a.license = (unsigned long) "GPL";
	a.kern_version = 0x060100;
	strcpy(a.prog_name, "jstrace_prog");
	long p = S(SYS_bpf, BPF_PROG_LOAD, &a, 128);
	expect("bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, insns=%s, license=\"GPL\", "
	       "log_level=0, log_size=0, log_buf=NULL, kern_version=KERNEL_VERSION(6, 1, 0), prog_flags=0, "
	       "prog_name=\"jstrace_prog\", prog_ifindex=0, expected_attach_type=BPF_CGROUP_INET_INGRESS, prog_btf_fd=0, "
	       "func_info_rec_size=0, func_info=NULL, func_info_cnt=0, line_info_rec_size=0, line_info=NULL, "
	       "line_info_cnt=0, attach_btf_id=0, attach_prog_fd=0, fd_array=NULL}, 128)", addr(insns));
	expect_rval("%s", rval(p));
	if (p >= 0)
		S(SYS_close, p);
	a.prog_type = 999;
	p = S(SYS_bpf, BPF_PROG_LOAD, &a, 48);
	expect("bpf(BPF_PROG_LOAD, {prog_type=0x3e7 /* BPF_PROG_TYPE_??? */, insn_cnt=2, insns=%s, license=\"GPL\", "
	       "log_level=0, log_size=0, log_buf=NULL, kern_version=KERNEL_VERSION(6, 1, 0), prog_flags=0}, 48)",
	       addr(insns));
	expect_rval("%s", rval(p));
	if (p >= 0)
		S(SYS_close, p);
}

static void seccomps(void)
{
	unsigned action = SECCOMP_RET_KILL_PROCESS;
	long r = S(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	expect("seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_KILL_PROCESS])");
	expect_rval("%s", rval(r));
	action = SECCOMP_RET_LOG;
	r = S(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	expect("seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_LOG])");
	expect_rval("%s", rval(r));
	action = 0x12345;
	r = S(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	expect("seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [0x12345 /* SECCOMP_RET_??? */])");
	expect_rval("%s", rval(r));
	struct seccomp_notif_sizes sz;
	r = S(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz);
	if (r == 0)
		expect("seccomp(SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=%u, seccomp_notif_resp=%u, seccomp_data=%u})",
		       sz.seccomp_notif, sz.seccomp_notif_resp, sz.seccomp_data);
	else
		expect("seccomp(SECCOMP_GET_NOTIF_SIZES, 0, %s)", addr(&sz));
	expect_rval("%s", rval(r));
	r = S(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG, NULL);
	expect("seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC|SECCOMP_FILTER_FLAG_LOG, NULL)");
	expect_rval("%s", rval(r));
	r = S(SYS_seccomp, 99, 0x100, NULL);
	expect("seccomp(0x63 /* SECCOMP_SET_MODE_??? */, 0x100, NULL)");
	expect_rval("%s", rval(r));
	r = S(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 1, NULL);
	expect("seccomp(SECCOMP_SET_MODE_STRICT, 0x1, NULL)");
	expect_rval("%s", rval(r));
	struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_fprog prog = { 1, allow };
	r = S(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	expect("seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=1, filter=%s})", addr(allow));
	expect_rval("%s", rval(r));
}

int main(void)
{
	maps();
	progs();
	seccomps();
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
