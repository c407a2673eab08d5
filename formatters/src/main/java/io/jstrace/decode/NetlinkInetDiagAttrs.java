package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.NetlinkAttrs.Decoder;
import io.jstrace.decode.NetlinkAttrs.Table;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.InetDiagAttrs;
import io.jstrace.syscalls.xlat.InetDiagBpfStorageAttrs;
import io.jstrace.syscalls.xlat.InetDiagBpfStoragesAttrs;
import io.jstrace.syscalls.xlat.InetDiagUlpInfoAttrs;
import io.jstrace.syscalls.xlat.InetDiagUlpInfoMptcpAttrs;
import io.jstrace.syscalls.xlat.InetDiagUlpInfoTlsAttrs;
import io.jstrace.syscalls.xlat.IpProtocols;
import io.jstrace.syscalls.xlat.MptcpSubflowFlags;
import io.jstrace.syscalls.xlat.SockShutdownFlags;
import io.jstrace.syscalls.xlat.SocketFamilies;
import io.jstrace.syscalls.xlat.TlsInfoCiphers;
import io.jstrace.syscalls.xlat.TlsInfoConfigs;
import io.jstrace.syscalls.xlat.TlsInfoVersions;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of an inet_diag_msg, INET_DIAG_* (include/uapi/linux/inet_diag.h, tcp.h,
 * tls.h, mptcp.h, sock_diag.h), as strace 6.1 prints them (src/netlink_inet_diag.c): memory,
 * congestion control state, bound addresses, MD5 keys, the upper layer's (kTLS, MPTCP) info,
 * BPF storages and socket options.
 */
final class NetlinkInetDiagAttrs {
    private static final int SOCKADDR_STORAGE_SIZE = 128, MD5SIG_SIZE = 100, SOCKOPT_SIZE = 2;

    private NetlinkInetDiagAttrs() {}

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** struct tcp_dctcp_info. */
    private static final Decoder DCTCP = NetlinkAttrs.struct(16, b -> List.of(
            field("dctcp_enabled", new Num(SockAddrs.u16(b, 0), Base.UNSIGNED)),
            field("dctcp_ce_state", new Num(SockAddrs.u16(b, 2), Base.UNSIGNED)),
            field("dctcp_alpha", u32(b, 4)), field("dctcp_ab_ecn", u32(b, 8)), field("dctcp_ab_tot", u32(b, 12))));

    /** struct tcp_bbr_info: the bandwidth's halves in hex. */
    private static final Decoder BBR = NetlinkAttrs.struct(20, b -> List.of(
            field("bbr_bw_lo", Value.hex(SockAddrs.u32(b, 0))), field("bbr_bw_hi", Value.hex(SockAddrs.u32(b, 4))),
            field("bbr_min_rtt", u32(b, 8)), field("bbr_pacing_gain", u32(b, 12)), field("bbr_cwnd_gain", u32(b, 16))));

    /**
     * INET_DIAG_SHUTDOWN (decode_diag_shutdown): the flags in hex with their names as a comment
     * (printflags in the verbose style), the number alone under {@code -X raw}; 0 as 0.
     */
    private static final Decoder SHUTDOWN = NetlinkAttrs.fixed(1, b -> {
        int v = b[0] & 0xff;
        if (v == 0) return Value.dec(0);
        Xlat.Decomposed d = SockShutdownFlags.XLAT.decompose(v);
        List<String> parts = new ArrayList<>(d.names());
        if (!parts.isEmpty() && d.remainder() != 0) parts.add("0x" + Long.toHexString(d.remainder()));
        Value commented = new Value.Commented(Value.hex(v), parts.isEmpty() ? "???_SHUTDOWN" : String.join("|", parts));
        return new Value.Styled(commented, Value.hex(v), commented);
    });

    /** INET_DIAG_LOCALS, INET_DIAG_PEERS: struct sockaddr_storage each, as sockaddrs print. */
    private static Value sockaddrs(Call c, long addr, int len) {
        if (len < SOCKADDR_STORAGE_SIZE) return null;
        return TraceeArrays.array(c, addr, len / SOCKADDR_STORAGE_SIZE, SOCKADDR_STORAGE_SIZE,
                b -> SockAddrs.print(c, java.util.Arrays.copyOf(b, SOCKADDR_STORAGE_SIZE + 1), SOCKADDR_STORAGE_SIZE));
    }

