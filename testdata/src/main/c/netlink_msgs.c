/*
 * Netlink messages in socket buffers, as strace 6.1 decodes them (src/netlink.c, nlattr.c,
 * netlink_route.c, netlink_unix_diag.c): requests with attributes sent with sendto and
 * sendmsg, the kernel's NLMSG_ERROR answers (the echoed request decoded again inside
 * {error=-E..., msg=...}) read with recvfrom, several messages in one buffer, and buffers
 * too short for a header or unreadable. Only requests the kernel refuses are sent, so every
 * answer is known: the error and the port id come from the answer itself.
 */
#include "sockets.h"
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/mman.h>

/* NLM_F_* of an acknowledgement: the kernel may cap the echo or add TLVs */
static const char *ack_flags(unsigned f)
{
	char *res = scratch();
	res[0] = 0;
	if (f & NLM_F_CAPPED)
		strcat(res, "NLM_F_CAPPED");
	if (f & NLM_F_ACK_TLVS)
		strcat(res, *res ? "|NLM_F_ACK_TLVS" : "NLM_F_ACK_TLVS");
	if (!*res)
		strcpy(res, "0");
	return res;
}

static const char *hdr(const struct nlmsghdr *h, const char *type, const char *flags)
{
	char *res = scratch();
	sprintf(res, "{nlmsg_len=%u, nlmsg_type=%s, nlmsg_flags=%s, nlmsg_seq=%u, nlmsg_pid=%d}",
		h->nlmsg_len, type, flags, h->nlmsg_seq, (int) h->nlmsg_pid);
	return res;
}

struct link_req {
	struct nlmsghdr h;
	struct ifinfomsg i;
	struct nlattr name_hdr;
	char name[12];
};

static const char *link_req(const struct link_req *r)
{
	char *res = scratch();
	sprintf(res, "[%s, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=%d, ifi_flags=0, ifi_change=0}, "
		"[{nla_len=%u, nla_type=IFLA_IFNAME}, \"%s\"]]",
		hdr(&r->h, "RTM_GETLINK", "NLM_F_REQUEST|NLM_F_ACK"), r->i.ifi_index, r->name_hdr.nla_len, r->name);
	return res;
}

/* the kernel's answer to a refused request: NLMSG_ERROR echoing it */
static void expect_error(int fd, const char *echo_type, const char *echo_flags, const char *echo_payload)
{
	static unsigned char buf[8192];
	ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL);
	check(n >= (ssize_t) (NLMSG_HDRLEN + sizeof(struct nlmsgerr)), "recvfrom error");
	const struct nlmsghdr *h = (const void *) buf;
	const struct nlmsgerr *err = NLMSG_DATA(h);
	check(h->nlmsg_type == NLMSG_ERROR && err->error < 0 && !(h->nlmsg_flags & NLM_F_CAPPED)
	      && !(h->nlmsg_flags & NLM_F_ACK_TLVS), "an uncapped error without TLVs");
	const char *echo = hdr(&err->msg, echo_type, echo_flags);
	if (echo_payload)
		expect("recvfrom(%d, [%s, {error=-%s, msg=[%s, %s]}], %zu, 0, NULL, NULL)", fd,
		       hdr(h, "NLMSG_ERROR", ack_flags(h->nlmsg_flags)), errno_name(-err->error), echo,
		       echo_payload, sizeof(buf));
	else
		expect("recvfrom(%d, [%s, {error=-%s, msg=%s}], %zu, 0, NULL, NULL)", fd,
		       hdr(h, "NLMSG_ERROR", ack_flags(h->nlmsg_flags)), errno_name(-err->error), echo, sizeof(buf));
	expect_rval("%zd", n);
}

