/*
 * AF_UNIX sockets: named (a path in the working directory), abstract (@"name") and
 * unnamed addresses; the socklen_t the kernel updates, [110 => 2]; socketpair, listen,
 * accept/accept4, connect, sendto/recvfrom, shutdown and their failures.
 */
#include "sockets.h"
#include <fcntl.h>

int main(void)
{
	static const char path[] = "sock_unix.sock";
	char buf[64];
	struct sockaddr_un peer;
	socklen_t len;
	unlink(path);

	/* a named stream server */
	int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	check(srv >= 0, "socket");
	expect("socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0)");
	expect_rval("%d", srv);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strcpy(sun.sun_path, path);
	socklen_t sun_len = offsetof(struct sockaddr_un, sun_path) + sizeof(path);
	check(bind(srv, (struct sockaddr *) &sun, sun_len) == 0, "bind");
	expect("bind(%d, %s, %u)", srv, sa_un(&sun, sun_len), sun_len);
	expect_rval("0");
	check(listen(srv, 4) == 0, "listen");
	expect("listen(%d, 4)", srv);
	expect_rval("0");

	/* nothing to accept yet */
	check(accept4(srv, NULL, NULL, SOCK_CLOEXEC) < 0 && errno == EAGAIN, "accept4 EAGAIN");
	expect("accept4(%d, NULL, NULL, SOCK_CLOEXEC)", srv);
	expect_rval("%s", "-1 EAGAIN (Resource temporarily unavailable)");

	int cli = socket(AF_UNIX, SOCK_STREAM, 0);
	check(cli >= 0, "socket");
	expect("socket(AF_UNIX, SOCK_STREAM, 0)");
	expect_rval("%d", cli);
	check(connect(cli, (struct sockaddr *) &sun, sizeof(sun)) == 0, "connect");
	expect("connect(%d, %s, %zu)", cli, sa_un(&sun, sizeof(sun)), sizeof(sun));
	expect_rval("0");

	/* the client is unnamed: the kernel returns only sa_family */
	len = sizeof(peer);
	int acc = accept(srv, (struct sockaddr *) &peer, &len);
	check(acc >= 0 && len == 2, "accept");
	expect("accept(%d, %s, [%zu => %u])", srv, sa_un(&peer, len), sizeof(peer), len);
	expect_rval("%d", acc);
	len = sizeof(peer);
	check(getsockname(srv, (struct sockaddr *) &peer, &len) == 0, "getsockname");
	expect("getsockname(%d, %s, [%zu => %u])", srv, sa_un(&peer, len), sizeof(peer), len);
	expect_rval("0");
	len = sizeof(peer);
	check(getpeername(cli, (struct sockaddr *) &peer, &len) == 0, "getpeername");
	expect("getpeername(%d, %s, [%zu => %u])", cli, sa_un(&peer, len), sizeof(peer), len);
	expect_rval("0");
	/* a buffer shorter than the address: the kernel truncates, the length says how long it was */
	len = 8;
	check(getpeername(cli, (struct sockaddr *) &peer, &len) == 0, "getpeername short");
	expect("getpeername(%d, {sa_family=AF_UNIX, sun_path=\"sock_u\"}, [8 => %u])", cli, len);
	expect_rval("0");

	check(sendto(cli, "ping", 4, MSG_NOSIGNAL, NULL, 0) == 4, "sendto");
	expect("sendto(%d, \"ping\", 4, MSG_NOSIGNAL, NULL, 0)", cli);
	expect_rval("4");
	/* a connected stream socket reports no address: length 0 prints the address */
	len = sizeof(peer);
	ssize_t n = recvfrom(acc, buf, sizeof(buf), 0, (struct sockaddr *) &peer, &len);
	check(n == 4 && len == 0, "recvfrom");
	expect("recvfrom(%d, \"ping\", %zu, 0, %s, [%zu => 0])", acc, sizeof(buf), addr(&peer), sizeof(peer));
	expect_rval("4");
	check(shutdown(cli, SHUT_WR) == 0, "shutdown");
	expect("shutdown(%d, SHUT_WR)", cli);
	expect_rval("0");
	check(recvfrom(acc, buf, sizeof(buf), 0, NULL, NULL) == 0, "recvfrom eof");
	expect("recvfrom(%d, \"\", %zu, 0, NULL, NULL)", acc, sizeof(buf));
	expect_rval("0");

	/* a second client, accepted with flags */
	int cli2 = socket(AF_UNIX, SOCK_STREAM, 0);
	check(cli2 >= 0, "socket");
	expect("socket(AF_UNIX, SOCK_STREAM, 0)");
	expect_rval("%d", cli2);
	check(connect(cli2, (struct sockaddr *) &sun, sun_len) == 0, "connect");
	expect("connect(%d, %s, %u)", cli2, sa_un(&sun, sun_len), sun_len);
	expect_rval("0");
	len = sizeof(peer);
	int acc2 = accept4(srv, (struct sockaddr *) &peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	check(acc2 >= 0, "accept4");
	expect("accept4(%d, %s, [%zu => %u], SOCK_CLOEXEC|SOCK_NONBLOCK)", srv, sa_un(&peer, len), sizeof(peer), len);
	expect_rval("%d", acc2);

	/* an abstract datagram socket, and an unbound sender */
	int d1 = socket(AF_UNIX, SOCK_DGRAM, 0), d2 = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	check(d1 >= 0 && d2 >= 0, "socket dgram");
	expect("socket(AF_UNIX, SOCK_DGRAM, 0)");
	expect_rval("%d", d1);
	expect("socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0)");
	expect_rval("%d", d2);
	struct sockaddr_un abs = { .sun_family = AF_UNIX };
	int name_len = sprintf(abs.sun_path + 1, "sock_unix.%d", getpid());
	socklen_t abs_len = offsetof(struct sockaddr_un, sun_path) + 1 + name_len;
	check(bind(d1, (struct sockaddr *) &abs, abs_len) == 0, "bind abstract");
	expect("bind(%d, %s, %u)", d1, sa_un(&abs, abs_len), abs_len);
	expect_rval("0");
	len = sizeof(peer);
	check(getsockname(d1, (struct sockaddr *) &peer, &len) == 0 && len == abs_len, "getsockname abstract");
	expect("getsockname(%d, %s, [%zu => %u])", d1, sa_un(&peer, len), sizeof(peer), len);
	expect_rval("0");
	check(sendto(d2, "hello", 5, 0, (struct sockaddr *) &abs, abs_len) == 5, "sendto abstract");
	expect("sendto(%d, \"hello\", 5, 0, %s, %u)", d2, sa_un(&abs, abs_len), abs_len);
	expect_rval("5");
	len = sizeof(peer);
	n = recvfrom(d1, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *) &peer, &len);
	check(n == 5, "recvfrom dgram");
	expect("recvfrom(%d, \"hello\", %zu, MSG_DONTWAIT, %s, [%zu => %u])", d1, sizeof(buf), sa_un(&peer, len),
	       sizeof(peer), len);
	expect_rval("5");
	/* an unbound sender has no address at all: length 0 prints the buffer's address */
	/* nothing left: the buffers print as addresses, the length as passed in */
	len = sizeof(peer);
	check(recvfrom(d1, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *) &peer, &len) < 0, "recvfrom EAGAIN");
	expect("recvfrom(%d, %s, %zu, MSG_DONTWAIT, %s, [%zu])", d1, addr(buf), sizeof(buf), addr(&peer), sizeof(peer));
	expect_rval("%s", "-1 EAGAIN (Resource temporarily unavailable)");

	int sv[2];
	check(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0, "socketpair");
	expect("socketpair(AF_UNIX, SOCK_SEQPACKET, 0, [%d, %d])", sv[0], sv[1]);
	expect_rval("0");

	/* failures */
	struct sockaddr_un missing = { .sun_family = AF_UNIX, .sun_path = "sock_unix.missing" };
	check(connect(d2, (struct sockaddr *) &missing, sizeof(missing)) < 0 && errno == ENOENT, "connect ENOENT");
	expect("connect(%d, %s, %zu)", d2, sa_un(&missing, sizeof(missing)), sizeof(missing));
	expect_rval("%s", rerr(ENOENT));
	check(bind(d2, (struct sockaddr *) &sun, 1) < 0 && errno == EINVAL, "bind short");
	expect("bind(%d, %s, 1)", d2, addr(&sun));
	expect_rval("%s", rerr(EINVAL));
	check(connect(d2, (struct sockaddr *) 8, sizeof(sun)) < 0 && errno == EFAULT, "connect EFAULT");
	expect("connect(%d, 0x8, %zu)", d2, sizeof(sun));
	expect_rval("%s", rerr(EFAULT));
	len = sizeof(peer);
	check(getsockname(d2, NULL, &len) < 0 && errno == EFAULT, "getsockname NULL");
	expect("getsockname(%d, NULL, %s)", d2, addr(&len));
	expect_rval("%s", rerr(EFAULT));
	check(accept(-1, NULL, NULL) < 0 && errno == EBADF, "accept EBADF");
	expect("accept(-1, NULL, NULL)");
	expect_rval("%s", rerr(EBADF));
	check(shutdown(-1, SHUT_RDWR) < 0 && errno == EBADF, "shutdown EBADF");
	expect("shutdown(-1, SHUT_RDWR)");
	expect_rval("%s", rerr(EBADF));
	check(socket(AF_UNIX, SOCK_STREAM, 99) < 0 && errno == EPROTONOSUPPORT, "socket EPROTONOSUPPORT");
	expect("socket(AF_UNIX, SOCK_STREAM, 99)");
	expect_rval("-1 EPROTONOSUPPORT (%s)", strerror(EPROTONOSUPPORT));

	unlink(path);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