    /** INET_DIAG_MD5SIG: struct tcp_diag_md5sig each, its key as long as tcpm_keylen says (at most 80). */
    private static Value md5sig(Call c, long addr, int len) {
        if (len < MD5SIG_SIZE) return null;
        return TraceeArrays.array(c, addr, len / MD5SIG_SIZE, MD5SIG_SIZE, b -> {
            int family = b[0] & 0xff, keylen = SockAddrs.u16(b, 2);
            List<Field> f = new ArrayList<>();
            f.add(field("tcpm_family", Numbers.named(SocketFamilies.XLAT, family, "AF_???")));
            f.add(field("tcpm_prefixlen", new Num(b[1] & 0xff, Base.UNSIGNED)));
            f.add(field("tcpm_keylen", new Num(keylen, Base.UNSIGNED)));
            f.add(NetlinkAttrs.inetField("tcpm_addr", b, 4, family));
            f.add(field("tcpm_key", SocketDecoders.hexBytes(b, 20, 20 + Math.min(80, keylen))));
            return new Value.Struct(f, false);
        });
    }

    private static final Decoder TLS = NetlinkAttrs.nested(InetDiagUlpInfoTlsAttrs.XLAT, "TLS_INFO_???", Table.builder()
            .add(InetDiagUlpInfoTlsAttrs.TLS_INFO_VERSION, NetlinkAttrs.xval(2, TlsInfoVersions.XLAT, "TLS_???_VERSION"))
            .add(InetDiagUlpInfoTlsAttrs.TLS_INFO_CIPHER, NetlinkAttrs.xval(2, TlsInfoCiphers.XLAT, "TLS_CIPHER_???"))
            .add(InetDiagUlpInfoTlsAttrs.TLS_INFO_TXCONF, NetlinkAttrs.xval(2, TlsInfoConfigs.XLAT, "TLS_CONF_???"))
            .add(InetDiagUlpInfoTlsAttrs.TLS_INFO_RXCONF, NetlinkAttrs.xval(2, TlsInfoConfigs.XLAT, "TLS_CONF_???"))
            .build());

