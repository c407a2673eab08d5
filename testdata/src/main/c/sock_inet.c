/*
 * AF_INET and AF_INET6 on loopback only, on ports the kernel picks (port 0; the program
 * prints the port it got): TCP bind/listen/connect/accept, getsockname/getpeername, UDP
 * sendto/recvfrom with the sender's address, shutdown, and the address forms strace
 * prints (htons, inet_addr, htonl, inet_pton, sin6_scope_id only in a full sockaddr_in6).
 */
#include "sockets.h"

int main(void)
{
	char buf[64];
	struct sockaddr_storage ss;
	socklen_t len;

	/* TCP over 127.0.0.1 */
	int srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	check(srv >= 0, "socket");
	expect("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP)");
	expect_rval("%d", srv);
	struct sockaddr_in lo = { .sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	check(bind(srv, (struct sockaddr *) &lo, sizeof(lo)) == 0, "bind");
	expect("bind(%d, %s, %zu)", srv, sa_in(&lo), sizeof(lo));
	expect_rval("0");
	check(listen(srv, 8) == 0, "listen");
	expect("listen(%d, 8)", srv);
	expect_rval("0");
	struct sockaddr_in bound;
	len = sizeof(ss);
	check(getsockname(srv, (struct sockaddr *) &ss, &len) == 0 && len == sizeof(bound), "getsockname");
	memcpy(&bound, &ss, sizeof(bound));
	expect("getsockname(%d, %s, [%zu => %u])", srv, sa_in(&bound), sizeof(ss), len);
	expect_rval("0");

	int cli = socket(AF_INET, SOCK_STREAM, 0);
	check(cli >= 0, "socket");
	expect("socket(AF_INET, SOCK_STREAM, IPPROTO_IP)");
	expect_rval("%d", cli);
	check(connect(cli, (struct sockaddr *) &bound, sizeof(bound)) == 0, "connect");
	expect("connect(%d, %s, %zu)", cli, sa_in(&bound), sizeof(bound));
	expect_rval("0");
	struct sockaddr_in from;
	len = sizeof(from);
	int acc = accept(srv, (struct sockaddr *) &from, &len);
	check(acc >= 0, "accept");
	expect("accept(%d, %s, [%u])", srv, sa_in(&from), len);
	expect_rval("%d", acc);
	struct sockaddr_in me;
	len = sizeof(me);
	check(getsockname(cli, (struct sockaddr *) &me, &len) == 0 && me.sin_port == from.sin_port, "client port");
	expect("getsockname(%d, %s, [%u])", cli, sa_in(&me), len);
	expect_rval("0");
	len = sizeof(ss);
	check(getpeername(acc, (struct sockaddr *) &ss, &len) == 0, "getpeername");
	expect("getpeername(%d, %s, [%zu => %u])", acc, sa_in((struct sockaddr_in *) &ss), sizeof(ss), len);
	expect_rval("0");

	check(sendto(cli, "GET / HTTP/1.0\r\n\r\n", 18, MSG_NOSIGNAL | MSG_MORE, NULL, 0) == 18, "sendto");
	expect("sendto(%d, \"GET / HTTP/1.0\\r\\n\\r\\n\", 18, MSG_NOSIGNAL|MSG_MORE, NULL, 0)", cli);
	expect_rval("18");
	check(shutdown(cli, SHUT_RDWR) == 0, "shutdown");
	expect("shutdown(%d, SHUT_RDWR)", cli);
	expect_rval("0");
	check(recvfrom(acc, buf, sizeof(buf), MSG_WAITALL, NULL, NULL) == 18, "recvfrom");
	expect("recvfrom(%d, \"GET / HTTP/1.0\\r\\n\\r\\n\", %zu, MSG_WAITALL, NULL, NULL)", acc, sizeof(buf));
	expect_rval("18");
	/* nothing listens on port 0 here: refused */
	int cli2 = socket(AF_INET, SOCK_STREAM, 0);
	check(cli2 >= 0, "socket");
	expect("socket(AF_INET, SOCK_STREAM, IPPROTO_IP)");
	expect_rval("%d", cli2);
	struct sockaddr_in closed = { .sin_family = AF_INET, .sin_port = htons(1), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	check(connect(cli2, (struct sockaddr *) &closed, sizeof(closed)) < 0 && errno == ECONNREFUSED, "ECONNREFUSED");
	expect("connect(%d, %s, %zu)", cli2, sa_in(&closed), sizeof(closed));
	expect_rval("%s", rerr(ECONNREFUSED));
	/* a sockaddr_in cut short prints its bytes */
	check(bind(cli2, (struct sockaddr *) &lo, 8) < 0 && errno == EINVAL, "bind short");
	expect("bind(%d, {sa_family=AF_INET, sa_data=\"\\0\\0\\177\\0\\0\\1\"}, 8)", cli2);
	expect_rval("%s", rerr(EINVAL));

	/* UDP over ::1 */
	int u1 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), u2 = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	check(u1 >= 0 && u2 >= 0, "socket inet6");
	expect("socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)");
	expect_rval("%d", u1);
	expect("socket(AF_INET6, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_IP)");
	expect_rval("%d", u2);
	struct sockaddr_in6 lo6 = { .sin6_family = AF_INET6, .sin6_flowinfo = htonl(5), .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	check(bind(u1, (struct sockaddr *) &lo6, sizeof(lo6)) == 0, "bind6");
	expect("bind(%d, %s, %zu)", u1, sa_in6(&lo6, sizeof(lo6)), sizeof(lo6));
	expect_rval("0");
	struct sockaddr_in6 bound6;
	len = sizeof(bound6);
	check(getsockname(u1, (struct sockaddr *) &bound6, &len) == 0, "getsockname6");
	expect("getsockname(%d, %s, [%u])", u1, sa_in6(&bound6, len), len);
	expect_rval("0");
	/* without sin6_scope_id (the kernel accepts 24 bytes) */
	check(sendto(u2, "\0\1\2", 3, 0, (struct sockaddr *) &bound6, 24) == 3, "sendto6");
	expect("sendto(%d, \"\\0\\1\\2\", 3, 0, %s, 24)", u2, sa_in6(&bound6, 24));
	expect_rval("3");
	struct sockaddr_in6 from6;
	len = sizeof(ss);
	check(recvfrom(u1, buf, sizeof(buf), 0, (struct sockaddr *) &ss, &len) == 3, "recvfrom6");
	memcpy(&from6, &ss, sizeof(from6));
	expect("recvfrom(%d, \"\\0\\1\\2\", %zu, 0, %s, [%zu => %u])", u1, sizeof(buf), sa_in6(&from6, len), sizeof(ss), len);
	expect_rval("3");
	/* an address buffer shorter than the sender's: the kernel cuts it, strace prints what fits */
	check(sendto(u2, "x", 1, 0, (struct sockaddr *) &bound6, sizeof(bound6)) == 1, "sendto6 again");
	expect("sendto(%d, \"x\", 1, 0, %s, %zu)", u2, sa_in6(&bound6, sizeof(bound6)), sizeof(bound6));
	expect_rval("1");
	len = 2;
	check(recvfrom(u1, buf, sizeof(buf), 0, (struct sockaddr *) &ss, &len) == 1, "recvfrom6 short");
	expect("recvfrom(%d, \"x\", %zu, 0, {sa_family=AF_INET6}, [2 => %u])", u1, sizeof(buf), len);
	expect_rval("1");
	check(connect(u2, (struct sockaddr *) &bound6, sizeof(bound6)) == 0, "connect6");
	expect("connect(%d, %s, %zu)", u2, sa_in6(&bound6, sizeof(bound6)), sizeof(bound6));
	expect_rval("0");
	len = sizeof(ss);
	check(getpeername(u2, (struct sockaddr *) &ss, &len) == 0, "getpeername6");
	expect("getpeername(%d, %s, [%zu => %u])", u2, sa_in6((struct sockaddr_in6 *) &ss, len), sizeof(ss), len);
	expect_rval("0");
	/* IPv4-mapped and other textual forms come from inet_ntop */
	struct sockaddr_in6 mapped = { .sin6_family = AF_INET6, .sin6_port = htons(9) };
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &mapped.sin6_addr);
	int rc = connect(u1, (struct sockaddr *) &mapped, sizeof(mapped));
	int e = errno;
	expect("connect(%d, %s, %zu)", u1, sa_in6(&mapped, sizeof(mapped)), sizeof(mapped));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	struct sockaddr_in6 doc = { .sin6_family = AF_INET6, .sin6_port = htons(53) };
	inet_pton(AF_INET6, "2001:db8:0:0:1::1", &doc.sin6_addr);
	rc = sendto(u2, "", 0, MSG_DONTWAIT, (struct sockaddr *) &doc, sizeof(doc));
	e = errno;
	expect("sendto(%d, \"\", 0, MSG_DONTWAIT, %s, %zu)", u2, sa_in6(&doc, sizeof(doc)), sizeof(doc));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	len = sizeof(ss);
	check(recvfrom(u2, buf, sizeof(buf), 0, (struct sockaddr *) &ss, &len) < 0 && errno == EAGAIN, "EAGAIN");
	expect("recvfrom(%d, %s, %zu, 0, %s, [%zu])", u2, addr(buf), sizeof(buf), addr(&ss), sizeof(ss));
	expect_rval("%s", rerr(EAGAIN));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
