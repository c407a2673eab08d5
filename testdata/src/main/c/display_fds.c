/*
 * A helper tracee, without expected output: the subject of cli's DisplayOptionsTest for
 * -yy. Its descriptors are of every kind -yy details: a device, a pipe, UNIX stream and
 * datagram pairs, a bound UNIX socket, TCP over loopback (listening, connected,
 * accepted), UDP and UDPv6, a netlink socket, an eventfd, a pidfd, and files unlinked
 * while open.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
	int null = open("/dev/null", O_WRONLY);
	write(null, "x", 1);
	close(null);
	int p[2];
	pipe(p);
	close(p[0]);
	close(p[1]);
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "x", 1);
	close(sv[0]);
	close(sv[1]);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	write(sv[1], "x", 1);
	close(sv[1]);
	close(sv[0]);

	int u = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	strcpy(sun.sun_path, "display_fds.sock");
	unlink(sun.sun_path);
	bind(u, (void *) &sun, sizeof(sun));
	listen(u, 1);
	close(u);
	unlink(sun.sun_path);
	u = socket(AF_UNIX, SOCK_DGRAM, 0);
	memcpy(sun.sun_path, "\0display_fds", 12);
	bind(u, (void *) &sun, offsetof(struct sockaddr_un, sun_path) + 12);
	close(u);

	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bind(l, (void *) &a, sizeof(a));
	listen(l, 1);
	socklen_t len = sizeof(a);
	getsockname(l, (void *) &a, &len);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (void *) &a, sizeof(a));
	int s = accept(l, NULL, NULL);
	write(c, "ping", 4);
	char buf[4];
	read(s, buf, 4);
	close(s);
	close(c);
	close(l);

	int d = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_port = htons(53);
	connect(d, (void *) &a, sizeof(a));
	close(d);
	int d6 = socket(AF_INET6, SOCK_DGRAM, 0);
	struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_port = htons(53), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	connect(d6, (void *) &a6, sizeof(a6));
	close(d6);

	int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct sockaddr_nl snl = {.nl_family = AF_NETLINK};
	bind(nl, (void *) &snl, sizeof(snl));
	close(nl);
	int e = eventfd(0, 0);
	close(e);
	int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
	close(pidfd);

	/*
	 * Unlinked files: the kernel appends " (deleted)" to the link, which a file may also
	 * have in its name; -y tells the two apart.
	 */
	int gone = open("display_fds.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int named = open("display_fds.tmp (deleted)", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	write(gone, "x", 1);
	write(named, "x", 1);
	unlink("display_fds.tmp");
	unlink("display_fds.tmp (deleted)");
	write(gone, "x", 1);
	write(named, "x", 1);
	close(gone);
	close(named);
	return 0;
}
