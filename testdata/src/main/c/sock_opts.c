/*
 * setsockopt and getsockopt: option names by level (SOL_SOCKET, SOL_TCP, SOL_IP,
 * SOL_IPV6, an unknown level), values as [int] when int-sized and as bytes otherwise
 * (SO_RCVTIMEO's timeval too), struct linger, SO_ERROR by name, SO_PEERCRED, the
 * multicast requests; optlen as [4] or [8 => 4]; NULL, unreadable and failed calls.
 */
#include "sockets.h"
#include <netinet/tcp.h>
#include <poll.h>

static void set_int(int fd, int level, const char *slevel, int name, const char *sname, int v)
{
	int rc = setsockopt(fd, level, name, &v, sizeof(v));
	int e = errno;
	expect("setsockopt(%d, %s, %s, [%d], 4)", fd, slevel, sname, v);
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
}

static void get_int(int fd, int level, const char *slevel, int name, const char *sname)
{
	int v = 0;
	socklen_t len = sizeof(v);
	check(getsockopt(fd, level, name, &v, &len) == 0 && len == 4, "getsockopt");
	expect("getsockopt(%d, %s, %s, [%d], [4])", fd, slevel, sname, v);
	expect_rval("0");
}

int main(void)
{
	unsigned lo = lo_ifindex();
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	check(s >= 0, "socket");
	expect("socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP)");
	expect_rval("%d", s);

	set_int(s, SOL_SOCKET, "SOL_SOCKET", SO_REUSEADDR, "SO_REUSEADDR", 1);
	set_int(s, SOL_SOCKET, "SOL_SOCKET", SO_RCVBUF, "SO_RCVBUF", 4096);
	set_int(s, SOL_TCP, "SOL_TCP", TCP_NODELAY, "TCP_NODELAY", 1);
	set_int(s, SOL_TCP, "SOL_TCP", TCP_KEEPIDLE, "TCP_KEEPIDLE", 30);
	set_int(s, SOL_IP, "SOL_IP", IP_TOS, "IP_TOS", 0x10);
	set_int(s, SOL_IP, "SOL_IP", IP_TTL, "IP_TTL", 7);

	struct linger lg = { 1, 5 };
	check(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0, "SO_LINGER");
	expect("setsockopt(%d, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8)", s);
	expect_rval("0");
	/* shorter than struct linger: the address */
	check(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, 4) < 0 && errno == EINVAL, "SO_LINGER short");
	expect("setsockopt(%d, SOL_SOCKET, SO_LINGER, %s, 4)", s, addr(&lg));
	expect_rval("%s", rerr(EINVAL));
	/* not int-sized: the bytes, as strace 6.1 prints a struct timeval */
	struct timeval tv = { 3, 500000 };
	check(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO");
	expect("setsockopt(%d, SOL_SOCKET, SO_RCVTIMEO_OLD, %s, %zu)", s, qbuf(&tv, sizeof(tv)), sizeof(tv));
	expect_rval("0");

	int v = 0;
	socklen_t len = sizeof(v);
	get_int(s, SOL_SOCKET, "SOL_SOCKET", SO_TYPE, "SO_TYPE");
	get_int(s, SOL_SOCKET, "SOL_SOCKET", SO_PROTOCOL, "SO_PROTOCOL");
	get_int(s, SOL_SOCKET, "SOL_SOCKET", SO_DOMAIN, "SO_DOMAIN");
	get_int(s, SOL_SOCKET, "SOL_SOCKET", SO_RCVBUF, "SO_RCVBUF");
	get_int(s, SOL_SOCKET, "SOL_SOCKET", SO_REUSEADDR, "SO_REUSEADDR");
	get_int(s, SOL_TCP, "SOL_TCP", TCP_NODELAY, "TCP_NODELAY");
	get_int(s, SOL_IP, "SOL_IP", IP_TTL, "IP_TTL");
	/* the kernel shortens the length: [8 => 4] */
	long long wide = 0;
	len = sizeof(wide);
	check(getsockopt(s, SOL_SOCKET, SO_ERROR, &wide, &len) == 0 && len == 4, "SO_ERROR");
	expect("getsockopt(%d, SOL_SOCKET, SO_ERROR, [0], [8 => 4])", s);
	expect_rval("0");
	len = sizeof(lg);
	check(getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len) == 0, "get SO_LINGER");
	expect("getsockopt(%d, SOL_SOCKET, SO_LINGER, {l_onoff=%d, l_linger=%d}, [%u])", s, lg.l_onoff, lg.l_linger, len);
	expect_rval("0");
	len = 4;
	check(getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len) == 0 && len == 4, "get SO_LINGER short");
	expect("getsockopt(%d, SOL_SOCKET, SO_LINGER, {l_onoff=%d}, [4])", s, lg.l_onoff);
	expect_rval("0");
	len = sizeof(tv);
	check(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len) == 0, "get SO_RCVTIMEO");
	expect("getsockopt(%d, SOL_SOCKET, SO_RCVTIMEO_OLD, %s, [%u])", s, qbuf(&tv, len), len);
	expect_rval("0");
	/* shorter than an int: the bytes */
	len = 2;
	check(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && len == 2, "get SO_TYPE short");
	expect("getsockopt(%d, SOL_SOCKET, SO_TYPE, %s, [2])", s, qbuf(&v, 2));
	expect_rval("0");

	/* a pending error by name, once a non-blocking connect was refused */
	struct sockaddr_in closed = { .sin_family = AF_INET, .sin_port = htons(1), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int rc = connect(s, (struct sockaddr *) &closed, sizeof(closed));
	check(rc == 0 || errno == EINPROGRESS || errno == ECONNREFUSED, "connect");
	struct pollfd pfd = { s, POLLOUT, 0 };
	poll(&pfd, 1, 5000);
	len = sizeof(v);
	check(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len) == 0, "SO_ERROR refused");
	expect("getsockopt(%d, SOL_SOCKET, SO_ERROR, [%s], [4])", s, v == ECONNREFUSED ? "ECONNREFUSED" : v ? "?" : "0");
	expect_rval("0");

	/* credentials of a unix peer */
	int sv[2];
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	struct ucred uc;
	len = sizeof(uc);
	check(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &len) == 0, "SO_PEERCRED");
	expect("getsockopt(%d, SOL_SOCKET, SO_PEERCRED, {pid=%d, uid=%u, gid=%u}, [%u])", sv[0], uc.pid, uc.uid, uc.gid,
	       len);
	expect_rval("0");

	/* IPv6 and multicast requests */
	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	check(u6 >= 0, "socket6");
	expect("socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP)");
	expect_rval("%d", u6);
	set_int(u6, SOL_IPV6, "SOL_IPV6", IPV6_V6ONLY, "IPV6_V6ONLY", 1);
	get_int(u6, SOL_IPV6, "SOL_IPV6", IPV6_V6ONLY, "IPV6_V6ONLY");
	set_int(u6, SOL_IPV6, "SOL_IPV6", IPV6_MULTICAST_HOPS, "IPV6_MULTICAST_HOPS", 3);
	struct ipv6_mreq mreq6 = { .ipv6mr_interface = lo };
	inet_pton(AF_INET6, "ff02::1:3", &mreq6.ipv6mr_multiaddr);
	rc = setsockopt(u6, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &mreq6, sizeof(mreq6));
	int e = errno;
	expect("setsockopt(%d, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, \"ff02::1:3\", &ipv6mr_multiaddr), "
	       "ipv6mr_interface=if_nametoindex(\"lo\")}, %zu)", u6, sizeof(mreq6));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	int u4 = socket(AF_INET, SOCK_DGRAM, 0);
	check(u4 >= 0, "socket4");
	expect("socket(AF_INET, SOCK_DGRAM, IPPROTO_IP)");
	expect_rval("%d", u4);
	struct ip_mreq mreq = { .imr_multiaddr.s_addr = inet_addr("224.0.0.251"), .imr_interface.s_addr = htonl(INADDR_LOOPBACK) };
	rc = setsockopt(u4, SOL_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq));
	e = errno;
	expect("setsockopt(%d, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"224.0.0.251\"), "
	       "imr_interface=inet_addr(\"127.0.0.1\")}, %zu)", u4, sizeof(mreq));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	struct group_req greq = { .gr_interface = lo };
	struct sockaddr_in *grp = (struct sockaddr_in *) &greq.gr_group;
	grp->sin_family = AF_INET;
	grp->sin_addr.s_addr = inet_addr("224.0.0.252");
	rc = setsockopt(u4, SOL_IP, MCAST_JOIN_GROUP, &greq, sizeof(greq));
	e = errno;
	expect("setsockopt(%d, SOL_IP, MCAST_JOIN_GROUP, {gr_interface=if_nametoindex(\"lo\"), gr_group=%s}, %zu)", u4,
	       sa_in(grp), sizeof(greq));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));

	/* a longer optval: its first group_req */
	struct { struct group_req req; char pad[8]; } longer = { greq };
	rc = setsockopt(u4, SOL_IP, MCAST_LEAVE_GROUP, &longer, sizeof(longer));
	e = errno;
	expect("setsockopt(%d, SOL_IP, MCAST_LEAVE_GROUP, {gr_interface=if_nametoindex(\"lo\"), gr_group=%s}, %zu)", u4,
	       sa_in(grp), sizeof(longer));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	rc = setsockopt(u4, SOL_IP, MCAST_LEAVE_GROUP, &longer, sizeof(greq) - 1);
	e = errno;
	expect("setsockopt(%d, SOL_IP, MCAST_LEAVE_GROUP, %s, %zu)", u4, addr(&longer), sizeof(greq) - 1);
	expect_rval("%s", rc == 0 ? "0" : rerr(e));

	/* failures */
	check(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, NULL, 4) < 0 && errno == EFAULT, "NULL optval");
	expect("setsockopt(%d, SOL_SOCKET, SO_REUSEADDR, NULL, 4)", s);
	expect_rval("%s", rerr(EFAULT));
	check(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (void *) 8, 4) < 0 && errno == EFAULT, "bad optval");
	expect("setsockopt(%d, SOL_SOCKET, SO_REUSEADDR, 0x8, 4)", s);
	expect_rval("%s", rerr(EFAULT));
	v = 1;
	check(setsockopt(-1, 999, 1, &v, 4) < 0 && errno == EBADF, "unknown level");
	expect("setsockopt(-1, 0x3e7 /* SOL_?? */, 1, [1], 4)");
	expect_rval("%s", rerr(EBADF));
	check(setsockopt(s, SOL_SOCKET, 999, &v, 4) < 0 && errno == ENOPROTOOPT, "unknown option");
	expect("setsockopt(%d, SOL_SOCKET, 0x3e7 /* SO_??? */, [1], 4)", s);
	expect_rval("%s", rerr(ENOPROTOOPT));
	check(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, NULL) < 0 && errno == EFAULT, "NULL optlen");
	expect("getsockopt(%d, SOL_SOCKET, SO_TYPE, %s, NULL)", s, addr(&v));
	expect_rval("%s", rerr(EFAULT));
	len = 4;
	check(getsockopt(-1, SOL_TCP, TCP_MAXSEG, &v, &len) < 0 && errno == EBADF, "getsockopt EBADF");
	expect("getsockopt(-1, SOL_TCP, TCP_MAXSEG, %s, [4])", addr(&v));
	expect_rval("%s", rerr(EBADF));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
