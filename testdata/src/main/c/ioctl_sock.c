/*
 * SIOCGIFCONF on a UDP socket: the length asked for without a buffer, then the interfaces
 * in a buffer with room for all of them (each struct ifreq's name and IPv4 address), one
 * too small for the first, and an unwritable buffer.
 */
#include "tests.h"
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

/* The interfaces the kernel listed, as strace prints struct ifreq's name and address. */
static void expect_ifreqs(const struct ifreq *r, int n)
{
	expect("[");
	for (int k = 0; k < n; k++) {
		const struct sockaddr_in *a = (const struct sockaddr_in *) &r[k].ifr_addr;
		expect("%s{ifr_name=\"%s\", ifr_addr={sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}}",
		       k ? ", " : "", r[k].ifr_name, ntohs(a->sin_port), inet_ntoa(a->sin_addr));
	}
	expect("]");
}

/* A length, with the number of ifreqs it holds when it holds a whole number of them. */
static const char *len_str(int len)
{
	char *s = scratch();
	if (len > 0 && len % (int) sizeof(struct ifreq) == 0)
		sprintf(s, "%d /* %d * sizeof(struct ifreq) */", len, len / (int) sizeof(struct ifreq));
	else
		sprintf(s, "%d", len);
	return s;
}

int main(void)
{
	int s = S(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	check(s >= 0, "socket");

	struct ifconf ifc = { .ifc_len = 0, .ifc_buf = NULL };
	long r = S(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	check(r == 0, "SIOCGIFCONF without a buffer");
	expect("ioctl(%d, SIOCGIFCONF, {ifc_len=%s, ifc_buf=NULL})", s, len_str(ifc.ifc_len));
	expect_rval("0");

	static struct ifreq reqs[64];
	int room = ifc.ifc_len + (int) sizeof(struct ifreq);
	ifc.ifc_len = room;
	ifc.ifc_req = reqs;
	r = S(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	check(r == 0, "SIOCGIFCONF");
	expect("ioctl(%d, SIOCGIFCONF, {ifc_len=%s => %s, ifc_buf=", s, len_str(room), len_str(ifc.ifc_len));
	expect_ifreqs(reqs, ifc.ifc_len / (int) sizeof(struct ifreq));
	expect("})");
	expect_rval("0");

	ifc.ifc_len = sizeof(struct ifreq) - 1;
	r = S(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	check(r == 0, "SIOCGIFCONF, too small");
	expect("ioctl(%d, SIOCGIFCONF, {ifc_len=%d => 0, ifc_buf=[]})", s, (int) sizeof(struct ifreq) - 1);
	expect_rval("0");

	ifc.ifc_len = room;
	ifc.ifc_buf = (char *) 8;
	r = S(SYS_ioctl, s, SIOCGIFCONF, &ifc);
	expect("ioctl(%d, SIOCGIFCONF, {ifc_len=%s, ifc_buf=0x8})", s, len_str(room));
	expect_rval("%s", rval(r));

	r = S(SYS_ioctl, s, SIOCGIFCONF, NULL);
	expect("ioctl(%d, SIOCGIFCONF, NULL)", s);
	expect_rval("%s", rval(r));

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
