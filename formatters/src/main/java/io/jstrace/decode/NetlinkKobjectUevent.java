package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import java.util.Arrays;
import java.util.List;

/**
 * NETLINK_KOBJECT_UEVENT datagrams, which carry no nlmsghdr, as strace 6.1 prints them
 * (src/netlink_kobject_uevent.c): a kernel uevent is text; one libudev relays starts with its
 * {@code struct udev_monitor_netlink_header} (systemd's src/libsystemd/sd-device/device-monitor.c:
 * "libudev", magic 0xfeedcafe in network order), printed as a struct followed by the
 * properties as a string.
 */
final class NetlinkKobjectUevent {
    /** sizeof(struct udev_monitor_netlink_header): the prefix, then eight u32. */
    private static final int HEADER_SIZE = 40;
    private static final byte[] PREFIX = "libudev\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private NetlinkKobjectUevent() {}

    static Value decode(Call c, long addr, long len) {
        byte[] h = addr == 0 || len < HEADER_SIZE ? null : c.memory().read(addr, HEADER_SIZE);
        if (h == null || !Arrays.equals(Arrays.copyOf(h, PREFIX.length), PREFIX)) return Strings.buffer(c, addr, len);
        Value header = new Value.Struct(List.of(
                field("prefix", new Value.Str(Arrays.copyOf(PREFIX, PREFIX.length - 1), false)),
                field("magic", htonl(h, 8)),
                field("header_size", u32(h, 12)),
                field("properties_off", u32(h, 16)),
                field("properties_len", u32(h, 20)),
                field("filter_subsystem_hash", htonl(h, 24)),
                field("filter_devtype_hash", htonl(h, 28)),
                field("filter_tag_bloom_hi", htonl(h, 32)),
                field("filter_tag_bloom_lo", htonl(h, 36))), false);
        if (len == HEADER_SIZE) return header;
        return new Value.Arr(List.of(header, Strings.buffer(c, addr + HEADER_SIZE, len - HEADER_SIZE)), false);
    }

    private static Value u32(byte[] b, int off) {
        return new Num(SockAddrs.u32(b, off), Base.UNSIGNED);
    }

    /** A network-order u32 in hex, as strace's {@code htonl(0xfeedcafe)}. */
    private static Value htonl(byte[] b, int off) {
        return new Value.Fn("htonl", List.of(Value.hex(SockAddrs.u32be(b, off))), false);
    }
}
