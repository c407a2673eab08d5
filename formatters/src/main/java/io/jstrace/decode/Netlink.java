package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.PidType;
import io.jstrace.core.Sockets;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Errno;
import io.jstrace.syscalls.xlat.NetlinkAckFlags;
import io.jstrace.syscalls.xlat.NetlinkDeleteFlags;
import io.jstrace.syscalls.xlat.NetlinkGetFlags;
import io.jstrace.syscalls.xlat.NetlinkNewFlags;
import io.jstrace.syscalls.xlat.NlAuditTypes;
import io.jstrace.syscalls.xlat.NlCryptoTypes;
import io.jstrace.syscalls.xlat.NlXfrmTypes;
import io.jstrace.syscalls.xlat.NetlinkFlags;
import io.jstrace.syscalls.xlat.NetlinkProtocols;
import io.jstrace.syscalls.xlat.NetlinkTypes;
import io.jstrace.syscalls.xlat.NlmsgerrAttrs;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Netlink messages (include/uapi/linux/netlink.h, netlink(7)) in the buffers of
 * sendto/recvfrom/sendmsg/recvmsg on an AF_NETLINK socket, as strace 6.1 prints them
 * (src/netlink.c decode_netlink): each message is its {@code struct nlmsghdr}
 * ({@code {nlmsg_len=36, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP,
 * nlmsg_seq=1, nlmsg_pid=0}}), followed, when it has a payload, by that payload as the
 * socket's protocol defines it, the two in brackets; several messages in the buffer make
 * an array of those. The protocol is the socket's own, found as {@code -yy} finds it.
 * A payload no decoder knows prints in hex; whatever cannot be read prints by address.
 */
final class Netlink {
    /** NLMSG_HDRLEN: sizeof(struct nlmsghdr), already aligned. */
    static final int NLMSG_HDRLEN = 16;
    /** sizeof(struct nlmsgerr) without extensions: an int error and the offending header. */
    private static final int NLMSGERR_SIZE = 4 + NLMSG_HDRLEN;
    private static final int NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_MIN_TYPE = 0x10;
    private static final int NLM_F_CAPPED = 0x100;
    /** Not a netlink socket; -1 is one whose protocol is unknown. */
    private static final int NOT_NETLINK = -2;

    /** A decoded struct nlmsghdr. */
    record Header(long len, int type, int flags, long seq, int pid) {}

    /**
     * A protocol's decoding of one message's payload (strace's netlink_decoder_t): the values
     * that follow the header in the message's brackets, or {@code null} to print the payload
     * in hex.
     */
    @FunctionalInterface
    interface Payload {
        List<Value> decode(Call c, Header h, long addr, int len);
    }

    /**
     * How a protocol names its message types (at or above NLMSG_MIN_TYPE), which request
     * flags each takes ({@code null}: none), and how its payloads decode ({@code null}: hex).
     */
    record Protocol(java.util.function.IntFunction<Value> type, java.util.function.IntFunction<Xlat> requestFlags,
            Payload payload) {
        /** Types named from one table, unknown ones in hex with {@code unknownType} as comment. */
        Protocol(Xlat types, String unknownType, java.util.function.IntFunction<Xlat> requestFlags, Payload payload) {
            this(t -> Numbers.named(types, t, unknownType), requestFlags, payload);
        }
    }

    /**
     * The protocols decoded, by NETLINK_* number; the others print headers and hex. A holder
     * of its own, made at the first netlink message decoded, not when the decoders are
     * registered at start-up (their classes are most of this file's start-up cost).
     */
    private static final class Protocols {
        static final Map<Integer, Protocol> BY_NUMBER = Map.of(
                (int) NetlinkProtocols.NETLINK_ROUTE, NetlinkRoute.PROTOCOL,
                (int) NetlinkProtocols.NETLINK_SOCK_DIAG, NetlinkSockDiag.PROTOCOL,
                (int) NetlinkProtocols.NETLINK_NETFILTER, NetlinkNetfilter.PROTOCOL,
                (int) NetlinkProtocols.NETLINK_AUDIT, new Protocol(NlAuditTypes.XLAT, "AUDIT_???", null, null),
                (int) NetlinkProtocols.NETLINK_SELINUX, NetlinkSelinux.PROTOCOL,
                (int) NetlinkProtocols.NETLINK_XFRM,
                new Protocol(NlXfrmTypes.XLAT, "XFRM_MSG_???", Netlink::xfrmFlags, null),
                (int) NetlinkProtocols.NETLINK_CRYPTO,
                new Protocol(NlCryptoTypes.XLAT, "CRYPTO_MSG_???", Netlink::cryptoFlags, null));
    }

    private Netlink() {}

