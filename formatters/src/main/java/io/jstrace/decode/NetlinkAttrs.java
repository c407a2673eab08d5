package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.EthernetProtocols;
import io.jstrace.syscalls.xlat.Xlat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Netlink attributes, {@code struct nlattr} and its payload (include/uapi/linux/netlink.h,
 * include/net/netlink.h), as strace 6.1 prints them (src/nlattr.c decode_nlattr): each
 * attribute is {@code {nla_len=8, nla_type=IFA_LOCAL}}, followed by its data when it has
 * some, the two in brackets: {@code [{nla_len=8, nla_type=IFA_LOCAL}, inet_addr("127.0.0.1")]};
 * several attributes make an array. How the data prints is the attribute table's business: a
 * {@link Table} maps each type to a {@link Decoder}; data with no decoder, or too short for
 * its decoder, prints in hex.
 */
final class NetlinkAttrs {
    /** NLA_HDRLEN: sizeof(struct nlattr), already aligned. */
    static final int NLA_HDRLEN = 4;
    /** include/uapi/linux/netlink.h: the two flag bits of nla_type and the mask of the type. */
    private static final int NLA_F_NESTED = 1 << 15, NLA_F_NET_BYTEORDER = 1 << 14;
    private static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** One attribute's data: its value, or {@code null} to print it in hex (strace's nla_decoder_t returning false). */
    @FunctionalInterface
    interface Decoder {
        Value decode(Call c, long addr, int len);
    }

    /** An attribute table: the decoder of each type (strace's nla_decoder_t array). */
    static final class Table {
        private final Map<Integer, Decoder> byType;
        private final Decoder every;

        private Table(Map<Integer, Decoder> byType, Decoder every) {
            this.byType = byType;
            this.every = every;
        }

        /** A table built type by type: {@code builder().add(IFA_LABEL, NetlinkAttrs::str)...build()}. */
        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private final Map<Integer, Decoder> byType = new HashMap<>();

            Builder add(long type, Decoder d) {
                byType.put((int) type, d);
                return this;
            }

            Table build() {
                return new Table(Map.copyOf(byType), null);
            }
        }

        /** The same decoder for every type. */
        static Table every(Decoder d) {
            return new Table(Map.of(), d);
        }

        /** No decoder: every attribute's data in hex. */
        static final Table NONE = new Table(Map.of(), null);

        Decoder decoder(int type) {
            return every != null ? every : byType.get(type);
        }
    }

    /** The attributes a message may carry: their names, the name of an unknown one, their decoders. */
    record Set(Xlat names, String unknown, Table table) {}

    private NetlinkAttrs() {}

    /** {@link #decode(Call, long, long, Xlat, String, Table)} of the attributes of {@code set}. */
    static Value decode(Call c, long addr, long len, Set set) {
        return decode(c, addr, len, set.names(), set.unknown(), set.table());
    }

    /**
     * decode_nlattr: the attributes in {@code len} bytes at {@code addr}, each NLA_ALIGN(nla_len)
     * long; the rest of a buffer too short for a header in hex; at most -s of them unless -v.
     */
    static Value decode(Call c, long addr, long len, Xlat names, String unknown, Table table) {
        List<Value> items = new ArrayList<>();
        boolean array = false;
        for (int elt = 0; ; elt++) {
            if (len < NLA_HDRLEN) {
                items.add(Netlink.hex(c, addr, len));
                break;
            }
            byte[] b = c.memory().read(addr, NLA_HDRLEN);
            if (b == null) {
                items.add(array ? Netlink.more(addr) : new Value.Addr(addr));
                break;
            }
            if (!c.options().verbose() && elt == c.options().stringLimit()) return new Value.Arr(items, true);
            int nlaLen = SockAddrs.u16(b, 0), type = SockAddrs.u16(b, 2);
            long aligned = Netlink.align4(nlaLen), nextAddr = 0, nextLen = 0;
            if (nlaLen >= NLA_HDRLEN) {
                nextLen = len >= aligned ? len - aligned : 0;
                if (nextLen != 0) nextAddr = addr + aligned;
            }
            if (nextAddr != 0) array = true;
            items.add(attribute(c, nlaLen, type, addr, len, names, unknown, table));
            if (nextAddr == 0) break;
            addr = nextAddr;
            len = nextLen;
        }
        return array ? new Value.Arr(items, false) : items.get(0);
    }

    /** decode_nlattr_with_data: the header alone, or {@code [header, data]}. */
    private static Value attribute(Call c, int nlaLen, int type, long addr, long len, Xlat names, String unknown,
            Table table) {
        long dataLen = Math.min(nlaLen, len);
        Value header = new Value.Struct(List.of(field("nla_len", new Num(nlaLen, Base.UNSIGNED)),
                field("nla_type", type(type, names, unknown))), false);
        if (dataLen <= NLA_HDRLEN) return header;
        Decoder d = table.decoder(type & NLA_TYPE_MASK);
        long at = addr + NLA_HDRLEN;
        int n = (int) (dataLen - NLA_HDRLEN);
        Value data = d == null ? null : d.decode(c, at, n);
        return new Value.Arr(List.of(header, data != null ? data : Netlink.hex(c, at, n)), false);
    }

    /** print_nlattr's nla_type: NLA_F_NESTED and NLA_F_NET_BYTEORDER first, then the type by name. */
    private static Value type(int type, Xlat names, String unknown) {
        Value t = Numbers.named(names, type & NLA_TYPE_MASK, unknown);
        if ((type & (NLA_F_NESTED | NLA_F_NET_BYTEORDER)) == 0) return t;
        List<Value> parts = new ArrayList<>();
        if ((type & NLA_F_NESTED) != 0) parts.add(new Value.Sym(NLA_F_NESTED, "NLA_F_NESTED"));
        if ((type & NLA_F_NET_BYTEORDER) != 0) parts.add(new Value.Sym(NLA_F_NET_BYTEORDER, "NLA_F_NET_BYTEORDER"));
        parts.add(t);
        return new Value.Styled(joined(parts, XlatStyle.ABBREV), joined(parts, XlatStyle.RAW),
                joined(parts, XlatStyle.VERBOSE));
    }

    /** Values printed one after another with {@code separator}, each in the -X style in force. */
    static Value joined(List<Value> parts, String separator) {
        return new Value.Styled(joined(parts, separator, XlatStyle.ABBREV), joined(parts, separator, XlatStyle.RAW),
                joined(parts, separator, XlatStyle.VERBOSE));
    }

    private static Value joined(List<Value> parts, XlatStyle style) {
        return joined(parts, "|", style);
    }

    private static Value joined(List<Value> parts, String separator, XlatStyle style) {
        StringBuilder b = new StringBuilder();
        StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
        for (Value p : parts) {
            if (b.length() > 0) b.append(separator);
            text.render(p, b);
        }
        return new Value.Text(b.toString());
    }

    /** Nested attributes of another table: {@code [[{nla_len=..., nla_type=...}, ...], ...]}. */
    static Decoder nested(Xlat names, String unknown, Table table) {
        return (c, addr, len) -> decode(c, addr, len, names, unknown, table);
    }

    /** The fixed-size value read from {@code addr}, or {@code null} (hex) when {@code len} is too short. */
    private static Value fixed(Call c, long addr, int len, int size, java.util.function.Function<byte[], Value> f) {
        if (len < size) return null;
        byte[] b = c.memory().read(addr, size);
        return b == null ? new Value.Addr(addr) : f.apply(b);
    }

    static Value u8(Call c, long addr, int len) {
        return fixed(c, addr, len, 1, b -> new Num(b[0] & 0xff, Base.UNSIGNED));
    }

    static Value u16(Call c, long addr, int len) {
        return fixed(c, addr, len, 2, b -> new Num(SockAddrs.u16(b, 0), Base.UNSIGNED));
    }

    static Value u32(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> new Num(SockAddrs.u32(b, 0), Base.UNSIGNED));
    }

    static Value u64(Call c, long addr, int len) {
        return fixed(c, addr, len, 8, b -> new Num(TraceeArrays.u64(b, 0), Base.UNSIGNED));
    }

    static Value s8(Call c, long addr, int len) {
        return fixed(c, addr, len, 1, b -> Value.dec(b[0]));
    }

    static Value s16(Call c, long addr, int len) {
        return fixed(c, addr, len, 2, b -> Value.dec((short) SockAddrs.u16(b, 0)));
    }

    static Value s32(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> Value.dec(TraceeArrays.s32(b, 0)));
    }

    static Value s64(Call c, long addr, int len) {
        return fixed(c, addr, len, 8, b -> Value.dec(TraceeArrays.u64(b, 0)));
    }

    static Value x8(Call c, long addr, int len) {
        return fixed(c, addr, len, 1, b -> Value.hex(b[0] & 0xff));
    }

    static Value x16(Call c, long addr, int len) {
        return fixed(c, addr, len, 2, b -> Value.hex(SockAddrs.u16(b, 0)));
    }

    static Value x32(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> Value.hex(SockAddrs.u32(b, 0)));
    }

    static Value x64(Call c, long addr, int len) {
        return fixed(c, addr, len, 8, b -> Value.hex(TraceeArrays.u64(b, 0)));
    }

    /** decode_nla_be16: {@code htons(8080)}. */
    static Value be16(Call c, long addr, int len) {
        return fixed(c, addr, len, 2, b -> new Value.Fn("htons",
                List.of(new Num(SockAddrs.u16be(b, 0), Base.UNSIGNED)), false));
    }

    /** decode_nla_be64: {@code htobe64(N)}. */
    static Value be64(Call c, long addr, int len) {
        return fixed(c, addr, len, 8, b -> new Value.Fn("htobe64",
                List.of(new Num(Long.reverseBytes(TraceeArrays.u64(b, 0)), Base.UNSIGNED)), false));
    }

    /** decode_nla_ifindex: {@code if_nametoindex("lo")} or the number. */
    static Value ifindex(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> SockAddrs.ifindex(SockAddrs.u32(b, 0)));
    }

    /** decode_nla_fd: a descriptor, with its path under -y. */
    static Value fd(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> FileDecoders.descriptor(c, TraceeArrays.s32(b, 0)));
    }

    /** decode_nla_in_addr and decode_nla_in6_addr. */
    static Value inAddr(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> inet(b, 4));
    }

    static Value in6Addr(Call c, long addr, int len) {
        return fixed(c, addr, len, 16, b -> inet(b, 16));
    }

    /**
     * sockaddr.c print_inet_addr: {@code inet_addr("127.0.0.1")} or {@code inet_pton(AF_INET6,
     * "::1")}; the address's bytes in hex under {@code -X raw}, followed by the call as a
     * comment under {@code -X verbose}.
     */
    static Value inet(byte[] b, int size) {
        return inet(b, 0, size, null);
    }

    /**
     * print_inet_addr of an address that is the struct member {@code name}: {@code
     * name=inet_addr("127.0.0.1")}, but {@code inet_pton(AF_INET6, "::1", &name)}, which names
     * the member itself; a family neither AF_INET nor AF_INET6 prints its 16 bytes in hex.
     */
    static Value.Field inetField(String name, byte[] b, int off, int family) {
        return inetField(name, b, off, family, family == 2 ? 4 : 16);
    }

    /** {@link #inetField(String, byte[], int, int)} of a member {@code len} bytes long, all of them printed in hex. */
    static Value.Field inetField(String name, byte[] b, int off, int family, int len) {
        if (family == 2) return field(name, inet(b, off, 4, len, null));
        if (family == 10) return field("", inet(b, off, 16, len, name));
        return field(name, SocketDecoders.hexBytes(b, off, off + len));
    }

    private static Value inet(byte[] b, int off, int size, String v6Member) {
        return inet(b, off, size, size, v6Member);
    }

    private static Value inet(byte[] b, int off, int size, int hexLen, String v6Member) {
        Value call = SockAddrs.inetAddr(b, off), named = call;
        if (size == 16) {
            List<Value> args = List.of(new Value.Text("AF_INET6"), text(Inet6.ntop(b, off)));
            call = new Value.Fn("inet_pton", args, false);
            // only the abbreviated call names the member it fills
            List<Value> withMember = new ArrayList<>(args);
            if (v6Member != null) withMember.add(new Value.Text("&" + v6Member));
            named = new Value.Fn("inet_pton", withMember, false);
        }
        String prefix = v6Member != null ? v6Member + "=" : "";
        String hex = prefix + ((Value.Text) SocketDecoders.hexBytes(b, off, off + hexLen)).text();
        String shown = new StraceText(StraceText.Escape.OCTAL, XlatStyle.ABBREV).render(call);
        return new Value.Styled(named, new Value.Text(hex), new Value.Text(hex + " /* " + shown + " */"));
    }

    /**
     * sockaddr.c decode_inet_addr: an address of {@code family} (AF_INET or AF_INET6); hex
     * when the family is another or the data too short.
     */
    static Value inetAddr(Call c, long addr, int len, int family) {
        int size = family == 2 ? 4 : family == 10 ? 16 : 0;
        if (size == 0 || len < size) return Netlink.hex(c, addr, len);
        byte[] b = c.memory().read(addr, size);
        if (b == null) return new Value.Addr(addr);
        return inet(b, size);
    }

    /** A decoder of an address of {@code family}. */
    static Decoder inetAddr(int family) {
        return (c, addr, len) -> inetAddr(c, addr, len, family);
    }

    /**
     * decode_nla_str: a string expected to end in its NUL, printed without it; one that does
     * not end so is followed by {@code ...}; at most -s bytes.
     */
    static Value str(Call c, long addr, int len) {
        int limit = c.options().stringLimit();
        int n = (int) Math.min(len, (long) limit + 1);
        byte[] b = c.memory().read(addr, n);
        if (b == null) return new Value.Addr(addr);
        int size = Math.min(n, limit);
        if (size > 0 && b[size - 1] == 0) return new Value.Str(Arrays.copyOf(b, size - 1), false);
        return new Value.Str(Arrays.copyOf(b, size), len > 0);
    }

    /** decode_nla_strn: {@code len} bytes as a string, cut at -s. */
    static Value strn(Call c, long addr, int len) {
        return Strings.buffer(c, addr, len);
    }

    /** An array of bytes in decimal: {@code [1, 2, 3]} (the extended-ack cookie). */
    static Value bytes(Call c, long addr, int len) {
        return TraceeArrays.array(c, addr, len, 1, b -> new Num(b[0] & 0xff, Base.UNSIGNED));
    }

    /**
     * A value from an exclusive table (decode_nla_xval): an integer of {@code size} bytes, or
     * of the data's length when {@code size} is 0; hex when the data is longer than 8 bytes or
     * shorter than {@code size}.
     */
    static Decoder xval(int size, Xlat table, String unknown) {
        return (c, addr, len) -> integer(c, addr, len, size, v -> Numbers.named(table, v, unknown));
    }

    /** Flags from a table, read as {@link #xval} reads its integer (decode_nla_flags). */
    static Decoder flags(int size, Xlat table, String unknown) {
        return (c, addr, len) -> integer(c, addr, len, size, v -> Numbers.flags(table, v, unknown));
    }

    private static Value integer(Call c, long addr, int len, int size, java.util.function.LongFunction<Value> f) {
        if (len > 8 || len < size) return null;
        int n = size != 0 ? Math.min(len, size) : len;
        byte[] b = c.memory().read(addr, n);
        return b == null ? new Value.Addr(addr) : f.apply(unsigned(b, n));
    }

    /** A little-endian unsigned integer of {@code size} bytes. */
    static long unsigned(byte[] b, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) v = (v << 8) | (b[k] & 0xff);
        return v;
    }

    /** decode_nla_clock_t: an integer of up to 8 bytes in clock ticks, {@code 100 /* 1.00 s *\/}. */
    static Value clockT(Call c, long addr, int len) {
        return integer(c, addr, len, 0, Times::clockTicks);
    }

    /** decode_nla_uid and decode_nla_gid: an id, {@code -1} for (uid_t) -1. */
    static Value uid(Call c, long addr, int len) {
        return fixed(c, addr, len, 4, b -> Creds.id(SockAddrs.u32(b, 0)));
    }

    /** decode_nla_xint: an integer of 1, 2, 4 or 8 bytes in hex; hex bytes for other sizes. */
    static Value xint(Call c, long addr, int len) {
        if (len != 1 && len != 2 && len != 4 && len != 8) return null;
        return integer(c, addr, len, 0, Value::hex);
    }

    /** decode_nla_ether_proto: a protocol in network byte order, {@code htons(ETH_P_IP)}. */
    static Value etherProto(Call c, long addr, int len) {
        return integer(c, addr, len, 2, v -> new Value.Fn("htons",
                List.of(Numbers.named(EthernetProtocols.XLAT, Short.reverseBytes((short) v) & 0xffff, "ETHER_P_???")),
                false));
    }

    /**
     * A struct of {@code size} bytes, its fields from its bytes; hex when the data is shorter
     * (the nla decoders of one struct, which ignore any bytes after it).
     */
    static Decoder struct(int size, java.util.function.Function<byte[], List<Value.Field>> fields) {
        return fixed(size, b -> new Value.Struct(fields.apply(b), false));
    }

    /**
     * A struct of {@code size} bytes followed, when the data is longer, by the rest in hex:
     * {@code {vid=1, ...}, "\x01\x02"} (the struct decoders that print what follows them).
     */
    static Decoder structThenHex(int size, java.util.function.Function<byte[], List<Value.Field>> fields) {
        Decoder struct = struct(size, fields);
        return (c, addr, len) -> {
            Value s = struct.decode(c, addr, len);
            if (s == null || s instanceof Value.Addr || len == size) return s;
            return joined(List.of(s, Netlink.hex(c, addr + size, len - size)), ", ");
        };
    }

    /** The fields of a struct of u64 counters, in order. */
    static List<Value.Field> u64Fields(byte[] b, String... names) {
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], new Num(TraceeArrays.u64(b, 8 * k), Base.UNSIGNED)));
        return f;
    }

    /** A value read from the data's first {@code size} bytes, however long it is; hex when shorter. */
    static Decoder fixed(int size, java.util.function.Function<byte[], Value> f) {
        return (c, addr, len) -> fixed(c, addr, len, size, f);
    }

    /**
     * print_array_ex with PAF_PRINT_INDICES: the data as an array of {@code width}-byte integers
     * (signed or not), each after its index named from {@code indices}, {@code [[DEVCONF_MTU6]=1280, ...]};
     * hex when shorter than one element.
     */
    static Decoder indexed(Xlat indices, String unknown, int width, boolean signed) {
        return (c, addr, len) -> {
            if (len < width) return null;
            int[] k = {0};
            return TraceeArrays.array(c, addr, len / width, width, b -> {
                long v = unsigned(b, width);
                Value n = signed ? Value.dec(width == 4 ? (int) v : v) : new Num(v, Base.UNSIGNED);
                return indexed(index(indices, k[0]++, unknown), n);
            });
        };
    }

    /** An array index printed as printxval_ex with XLAT_STYLE_FMT_D prints it. */
    static Value index(Xlat indices, int i, String unknown) {
        String name = indices.name(i);
        return name != null ? new Value.Sym(i, name, Base.SIGNED) : new Value.Commented(Value.dec(i), unknown);
    }

    /** An array element after its index, {@code [IPV4_DEVCONF_FORWARDING-1]=1}. */
    static Value indexed(Value index, Value v) {
        return joined(List.of(new Value.Text("["), index, new Value.Text("]="), v), "");
    }

    /** A flag table of {@code 1 << (value - bias)} for each value of {@code values}, named {@code 1<<NAME}. */
    static Xlat shifted(Xlat values, int bias, String prefix) {
        List<Xlat.Entry> e = new ArrayList<>();
        for (Xlat.Entry v : values.entries()) {
            if (v.value() < bias || v.value() - bias > 63) continue;
            String name = bias == 0 ? prefix + v.name() : prefix + v.name() + "-" + bias + ")";
            e.add(Xlat.e(1L << (v.value() - bias), name));
        }
        return Xlat.flags(e.toArray(Xlat.Entry[]::new));
    }

    /** A value table naming {@code value - bias} as {@code NAME-bias} (inet_devconf_indices: IPV4_DEVCONF_X-1). */
    static Xlat lowered(Xlat values, int bias) {
        List<Xlat.Entry> e = new ArrayList<>();
        for (Xlat.Entry v : values.entries()) e.add(Xlat.e(v.value() - bias, v.name() + "-" + bias));
        return Xlat.values(e.toArray(Xlat.Entry[]::new));
    }

    static Value text(String s) {
        return new Value.Str(s.getBytes(StandardCharsets.ISO_8859_1), false);
    }
}
