/*
 * socket(2)'s protocol by family, for every family strace 6.1 has a table for. A seccomp
 * filter (installed first, untraced) makes socket() fail with EPERM after the tracer has
 * seen its arguments, so no socket is created and no kernel module is loaded.
 */
#include "tests.h"
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>

struct row {
	int family;
	const char *sfamily;
	int protocol;
	const char *sprotocol;
};

static const struct row rows[] = {
	{ AF_INET, "AF_INET", 0, "IPPROTO_IP" },
	{ AF_INET, "AF_INET", 132, "IPPROTO_SCTP" },
	{ AF_INET6, "AF_INET6", 58, "IPPROTO_ICMPV6" },
	{ AF_INET6, "AF_INET6", 144, "0x90 /* IPPROTO_??? */" },
	{ AF_NETLINK, "AF_NETLINK", 16, "NETLINK_GENERIC" },
	{ AF_PACKET, "AF_PACKET", 0xdd86, "htons(ETH_P_IPV6)" },
	{ AF_AX25, "AF_AX25", 0xcc, "0xcc /* AX25_P_IP */" },
	{ AF_AX25, "AF_AX25", 0, "0 /* AX25_P_??? */" },
	{ AF_IRDA, "AF_IRDA", 1, "CAN_RAW" },
	{ AF_IRDA, "AF_IRDA", 9, "0x9 /* IRDAPROTO_??? */" },
	{ AF_CAN, "AF_CAN", 7, "CAN_J1939" },
	{ AF_BLUETOOTH, "AF_BLUETOOTH", 3, "BTPROTO_RFCOMM" },
	{ AF_RXRPC, "AF_RXRPC", AF_INET6, "AF_INET6" },
	{ AF_ISDN, "AF_ISDN", 0x11, "ISDN_P_LAPD_NT" },
	{ AF_PHONET, "AF_PHONET", 2, "PN_PROTO_PIPE" },
	{ AF_CAIF, "AF_CAIF", 5, "CAIFPROTO_DEBUG" },
	{ AF_NFC, "AF_NFC", 1, "NFC_SOCKPROTO_LLCP" },
	{ AF_KCM, "AF_KCM", 0, "KCMPROTO_CONNECTED" },
	{ AF_SMC, "AF_SMC", 2, "0x2 /* SMCPROTO_??? */" },
	{ AF_UNIX, "AF_UNIX", 5, "5" },
	{ AF_ALG, "AF_ALG", 1, "1" },
};

int main(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(filter) / sizeof(filter[0]), filter };
	check(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "no_new_privs");
	check(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0, "seccomp");

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		check(socket(rows[i].family, SOCK_DGRAM, rows[i].protocol) < 0 && errno == EPERM, "socket EPERM");
		expect("socket(%s, SOCK_DGRAM, %s)", rows[i].sfamily, rows[i].sprotocol);
		expect_rval("%s", rerr(EPERM));
	}
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
