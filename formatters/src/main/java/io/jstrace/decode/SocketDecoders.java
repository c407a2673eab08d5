package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.xlat.Ax25Protocols;
import io.jstrace.syscalls.xlat.BtProtocols;
import io.jstrace.syscalls.xlat.CaifProtocols;
import io.jstrace.syscalls.xlat.CanProtocols;
import io.jstrace.syscalls.xlat.IpProtocols;
import io.jstrace.syscalls.xlat.IsdnProtocols;
import io.jstrace.syscalls.xlat.KcmProtocols;
import io.jstrace.syscalls.xlat.NfcProtocols;
import io.jstrace.syscalls.xlat.PhonetProtocols;
import io.jstrace.syscalls.xlat.SmcProtocols;
import io.jstrace.syscalls.xlat.NetlinkProtocols;
import io.jstrace.syscalls.xlat.SockTypeFlags;
import io.jstrace.syscalls.xlat.SocketFamilies;
import io.jstrace.syscalls.xlat.SocketTypes;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The arguments of socket(2), socketpair(2) and the socklen_t the socket calls update, as
 * strace 6.1 prints them (src/net.c): {@code socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC,
 * IPPROTO_TCP)}, {@code getsockname(3, {...}, [128 => 16])}.
 */
final class SocketDecoders {
    private static final int AF_INET = 2, AF_AX25 = 3, AF_INET6 = 10, AF_NETLINK = 16, AF_PACKET = 17, AF_IRDA = 23,
            AF_CAN = 29, AF_BLUETOOTH = 31, AF_RXRPC = 33, AF_ISDN = 34, AF_PHONET = 35, AF_CAIF = 37, AF_NFC = 39, AF_KCM = 41,
            AF_SMC = 43;

    private SocketDecoders() {}

    /**
     * SOCK_TYPE: the type in the low four bits by name, then the SOCK_* flags; an unknown
     * type leaves every bit to the flags (net.c tprint_sock_type).
     */
    static Value type(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        String type = SocketTypes.XLAT.name(v & SocketTypes.SOCK_TYPE_MASK);
        if (type == null) return Numbers.flags(SockTypeFlags.XLAT, v, "SOCK_???");
        long rest = v & ~SocketTypes.SOCK_TYPE_MASK;
        List<String> names = new ArrayList<>();
        names.add(type);
        Xlat.Decomposed d = SockTypeFlags.XLAT.decompose(rest);
        if (rest != 0) names.addAll(d.names());
        return new Value.Flags(v, names, rest == 0 ? 0 : d.remainder());
    }

    /**
     * SOCK_PROTOCOL: named by socket(2)'s family (IPPROTO_* for inet, NETLINK_* for netlink,
     * {@code htons(ETH_P_ALL)} for packet, and the other families' tables as strace 6.1 has
     * them: AF_IRDA shares AF_CAN's, AF_RXRPC's is an address family, AF_AX25's prints as a
     * number with the name in a comment), a number otherwise and always for socketpair.
     */
    static Value protocol(Call c, int i) {
        long proto = c.arg(i);
        if (c.name().equals("socketpair")) return new Num(proto, Base.UNSIGNED);
        return switch ((int) c.arg(0)) {
            case AF_INET, AF_INET6 -> Numbers.named(IpProtocols.XLAT, proto, "IPPROTO_???");
            case AF_NETLINK -> Numbers.named(NetlinkProtocols.XLAT, proto, "NETLINK_???");
            case AF_PACKET -> SockAddrs.htonsNamed(Short.toUnsignedInt(Short.reverseBytes((short) proto)));
            case AF_AX25 -> {
                String name = Ax25Protocols.XLAT.name(proto);
                yield new Value.Commented(Value.hex(proto), name == null ? "AX25_P_???" : name);
            }
            case AF_IRDA -> Numbers.named(CanProtocols.XLAT, proto, "IRDAPROTO_???");
            case AF_CAN -> Numbers.named(CanProtocols.XLAT, proto, "CAN_???");
            case AF_BLUETOOTH -> Numbers.named(BtProtocols.XLAT, proto, "BTPROTO_???");
            case AF_RXRPC -> Numbers.named(SocketFamilies.XLAT, proto, "AF_???");
            case AF_ISDN -> Numbers.named(IsdnProtocols.XLAT, proto, "ISDN_P_???");
            case AF_PHONET -> Numbers.named(PhonetProtocols.XLAT, proto, "PN_PROTO_???");
            case AF_CAIF -> Numbers.named(CaifProtocols.XLAT, proto, "CAIFPROTO_???");
            case AF_NFC -> Numbers.named(NfcProtocols.XLAT, proto, "NFC_SOCKPROTO_???");
            case AF_KCM -> Numbers.named(KcmProtocols.XLAT, proto, "KCMPROTO_???");
            case AF_SMC -> Numbers.named(SmcProtocols.XLAT, proto, "SMCPROTO_???");
            default -> new Num(proto, Base.UNSIGNED);
        };
    }

