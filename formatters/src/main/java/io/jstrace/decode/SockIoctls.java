package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Socket ioctls, type 0x89 (include/uapi/linux/sockios.h, netdevice(7)), as strace 6.1
 * prints them (src/sock.c): SIOCGIFCONF's {@code struct ifconf}, the room passed in and the
 * interfaces the kernel listed, each {@code struct ifreq}'s name and address.
 */
final class SockIoctls {
    /** SIOCGIFCONF (include/uapi/linux/sockios.h). */
    private static final long SIOCGIFCONF = 0x8912;
    /** sizeof(struct ifconf), struct ifreq; IFNAMSIZ. */
    private static final int IFCONF_SIZE = 16, IFREQ_SIZE = 40, IFNAMSIZ = 16;

    private SockIoctls() {}

    static IoctlArg of(long r) {
        return r == SIOCGIFCONF ? IoctlArg.split(SockIoctls::ifconf, IFCONF_SIZE) : null;
    }

    /**
     * struct ifconf: ifc_len as passed in (when there is a buffer) and as the kernel left it
     * when it changed; the ifreqs it wrote to ifc_buf, or the buffer's address when there
     * was none to fill or the call failed.
     */
    private static Value ifconf(Call c, long addr) {
        RawStruct in = RawStruct.atEntry(c, addr, IFCONF_SIZE);
        if (addr == 0 || in == null) return new Value.Addr(addr);
        long buf = in.u64(8);
        List<Value.Field> f = new ArrayList<>();
        RawStruct out = RawStruct.read(c, addr, IFCONF_SIZE);
        if (out == null) {
            if (buf == 0) f.add(field("ifc_len", len(in.s32(0))));
            f.add(field("ifc_buf", new Value.Addr(buf)));
            return new Value.Struct(f, false);
        }
        int before = in.s32(0), after = out.s32(0);
        Value length = buf == 0 ? len(after) : before == after ? len(before) : new Value.Changed(len(before), len(after));
        f.add(field("ifc_len", length));
        if (buf == 0 || !c.succeeded()) {
            Value b = new Value.Addr(buf);
            f.add(field("ifc_buf", out.u64(8) == buf ? b : new Value.Changed(b, new Value.Addr(out.u64(8)))));
        } else {
            f.add(field("ifc_buf", TraceeArrays.array(c, out.u64(8), Integer.toUnsignedLong(after) / IFREQ_SIZE,
                    IFREQ_SIZE, raw -> ifreq(c, raw))));
        }
        return new Value.Struct(f, false);
    }

    /** A length, with how many ifreqs it holds when it holds a whole number of them. */
    private static Value len(int len) {
        if (len <= 0 || len % IFREQ_SIZE != 0) return Value.dec(len);
        return new Value.Commented(Value.dec(len), len / IFREQ_SIZE + " * sizeof(struct ifreq)");
    }

    /** struct ifreq as SIOCGIFCONF fills it: the interface's name and address. */
    private static Value ifreq(Call c, byte[] raw) {
        int n = 0;
        while (n < IFNAMSIZ && raw[n] != 0) n++;
        Value name = n < IFNAMSIZ ? new Value.Str(Arrays.copyOf(raw, n), false)
                : new Value.Str(Arrays.copyOf(raw, IFNAMSIZ - 1), true);
        return new Value.Struct(List.of(field("ifr_name", name),
                field("ifr_addr", SockAddrs.print(c, Arrays.copyOfRange(raw, IFNAMSIZ, IFREQ_SIZE), IFREQ_SIZE - IFNAMSIZ))),
                false);
    }
}