    /**
     * A socket buffer of {@code len} bytes at {@code addr} on descriptor {@code fd}: netlink
     * messages on a netlink socket, otherwise (or under {@code -e verbose=none}) the bytes
     * as a string (net.c decode_sockbuf).
     */
    static Value buffer(Call c, long fd, long addr, long len) {
        int protocol = c.structs() ? protocol(c, (int) fd) : NOT_NETLINK;
        if (protocol == NOT_NETLINK) return Strings.buffer(c, addr, len);
        return messagesOf(c, protocol, addr, len);
    }

    /** A netlink buffer of {@code protocol}: uevents as such, others as messages (decode_netlink). */
    static Value messagesOf(Call c, int protocol, long addr, long len) {
        if (protocol == NetlinkProtocols.NETLINK_KOBJECT_UEVENT) return NetlinkKobjectUevent.decode(c, addr, len);
        return messages(c, protocol, addr, len);
    }

    /**
     * The netlink protocol of socket {@code fd}: the kernel's {@code system.sockprotoname}
     * says NETLINK, the socket's diag entry gives the protocol (netlink.c get_fd_nl_family).
     */
    static int protocol(Call c, int fd) {
        String link = c.host().fdPath(fd);
        if (link == null || !link.startsWith("socket:[") || !link.endsWith("]")) return NOT_NETLINK;
        if (!"NETLINK".equals(c.host().socketProtocol(fd))) return NOT_NETLINK;
        try {
            Sockets.Netlink n = c.host().netlinkSocket(Long.parseLong(link.substring(8, link.length() - 1)));
            return n == null ? -1 : n.protocol();
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * decode_netlink: the messages one after another, each NLMSG_ALIGN(nlmsg_len) long; the
     * rest of a buffer too short for a header in hex; at most -s messages unless -v.
     */
    static Value messages(Call c, int protocol, long addr, long len) {
        List<Value> items = new ArrayList<>();
        boolean array = false;
        for (int elt = 0; ; elt++) {
            Header h = fetchHeader(c, addr, len, array, items);
            if (h == null) break;
            if (!c.options().verbose() && elt == c.options().stringLimit()) {
                return new Value.Arr(items, true);
            }
            long aligned = align4(h.len());
            long nextAddr = 0, nextLen = 0;
            if (h.len() >= NLMSG_HDRLEN) {
                nextLen = Long.compareUnsigned(len, aligned) >= 0 ? len - aligned : 0;
                if (nextLen != 0 && Long.compareUnsigned(addr + aligned, addr) > 0) nextAddr = addr + aligned;
            }
            if (nextAddr != 0) array = true;
            items.add(withPayload(c, protocol, h, addr, len));
            if (nextAddr == 0) break;
            addr = nextAddr;
            len = nextLen;
        }
        return array ? new Value.Arr(items, false) : items.get(0);
    }

    /**
     * fetch_nlmsghdr: the header at {@code addr}, or {@code null} after adding what prints in
     * its place: the bytes in hex when fewer than a header remain, else the address (as
     * {@code ... /* 0x... *\/} inside an array).
     */
    private static Header fetchHeader(Call c, long addr, long len, boolean inArray, List<Value> out) {
        if (Long.compareUnsigned(len, NLMSG_HDRLEN) < 0) {
            out.add(hex(c, addr, len));
            return null;
        }
        byte[] b = c.memory().read(addr, NLMSG_HDRLEN);
        if (b == null) {
            out.add(inArray ? more(addr) : new Value.Addr(addr));
            return null;
        }
        return header(b, 0);
    }

    static Header header(byte[] b, int off) {
        return new Header(SockAddrs.u32(b, off), SockAddrs.u16(b, off + 4), SockAddrs.u16(b, off + 6),
                SockAddrs.u32(b, off + 8), TraceeArrays.s32(b, off + 12));
    }

    /** decode_nlmsghdr_with_payload: the header alone, or {@code [header, payload...]}. */
    private static Value withPayload(Call c, int protocol, Header h, long addr, long len) {
        long msgLen = Math.min(h.len(), len < 0 ? Long.MAX_VALUE : len);
        Value hdr = headerValue(c, protocol, h);
        if (msgLen <= NLMSG_HDRLEN) return hdr;
        List<Value> items = new ArrayList<>();
        items.add(hdr);
        items.addAll(payload(c, protocol, h, addr + NLMSG_HDRLEN, (int) (msgLen - NLMSG_HDRLEN)));
        return new Value.Arr(items, false);
    }

    /** print_nlmsghdr: every field, whatever nlmsg_len says. */
    static Value headerValue(Call c, int protocol, Header h) {
        return new Value.Struct(List.of(
                field("nlmsg_len", new Num(h.len(), Base.UNSIGNED)),
                field("nlmsg_type", type(c, protocol, h.type())),
                field("nlmsg_flags", flags(protocol, h)),
                field("nlmsg_seq", new Num(h.seq(), Base.UNSIGNED)),
                field("nlmsg_pid", Pids.pid(c, h.pid(), PidType.TGID))), false);
    }

    /**
     * decode_nlmsg_type: the control types below NLMSG_MIN_TYPE, the protocol's others; on
     * NETLINK_GENERIC, the id of a family the kernel has registered, by its name ({@code nlctrl}).
     */
    private static Value type(Call c, int protocol, int type) {
        if (type >= NLMSG_MIN_TYPE && protocol == NetlinkProtocols.NETLINK_GENERIC) {
            String name = c.host().genericNetlinkFamilies().get(type);
            return name != null ? new Value.Sym(type, name) : new Value.Commented(Value.hex(type), "GENERIC_FAMILY_???");
        }
        Protocol p = Protocols.BY_NUMBER.get(protocol);
        if (type < NLMSG_MIN_TYPE || p == null) return Numbers.named(NetlinkTypes.XLAT, type, "NLMSG_???");
        return p.type().apply(type);
    }

    /**
     * decode_nlmsg_flags: the flags of every message, then those of the request kind the
     * type is (GET, NEW, DELETE) or of an acknowledgement.
     */
    private static Value flags(int protocol, Header h) {
        Xlat second = null;
        Protocol p = Protocols.BY_NUMBER.get(protocol);
        if (h.type() < NLMSG_MIN_TYPE) {
            if (h.type() == NLMSG_ERROR) second = NetlinkAckFlags.XLAT;
        } else if (p != null && p.requestFlags() != null) {
            second = p.requestFlags().apply(h.type());
        }
        return flags2(h.flags(), NetlinkFlags.XLAT, second, "NLM_F_???");
    }

    /** printflags_ex with two tables: the names of the first, then those of the second. */
    static Value flags2(long value, Xlat first, Xlat second, String unknown) {
        Xlat.Decomposed d = first.decompose(value);
        List<String> names = new ArrayList<>(d.names());
        long rest = d.remainder();
        if (second != null && rest != 0) {
            Xlat.Decomposed e = second.decompose(rest);
            names.addAll(e.names());
            rest = e.remainder();
        }
        if (names.isEmpty() && rest != 0) return new Value.Commented(Value.hex(value), unknown);
        return new Value.Flags(value, names, rest);
    }

    /** decode_nlmsg_flags_xfrm: which XFRM_MSG_* types are NEW, DELETE or GET requests. */
    private static Xlat xfrmFlags(int type) {
        if (type == NlXfrmTypes.XFRM_MSG_NEWSA || type == NlXfrmTypes.XFRM_MSG_NEWPOLICY || type == NlXfrmTypes.XFRM_MSG_NEWAE
                || type == NlXfrmTypes.XFRM_MSG_NEWSADINFO || type == NlXfrmTypes.XFRM_MSG_NEWSPDINFO) {
            return NetlinkNewFlags.XLAT;
        }
        if (type == NlXfrmTypes.XFRM_MSG_DELSA || type == NlXfrmTypes.XFRM_MSG_DELPOLICY) return NetlinkDeleteFlags.XLAT;
        if (type == NlXfrmTypes.XFRM_MSG_GETSA || type == NlXfrmTypes.XFRM_MSG_GETPOLICY || type == NlXfrmTypes.XFRM_MSG_GETAE
                || type == NlXfrmTypes.XFRM_MSG_GETSADINFO || type == NlXfrmTypes.XFRM_MSG_GETSPDINFO) {
            return NetlinkGetFlags.XLAT;
        }
        return null;
    }

    /** decode_nlmsg_flags_crypto: which CRYPTO_MSG_* types are NEW, DELETE or GET requests. */
    private static Xlat cryptoFlags(int type) {
        if (type == NlCryptoTypes.CRYPTO_MSG_NEWALG) return NetlinkNewFlags.XLAT;
        if (type == NlCryptoTypes.CRYPTO_MSG_DELALG || type == NlCryptoTypes.CRYPTO_MSG_DELRNG) return NetlinkDeleteFlags.XLAT;
        if (type == NlCryptoTypes.CRYPTO_MSG_GETALG) return NetlinkGetFlags.XLAT;
        return null;
    }

    /** decode_payload: errors, the protocol's messages, NLMSG_DONE's int, else hex. */
    private static List<Value> payload(Call c, int protocol, Header h, long addr, int len) {
        if (h.type() == NLMSG_ERROR) return List.of(nlmsgerr(c, protocol, addr, len, (h.flags() & NLM_F_CAPPED) != 0));
        Protocol p = Protocols.BY_NUMBER.get(protocol);
        if ((h.type() >= NLMSG_MIN_TYPE || h.type() == NLMSG_DONE) && p != null && p.payload() != null) {
            List<Value> v = p.payload().decode(c, h, addr, len);
            if (v != null) return v;
        }
        if (h.type() == NLMSG_DONE && len == 4) {
            byte[] b = c.memory().read(addr, 4);
            return List.of(b == null ? new Value.Addr(addr) : Value.dec(TraceeArrays.s32(b, 0)));
        }
        return List.of(hex(c, addr, len));
    }

    /**
     * decode_nlmsgerr: {@code {error=-EACCES, msg=HEADER}} with the offending message as far
     * as it was echoed (its header only when NLM_F_CAPPED), then any extended-ack attributes.
     */
    private static Value nlmsgerr(Call c, int protocol, long addr, int len, boolean capped) {
        if (len < NLMSGERR_SIZE) return hex(c, addr, len);
        byte[] b = c.memory().read(addr, NLMSGERR_SIZE);
        if (b == null) return new Value.Addr(addr);
        int error = TraceeArrays.s32(b, 0);
        Header msg = header(b, 4);
        addr += 4;
        len -= 4;
        long msgLen = Math.max(NLMSG_HDRLEN, msg.len());
        int payload = (int) Math.min(len, capped ? NLMSG_HDRLEN : msgLen);
        Value struct = new Value.Struct(List.of(field("error", error(error)),
                field("msg", withPayload(c, protocol, msg, addr, payload))), false);
        if (len <= payload) return struct;
        return new Value.Arr(List.of(struct, NetlinkAttrs.decode(c, addr + payload, len - payload,
                NlmsgerrAttrs.XLAT, "NLMSGERR_ATTR_???", NetlinkAttrs.Table.builder()
                        .add((int) NlmsgerrAttrs.NLMSGERR_ATTR_MSG, NetlinkAttrs::str)
                        .add((int) NlmsgerrAttrs.NLMSGERR_ATTR_OFFS, NetlinkAttrs::u32)
                        .add((int) NlmsgerrAttrs.NLMSGERR_ATTR_COOKIE, NetlinkAttrs::bytes)
                        .build())), false);
    }

    /** print_err: a negated errno by name ({@code -EACCES}), anything else as a number. */
    static Value error(int error) {
        Errno e = Errno.of(-error);
        if (error >= 0 || !e.known()) return Value.dec(error);
        return new Value.Sym(error, "-" + e.name(), Base.SIGNED);
    }

    /** printstr_ex with QUOTE_FORCE_HEX: every byte escaped, cut at -s; the address if unreadable. */
    static Value hex(Call c, long addr, long len) {
        return Strings.hexBuffer(Strings.buffer(c, addr, len));
    }

    /** strace's {@code ... /* 0x7f... *\/}: more follows at an address that cannot be read. */
    static Value more(long addr) {
        return new Value.Commented(new Value.Text("..."), "0x" + Long.toHexString(addr));
    }

    /** A message struct's fields, from its bytes. */
    @FunctionalInterface
    interface Fields {
        void add(byte[] raw, List<Value.Field> out);
    }

    /**
     * The shape of the family-led headers of rtnetlink and sock_diag messages: the family
     * (already read), then, when the message holds the whole struct of {@code size} bytes, its
     * other fields (their address if unreadable) and, when the struct has them, the attributes
     * at NLMSG_ALIGN(size); a shorter message prints the family and {@code ...}.
     *
     * @param attrs the attributes that may follow, given the struct's bytes; {@code null} for none
     */
    static List<Value> familyStruct(Call c, long addr, int len, int size, String familyName, Value family,
            Fields fields, java.util.function.Function<byte[], NetlinkAttrs.Set> attrs) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field(familyName, family));
        if (len < size) return List.of(new Value.Struct(f, true));
        byte[] raw = c.memory().read(addr, size);
        if (raw == null) {
            f.add(field("", new Value.Addr(addr + 1)));
            return List.of(new Value.Struct(f, false));
        }
        fields.add(raw, f);
        Value s = new Value.Struct(f, false);
        int offset = (int) align4(size);
        if (attrs == null || len <= offset) return List.of(s);
        return List.of(s, NetlinkAttrs.decode(c, addr + offset, len - offset, attrs.apply(raw)));
    }

    static long align4(long n) {
        return (n + 3) & ~3L;
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, (c, i) -> buffer(c, c.arg(0), c.arg(i), c.arg(i + 1))), "sendto");
        r.add(SyscallDecoder.custom(1, (c, i) -> c.succeeded()
                ? buffer(c, c.arg(0), c.arg(i), Long.compareUnsigned(c.ret(), c.arg(i + 1)) < 0 ? c.ret() : c.arg(i + 1))
                : new Value.Addr(c.arg(i))), "recvfrom");
    }
}
