package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.syscalls.xlat.NetfilterVersions;
import io.jstrace.syscalls.xlat.NetlinkDeleteFlags;
import io.jstrace.syscalls.xlat.NetlinkGetFlags;
import io.jstrace.syscalls.xlat.NetlinkNewFlags;
import io.jstrace.syscalls.xlat.NfAcctMsgTypes;
import io.jstrace.syscalls.xlat.NfCthelperMsgTypes;
import io.jstrace.syscalls.xlat.NfCtnetlinkExpMsgTypes;
import io.jstrace.syscalls.xlat.NfCtnetlinkMsgTypes;
import io.jstrace.syscalls.xlat.NfCttimeoutMsgTypes;
import io.jstrace.syscalls.xlat.NfHookMsgTypes;
import io.jstrace.syscalls.xlat.NfIpsetMsgTypes;
import io.jstrace.syscalls.xlat.NfNftCompatMsgTypes;
import io.jstrace.syscalls.xlat.NfNftablesMsgTypes;
import io.jstrace.syscalls.xlat.NfOsfMsgTypes;
import io.jstrace.syscalls.xlat.NfQueueMsgTypes;
import io.jstrace.syscalls.xlat.NfUlogMsgTypes;
import io.jstrace.syscalls.xlat.NlNetfilterMsgTypes;
import io.jstrace.syscalls.xlat.NlNetfilterSubsysIds;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NETLINK_NETFILTER (nfnetlink) messages (include/uapi/linux/netfilter/nfnetlink.h), as
 * strace 6.1 prints them (src/netlink.c decode_nlmsg_type_netfilter, netlink_netfilter.c):
 * the type is a subsystem in the high byte and that subsystem's message in the low one,
 * {@code NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_GET}; the payload a {@code struct nfgenmsg},
 * then attributes by number (strace names none of them).
 */
final class NetlinkNetfilter {
    private static final int NLMSG_MIN_TYPE = 0x10, NLMSG_DONE = 3, NFGENMSG_SIZE = 4;

    /** A subsystem's message types and the default name of an unknown one. */
    private record Subsystem(Xlat types, String unknown, Map<Long, Xlat> requestFlags) {}

    private static final Xlat NEW = NetlinkNewFlags.XLAT, GET = NetlinkGetFlags.XLAT, DEL = NetlinkDeleteFlags.XLAT;

