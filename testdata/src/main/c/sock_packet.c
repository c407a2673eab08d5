/*
 * AF_PACKET sockets on the loopback interface (needs root): the protocol in network
 * byte order as htons(ETH_P_*), struct sockaddr_ll (sll_ifindex as
 * if_nametoindex("lo"), sll_hatype, sll_pkttype, sll_addr bytes), the 18 bytes
 * getsockname returns for lo printed as sa_data, a frame sent to lo, and SOL_PACKET
 * options.
 */
#include "sockets.h"
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/filter.h>
#include <linux/if_packet.h>

static const char *sa_ll(const struct sockaddr_ll *ll, const char *proto, const char *hatype, const char *pkttype)
{
	char *res = scratch();
	int n = sprintf(res, "{sa_family=AF_PACKET, sll_protocol=htons(%s), sll_ifindex=if_nametoindex(\"lo\"), "
			"sll_hatype=%s, sll_pkttype=%s, sll_halen=%u", proto, hatype, pkttype, ll->sll_halen);
	if (ll->sll_halen) {
		n += sprintf(res + n, ", sll_addr=[");
		for (unsigned i = 0; i < ll->sll_halen; i++)
			n += sprintf(res + n, "%s%#02x", i ? ", " : "", ll->sll_addr[i]);
		n += sprintf(res + n, "]");
	}
	strcpy(res + n, "}");
	return res;
}

int main(void)
{
	unsigned lo = lo_ifindex();
	int p = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	check(p >= 0, "socket (root?)");
	expect("socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL))");
	expect_rval("%d", p);
	struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = lo };
	check(bind(p, (struct sockaddr *) &ll, sizeof(ll)) == 0, "bind");
	expect("bind(%d, %s, %zu)", p, sa_ll(&ll, "ETH_P_ALL", "ARPHRD_NETROM", "PACKET_HOST"), sizeof(ll));
	expect_rval("0");
	/* lo's 6-byte address makes the returned length 18, short of sockaddr_ll: the bytes */
	struct sockaddr_storage ss;
	socklen_t len = sizeof(struct sockaddr_ll);
	check(getsockname(p, (struct sockaddr *) &ss, &len) == 0 && len == 18, "getsockname");
	expect("getsockname(%d, {sa_family=AF_PACKET, sa_data=%s}, [%zu => %u])", p,
	       qbuf_all((unsigned char *) &ss + 2, len - 2), sizeof(struct sockaddr_ll), len);
	expect_rval("0");

	/* a frame of the local experimental ethertype, to lo's all-zero address */
	unsigned char frame[ETH_ZLEN] = { 0 };
	frame[12] = 0x88;
	frame[13] = 0xb5;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_protocol = htons(0x88b5), .sll_ifindex = lo,
				  .sll_halen = ETH_ALEN };
	check(sendto(p, frame, sizeof(frame), 0, (struct sockaddr *) &to, sizeof(to)) == sizeof(frame), "sendto");
	expect("sendto(%d, %s, %zu, 0, %s, %zu)", p, qbuf(frame, sizeof(frame)), sizeof(frame),
	       sa_ll(&to, "ETH_P_802_EX1", "ARPHRD_NETROM", "PACKET_HOST"), sizeof(to));
	/* strace prints a zero byte of sll_addr as C's %#02x does: 00 */
	expect_rval("%zu", sizeof(frame));

	/* a datagram socket bound with a hardware address */
	int d = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_IP));
	check(d >= 0, "socket dgram");
	expect("socket(AF_PACKET, SOCK_DGRAM|SOCK_CLOEXEC, htons(ETH_P_IP))");
	expect_rval("%d", d);
	struct sockaddr_ll hw = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = lo,
				  .sll_hatype = ARPHRD_ETHER, .sll_pkttype = PACKET_OUTGOING, .sll_halen = 6,
				  .sll_addr = { 0x02, 0x00, 0x5e, 0xab, 0xcd, 0xef } };
	check(bind(d, (struct sockaddr *) &hw, sizeof(hw)) == 0, "bind hw");
	expect("bind(%d, %s, %zu)", d, sa_ll(&hw, "ETH_P_IP", "ARPHRD_ETHER", "PACKET_OUTGOING"), sizeof(hw));
	expect_rval("0");
	/* a length short of sockaddr_ll: the bytes */
	int rc = bind(d, (struct sockaddr *) &hw, 12);
	int e = errno;
	expect("bind(%d, {sa_family=AF_PACKET, sa_data=%s}, 12)", d, qbuf_all((unsigned char *) &hw + 2, 10));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));

	/* SOL_PACKET options */
	int one = 1;
	rc = setsockopt(p, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	e = errno;
	expect("setsockopt(%d, SOL_PACKET, PACKET_IGNORE_OUTGOING, [1], 4)", p);
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	int version = TPACKET_V2;
	check(setsockopt(d, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) == 0, "PACKET_VERSION");
	expect("setsockopt(%d, SOL_PACKET, PACKET_VERSION, [%d], 4)", d, version);
	expect_rval("0");
	struct tpacket_req req = { 0 };
	rc = setsockopt(d, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
	e = errno;
	expect("setsockopt(%d, SOL_PACKET, PACKET_RX_RING, {tp_block_size=0, tp_block_nr=0, tp_frame_size=0, "
	       "tp_frame_nr=0}, %zu)", d, sizeof(req));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	struct packet_mreq mr = { .mr_ifindex = lo, .mr_type = PACKET_MR_ALLMULTI, .mr_alen = 2,
				  .mr_address = { 0x01, 0x80, 0xc2 } };
	rc = setsockopt(p, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr));
	e = errno;
	expect("setsockopt(%d, SOL_PACKET, PACKET_ADD_MEMBERSHIP, {mr_ifindex=if_nametoindex(\"lo\"), "
	       "mr_type=PACKET_MR_ALLMULTI, mr_alen=2, mr_address=01:80}, %zu)", p, sizeof(mr));
	expect_rval("%s", rc == 0 ? "0" : rerr(e));
	/* a classic BPF program: its length and where it is (strace shows the instructions with -v) */
	struct sock_filter accept_all[] = { BPF_STMT(BPF_RET | BPF_K, 0xffff) };
	struct sock_fprog fprog = { 1, accept_all };
	check(setsockopt(p, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog)) == 0, "SO_ATTACH_FILTER");
	expect("setsockopt(%d, SOL_SOCKET, SO_ATTACH_FILTER, {len=1, filter=%s}, %zu)", p, addr(accept_all), sizeof(fprog));
	expect_rval("0");
	struct tpacket_stats st;
	len = sizeof(st);
	check(getsockopt(p, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0, "PACKET_STATISTICS");
	expect("getsockopt(%d, SOL_PACKET, PACKET_STATISTICS, {tp_packets=%u, tp_drops=%u}, [%u])", p, st.tp_packets,
	       st.tp_drops, len);
	expect_rval("0");

	int x = socket(AF_PACKET, SOCK_RAW, htons(0x1234));
	check(x >= 0, "socket unknown protocol");
	expect("socket(AF_PACKET, SOCK_RAW, htons(0x1234 /* ETH_P_??? */))");
	expect_rval("%d", x);

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
