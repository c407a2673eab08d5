package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.core.PidType;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Fn;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.AlgSockaddrFlags;
import io.jstrace.syscalls.xlat.ArpHardwareTypes;
import io.jstrace.syscalls.xlat.EthernetProtocols;
import io.jstrace.syscalls.xlat.PacketTypes;
import io.jstrace.syscalls.xlat.RxrpcServices;
import io.jstrace.syscalls.xlat.SocketFamilies;
import io.jstrace.syscalls.xlat.SocketTypes;
import io.jstrace.syscalls.xlat.VsockCids;
import io.jstrace.syscalls.xlat.VsockFlags;
import io.jstrace.syscalls.xlat.VsockPorts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * struct sockaddr and its families, as strace 6.1 prints them (src/sockaddr.c
 * decode_sockaddr, print_sockaddr):
 * <ul>
 *   <li>a length below 2 prints the address; the rest is read whole (at most
 *       {@code sizeof(struct sockaddr_storage)}) or prints the address;</li>
 *   <li>{@code {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}};
 *       AF_UNIX paths ({@code sun_path="/tmp/s"}, abstract {@code sun_path=@"name"}, nothing
 *       for an unnamed socket), AF_INET6, AF_NETLINK, AF_PACKET, AF_ALG and AF_VSOCK likewise;</li>
 *   <li>a family without a printer, or a length shorter than its struct, prints its bytes:
 *       {@code sa_data="..."}.</li>
 * </ul>
 */
final class SockAddrs {
    /** include/uapi/linux/socket.h: sizeof(struct sockaddr_storage). */
    static final int SOCKADDR_STORAGE_SIZE = 128;
    private static final int AF_UNIX = 1, AF_INET = 2, AF_AX25 = 3, AF_IPX = 4, AF_X25 = 9, AF_INET6 = 10,
            AF_NETLINK = 16, AF_PACKET = 17, AF_BLUETOOTH = 31, AF_RXRPC = 33, AF_IEEE802154 = 36, AF_ALG = 38, AF_NFC = 39, AF_VSOCK = 40,
            AF_QIPCRTR = 42, AF_XDP = 44, AF_MCTP = 45;
    /** sizeof(struct sockaddr_rxrpc), whose transport union is as big as a sockaddr_in6; the transport's offset. */
    private static final int SOCKADDR_RXRPC_SIZE = 36, RXRPC_TRANSPORT = 8;
    /** sizeof(struct sockaddr_vm); struct sockaddr_alg_new, whose salg_name has no fixed size. */
    private static final int SOCKADDR_VM_SIZE = 16, SOCKADDR_ALG_NEW_SIZE = 24;
    /** offsetof(struct sockaddr_in6, sin6_scope_id): shorter sockaddr_in6 are accepted without it. */
    private static final int SIN6_MIN_LEN = 24;
    /** include/uapi/linux/un.h: sizeof(struct sockaddr_un). */
    private static final int SOCKADDR_UN_SIZE = 110;

    private SockAddrs() {}

    /** SOCKADDR: a sockaddr passed in; its length is the next argument. */
    static Value sockaddr(Call c, int i) {
        return decode(c, c.arg(i), (int) c.arg(i + 1));
    }

    /**
     * POST_SOCKADDR: the sockaddr the kernel filled; the next argument points to its length,
     * which the kernel updates. strace decodes {@code min(in, out)} bytes, and prints the
     * address when either length is missing or the call failed (src/net.c decode_sockname).
     */
    static Value postSockaddr(Call c, int i) {
        long addr = c.arg(i);
        Integer in = SocketDecoders.lengthAtEntry(c, i + 1);
        Integer out = SocketDecoders.lengthAtExit(c, i + 1);
        if (addr == 0 || in == null || out == null || !c.succeeded()) return new Addr(addr);
        return decode(c, addr, Math.min(in, out));
    }

    /** A sockaddr of {@code len} bytes at {@code addr}. */
    static Value decode(Call c, long addr, int len) {
        if (len < 2 || addr == 0) return new Addr(addr);
        int n = Math.min(len, SOCKADDR_STORAGE_SIZE);
        byte[] raw = c.memory().read(addr, n);
        if (raw == null) return new Value.Unreadable(addr);
        return print(c, Arrays.copyOf(raw, SOCKADDR_STORAGE_SIZE + 1), n);
    }

