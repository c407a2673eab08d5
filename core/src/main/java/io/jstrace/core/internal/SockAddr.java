package io.jstrace.core.internal;

import io.jstrace.core.OpenFile;
import io.jstrace.core.TraceeMemory;
import java.util.Arrays;

/**
 * A struct sockaddr as a tracee passed it (include/uapi/linux/in.h sockaddr_in,
 * in6.h sockaddr_in6, un.h sockaddr_un).
 *
 * @param family  sa_family
 * @param address the address, {@code null} for AF_UNSPEC, an unnamed AF_UNIX address or a family not decoded
 * @param exact   whether the socket ends up with exactly this address: not when the kernel
 *                picks part of it (port 0, a wildcard address, an AF_UNIX autobind)
 */
record SockAddr(int family, OpenFile.Address address, boolean exact) {
    static final int AF_UNSPEC = 0;
    private static final int MAX = 128;

    /** The address of {@code len} bytes at {@code addr}, or {@code null} when unreadable or too short. */
    static SockAddr read(TraceeMemory m, long addr, int len) {
        if (addr == 0 || len < 2) return null;
        byte[] b = m.read(addr, Math.min(len, MAX));
        return b == null ? null : parse(b);
    }

    static SockAddr parse(byte[] b) {
        if (b.length < 2) return null;
        int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        switch (family) {
            case OpenFile.Socket.AF_INET: {
                if (b.length < 8) return null;
                OpenFile.Address a = new OpenFile.Address(Arrays.copyOfRange(b, 4, 8), port(b));
                return new SockAddr(family, a, a.port() != 0 && !wildcard(a));
            }
            case OpenFile.Socket.AF_INET6: {
                if (b.length < 24) return null;
                OpenFile.Address a = new OpenFile.Address(Arrays.copyOfRange(b, 8, 24), port(b));
                return new SockAddr(family, a, a.port() != 0 && !wildcard(a));
            }
            case OpenFile.Socket.AF_UNIX: {
                if (b.length == 2) return new SockAddr(family, null, false); // autobind
                return new SockAddr(family, new OpenFile.Address(unixName(b, 2, b.length), 0), true);
            }
            default:
                return new SockAddr(family, null, false);
        }
    }

    /** A path up to its NUL; an abstract name (a NUL first) with every byte given. */
    static byte[] unixName(byte[] b, int from, int to) {
        if (from < to && b[from] == 0) return Arrays.copyOfRange(b, from, to);
        int end = from;
        while (end < to && b[end] != 0) end++;
        return Arrays.copyOfRange(b, from, end);
    }

    private static int port(byte[] b) {
        return (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static boolean wildcard(OpenFile.Address a) {
        for (byte x : a.bytes()) if (x != 0) return false;
        return true;
    }
}