    /** nf_nlmsg_types and decode_nlmsg_flags_netfilter, by subsystem id. */
    private static final Map<Long, Subsystem> SUBSYSTEMS = Map.ofEntries(
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_CTNETLINK, new Subsystem(NfCtnetlinkMsgTypes.XLAT,
                    "IPCTNL_MSG_CT_???", Map.of(
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_NEW, NEW,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_GET, GET,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_GET_CTRZERO, GET,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_GET_STATS_CPU, GET,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_GET_STATS, GET,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_GET_DYING, GET,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_GET_UNCONFIRMED, GET,
                            NfCtnetlinkMsgTypes.IPCTNL_MSG_CT_DELETE, DEL))),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_CTNETLINK_EXP, new Subsystem(NfCtnetlinkExpMsgTypes.XLAT,
                    "IPCTNL_MSG_EXP_???", Map.of(
                            NfCtnetlinkExpMsgTypes.IPCTNL_MSG_EXP_NEW, NEW,
                            NfCtnetlinkExpMsgTypes.IPCTNL_MSG_EXP_GET, GET,
                            NfCtnetlinkExpMsgTypes.IPCTNL_MSG_EXP_GET_STATS_CPU, GET,
                            NfCtnetlinkExpMsgTypes.IPCTNL_MSG_EXP_DELETE, DEL))),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_QUEUE, new Subsystem(NfQueueMsgTypes.XLAT, "NFQNL_MSG_???",
                    Map.of())),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_ULOG, new Subsystem(NfUlogMsgTypes.XLAT, "NFULNL_MSG_???",
                    Map.of())),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_OSF, new Subsystem(NfOsfMsgTypes.XLAT, "OSF_MSG_???", Map.of())),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_IPSET, new Subsystem(NfIpsetMsgTypes.XLAT, "IPSET_CMD_???",
                    Map.of())),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_ACCT, new Subsystem(NfAcctMsgTypes.XLAT, "NFNL_MSG_ACCT_???",
                    Map.of(
                            NfAcctMsgTypes.NFNL_MSG_ACCT_NEW, NEW,
                            NfAcctMsgTypes.NFNL_MSG_ACCT_GET, GET,
                            NfAcctMsgTypes.NFNL_MSG_ACCT_GET_CTRZERO, GET,
                            NfAcctMsgTypes.NFNL_MSG_ACCT_DEL, DEL))),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_CTNETLINK_TIMEOUT, new Subsystem(NfCttimeoutMsgTypes.XLAT,
                    "IPCTNL_MSG_TIMEOUT_???", Map.of(
                            NfCttimeoutMsgTypes.IPCTNL_MSG_TIMEOUT_NEW, NEW,
                            NfCttimeoutMsgTypes.IPCTNL_MSG_TIMEOUT_GET, GET,
                            NfCttimeoutMsgTypes.IPCTNL_MSG_TIMEOUT_DELETE, DEL))),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_CTHELPER, new Subsystem(NfCthelperMsgTypes.XLAT,
                    "NFNL_MSG_CTHELPER_???", Map.of(
                            NfCthelperMsgTypes.NFNL_MSG_CTHELPER_NEW, NEW,
                            NfCthelperMsgTypes.NFNL_MSG_CTHELPER_GET, GET,
                            NfCthelperMsgTypes.NFNL_MSG_CTHELPER_DEL, DEL))),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_NFTABLES, new Subsystem(NfNftablesMsgTypes.XLAT, "NFT_MSG_???",
                    nftablesFlags())),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_NFT_COMPAT, new Subsystem(NfNftCompatMsgTypes.XLAT,
                    "NFNL_MSG_COMPAT_???", Map.of(NfNftCompatMsgTypes.NFNL_MSG_COMPAT_GET, GET))),
            Map.entry(NlNetfilterSubsysIds.NFNL_SUBSYS_HOOK, new Subsystem(NfHookMsgTypes.XLAT, "NFT_MSG_HOOK_???",
                    Map.of(NfHookMsgTypes.NFNL_MSG_HOOK_GET, GET))));

    static final Netlink.Protocol PROTOCOL = new Netlink.Protocol(NetlinkNetfilter::type,
            NetlinkNetfilter::requestFlags, NetlinkNetfilter::payload);

    private NetlinkNetfilter() {}

    /** nf_tables' NEW, GET and DEL messages (decode_nlmsg_flags_netfilter). */
    private static Map<Long, Xlat> nftablesFlags() {
        Map<Long, Xlat> m = new java.util.HashMap<>();
        for (Xlat.Entry e : NfNftablesMsgTypes.XLAT.entries()) {
            String n = e.name().substring("NFT_MSG_".length());
            if (n.startsWith("NEW")) m.put(e.value(), NEW);
            else if (n.startsWith("GET")) m.put(e.value(), GET);
            else if (n.startsWith("DEL")) m.put(e.value(), DEL);
        }
        return Map.copyOf(m);
    }

    /**
     * decode_nlmsg_type_netfilter: the batch markers by name, else
     * {@code SUBSYS<<8|MESSAGE}, the message in hex when the subsystem is unknown.
     */
    private static Value type(int type) {
        String batch = NlNetfilterMsgTypes.XLAT.name(type);
        if (batch != null) return new Value.Sym(type, batch);
        long subsys = type >>> 8, msg = type & 0xff;
        Subsystem s = SUBSYSTEMS.get(subsys);
        Value message = s == null ? Value.hex(msg) : Numbers.named(s.types(), msg, s.unknown());
        return NetlinkAttrs.joined(List.of(Numbers.named(NlNetfilterSubsysIds.XLAT, subsys, "NFNL_SUBSYS_???"),
                message), "<<8|");
    }

    private static Xlat requestFlags(int type) {
        Subsystem s = SUBSYSTEMS.get((long) (type >>> 8));
        return s == null ? null : s.requestFlags().get((long) (type & 0xff));
    }

    /**
     * decode_netlink_netfilter: {@code {nfgen_family=AF_INET, version=NFNETLINK_V0,
     * res_id=htons(0)}}, then attributes by number; batch markers' data in hex.
     */
    private static List<Value> payload(Call c, Netlink.Header h, long addr, int len) {
        if (h.type() == NLMSG_DONE) return null;
        if (len < NFGENMSG_SIZE) return List.of(Netlink.hex(c, addr, len));
        byte[] raw = c.memory().read(addr, NFGENMSG_SIZE);
        if (raw == null) return List.of(new Value.Addr(addr));
        int resId = SockAddrs.u16be(raw, 2), rawResId = SockAddrs.u16(raw, 2);
        long nftables = NlNetfilterSubsysIds.NFNL_SUBSYS_NFTABLES;
        Value res;
        // nf_tables once sent res_id in host order (linux v4.3-rc1~28^2~47^2~1)
        if (h.type() >>> 8 == nftables && resId == nftables) res = new Value.Sym(rawResId, "htons(NFNL_SUBSYS_NFTABLES)");
        else if (h.type() >>> 8 == nftables && rawResId == nftables) res = new Value.Sym(rawResId, "NFNL_SUBSYS_NFTABLES");
        else res = SockAddrs.htons(resId);
        List<Value> out = new ArrayList<>();
        out.add(new Value.Struct(List.of(
                field("nfgen_family", NetlinkRoute.family(raw[0] & 0xff)),
                field("version", Numbers.named(NetfilterVersions.XLAT, raw[1] & 0xff, "NFNETLINK_???")),
                field("res_id", res)), false));
        if (len > NFGENMSG_SIZE) {
            boolean batch = NlNetfilterMsgTypes.XLAT.name(h.type()) != null || h.type() < NLMSG_MIN_TYPE;
            out.add(batch ? Netlink.hex(c, addr + NFGENMSG_SIZE, len - NFGENMSG_SIZE)
                    : NetlinkAttrs.decode(c, addr + NFGENMSG_SIZE, len - NFGENMSG_SIZE, Xlat.values(), null,
                            NetlinkAttrs.Table.NONE));
        }
        return out;
    }
}
