package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.core.FixedHostFacts;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Nested netlink attributes (rtnetlink links, statistics, nexthops, traffic control; packet,
 * inet and SMC sock_diag) decoded from literal messages in the three -X styles. Each expected text is what
 * strace 6.1 printed for the same bytes sent on a bound netlink socket of that protocol
 * (strace -X abbrev|raw|verbose -e trace=sendto); interface index 2147483392 names no interface.
 */
class NetlinkNestedTest {
    private static final long BUF = 0x7ffd_0000_2000L;
    private static final FixedHostFacts ROUTE = NetlinkTest.socket(0), SOCK_DIAG = NetlinkTest.socket(4);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** sendto(3, b, ...)'s buffer, as the decoder renders it in {@code style}. */
    private static String sendto(FixedHostFacts host, byte[] b, XlatStyle style) {
        Value v = SyscallDecoders.of("sendto").arg(Calls.of("sendto").args(3, BUF, b.length, 0, 0, 0)
                .mem(new FakeMemory().put(BUF, b)).host(host).exit(b.length), 1);
        return new StraceText(StraceText.Escape.OCTAL, style).render(v);
    }

    /** RTM_GETLINK of AF_BRIDGE: IFLA_PROTINFO holds IFLA_BRPORT_ROOT_ID (an ifla_bridge_id) and a clock_t timer. */
    @Test
    void bridgePortAttributesNestedInProtinfo() {
        byte[] b = hex("3c0000001200010300000000000000000700040300ffff7f01000000000000001c000c000c000d00800100112233445"
                + "50c0015009600000000000000");
        assertEquals("[{nlmsg_len=60, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {ifi_family=AF_BRIDGE, ifi_type=ARPHRD_LOOPBACK, ifi_index=2147483392,"
                + " ifi_flags=IFF_UP, ifi_change=0}, [{nla_len=28, nla_type=IFLA_PROTINFO}, [[{nla_len=12,"
                + " nla_type=IFLA_BRPORT_ROOT_ID}, {prio=[128, 1], addr=00:11:22:33:44:55}], [{nla_len=12,"
                + " nla_type=IFLA_BRPORT_MESSAGE_AGE_TIMER}, 150 /* 1.50 s */]]]]",
                sendto(ROUTE, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=60, nlmsg_type=0x12, nlmsg_flags=0x301, nlmsg_seq=0, nlmsg_pid=0},"
                + " {ifi_family=0x7, ifi_type=0x304, ifi_index=2147483392, ifi_flags=0x1, ifi_change=0},"
                + " [{nla_len=28, nla_type=0xc}, [[{nla_len=12, nla_type=0xd}, {prio=[128, 1],"
                + " addr=\"\\x00\\x11\\x22\\x33\\x44\\x55\"}], [{nla_len=12, nla_type=0x15}, 150]]]]",
                sendto(ROUTE, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=60, nlmsg_type=0x12 /* RTM_GETLINK */, nlmsg_flags=0x301 /*"
                + " NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=0, nlmsg_pid=0}, {ifi_family=0x7 /* AF_BRIDGE */,"
                + " ifi_type=0x304 /* ARPHRD_LOOPBACK */, ifi_index=2147483392, ifi_flags=0x1 /* IFF_UP */,"
                + " ifi_change=0}, [{nla_len=28, nla_type=0xc /* IFLA_PROTINFO */}, [[{nla_len=12, nla_type=0xd"
                + " /* IFLA_BRPORT_ROOT_ID */}, {prio=[128, 1], addr=\"\\x00\\x11\\x22\\x33\\x44\\x55\" /*"
                + " 00:11:22:33:44:55 */}], [{nla_len=12, nla_type=0x15 /* IFLA_BRPORT_MESSAGE_AGE_TIMER */}, 150"
                + " /* 1.50 s */]]]]",
                sendto(ROUTE, b, XlatStyle.VERBOSE));
    }

    /**
     * IFLA_LINKINFO of kind "tun" (so IFLA_INFO_DATA holds IFLA_TUN_*), IFLA_AF_SPEC with AF_INET's
     * IFLA_INET_CONF, indexed from IPV4_DEVCONF_FORWARDING-1.
     */
    @Test
    void linkInfoDataFollowsItsKindAndAfSpecByFamily() {
        byte[] b = hex("4c0000001200010300000000000000000000010000ffff7f0000000000000000180012000800010074756e000c00020"
                + "0050003000200000014001a00100002000c00010001000000ffffffff");
        assertEquals("[{nlmsg_len=76, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_ETHER, ifi_index=2147483392,"
                + " ifi_flags=0, ifi_change=0}, [[{nla_len=24, nla_type=IFLA_LINKINFO}, [[{nla_len=8,"
                + " nla_type=IFLA_INFO_KIND}, \"tun\"], [{nla_len=12, nla_type=IFLA_INFO_DATA}, [{nla_len=5,"
                + " nla_type=IFLA_TUN_TYPE}, IFF_TAP]]]], [{nla_len=20, nla_type=IFLA_AF_SPEC}, [{nla_len=16,"
                + " nla_type=AF_INET}, [{nla_len=12, nla_type=IFLA_INET_CONF}, [[IPV4_DEVCONF_FORWARDING-1]=1,"
                + " [IPV4_DEVCONF_MC_FORWARDING-1]=-1]]]]]]",
                sendto(ROUTE, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=76, nlmsg_type=0x12, nlmsg_flags=0x301, nlmsg_seq=0, nlmsg_pid=0}, {ifi_family=0,"
                + " ifi_type=0x1, ifi_index=2147483392, ifi_flags=0, ifi_change=0}, [[{nla_len=24,"
                + " nla_type=0x12}, [[{nla_len=8, nla_type=0x1}, \"tun\"], [{nla_len=12, nla_type=0x2},"
                + " [{nla_len=5, nla_type=0x3}, 0x2]]]], [{nla_len=20, nla_type=0x1a}, [{nla_len=16,"
                + " nla_type=0x2}, [{nla_len=12, nla_type=0x1}, [[0]=1, [1]=-1]]]]]]",
                sendto(ROUTE, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=76, nlmsg_type=0x12 /* RTM_GETLINK */, nlmsg_flags=0x301 /*"
                + " NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=0, nlmsg_pid=0}, {ifi_family=0 /* AF_UNSPEC */,"
                + " ifi_type=0x1 /* ARPHRD_ETHER */, ifi_index=2147483392, ifi_flags=0, ifi_change=0},"
                + " [[{nla_len=24, nla_type=0x12 /* IFLA_LINKINFO */}, [[{nla_len=8, nla_type=0x1 /*"
                + " IFLA_INFO_KIND */}, \"tun\"], [{nla_len=12, nla_type=0x2 /* IFLA_INFO_DATA */}, [{nla_len=5,"
                + " nla_type=0x3 /* IFLA_TUN_TYPE */}, 0x2 /* IFF_TAP */]]]], [{nla_len=20, nla_type=0x1a /*"
                + " IFLA_AF_SPEC */}, [{nla_len=16, nla_type=0x2 /* AF_INET */}, [{nla_len=12, nla_type=0x1 /*"
                + " IFLA_INET_CONF */}, [[0 /* IPV4_DEVCONF_FORWARDING-1 */]=1, [1 /*"
                + " IPV4_DEVCONF_MC_FORWARDING-1 */]=-1]]]]]]",
                sendto(ROUTE, b, XlatStyle.VERBOSE));
    }

    /** RTM_GETSTATS: struct if_stats_msg, IFLA_STATS_LINK_XSTATS > LINK_XSTATS_TYPE_BRIDGE > BRIDGE_XSTATS_STP. */
    @Test
    void statsMessageWithBridgeExtendedStatistics() {
        byte[] b = hex("580000005e00010300000000000000000000000000ffff7f220000003c0002003800010034000400010000000000000"
                + "002000000000000000300000000000000040000000000000005000000000000000600000000000000");
        assertEquals("[{nlmsg_len=88, nlmsg_type=RTM_GETSTATS, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {family=AF_UNSPEC, ifindex=2147483392,"
                + " filter_mask=1<<IFLA_STATS_LINK_64|1<<IFLA_STATS_AF_SPEC}, [{nla_len=60,"
                + " nla_type=IFLA_STATS_LINK_XSTATS}, [{nla_len=56, nla_type=LINK_XSTATS_TYPE_BRIDGE},"
                + " [{nla_len=52, nla_type=BRIDGE_XSTATS_STP}, {transition_blk=1, transition_fwd=2, rx_bpdu=3,"
                + " tx_bpdu=4, rx_tcn=5, tx_tcn=6}]]]]",
                sendto(ROUTE, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=88, nlmsg_type=0x5e, nlmsg_flags=0x301, nlmsg_seq=0, nlmsg_pid=0}, {family=0,"
                + " ifindex=2147483392, filter_mask=0x22}, [{nla_len=60, nla_type=0x2}, [{nla_len=56,"
                + " nla_type=0x1}, [{nla_len=52, nla_type=0x4}, {transition_blk=1, transition_fwd=2, rx_bpdu=3,"
                + " tx_bpdu=4, rx_tcn=5, tx_tcn=6}]]]]",
                sendto(ROUTE, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=88, nlmsg_type=0x5e /* RTM_GETSTATS */, nlmsg_flags=0x301 /*"
                + " NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=0, nlmsg_pid=0}, {family=0 /* AF_UNSPEC */,"
                + " ifindex=2147483392, filter_mask=0x22 /* 1<<IFLA_STATS_LINK_64|1<<IFLA_STATS_AF_SPEC */},"
                + " [{nla_len=60, nla_type=0x2 /* IFLA_STATS_LINK_XSTATS */}, [{nla_len=56, nla_type=0x1 /*"
                + " LINK_XSTATS_TYPE_BRIDGE */}, [{nla_len=52, nla_type=0x4 /* BRIDGE_XSTATS_STP */},"
                + " {transition_blk=1, transition_fwd=2, rx_bpdu=3, tx_bpdu=4, rx_tcn=5, tx_tcn=6}]]]]",
                sendto(ROUTE, b, XlatStyle.VERBOSE));
    }

    /** RTM_GETNEXTHOP of AF_INET: NHA_GATEWAY an IPv4 address, NHA_GROUP two nexthop_grp, one with resvd1 set. */
    @Test
    void nexthopGatewayOfTheMessageFamilyAndGroup() {
        byte[] b = hex("340000006a00010300000000000000000200040001000000080006000a0000011400020001000000020000000300000"
                + "000050000");
        assertEquals("[{nlmsg_len=52, nlmsg_type=RTM_GETNEXTHOP, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {nh_family=AF_INET, nh_scope=RT_SCOPE_UNIVERSE, nh_protocol=RTPROT_STATIC,"
                + " nh_flags=RTNH_F_DEAD}, [[{nla_len=8, nla_type=NHA_GATEWAY}, inet_addr(\"10.0.0.1\")],"
                + " [{nla_len=20, nla_type=NHA_GROUP}, [{id=1, weight=2}, {id=3, weight=0, resvd1=0x5}]]]]",
                sendto(ROUTE, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=52, nlmsg_type=0x6a, nlmsg_flags=0x301, nlmsg_seq=0, nlmsg_pid=0}, {nh_family=0x2,"
                + " nh_scope=0, nh_protocol=0x4, nh_flags=0x1}, [[{nla_len=8, nla_type=0x6},"
                + " \"\\x0a\\x00\\x00\\x01\"], [{nla_len=20, nla_type=0x2}, [{id=1, weight=2}, {id=3, weight=0,"
                + " resvd1=0x5}]]]]",
                sendto(ROUTE, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=52, nlmsg_type=0x6a /* RTM_GETNEXTHOP */, nlmsg_flags=0x301 /*"
                + " NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=0, nlmsg_pid=0}, {nh_family=0x2 /* AF_INET */,"
                + " nh_scope=0 /* RT_SCOPE_UNIVERSE */, nh_protocol=0x4 /* RTPROT_STATIC */, nh_flags=0x1 /*"
                + " RTNH_F_DEAD */}, [[{nla_len=8, nla_type=0x6 /* NHA_GATEWAY */}, \"\\x0a\\x00\\x00\\x01\" /*"
                + " inet_addr(\"10.0.0.1\") */], [{nla_len=20, nla_type=0x2 /* NHA_GROUP */}, [{id=1, weight=2},"
                + " {id=3, weight=0, resvd1=0x5}]]]]",
                sendto(ROUTE, b, XlatStyle.VERBOSE));
    }

    /** RTM_GETQDISC: struct tcmsg, TCA_KIND, TCA_STAB > TCA_STAB_DATA (u16s). */
    @Test
    void qdiscKindAndSizeTable() {
        byte[] b = hex("3c0000002600010300000000000000000000000000ffff7f00000100ffffffff000000000a000100706669666f00000"
                + "00c0008000800020001000200");
        assertEquals("[{nlmsg_len=60, nlmsg_type=RTM_GETQDISC, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {tcm_family=AF_UNSPEC, tcm_ifindex=2147483392, tcm_handle=65536,"
                + " tcm_parent=4294967295, tcm_info=0}, [[{nla_len=10, nla_type=TCA_KIND}, \"pfifo\"],"
                + " [{nla_len=12, nla_type=TCA_STAB}, [{nla_len=8, nla_type=TCA_STAB_DATA}, [1, 2]]]]]",
                sendto(ROUTE, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=60, nlmsg_type=0x26, nlmsg_flags=0x301, nlmsg_seq=0, nlmsg_pid=0}, {tcm_family=0,"
                + " tcm_ifindex=2147483392, tcm_handle=65536, tcm_parent=4294967295, tcm_info=0}, [[{nla_len=10,"
                + " nla_type=0x1}, \"pfifo\"], [{nla_len=12, nla_type=0x8}, [{nla_len=8, nla_type=0x2}, [1, 2]]]]]",
                sendto(ROUTE, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=60, nlmsg_type=0x26 /* RTM_GETQDISC */, nlmsg_flags=0x301 /*"
                + " NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=0, nlmsg_pid=0}, {tcm_family=0 /* AF_UNSPEC */,"
                + " tcm_ifindex=2147483392, tcm_handle=65536, tcm_parent=4294967295, tcm_info=0}, [[{nla_len=10,"
                + " nla_type=0x1 /* TCA_KIND */}, \"pfifo\"], [{nla_len=12, nla_type=0x8 /* TCA_STAB */},"
                + " [{nla_len=8, nla_type=0x2 /* TCA_STAB_DATA */}, [1, 2]]]]]",
                sendto(ROUTE, b, XlatStyle.VERBOSE));
    }

    /** A SOCK_DIAG_BY_FAMILY answer for AF_PACKET: struct packet_diag_msg, PACKET_DIAG_INFO. */
    @Test
    void packetDiagMessageInfo() {
        byte[] b = hex("3c000000140002000000000000000000110303002a00000000000000000000001c00000000ffff7f020000000000000"
                + "0000000000000000009000000");
        assertEquals("[{nlmsg_len=60, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {pdiag_family=AF_PACKET, pdiag_type=SOCK_RAW, pdiag_num=ETH_P_ALL,"
                + " pdiag_ino=42, pdiag_cookie=[0, 0]}, [{nla_len=28, nla_type=PACKET_DIAG_INFO},"
                + " {pdi_index=2147483392, pdi_version=TPACKET_V3, pdi_reserve=0, pdi_copy_thresh=0,"
                + " pdi_tstamp=0, pdi_flags=PDI_RUNNING|PDI_VNETHDR}]]",
                sendto(SOCK_DIAG, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=60, nlmsg_type=0x14, nlmsg_flags=0x2, nlmsg_seq=0, nlmsg_pid=0},"
                + " {pdiag_family=0x11, pdiag_type=0x3, pdiag_num=0x3, pdiag_ino=42, pdiag_cookie=[0, 0]},"
                + " [{nla_len=28, nla_type=0}, {pdi_index=2147483392, pdi_version=0x2, pdi_reserve=0,"
                + " pdi_copy_thresh=0, pdi_tstamp=0, pdi_flags=0x9}]]",
                sendto(SOCK_DIAG, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=60, nlmsg_type=0x14 /* SOCK_DIAG_BY_FAMILY */, nlmsg_flags=0x2 /* NLM_F_MULTI */,"
                + " nlmsg_seq=0, nlmsg_pid=0}, {pdiag_family=0x11 /* AF_PACKET */, pdiag_type=0x3 /* SOCK_RAW */,"
                + " pdiag_num=0x3 /* ETH_P_ALL */, pdiag_ino=42, pdiag_cookie=[0, 0]}, [{nla_len=28, nla_type=0"
                + " /* PACKET_DIAG_INFO */}, {pdi_index=2147483392, pdi_version=0x2 /* TPACKET_V3 */,"
                + " pdi_reserve=0, pdi_copy_thresh=0, pdi_tstamp=0, pdi_flags=0x9 /* PDI_RUNNING|PDI_VNETHDR */}]]",
                sendto(SOCK_DIAG, b, XlatStyle.VERBOSE));
    }

    /** An inet_diag_req_v2 with INET_DIAG_REQ_BYTECODE: an INET_DIAG_BC_S_COND operation, then its host condition. */
    @Test
    void inetDiagRequestBytecode() {
        byte[] b = hex("5c00000014000103000000000000000002060000ff0f000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000ffff7f0000000000000000140001000704080002080000500000000a000000");
        assertEquals("[{nlmsg_len=92, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP,"
                + " nlmsg_seq=0, nlmsg_pid=0}, {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=0,"
                + " idiag_states=1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WA"
                + "IT2|1<<TCP_TIME_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSIN"
                + "G|0x1, id={idiag_sport=htons(0), idiag_dport=htons(0), idiag_src=inet_addr(\"0.0.0.0\"),"
                + " idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=2147483392, idiag_cookie=[0, 0]}}, [{nla_len=20,"
                + " nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_S_COND, yes=4, no=8}, {family=AF_INET,"
                + " prefix_len=8, port=80, addr=inet_addr(\"10.0.0.0\")}]]",
                sendto(SOCK_DIAG, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=92, nlmsg_type=0x14, nlmsg_flags=0x301, nlmsg_seq=0, nlmsg_pid=0},"
                + " {sdiag_family=0x2, sdiag_protocol=0x6, idiag_ext=0, idiag_states=0xfff,"
                + " id={idiag_sport=\"\\x00\\x00\", idiag_dport=\"\\x00\\x00\","
                + " idiag_src=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + ","
                + " idiag_dst=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + ", idiag_if=2147483392, idiag_cookie=[0, 0]}}, [{nla_len=20, nla_type=0x1}, {code=0x7, yes=4,"
                + " no=8}, {family=0x2, prefix_len=8, port=80, addr=\"\\x0a\\x00\\x00\\x00\"}]]",
                sendto(SOCK_DIAG, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=92, nlmsg_type=0x14 /* SOCK_DIAG_BY_FAMILY */, nlmsg_flags=0x301 /*"
                + " NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=0, nlmsg_pid=0}, {sdiag_family=0x2 /* AF_INET */,"
                + " sdiag_protocol=0x6 /* IPPROTO_TCP */, idiag_ext=0, idiag_states=0xfff /*"
                + " 1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|1<<TCP_TI"
                + "ME_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSING|0x1 */,"
                + " id={idiag_sport=\"\\x00\\x00\" /* htons(0) */, idiag_dport=\"\\x00\\x00\" /* htons(0) */,"
                + " idiag_src=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + " /* inet_addr(\"0.0.0.0\") */,"
                + " idiag_dst=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + " /* inet_addr(\"0.0.0.0\") */, idiag_if=2147483392, idiag_cookie=[0, 0]}}, [{nla_len=20,"
                + " nla_type=0x1 /* INET_DIAG_REQ_BYTECODE */}, {code=0x7 /* INET_DIAG_BC_S_COND */, yes=4,"
                + " no=8}, {family=0x2 /* AF_INET */, prefix_len=8, port=80, addr=\"\\x0a\\x00\\x00\\x00\" /*"
                + " inet_addr(\"10.0.0.0\") */}]]",
                sendto(SOCK_DIAG, b, XlatStyle.VERBOSE));
    }

    /** An AF_INET6 inet_diag_msg: INET_DIAG_SHUTDOWN, INET_DIAG_SOCKOPT with bytes after its struct. */
    @Test
    void inetDiagMessageShutdownAndSocketOptions() {
        byte[] b = hex("680000001400020000000000000000000a0100001f9001bb00000000000000000000000000000001000000000000000"
                + "0000000000000000100ffff7f0000000000000000000000000000000000000000e80300009210000005000800030000"
                + "0008001600090000ff");
        assertEquals("[{nlmsg_len=104, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {idiag_family=AF_INET6, idiag_state=TCP_ESTABLISHED, idiag_timer=0,"
                + " idiag_retrans=0, id={idiag_sport=htons(8080), idiag_dport=htons(443), inet_pton(AF_INET6,"
                + " \"::1\", &idiag_src), inet_pton(AF_INET6, \"::1\", &idiag_dst), idiag_if=2147483392,"
                + " idiag_cookie=[0, 0]}, idiag_expires=0, idiag_rqueue=0, idiag_wqueue=0, idiag_uid=1000,"
                + " idiag_inode=4242}, [[{nla_len=5, nla_type=INET_DIAG_SHUTDOWN}, 0x3 /*"
                + " RCV_SHUTDOWN|SEND_SHUTDOWN */], [{nla_len=8, nla_type=INET_DIAG_SOCKOPT}, {recverr=1,"
                + " hdrincl=1}, /* bytes 2..3 */ \"\\x00\\xff\"]]]",
                sendto(SOCK_DIAG, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=104, nlmsg_type=0x14, nlmsg_flags=0x2, nlmsg_seq=0, nlmsg_pid=0},"
                + " {idiag_family=0xa, idiag_state=0x1, idiag_timer=0, idiag_retrans=0,"
                + " id={idiag_sport=\"\\x1f\\x90\", idiag_dport=\"\\x01\\xbb\","
                + " idiag_src=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\""
                + ","
                + " idiag_dst=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\""
                + ", idiag_if=2147483392, idiag_cookie=[0, 0]}, idiag_expires=0, idiag_rqueue=0, idiag_wqueue=0,"
                + " idiag_uid=1000, idiag_inode=4242}, [[{nla_len=5, nla_type=0x8}, 0x3], [{nla_len=8,"
                + " nla_type=0x16}, {recverr=1, hdrincl=1}, /* bytes 2..3 */ \"\\x00\\xff\"]]]",
                sendto(SOCK_DIAG, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=104, nlmsg_type=0x14 /* SOCK_DIAG_BY_FAMILY */, nlmsg_flags=0x2 /* NLM_F_MULTI */,"
                + " nlmsg_seq=0, nlmsg_pid=0}, {idiag_family=0xa /* AF_INET6 */, idiag_state=0x1 /*"
                + " TCP_ESTABLISHED */, idiag_timer=0, idiag_retrans=0, id={idiag_sport=\"\\x1f\\x90\" /*"
                + " htons(8080) */, idiag_dport=\"\\x01\\xbb\" /* htons(443) */,"
                + " idiag_src=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\""
                + " /* inet_pton(AF_INET6, \"::1\") */,"
                + " idiag_dst=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\""
                + " /* inet_pton(AF_INET6, \"::1\") */, idiag_if=2147483392, idiag_cookie=[0, 0]},"
                + " idiag_expires=0, idiag_rqueue=0, idiag_wqueue=0, idiag_uid=1000, idiag_inode=4242},"
                + " [[{nla_len=5, nla_type=0x8 /* INET_DIAG_SHUTDOWN */}, 0x3 /* RCV_SHUTDOWN|SEND_SHUTDOWN */],"
                + " [{nla_len=8, nla_type=0x16 /* INET_DIAG_SOCKOPT */}, {recverr=1, hdrincl=1}, /* bytes 2..3 */"
                + " \"\\x00\\xff\"]]]",
                sendto(SOCK_DIAG, b, XlatStyle.VERBOSE));
    }

    /** An smc_diag_msg with its TCP socket's AF_INET id; SMC_DIAG_FALLBACK, one reason known. */
    @Test
    void smcDiagMessageFallbackReasons() {
        byte[] b = hex("5c0000001400020000000000000000002b010000000100027f0000010000000000000000000000007f0000010000000"
                + "0000000000000000000ffff7f00000000000000000000000063000000000000000c0005000000030334120000");
        assertEquals("[{nlmsg_len=92, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=0,"
                + " nlmsg_pid=0}, {diag_family=AF_SMC, diag_state=SMC_ACTIVE, diag_fallback=SMC_DIAG_MODE_SMCR,"
                + " diag_shutdown=0, id={idiag_sport=htons(1), idiag_dport=htons(2),"
                + " idiag_src=inet_addr(\"127.0.0.1\"), idiag_dst=inet_addr(\"127.0.0.1\"), idiag_if=2147483392,"
                + " idiag_cookie=[0, 0]}, diag_uid=0, diag_inode=99}, [{nla_len=12, nla_type=SMC_DIAG_FALLBACK},"
                + " {reason=0x3030000 /* SMC_CLC_DECL_NOSMCDEV */, peer_diagnosis=0x1234 /* SMC_CLC_DECL_??? */}]]",
                sendto(SOCK_DIAG, b, XlatStyle.ABBREV));
        assertEquals("[{nlmsg_len=92, nlmsg_type=0x14, nlmsg_flags=0x2, nlmsg_seq=0, nlmsg_pid=0},"
                + " {diag_family=0x2b, diag_state=0x1, diag_fallback=0, diag_shutdown=0,"
                + " id={idiag_sport=\"\\x00\\x01\", idiag_dport=\"\\x00\\x02\","
                + " idiag_src=\"\\x7f\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + ","
                + " idiag_dst=\"\\x7f\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + ", idiag_if=2147483392, idiag_cookie=[0, 0]}, diag_uid=0, diag_inode=99}, [{nla_len=12,"
                + " nla_type=0x5}, {reason=0x3030000, peer_diagnosis=0x1234}]]",
                sendto(SOCK_DIAG, b, XlatStyle.RAW));
        assertEquals("[{nlmsg_len=92, nlmsg_type=0x14 /* SOCK_DIAG_BY_FAMILY */, nlmsg_flags=0x2 /* NLM_F_MULTI */,"
                + " nlmsg_seq=0, nlmsg_pid=0}, {diag_family=0x2b /* AF_SMC */, diag_state=0x1 /* SMC_ACTIVE */,"
                + " diag_fallback=0 /* SMC_DIAG_MODE_SMCR */, diag_shutdown=0, id={idiag_sport=\"\\x00\\x01\" /*"
                + " htons(1) */, idiag_dport=\"\\x00\\x02\" /* htons(2) */,"
                + " idiag_src=\"\\x7f\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + " /* inet_addr(\"127.0.0.1\") */,"
                + " idiag_dst=\"\\x7f\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""
                + " /* inet_addr(\"127.0.0.1\") */, idiag_if=2147483392, idiag_cookie=[0, 0]}, diag_uid=0,"
                + " diag_inode=99}, [{nla_len=12, nla_type=0x5 /* SMC_DIAG_FALLBACK */}, {reason=0x3030000 /*"
                + " SMC_CLC_DECL_NOSMCDEV */, peer_diagnosis=0x1234 /* SMC_CLC_DECL_??? */}]]",
                sendto(SOCK_DIAG, b, XlatStyle.VERBOSE));
    }
}