    /** A family's printer: the fields after sa_family of a sockaddr of {@code len} bytes, zeros after them. */
    interface Printer {
        void print(Call c, byte[] raw, int len, List<Field> f);
    }

    /** A family's printer and the shortest sockaddr it prints; a shorter one prints as sa_data. */
    private record Family(int minLen, Printer printer) {}

    /** strace 6.1's sa_printers: the families it decodes, each with the size of its struct. */
    private static final Map<Integer, Family> FAMILIES = Map.ofEntries(
            Map.entry(AF_UNIX, new Family(3, (c, raw, len, f) -> unix(raw, len, f))),
            Map.entry(AF_INET, new Family(16, (c, raw, len, f) -> inet(raw, f))),
            Map.entry(AF_AX25, new Family(Ax25Addrs.SOCKADDR_AX25_SIZE, (c, raw, len, f) -> Ax25Addrs.sockaddr(raw, len, f))),
            Map.entry(AF_IPX, new Family(16, (c, raw, len, f) -> SockAddrFamilies.ipx(raw, f))),
            Map.entry(AF_X25, new Family(18, (c, raw, len, f) -> SockAddrFamilies.x25(raw, f))),
            Map.entry(AF_INET6, new Family(SIN6_MIN_LEN, (c, raw, len, f) -> inet6(raw, len, f))),
            Map.entry(AF_NETLINK, new Family(12, (c, raw, len, f) -> netlink(c, raw, f))),
            Map.entry(AF_PACKET, new Family(20, (c, raw, len, f) -> packet(raw, len, f))),
            Map.entry(AF_BLUETOOTH, new Family(3, (c, raw, len, f) -> SockAddrFamilies.bluetooth(raw, len, f))),
            Map.entry(AF_RXRPC, new Family(SOCKADDR_RXRPC_SIZE, (c, raw, len, f) -> rxrpc(raw, len, f))),
            Map.entry(AF_IEEE802154, new Family(20, (c, raw, len, f) -> SockAddrFamilies.ieee802154(raw, f))),
            Map.entry(AF_ALG, new Family(SOCKADDR_ALG_NEW_SIZE + 1, (c, raw, len, f) -> alg(raw, len, f))),
            Map.entry(AF_NFC, new Family(16, SockAddrFamilies::nfc)),
            Map.entry(AF_VSOCK, new Family(SOCKADDR_VM_SIZE, (c, raw, len, f) -> vsock(raw, f))),
            Map.entry(AF_QIPCRTR, new Family(12, (c, raw, len, f) -> SockAddrFamilies.qrtr(raw, f))),
            Map.entry(AF_XDP, new Family(16, SockAddrFamilies::xdp)),
            Map.entry(AF_MCTP, new Family(12, (c, raw, len, f) -> SockAddrFamilies.mctp(raw, f))));

    /** print_sockaddr: {@code raw} holds {@code len} bytes of sockaddr, then zeros. */
    static Value print(Call c, byte[] raw, int len) {
        int family = u16(raw, 0);
        List<Field> f = new ArrayList<>();
        f.add(field("sa_family", Numbers.named(SocketFamilies.XLAT, family, "AF_???")));
        if (len > 2) {
            Family printer = FAMILIES.get(family);
            if (printer != null && len >= printer.minLen()) printer.printer().print(c, raw, len, f);
            else raw(raw, len, f);
        }
        return new Value.Struct(f, false);
    }

    /** sun_path up to its NUL; an abstract name (a leading NUL) whole, after an {@code @}. */
    private static void unix(byte[] raw, int len, List<Field> f) {
        int pathLen = Math.min(len, SOCKADDR_UN_SIZE) - 2;
        if (raw[2] != 0) {
            int end = 2;
            while (end < 2 + pathLen && raw[end] != 0) end++; // print_quoted_string(path, path_len + 1, QUOTE_0_TERMINATED): path_len at most
            f.add(field("sun_path", new Value.Str(Arrays.copyOfRange(raw, 2, end), false)));
        } else {
            f.add(field("sun_path", new Value.Prefixed("@",
                    new Value.Str(Arrays.copyOfRange(raw, 3, 2 + pathLen), false))));
        }
    }

