/*
 * sendmsg, recvmsg, sendmmsg and recvmmsg: struct msghdr with its name, buffers (a
 * received message spread over them), control messages (SCM_RIGHTS, SCM_CREDENTIALS, cut
 * short by a small buffer), flags; msg_namelen as 110 => N; recvmmsg's msg_len and the
 * time left of its timeout; SOL_IP control messages of a UDP datagram; and the failures,
 * printed by address or {msg_namelen=N}.
 */
#include "sockets.h"

/* msg_control as strace's decode_msg_control prints SOL_SOCKET rights and credentials */
static const char *cmsgs(const void *control, size_t controllen)
{
	char *res = scratch(), *p = res;
	const unsigned char *buf = control;
	size_t left = controllen, at = 0;
	p += sprintf(p, "[");
	while (left >= sizeof(struct cmsghdr)) {
		const struct cmsghdr *c = (const void *) (buf + at);
		size_t len = c->cmsg_len > left ? left : c->cmsg_len;
		size_t dlen = len > sizeof(*c) ? len - sizeof(*c) : 0;
		if (at)
			p += sprintf(p, ", ");
		p += sprintf(p, "{cmsg_len=%zu, cmsg_level=SOL_SOCKET, cmsg_type=%s", (size_t) c->cmsg_len,
			     c->cmsg_type == SCM_RIGHTS ? "SCM_RIGHTS" : "SCM_CREDENTIALS");
		if (c->cmsg_type == SCM_RIGHTS && dlen >= sizeof(int)) {
			const int *fds = (const int *) CMSG_DATA(c);
			p += sprintf(p, ", cmsg_data=[");
			for (size_t i = 0; i < dlen / sizeof(int); i++)
				p += sprintf(p, "%s%d", i ? ", " : "", fds[i]);
			p += sprintf(p, "]");
		} else if (c->cmsg_type == SCM_CREDENTIALS && dlen >= sizeof(struct ucred)) {
			const struct ucred *uc = (const struct ucred *) CMSG_DATA(c);
			p += sprintf(p, ", cmsg_data={pid=%d, uid=%u, gid=%u}", uc->pid, uc->uid, uc->gid);
		}
		p += sprintf(p, "}");
		if (len < sizeof(*c)) {
			left -= sizeof(*c);
			break;
		}
		size_t aligned = (c->cmsg_len + 7) & ~(size_t) 7;
		if (aligned >= left) {
			left = 0;
			break;
		}
		at += aligned;
		left -= aligned;
	}
	if (left)
		p += sprintf(p, ", ... /* %s */", addr(buf + controllen - left));
	sprintf(p, "]");
	return res;
}

static const char *control_fields(const struct msghdr *m)
{
	char *res = scratch();
	if (m->msg_controllen)
		sprintf(res, "msg_control=%s, msg_controllen=%zu", cmsgs(m->msg_control, m->msg_controllen),
			(size_t) m->msg_controllen);
	else
		strcpy(res, "msg_controllen=0");
	return res;
}

