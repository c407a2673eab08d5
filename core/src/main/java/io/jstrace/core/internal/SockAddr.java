package io.jstrace.core.internal;

import io.jstrace.core.OpenFile;
import io.jstrace.core.TraceeMemory;

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
        OpenFile.Address a = OpenFile.Address.ofSockaddr(b);
        switch (family) {
            case OpenFile.Socket.AF_INET:
            case OpenFile.Socket.AF_INET6:
                return a == null ? null : new SockAddr(family, a, a.port() != 0 && !wildcard(a));
            case OpenFile.Socket.AF_UNIX:
                return new SockAddr(family, a, a != null); // no name: autobind
            default:
                return new SockAddr(family, null, false);
        }
    }

    private static boolean wildcard(OpenFile.Address a) {
        for (byte x : a.bytes()) if (x != 0) return false;
        return true;
    }
}