    private static void inet(byte[] raw, List<Field> f) {
        f.add(field("sin_port", netPort(u16be(raw, 2))));
        f.add(field("sin_addr", networkOrder(raw, 4, 4, inetAddr(raw, 4))));
    }

    /**
     * A field in network byte order (or another byte string): {@code shown} under {@code -X abbrev}, its bytes under
     * {@code -X raw}, both under {@code -X verbose} (strace 6.1 src/sockaddr.c with
     * XLAT_STYLE_RAW: {@code sin_addr="\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") *\/}).
     */
    static Value networkOrder(byte[] raw, int off, int n, Value shown) {
        return networkOrder(raw, off, n, shown, shown);
    }

    /** {@link #networkOrder(byte[], int, int, Value)} with another text in the comment. */
    static Value networkOrder(byte[] raw, int off, int n, Value shown, Value comment) {
        String bytes = Strings.hex(Arrays.copyOfRange(raw, off, off + n));
        return new Value.Styled(shown, new Value.Text(bytes),
                new Value.Text(bytes + " /* " + Notes.render(comment, XlatStyle.ABBREV) + " */"));
    }

    /** {@code inet_addr("127.0.0.1")} from the four bytes at {@code off}. */
    static Value inetAddr(byte[] raw, int off) {
        String a = (raw[off] & 0xff) + "." + (raw[off + 1] & 0xff) + "." + (raw[off + 2] & 0xff) + "."
                + (raw[off + 3] & 0xff);
        return new Fn("inet_addr", List.of(str(a)), false);
    }

    private static void inet6(byte[] raw, int len, List<Field> f) {
        f.add(field("sin6_port", netPort(u16be(raw, 2))));
        f.add(field("sin6_flowinfo", networkOrder(raw, 4, 4, new Fn("htonl", List.of(unsigned(u32be(raw, 4))), false))));
        Value family = new Value.Sym(AF_INET6, "AF_INET6"), text = str(Inet6.ntop(raw, 8));
        f.add(field("sin6_addr", networkOrder(raw, 8, 16,
                new Fn("inet_pton", List.of(family, text, new Value.Text("&sin6_addr")), true),
                new Fn("inet_pton", List.of(family, text), false))));
        if (len <= SIN6_MIN_LEN) return;
        long scope = u32(raw, 24);
        boolean linkLocal = (raw[8] & 0xff) == 0xfe && (raw[9] & 0xc0) == 0x80;
        boolean mcLinkLocal = (raw[8] & 0xff) == 0xff && (raw[9] & 0x0f) == 0x02;
        f.add(field("sin6_scope_id", linkLocal || mcLinkLocal ? ifindex(scope) : unsigned(scope)));
    }

    /**
     * struct sockaddr_rxrpc (include/uapi/linux/rxrpc.h): the service, the transport's socket
     * type and length, then the transport address, an AF_INET or AF_INET6 one, of
     * transport_len bytes (what fits in the sockaddr); a transport shorter than its struct, or
     * of another family, prints its bytes after the family.
     */
    private static void rxrpc(byte[] raw, int len, List<Field> f) {
        f.add(field("srx_service", Numbers.namedVerbose(RxrpcServices.XLAT, u16(raw, 2), "???_SERVICE")));
        f.add(field("transport_type", Numbers.named(SocketTypes.XLAT, u16(raw, 4), "SOCK_???")));
        int declared = u16(raw, 6);
        f.add(field("transport_len", unsigned(declared)));
        byte[] t = Arrays.copyOfRange(raw, RXRPC_TRANSPORT, raw.length);
        int tlen = Math.min(declared, len - RXRPC_TRANSPORT);
        int family = u16(t, 0);
        List<Field> inner = new ArrayList<>();
        Value familyName = Numbers.named(SocketFamilies.XLAT, family, "AF_???");
        Value rest = tlen > 2 ? new Value.Str(Arrays.copyOfRange(t, 2, tlen), false) : null;
        if (family == AF_INET || family == AF_INET6) {
            inner.add(field(family == AF_INET ? "sin_family" : "sin6_family", familyName));
            if (family == AF_INET && declared >= 16) inet(t, inner);
            else if (family == AF_INET6 && declared >= SIN6_MIN_LEN) inet6(t, tlen, inner);
            else if (rest != null) inner.add(field("", rest));
            Value address = new Value.Struct(inner, false);
            f.add(field("transport", new Value.Struct(List.of(field(family == AF_INET ? "sin" : "sin6", address)), false)));
            return;
        }
        inner.add(field("family", familyName));
        if (rest != null) inner.add(field("", rest));
        f.add(field("transport", new Value.Struct(inner, false)));
    }