    /**
     * POST_SOCKLEN: {@code [16]}, or {@code [128 => 16]} when the kernel changed the length;
     * {@code [128]} after a failure; the address when the tracee gave no buffer or no length
     * at entry (net.c decode_sockname, recvfrom, getsockopt).
     */
    static Value postSocklen(Call c, int i) {
        long ptr = c.arg(i);
        boolean sockname = c.spec(i - 1) == FormatSpecifier.POST_SOCKADDR;
        Integer in = lengthAtEntry(c, i);
        if (in == null || (sockname && c.arg(i - 1) == 0)) return new Addr(ptr);
        Integer out = lengthAtExit(c, i);
        if (out == null && c.name().equals("recvfrom")) return new Addr(ptr);
        if (!c.succeeded() || out == null) return indirect(Value.dec(in));
        if (in.intValue() == out.intValue()) return indirect(Value.dec(out));
        return indirect(new Value.Changed(Value.dec(in), Value.dec(out)));
    }

    /** The int argument {@code i} points to, as the tracee passed it; {@code null} if none. */
    static Integer lengthAtEntry(Call c, int i) {
        if (c.atEntry() == EntryMemory.NONE) return lengthAtExit(c, i);
        return intAt(c.atEntry(), c.arg(i));
    }

    /** The int argument {@code i} points to, as the kernel left it; {@code null} if unreadable. */
    static Integer lengthAtExit(Call c, int i) {
        return intAt(c.memory(), c.arg(i));
    }

    private static Integer intAt(io.jstrace.core.TraceeMemory m, long addr) {
        if (addr == 0) return null;
        byte[] b = m.read(addr, 4);
        return b == null ? null : TraceeArrays.s32(b, 0);
    }

    /** strace's printnum_int: {@code [1]}, or the address when unreadable. */
    static Value intAt(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        Integer v = intAt(c.memory(), addr);
        return v == null ? new Value.Unreadable(addr) : indirect(Value.dec(v));
    }

    /** A value behind a pointer, strace's {@code [v]}. */
    static Value indirect(Value v) {
        return new Value.Arr(List.of(v), false);
    }

    /** How {@link #intFields} prints a field: signed or unsigned decimal. */
    static final IntFunction<Value> SIGNED = Value::dec, UNSIGNED = v -> new Num(v & 0xffff_ffffL, Base.UNSIGNED);

    /**
     * A struct of 32-bit fields read as far as {@code len} reaches (net.c
     * MAYBE_PRINT_FIELD_LEN), each printed by its {@code kinds}: a field cut short prints its
     * bytes in hex.
     */
    static Value intFields(Call c, long addr, int len, int size, String[] names, List<IntFunction<Value>> kinds) {
        int n = Math.min(len, size);
        byte[] raw = c.memory().read(addr, n);
        if (raw == null) return new Value.Unreadable(addr);
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < names.length && 4 * k < n; k++) {
            if (4 * k + 4 > n) {
                f.add(field(names[k], hexBytes(raw, 4 * k, n)));
                break;
            }
            f.add(field(names[k], kinds.get(k).apply(TraceeArrays.s32(raw, 4 * k))));
        }
        return new Value.Struct(f, false);
    }

    /** strace's QUOTE_FORCE_HEX: {@code "\x01\x02"}. */
    static Value hexBytes(byte[] raw, int from, int to) {
        StringBuilder b = new StringBuilder("\"");
        for (int k = from; k < to; k++) b.append(String.format("\\x%02x", raw[k] & 0xff));
        return new Value.Text(b.append('"').toString());
    }
}