    private static final Decoder MPTCP = NetlinkAttrs.nested(InetDiagUlpInfoMptcpAttrs.XLAT, "MPTCP_SUBFLOW_ATTR_???",
            Table.builder()
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_TOKEN_REM, NetlinkAttrs::x32)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_TOKEN_LOC, NetlinkAttrs::x32)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ, NetlinkAttrs::u32)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_MAP_SEQ, NetlinkAttrs::u64)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_MAP_SFSEQ, NetlinkAttrs::u32)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_SSN_OFFSET, NetlinkAttrs::u32)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_MAP_DATALEN, NetlinkAttrs::u16)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_FLAGS,
                            NetlinkAttrs.flags(4, MptcpSubflowFlags.XLAT, "MPTCP_SUBFLOW_FLAG_???"))
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_ID_REM, NetlinkAttrs::u8)
                    .add(InetDiagUlpInfoMptcpAttrs.MPTCP_SUBFLOW_ATTR_ID_LOC, NetlinkAttrs::u8)
                    .build());

    private static final Decoder ULP_INFO = NetlinkAttrs.nested(InetDiagUlpInfoAttrs.XLAT, "INET_ULP_INFO_???",
            Table.builder()
                    .add(InetDiagUlpInfoAttrs.INET_ULP_INFO_NAME, NetlinkAttrs::str)
                    .add(InetDiagUlpInfoAttrs.INET_ULP_INFO_TLS, TLS)
                    .add(InetDiagUlpInfoAttrs.INET_ULP_INFO_MPTCP, MPTCP)
                    .build());

    private static final Decoder BPF_STORAGES = NetlinkAttrs.nested(InetDiagBpfStoragesAttrs.XLAT,
            "SK_DIAG_BPF_STORAGE_???", Table.builder()
                    .add(InetDiagBpfStoragesAttrs.SK_DIAG_BPF_STORAGE, NetlinkAttrs.nested(InetDiagBpfStorageAttrs.XLAT,
                            "SK_DIAG_BPF_STORAGE_???", Table.builder()
                                    .add(InetDiagBpfStorageAttrs.SK_DIAG_BPF_STORAGE_MAP_ID, NetlinkAttrs::u32)
                                    .add(InetDiagBpfStorageAttrs.SK_DIAG_BPF_STORAGE_MAP_VALUE, NetlinkAttrs::xint)
                                    .build()))
                    .build());

    /** struct inet_diag_sockopt's one-bit fields, lowest bit first, then the 5 unused bits. */
    private static final String[] SOCKOPT_BITS = {"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent",
        "mc_all", "nodefrag", "bind_address_no_port", "recverr_rfc4884", "defer_connect"};

    /**
     * INET_DIAG_SOCKOPT (decode_diag_sockopt): the bits set (every bit under -v), the unused
     * ones in hex when any is set, then any nonzero bytes after the struct.
     */
    private static Value sockopt(Call c, long addr, int len) {
        if (len < SOCKOPT_SIZE) return null;
        byte[] b = c.memory().read(addr, SOCKOPT_SIZE);
        if (b == null) return new Value.Addr(addr);
        int bits = SockAddrs.u16(b, 0), unused = bits >>> SOCKOPT_BITS.length;
        boolean all = c.options().verbose();
        List<Field> f = new ArrayList<>();
        for (int k = 0; k < SOCKOPT_BITS.length; k++) {
            int bit = (bits >>> k) & 1;
            if (all || bit != 0) f.add(field(SOCKOPT_BITS[k], Value.dec(bit)));
        }
        if (all || unused != 0) f.add(field("unused", new Value.Commented(Value.hex(unused), "bits 3..8")));
        Value s = new Value.Struct(f, false);
        Value tail = TraceeArrays.nonzeroTail(c, addr, len, SOCKOPT_SIZE);
        return tail == null ? s : NetlinkAttrs.joined(List.of(s, tail), ", ");
    }

    static final Table TABLE = Table.builder()
            .add(InetDiagAttrs.INET_DIAG_MEMINFO, (c, a, l) -> NetlinkRoute.u32Struct(c, a, l,
                    "idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"))
            .add(InetDiagAttrs.INET_DIAG_VEGASINFO, (c, a, l) -> NetlinkRoute.u32Struct(c, a, l,
                    "tcpv_enabled", "tcpv_rttcnt", "tcpv_rtt", "tcpv_minrtt"))
            .add(InetDiagAttrs.INET_DIAG_CONG, NetlinkAttrs::str)
            .add(InetDiagAttrs.INET_DIAG_TOS, NetlinkAttrs::u8)
            .add(InetDiagAttrs.INET_DIAG_TCLASS, NetlinkAttrs::u8)
            .add(InetDiagAttrs.INET_DIAG_SKMEMINFO, NetlinkSockDiag::meminfo)
            .add(InetDiagAttrs.INET_DIAG_SHUTDOWN, SHUTDOWN)
            .add(InetDiagAttrs.INET_DIAG_DCTCPINFO, DCTCP)
            .add(InetDiagAttrs.INET_DIAG_PROTOCOL, NetlinkAttrs.xval(0, IpProtocols.XLAT, "IPPROTO_???"))
            .add(InetDiagAttrs.INET_DIAG_SKV6ONLY, NetlinkAttrs::u8)
            .add(InetDiagAttrs.INET_DIAG_LOCALS, NetlinkInetDiagAttrs::sockaddrs)
            .add(InetDiagAttrs.INET_DIAG_PEERS, NetlinkInetDiagAttrs::sockaddrs)
            .add(InetDiagAttrs.INET_DIAG_MARK, NetlinkAttrs::u32)
            .add(InetDiagAttrs.INET_DIAG_BBRINFO, BBR)
            .add(InetDiagAttrs.INET_DIAG_CLASS_ID, NetlinkAttrs::u32)
            .add(InetDiagAttrs.INET_DIAG_MD5SIG, NetlinkInetDiagAttrs::md5sig)
            .add(InetDiagAttrs.INET_DIAG_ULP_INFO, ULP_INFO)
            .add(InetDiagAttrs.INET_DIAG_SK_BPF_STORAGES, BPF_STORAGES)
            .add(InetDiagAttrs.INET_DIAG_CGROUP_ID, NetlinkAttrs::u64)
            .add(InetDiagAttrs.INET_DIAG_SOCKOPT, NetlinkInetDiagAttrs::sockopt)
            .build();
}