int main(void)
{
	int sv[2];
	check(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair");
	int one = 1;
	check(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) == 0, "SO_PASSCRED");
	int pid = getpid();

	/* two buffers and two descriptors */
	struct iovec iov[2] = { { "hello", 5 }, { "world!", 6 } };
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} out;
	memset(&out, 0, sizeof(out));
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = out.buf, .msg_controllen = sizeof(out.buf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(2 * sizeof(int));
	int fds[2] = { 0, 1 };
	memcpy(CMSG_DATA(c), fds, sizeof(fds));
	check(sendmsg(sv[0], &m, 0) == 11, "sendmsg");
	expect("sendmsg(%d, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=5}, "
	       "{iov_base=\"world!\", iov_len=6}], msg_iovlen=2, %s, msg_flags=0}, 0)", sv[0], control_fields(&m));
	expect_rval("11");

	/* received: credentials too, the descriptors renumbered; the bytes spread over one buffer */
	char rbuf[64], cbuf[256];
	struct iovec riov = { rbuf, sizeof(rbuf) };
	struct msghdr r = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	check(recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC) == 11, "recvmsg");
	expect("recvmsg(%d, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"helloworld!\", iov_len=%zu}], "
	       "msg_iovlen=1, %s, msg_flags=MSG_CMSG_CLOEXEC}, MSG_CMSG_CLOEXEC)", sv[1], sizeof(rbuf), control_fields(&r));
	expect_rval("11");

	/* no control data; a receive buffer too small: MSG_TRUNC, and the credentials cut short */
	struct msghdr m2 = { .msg_iov = iov + 1, .msg_iovlen = 1 };
	check(sendmsg(sv[0], &m2, MSG_DONTWAIT) == 6, "sendmsg 2");
	expect("sendmsg(%d, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"world!\", iov_len=6}], msg_iovlen=1, "
	       "msg_controllen=0, msg_flags=0}, MSG_DONTWAIT)", sv[0]);
	expect_rval("6");
	struct sockaddr_un from;
	struct iovec small[2] = { { rbuf, 2 }, { rbuf + 2, 2 } };
	union {
		char buf[CMSG_SPACE(8)];
		struct cmsghdr align;
	} tiny;
	r = (struct msghdr) { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = small, .msg_iovlen = 2,
			      .msg_control = tiny.buf, .msg_controllen = sizeof(tiny.buf) };
	check(recvmsg(sv[1], &r, 0) == 4, "recvmsg short");
	expect("recvmsg(%d, {msg_name=%s, msg_namelen=%zu => %u, msg_iov=[{iov_base=\"wo\", iov_len=2}, "
	       "{iov_base=\"rl\", iov_len=2}], msg_iovlen=2, %s, msg_flags=MSG_CTRUNC|MSG_TRUNC}, 0)", sv[1],
	       sa_un(&from, r.msg_namelen), sizeof(from), r.msg_namelen, control_fields(&r));
	expect_rval("4");

	/* a named sender: msg_name comes back */
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(d >= 0, "socket");
	struct sockaddr_un abs = { .sun_family = AF_UNIX };
	int name_len = sprintf(abs.sun_path + 1, "sock_msg.%d", pid);
	socklen_t abs_len = offsetof(struct sockaddr_un, sun_path) + 1 + name_len;
	check(bind(d, (struct sockaddr *) &abs, abs_len) == 0, "bind");
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	sprintf(to.sun_path + 1, "sock_msg.%d.to", pid);
	socklen_t to_len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(to.sun_path + 1);
	int d2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(d2 >= 0 && bind(d2, (struct sockaddr *) &to, to_len) == 0, "bind to");
	struct msghdr m3 = { .msg_name = &to, .msg_namelen = to_len, .msg_iov = iov, .msg_iovlen = 1 };
	check(sendmsg(d, &m3, 0) == 5, "sendmsg named");
	expect("sendmsg(%d, {msg_name=%s, msg_namelen=%u, msg_iov=[{iov_base=\"hello\", iov_len=5}], msg_iovlen=1, "
	       "msg_controllen=0, msg_flags=0}, 0)", d, sa_un(&to, to_len), to_len);
	expect_rval("5");
	r = (struct msghdr) { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &riov, .msg_iovlen = 1 };
	check(recvmsg(d2, &r, 0) == 5, "recvmsg named");
	expect("recvmsg(%d, {msg_name=%s, msg_namelen=%zu => %u, msg_iov=[{iov_base=\"hello\", iov_len=%zu}], "
	       "msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0)", d2, sa_un(&from, r.msg_namelen), sizeof(from),
	       r.msg_namelen, sizeof(rbuf));
	expect_rval("5");

	/* failures: only msg_namelen as passed in; unreadable headers by address */
	r.msg_namelen = sizeof(from);
	check(recvmsg(d2, &r, MSG_DONTWAIT) < 0 && errno == EAGAIN, "recvmsg EAGAIN");
	expect("recvmsg(%d, {msg_namelen=%zu}, MSG_DONTWAIT)", d2, sizeof(from));
	expect_rval("%s", rerr(EAGAIN));
	check(recvmsg(-1, (struct msghdr *) 8, 0) < 0 && errno == EBADF, "recvmsg EBADF");
	expect("recvmsg(-1, 0x8, 0)");
	expect_rval("%s", rerr(EBADF));
	check(sendmsg(d, (struct msghdr *) 8, MSG_NOSIGNAL) < 0 && errno == EFAULT, "sendmsg EFAULT");
	expect("sendmsg(%d, 0x8, MSG_NOSIGNAL)", d);
	expect_rval("%s", rerr(EFAULT));
	check(sendmsg(d, NULL, 0) < 0 && errno == EFAULT, "sendmsg NULL");
	expect("sendmsg(%d, NULL, 0)", d);
	expect_rval("%s", rerr(EFAULT));

	/* sendmmsg: each message with the msg_len the kernel wrote */
	struct mmsghdr mm[2];
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr = (struct msghdr) { .msg_name = &to, .msg_namelen = to_len, .msg_iov = iov, .msg_iovlen = 1 };
	mm[1].msg_hdr = (struct msghdr) { .msg_name = &to, .msg_namelen = to_len, .msg_iov = iov + 1, .msg_iovlen = 1 };
	check(sendmmsg(d, mm, 2, 0) == 2, "sendmmsg");
	expect("sendmmsg(%d, [{msg_hdr={msg_name=%s, msg_namelen=%u, msg_iov=[{iov_base=\"hello\", iov_len=5}], "
	       "msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=5}, {msg_hdr={msg_name=%s, msg_namelen=%u, "
	       "msg_iov=[{iov_base=\"world!\", iov_len=6}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=6}], "
	       "2, 0)", d, sa_un(&to, to_len), to_len, sa_un(&to, to_len), to_len);
	expect_rval("2");

	/* recvmmsg: as many as came, msg_namelen as passed in => as returned, the time left */
	char b1[8], b2[8];
	struct iovec ri[2] = { { b1, sizeof(b1) }, { b2, sizeof(b2) } };
	struct sockaddr_un n1, n2;
	struct mmsghdr rm[3];
	memset(rm, 0, sizeof(rm));
	rm[0].msg_hdr = (struct msghdr) { .msg_name = &n1, .msg_namelen = sizeof(n1), .msg_iov = ri, .msg_iovlen = 1 };
	rm[1].msg_hdr = (struct msghdr) { .msg_name = &n2, .msg_namelen = sizeof(n2), .msg_iov = ri + 1, .msg_iovlen = 1 };
	rm[2].msg_hdr = rm[1].msg_hdr;
	struct timespec ts = { 5, 0 };
	check(recvmmsg(d2, rm, 3, MSG_DONTWAIT, &ts) == 2, "recvmmsg");
	expect("recvmmsg(%d, [{msg_hdr={msg_name=%s, msg_namelen=%zu => %u, msg_iov=[{iov_base=\"hello\", iov_len=8}], "
	       "msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=5}, {msg_hdr={msg_name=%s, msg_namelen=%zu => %u, "
	       "msg_iov=[{iov_base=\"world!\", iov_len=8}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=6}], "
	       "3, MSG_DONTWAIT, {tv_sec=5, tv_nsec=0})", d2, sa_un(&n1, rm[0].msg_hdr.msg_namelen), sizeof(n1),
	       rm[0].msg_hdr.msg_namelen, sa_un(&n2, rm[1].msg_hdr.msg_namelen), sizeof(n2), rm[1].msg_hdr.msg_namelen);
	expect_rval("2 (left {tv_sec=%lld, tv_nsec=%ld})", (long long) ts.tv_sec, ts.tv_nsec);
	check(recvmmsg(d2, rm, 2, MSG_DONTWAIT, NULL) < 0 && errno == EAGAIN, "recvmmsg EAGAIN");
	expect("recvmmsg(%d, %s, 2, MSG_DONTWAIT, NULL)", d2, addr(rm));
	expect_rval("%s", rerr(EAGAIN));
	check(sendmmsg(-1, mm, 1, 0) < 0 && errno == EBADF, "sendmmsg EBADF");
	expect("sendmmsg(-1, [{msg_hdr={msg_name=%s, msg_namelen=%u, msg_iov=[{iov_base=\"hello\", iov_len=5}], "
	       "msg_iovlen=1, msg_controllen=0, msg_flags=0}}], 1, 0)", sa_un(&to, to_len), to_len);
	expect_rval("%s", rerr(EBADF));

	/* SOL_IP control messages of a UDP datagram over 127.0.0.1 */
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(in);
	check(u >= 0 && bind(u, (struct sockaddr *) &in, sizeof(in)) == 0
	      && getsockname(u, (struct sockaddr *) &in, &len) == 0, "udp");
	int opts[] = { IP_PKTINFO, IP_RECVTTL, IP_RECVTOS, IP_RECVORIGDSTADDR };
	for (int i = 0; i < 4; i++)
		check(setsockopt(u, SOL_IP, opts[i], &one, sizeof(one)) == 0, "IP_RECV*");
	check(sendto(u, "abc", 3, 0, (struct sockaddr *) &in, sizeof(in)) == 3, "sendto udp");
	r = (struct msghdr) { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	check(recvmsg(u, &r, 0) == 3, "recvmsg udp");
	expect("recvmsg(%d, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", iov_len=%zu}], msg_iovlen=1, "
	       "msg_control=[", u, sizeof(rbuf));
	for (struct cmsghdr *h = CMSG_FIRSTHDR(&r); h; h = CMSG_NXTHDR(&r, h)) {
		check(h->cmsg_level == SOL_IP, "SOL_IP");
		expect("%s{cmsg_len=%zu, cmsg_level=SOL_IP, ", h == CMSG_FIRSTHDR(&r) ? "" : ", ", (size_t) h->cmsg_len);
		if (h->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo *pi = (struct in_pktinfo *) CMSG_DATA(h);
			check(pi->ipi_ifindex == (int) lo_ifindex(), "ipi_ifindex");
			expect("cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=if_nametoindex(\"lo\"), "
			       "ipi_spec_dst=inet_addr(\"127.0.0.1\"), ipi_addr=inet_addr(\"127.0.0.1\")}}");
		} else if (h->cmsg_type == IP_TTL) {
			expect("cmsg_type=IP_TTL, cmsg_data=[%d]}", *(int *) CMSG_DATA(h));
		} else if (h->cmsg_type == IP_TOS) {
			unsigned char tos = *CMSG_DATA(h);
			expect(tos ? "cmsg_type=IP_TOS, cmsg_data=[%#x]}" : "cmsg_type=IP_TOS, cmsg_data=[%d]}", tos);
		} else {
			check(h->cmsg_type == IP_ORIGDSTADDR, "IP_ORIGDSTADDR");
			expect("cmsg_type=IP_ORIGDSTADDR, cmsg_data=%s}", sa_in((struct sockaddr_in *) CMSG_DATA(h)));
		}
	}
	expect("], msg_controllen=%zu, msg_flags=0}, 0)", (size_t) r.msg_controllen);
	expect_rval("3");

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
