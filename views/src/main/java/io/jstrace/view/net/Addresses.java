package io.jstrace.view.net;

import io.jstrace.core.OpenFile;
import io.jstrace.core.TraceeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Socket addresses read from a stopped tracee's memory, and their text. */
public final class Addresses {
    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, MAX = 128;

    private Addresses() {}

    /**
     * The struct sockaddr of {@code len} bytes at {@code addr} (include/uapi/linux/in.h,
     * in6.h, un.h), or {@code null} when there is none, it cannot be read, or it is not an
     * inet or unix address. An unnamed unix address (only its family) is {@code null} too.
     */
    static OpenFile.Address read(TraceeMemory m, long addr, int len) {
        if (addr == 0 || len < 2) return null;
        byte[] b = m.read(addr, Math.min(len, MAX));
        if (b == null || b.length < 2) return null;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int family = bb.getShort(0) & 0xffff;
        int port = b.length >= 4 ? ((b[2] & 0xff) << 8) | (b[3] & 0xff) : 0;
        if (family == AF_INET && b.length >= 8) return new OpenFile.Address(Arrays.copyOfRange(b, 4, 8), port);
        if (family == AF_INET6 && b.length >= 24) return new OpenFile.Address(Arrays.copyOfRange(b, 8, 24), port);
        if (family == AF_UNIX && b.length > 2) {
            int end = b.length;
            if (b[2] != 0) {
                for (int k = 2; k < b.length; k++) {
                    if (b[k] == 0) {
                        end = k;
                        break;
                    }
                }
            }
            return new OpenFile.Address(Arrays.copyOfRange(b, 2, end), 0);
        }
        return null;
    }

    /** The int at {@code addr} (a socklen_t the kernel wrote), or -1. */
    static int readInt(TraceeMemory m, long addr) {
        if (addr == 0) return -1;
        byte[] b = m.read(addr, 4);
        return b == null || b.length < 4 ? -1 : ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt();
    }

    /**
     * {@code 127.0.0.1:80}, {@code [::1]:80}, {@code [::ffff:10.0.0.1]:53}, a unix path,
     * {@code @name} for an abstract one; {@code null} for none.
     */
    public static String text(OpenFile.Address a) {
        if (a == null) return null;
        byte[] b = a.bytes();
        if (b.length == 4) return ipv4(b, 0) + ":" + a.port();
        if (b.length == 16) return "[" + ipv6(b) + "]:" + a.port();
        if (b.length == 0) return null;
        String s = new String(b, StandardCharsets.UTF_8);
        return b[0] == 0 ? "@" + s.substring(1).replace('\0', '@') : s;
    }

    private static String ipv4(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }

    /** RFC 5952: lower case, the longest run of two or more zero groups as {@code ::}; v4-mapped as dotted. */
    static String ipv6(byte[] b) {
        boolean mapped = true;
        for (int k = 0; k < 10; k++) mapped &= b[k] == 0;
        mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        if (mapped) return "::ffff:" + ipv4(b, 12);
        int[] g = new int[8];
        for (int k = 0; k < 8; k++) g[k] = ((b[2 * k] & 0xff) << 8) | (b[2 * k + 1] & 0xff);
        int bestAt = -1, bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int j = k;
            while (j < 8 && g[j] == 0) j++;
            if (j - k > bestLen) {
                bestAt = k;
                bestLen = j - k;
            }
            k = j;
        }
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestAt) {
                s.append("::");
                k += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
            s.append(Integer.toHexString(g[k]));
        }
        return s.toString();
    }
}