    /** nl_pad only when set; nl_groups as strace's {@code %#08x}. */
    private static void netlink(Call c, byte[] raw, List<Field> f) {
        int pad = u16(raw, 2);
        if (pad != 0) f.add(field("nl_pad", Value.hex(pad)));
        f.add(field("nl_pid", Pids.pid(c, TraceeArrays.s32(raw, 4), PidType.TGID)));
        f.add(field("nl_groups", zeroPadded(u32(raw, 8), 8)));
    }

    private static void packet(byte[] raw, int len, List<Field> f) {
        f.add(field("sll_protocol", networkOrder(raw, 2, 2, htonsNamed(u16be(raw, 2)))));
        f.add(field("sll_ifindex", ifindex(u32(raw, 4))));
        f.add(field("sll_hatype", Numbers.named(ArpHardwareTypes.XLAT, u16(raw, 8), "ARPHRD_???")));
        f.add(field("sll_pkttype", Numbers.named(PacketTypes.XLAT, raw[10] & 0xff, "PACKET_???")));
        int halen = raw[11] & 0xff;
        f.add(field("sll_halen", unsigned(halen)));
        if (halen == 0) return;
        List<Value> addr = new ArrayList<>();
        int inBounds = Math.min(halen, len - 12); // the bytes past the sockaddr's length are "..."
        for (int k = 0; k < inBounds; k++) addr.add(zeroPadded(raw[12 + k] & 0xff, 2));
        f.add(field("sll_addr", new Value.Arr(addr, inBounds < halen)));
    }

    /** struct sockaddr_alg (include/uapi/linux/if_alg.h): the type, feature bits and name of a crypto algorithm. */
    private static void alg(byte[] raw, int len, List<Field> f) {
        f.add(field("salg_type", nulTerminated(raw, 2, 14)));
        f.add(field("salg_feat", verboseFlags(AlgSockaddrFlags.XLAT, u32(raw, 16), "CRYPTO_ALG_???")));
        f.add(field("salg_mask", verboseFlags(AlgSockaddrFlags.XLAT, u32(raw, 20), "CRYPTO_ALG_???")));
        f.add(field("salg_name", nulTerminated(raw, SOCKADDR_ALG_NEW_SIZE, len - SOCKADDR_ALG_NEW_SIZE)));
    }

    /** struct sockaddr_vm (include/uapi/linux/vm_sockets.h); the reserved and zero bytes only when set. */
    private static void vsock(byte[] raw, List<Field> f) {
        int reserved = u16(raw, 2);
        if (reserved != 0) f.add(field("svm_reserved1", Value.hex(reserved)));
        f.add(field("svm_cid", Numbers.named(VsockCids.XLAT, u32(raw, 8), null)));
        f.add(field("svm_port", Numbers.named(VsockPorts.XLAT, u32(raw, 4), null)));
        f.add(field("svm_flags", Numbers.flags(VsockFlags.XLAT, raw[12] & 0xff, "VMADDR_FLAG_???")));
        if (raw[13] != 0 || raw[14] != 0 || raw[15] != 0) f.add(field("svm_zero", SocketDecoders.hexBytes(raw, 13, 16)));
    }

    /**
     * A char array that should end in a NUL (strace's QUOTE_0_TERMINATED |
     * QUOTE_EXPECT_TRAILING_0): up to the NUL, or all but the last byte and {@code ...}.
     */
    static Value nulTerminated(byte[] raw, int off, int size) {
        for (int k = 0; k < size; k++) {
            if (raw[off + k] == 0) return new Value.Str(Arrays.copyOfRange(raw, off, off + k), false);
        }
        return new Value.Str(Arrays.copyOfRange(raw, off, off + Math.max(size - 1, 0)), true);
    }

