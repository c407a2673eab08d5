/*
 * AF_NETLINK (NETLINK_ROUTE) sockets: socket protocols by name, struct sockaddr_nl
 * (nl_pid, nl_groups as %#08x, nl_pad only when set), the port id the kernel assigns,
 * SOL_NETLINK options and NETLINK_LIST_MEMBERSHIPS' group words. No messages are sent:
 * strace decodes netlink payloads, which jstrace does not yet.
 */
#include "sockets.h"
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

static const char *sa_nl(const struct sockaddr_nl *nl)
{
	char *res = scratch();
	int n = sprintf(res, "{sa_family=AF_NETLINK, ");
	if (nl->nl_pad)
		n += sprintf(res + n, "nl_pad=%#x, ", nl->nl_pad);
	sprintf(res + n, "nl_pid=%d, nl_groups=%#08x}", (int) nl->nl_pid, nl->nl_groups);
	return res;
}

int main(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	check(fd >= 0, "socket");
	expect("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE)");
	expect_rval("%d", fd);
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	check(bind(fd, (struct sockaddr *) &nl, sizeof(nl)) == 0, "bind");
	expect("bind(%d, %s, %zu)", fd, sa_nl(&nl), sizeof(nl));
	expect_rval("0");
	struct sockaddr_nl got;
	socklen_t len = sizeof(got);
	check(getsockname(fd, (struct sockaddr *) &got, &len) == 0, "getsockname");
	expect("getsockname(%d, %s, [%u])", fd, sa_nl(&got), len);
	expect_rval("0");
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	check(connect(fd, (struct sockaddr *) &kernel, sizeof(kernel)) == 0, "connect");
	expect("connect(%d, %s, %zu)", fd, sa_nl(&kernel), sizeof(kernel));
	expect_rval("0");
	struct sockaddr_storage ss;
	len = sizeof(ss);
	check(getpeername(fd, (struct sockaddr *) &ss, &len) == 0, "getpeername");
	expect("getpeername(%d, %s, [%zu => %u])", fd, sa_nl((struct sockaddr_nl *) &ss), sizeof(ss), len);
	expect_rval("0");

	/* SOL_NETLINK options: ints, and the membership bitmap as words */
	int one = 1, v = 0;
	check(setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) == 0, "NETLINK_EXT_ACK");
	expect("setsockopt(%d, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4)", fd);
	expect_rval("0");
	len = sizeof(v);
	check(getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &v, &len) == 0, "get NETLINK_EXT_ACK");
	expect("getsockopt(%d, SOL_NETLINK, NETLINK_EXT_ACK, [%d], [4])", fd, v);
	expect_rval("0");
	int group = RTNLGRP_IPV4_IFADDR;
	check(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) == 0, "ADD_MEMBERSHIP");
	expect("setsockopt(%d, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, [%d], 4)", fd, group);
	expect_rval("0");
	unsigned words[4] = { 0 };
	len = sizeof(words);
	check(getsockopt(fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, words, &len) == 0, "LIST_MEMBERSHIPS");
	expect("getsockopt(%d, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, [", fd);
	socklen_t shown = len < sizeof(words) ? len : sizeof(words);
	for (unsigned i = 0; i < shown / 4; i++)
		expect("%s%u", i ? ", " : "", words[i]);
	if (len == sizeof(words))
		expect("], [%u])", len);
	else
		expect("], [%zu => %u])", sizeof(words), len);
	expect_rval("0");
	/* shorter than an int: the address (the kernel takes it as 0) */
	int rc = setsockopt(fd, SOL_NETLINK, NETLINK_PKTINFO, &one, 2);
	int e = errno;
	expect("setsockopt(%d, SOL_NETLINK, NETLINK_PKTINFO, %s, 2)", fd, addr(&one));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));

	/* multicast groups at bind, and the padding */
	int fd2 = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	check(fd2 >= 0, "socket 2");
	expect("socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE)");
	expect_rval("%d", fd2);
	struct sockaddr_nl grp = { .nl_family = AF_NETLINK, .nl_pad = 0x1234, .nl_groups = RTMGRP_LINK | RTMGRP_IPV4_ROUTE };
	rc = bind(fd2, (struct sockaddr *) &grp, sizeof(grp));
	e = errno;
	expect("bind(%d, %s, %zu)", fd2, sa_nl(&grp), sizeof(grp));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	/* cut short: the bytes */
	rc = bind(fd2, (struct sockaddr *) &grp, 8);
	e = errno;
	expect("bind(%d, {sa_family=AF_NETLINK, sa_data=%s}, 8)", fd2, qbuf_all((unsigned char *) &grp + 2, 6));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));

	/* other protocols by name, unknown ones in hex */
	int fd3 = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	check(fd3 >= 0, "socket generic");
	expect("socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC)");
	expect_rval("%d", fd3);
	check(socket(AF_NETLINK, SOCK_RAW, 99) < 0, "socket 99");
	e = errno;
	expect("socket(AF_NETLINK, SOCK_RAW, 0x63 /* NETLINK_??? */)");
	expect_rval("%s", rerr(e));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
