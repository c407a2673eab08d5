/*
 * Socket addresses as strace 6.1 prints them (src/sockaddr.c), for the sock_*.c programs.
 * Each returns a string from the scratch pool of tests.h.
 */
#ifndef JSTRACE_SOCKETS_H
#define JSTRACE_SOCKETS_H

#include "tests.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* LEN bytes quoted whole, not cut at -s (strace's print_quoted_string) */
static const char *qbuf_all(const unsigned char *p, size_t len)
{
	char *res = scratch();
	quote_bytes(res, p, len);
	return res;
}

/* {sa_family=AF_INET, sin_port=htons(P), sin_addr=inet_addr("A")} */
static const char *sa_in(const struct sockaddr_in *sin)
{
	char *res = scratch();
	char a[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
	sprintf(res, "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}", ntohs(sin->sin_port), a);
	return res;
}

/* sockaddr_in6 of LEN bytes: sin6_scope_id only past offsetof(sin6_scope_id) */
static const char *sa_in6(const struct sockaddr_in6 *sin6, socklen_t len)
{
	char *res = scratch();
	char a[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, &sin6->sin6_addr, a, sizeof(a));
	int n = sprintf(res, "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
			"inet_pton(AF_INET6, \"%s\", &sin6_addr)", ntohs(sin6->sin6_port), ntohl(sin6->sin6_flowinfo), a);
	if (len > offsetof(struct sockaddr_in6, sin6_scope_id))
		n += sprintf(res + n, ", sin6_scope_id=%u", sin6->sin6_scope_id);
	strcpy(res + n, "}");
	return res;
}

/*
 * sockaddr_un of LEN bytes: a path up to its NUL, an abstract name whole after '@', or
 * nothing; shorter than sa_family, the address.
 */
static const char *sa_un(const struct sockaddr_un *sun, socklen_t len)
{
	char *res = scratch();
	size_t path_len = len - offsetof(struct sockaddr_un, sun_path);
	if (len < sizeof(sun->sun_family))
		return addr(sun);
	if (len <= offsetof(struct sockaddr_un, sun_path))
		strcpy(res, "{sa_family=AF_UNIX}");
	else if (sun->sun_path[0])
		sprintf(res, "{sa_family=AF_UNIX, sun_path=%s}", qpath(sun->sun_path));
	else
		sprintf(res, "{sa_family=AF_UNIX, sun_path=@%s}",
			qbuf_all((const unsigned char *) sun->sun_path + 1, path_len - 1));
	return res;
}

/* The index of the loopback interface, read with calls the tests never trace. */
static unsigned lo_ifindex(void)
{
	char buf[16] = "";
	int fd = syscall(SYS_open, "/sys/class/net/lo/ifindex", 0 /* O_RDONLY */);
	check(fd >= 0, "/sys/class/net/lo/ifindex");
	struct iovec iov = { buf, sizeof(buf) - 1 };
	check(readv(fd, &iov, 1) > 0, "read ifindex");
	syscall(SYS_close, fd);
	return (unsigned) atoi(buf);
}

#endif