    /** strace's XLAT_STYLE_VERBOSE flags: {@code 0x1001 /* CRYPTO_ALG_KERN_DRIVER_ONLY|0x1 *\/}. */
    private static Value verboseFlags(io.jstrace.syscalls.xlat.Xlat table, long v, String unknown) {
        if (v == 0) return Value.hex(0);
        Value names = Numbers.flags(table, v, unknown);
        Value commented = names instanceof Value.Commented ? names
                : new Value.Commented(Value.hex(v), new StraceText(StraceText.Escape.OCTAL).render(names));
        return new Value.Styled(commented, Value.hex(v), commented); // the number alone under -X raw
    }

    /** print_sockaddr_data_raw: the bytes after sa_family. */
    static void raw(byte[] raw, int len, List<Field> f) {
        f.add(field("sa_data", new Value.Str(Arrays.copyOfRange(raw, 2, len), false)));
    }

    /** {@code htons(8080)}. */
    static Value htons(int port) {
        return new Fn("htons", List.of(unsigned(port)), false);
    }

    /**
     * PRINT_FIELD_NET_PORT: a port in network byte order, {@code htons(8080)}; its two bytes in
     * hex under {@code -X raw}, followed by the call as a comment under {@code -X verbose}.
     */
    static Value netPort(int port) {
        Value call = htons(port);
        String hex = String.format("\"\\x%02x\\x%02x\"", port >>> 8, port & 0xff);
        return new Value.Styled(call, new Value.Text(hex), new Value.Text(hex + " /* htons(" + port + ") */"));
    }

    /** An ethernet protocol in network byte order: {@code htons(ETH_P_ALL)}. */
    static Value htonsNamed(int proto) {
        return new Fn("htons", List.of(Numbers.named(EthernetProtocols.XLAT, proto, "ETH_P_???")), false);
    }

    /**
     * strace's print_ifindex: {@code if_nametoindex("lo")} when an interface of that index
     * exists (in the tracer's network namespace, as for strace), else the number; a named one
     * is a constant, the number under {@code -X raw} and both under {@code -X verbose}.
     */
    static Value ifindex(long index) {
        String name = index > 0 && index <= Integer.MAX_VALUE ? interfaceName((int) index) : null;
        if (name == null) return unsigned(index);
        return new Value.Sym(index, "if_nametoindex(\"" + name + "\")", Value.Base.UNSIGNED);
    }

    /**
     * The name of interface {@code index} (if_indextoname(3)): Java's interface list holds only
     * those with an address, so the others come from sysfs, /sys/class/net/NAME/ifindex.
     */
    private static String interfaceName(int index) {
        try {
            var nif = java.net.NetworkInterface.getByIndex(index);
            if (nif != null) return nif.getName();
        } catch (java.net.SocketException e) {
            // fall through to sysfs
        }
        java.nio.file.Path net = java.nio.file.Path.of("/sys/class/net");
        try (var dirs = java.nio.file.Files.list(net)) {
            for (java.nio.file.Path d : (Iterable<java.nio.file.Path>) dirs::iterator) {
                try {
                    if (java.nio.file.Files.readString(d.resolve("ifindex")).trim().equals(Integer.toString(index))) {
                        return d.getFileName().toString();
                    }
                } catch (java.io.IOException e) {
                    // an interface gone meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    /** strace's PRINT_VAL_0X, C's {@code %#0*x}: 0 as {@code 00000000}, 5 as {@code 0x000005}. */
    static Value zeroPadded(long v, int width) {
        String hex = Long.toHexString(v);
        String text = v == 0 ? "0".repeat(width) : "0x" + "0".repeat(Math.max(0, width - 2 - hex.length())) + hex;
        return new Value.Text(text);
    }

    private static Value str(String s) {
        return new Value.Str(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false);
    }

    private static Value unsigned(long v) {
        return new Num(v, Base.UNSIGNED);
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static int u16be(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    static long u32(byte[] b, int off) {
        return TraceeArrays.s32(b, off) & 0xffff_ffffL;
    }

    static long u32be(byte[] b, int off) {
        return (long) u16be(b, off) << 16 | u16be(b, off + 2);
    }
}