int main(void)
{
	/* bound first: an unbound socket has no port id yet, sock_diag does not list it, and
	 * strace (like jstrace) then cannot tell its protocol and names the types generically */
	struct sockaddr_nl self = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	check(fd >= 0 && bind(fd, (struct sockaddr *) &self, sizeof(self)) == 0, "socket");

	/* RTM_GETLINK of an interface that does not exist, with IFLA_IFNAME: ENODEV */
	struct link_req req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		       .nlmsg_seq = 1 },
		.i = { .ifi_family = AF_UNSPEC, .ifi_index = 0x7ffffff0 },
		.name_hdr = { .nla_len = NLA_HDRLEN + 11, .nla_type = IFLA_IFNAME },
		.name = "nosuchdev0",
	};
	ssize_t rc = sendto(fd, &req, sizeof(req), 0, NULL, 0);
	check(rc == sizeof(req), "sendto RTM_GETLINK");
	expect("sendto(%d, %s, %zu, 0, NULL, 0)", fd, link_req(&req), sizeof(req));
	expect_rval("%zd", rc);
	char payload[512];
	sprintf(payload, "{ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=%d, ifi_flags=0, ifi_change=0}, "
		"[{nla_len=%u, nla_type=IFLA_IFNAME}, \"%s\"]", req.i.ifi_index, req.name_hdr.nla_len, req.name);
	expect_error(fd, "RTM_GETLINK", "NLM_F_REQUEST|NLM_F_ACK", payload);

	/* two messages in one buffer, sent to the kernel's address with sendmsg: RTM_DELADDR of an
	 * address no interface has (EADDRNOTAVAIL or ENODEV), then an NLMSG_NOOP the kernel skips */
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
		struct nlattr local_hdr;
		struct in_addr local;
		struct nlmsghdr noop;
	} two = {
		.h = { .nlmsg_len = NLMSG_HDRLEN + sizeof(struct ifaddrmsg) + NLA_HDRLEN + 4, .nlmsg_type = RTM_DELADDR,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 2 },
		.a = { .ifa_family = AF_INET, .ifa_prefixlen = 32, .ifa_scope = RT_SCOPE_HOST, .ifa_index = 0x7ffffff1 },
		.local_hdr = { .nla_len = NLA_HDRLEN + 4, .nla_type = IFA_LOCAL },
		.local = { htonl(0xc0000201) },
		.noop = { .nlmsg_len = NLMSG_HDRLEN, .nlmsg_type = NLMSG_NOOP, .nlmsg_seq = 3 },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov = { &two, sizeof(two) };
	struct msghdr mh = { .msg_name = &kernel, .msg_namelen = sizeof(kernel), .msg_iov = &iov, .msg_iovlen = 1 };
	rc = sendmsg(fd, &mh, 0);
	check(rc == sizeof(two), "sendmsg");
	char addr_payload[512];
	sprintf(addr_payload, "{ifa_family=AF_INET, ifa_prefixlen=32, ifa_flags=0, ifa_scope=RT_SCOPE_HOST, ifa_index=%u}, "
		"[{nla_len=8, nla_type=IFA_LOCAL}, inet_addr(\"192.0.2.1\")]", two.a.ifa_index);
	expect("sendmsg(%d, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=%zu, "
	       "msg_iov=[{iov_base=[[%s, %s], %s], iov_len=%zu}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0)",
	       fd, sizeof(kernel), hdr(&two.h, "RTM_DELADDR", "NLM_F_REQUEST|NLM_F_ACK"), addr_payload,
	       hdr(&two.noop, "NLMSG_NOOP", "0"), sizeof(two));
	expect_rval("%zd", rc);
	expect_error(fd, "RTM_DELADDR", "NLM_F_REQUEST|NLM_F_ACK", addr_payload);

	/* shorter than a header: the bytes in hex */
	rc = sendto(fd, "\x01\x02\x03", 3, 0, NULL, 0);
	expect("sendto(%d, \"\\x01\\x02\\x03\", 3, 0, NULL, 0)", fd);
	expect_rval("%s", rval(rc));

	/* an unreadable buffer: its address */
	void *gone = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(gone != MAP_FAILED, "mmap");
	rc = sendto(fd, gone, NLMSG_HDRLEN, 0, NULL, 0);
	expect("sendto(%d, %s, %d, 0, NULL, 0)", fd, addr(gone), NLMSG_HDRLEN);
	expect_rval("%s", rval(rc));

	/* NETLINK_SOCK_DIAG: a unix socket by an inode no socket has */
	int diag = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	check(diag >= 0 && bind(diag, (struct sockaddr *) &self, sizeof(self)) == 0, "socket diag");
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} ureq = {
		.h = { .nlmsg_len = sizeof(ureq), .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST,
		       .nlmsg_seq = 4 },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = 1 << 1 | 1 << 10, .udiag_ino = 0xfffffff0,
		       .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER, .udiag_cookie = { ~0U, ~0U } },
	};
	rc = sendto(diag, &ureq, sizeof(ureq), 0, NULL, 0);
	check(rc == sizeof(ureq), "sendto diag");
	char diag_payload[512];
	sprintf(diag_payload, "{sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_ESTABLISHED|1<<TCP_LISTEN, "
		"udiag_ino=%u, udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_PEER, udiag_cookie=[%u, %u]}",
		ureq.r.udiag_ino, ureq.r.udiag_cookie[0], ureq.r.udiag_cookie[1]);
	expect("sendto(%d, [%s, %s], %zu, 0, NULL, 0)", diag, hdr(&ureq.h, "SOCK_DIAG_BY_FAMILY", "NLM_F_REQUEST"),
	       diag_payload, sizeof(ureq));
	expect_rval("%zd", rc);
	expect_error(diag, "SOCK_DIAG_BY_FAMILY", "NLM_F_REQUEST", diag_payload);

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
