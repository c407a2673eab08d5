package io.jstrace.core.internal;

import io.jstrace.core.OpenFile;

/**
 * One socket as the fd table knows it, shared by every descriptor (and process) that
 * refers to it. What the syscall stream did not say is marked unknown and asked of
 * NETLINK_SOCK_DIAG (by inode) only when someone reads the socket; an answer that cannot
 * change until the next bind or connect is kept.
 */
final class SocketState {
    final long inode;
    int family, type, protocol;
    OpenFile.Address local, peer;
    boolean localKnown, peerKnown;
    /**
     * bind(2) gave both address and port: a connect keeps them (the kernel's
     * SOCK_BINDADDR_LOCK and SOCK_BINDPORT_LOCK, net/ipv4/af_inet.c __inet_bind).
     */
    boolean boundExact;
    /** AF_UNIX: the peer's inode, 0 when none or unknown. */
    long peerInode;

    SocketState(long inode, int family, int type, int protocol) {
        this.inode = inode;
        this.family = family;
        this.type = type;
        this.protocol = protocol;
    }

    /** A socket found open (attached, or received): family, type and protocol from its protocol name. */
    static SocketState seeded(int tid, int fd, long inode) {
        SocketState s = new SocketState(inode, 0, 0, 0);
        String proto = SockDiag.protocol(tid, fd);
        if (proto == null) return s;
        boolean v6 = proto.endsWith("v6");
        String base = v6 ? proto.substring(0, proto.length() - 2) : proto;
        int inet = v6 ? OpenFile.Socket.AF_INET6 : OpenFile.Socket.AF_INET;
        switch (base) {
            case "TCP" -> s.set(inet, OpenFile.Socket.SOCK_STREAM, 6);
            case "UDP" -> s.set(inet, OpenFile.Socket.SOCK_DGRAM, 17);
            case "UDPLITE", "UDP-Lite" -> s.set(inet, OpenFile.Socket.SOCK_DGRAM, 136);
            case "PING" -> s.set(inet, OpenFile.Socket.SOCK_DGRAM, v6 ? 58 : 1);
            case "RAW" -> s.set(inet, OpenFile.Socket.SOCK_RAW, 0);
            case "UNIX-STREAM" -> s.set(OpenFile.Socket.AF_UNIX, OpenFile.Socket.SOCK_STREAM, 0);
            case "UNIX" -> {
                SockDiag.Unix u = SockDiag.unix(inode);
                s.set(OpenFile.Socket.AF_UNIX, u == null ? OpenFile.Socket.SOCK_DGRAM : u.type(), 0);
            }
            case "NETLINK" -> {
                SockDiag.Netlink n = SockDiag.netlink(inode);
                s.set(OpenFile.Socket.AF_NETLINK, OpenFile.Socket.SOCK_RAW, n == null ? 0 : n.protocol());
            }
            case "PACKET" -> s.set(OpenFile.Socket.AF_PACKET, OpenFile.Socket.SOCK_RAW, 0);
            default -> {}
        }
        return s;
    }

    private void set(int family, int type, int protocol) {
        this.family = family;
        this.type = type;
        this.protocol = protocol;
    }

    /** The protocol number an inet socket has: socket(2)'s 0 means TCP for a stream, UDP for a datagram. */
    int inetProtocol() {
        if (protocol != 0) return protocol;
        return type == OpenFile.Socket.SOCK_STREAM ? 6 : type == OpenFile.Socket.SOCK_DGRAM ? 17 : 0;
    }

    boolean isInet() {
        return family == OpenFile.Socket.AF_INET || family == OpenFile.Socket.AF_INET6;
    }

    /** Everything the stream left unknown is known now? */
    boolean complete() {
        if (isInet() || family == OpenFile.Socket.AF_UNIX) return localKnown && peerKnown;
        return true;
    }

    /** The socket as a record, asking sock_diag first for what is unknown. */
    OpenFile.Socket resolve() {
        if (!complete()) lookUp();
        return new OpenFile.Socket(inode, family, type, protocol, local, peer, peerInode);
    }

    private void lookUp() {
        if (isInet()) {
            SockDiag.Inet i = SockDiag.inet(family, inetProtocol(), inode);
            if (i == null) return;
            OpenFile.Address src = new OpenFile.Address(i.src(), i.sport());
            OpenFile.Address dst = new OpenFile.Address(i.dst(), i.dport());
            if (!localKnown) {
                local = src.isUnspecified() ? null : src;
                // a port, once assigned, stays until the next bind or connect, which mark it unknown again
                localKnown = src.port() != 0;
            }
            if (!peerKnown) {
                peer = dst.isUnspecified() ? null : dst;
                peerKnown = true;
            }
        } else if (family == OpenFile.Socket.AF_UNIX) {
            SockDiag.Unix u = SockDiag.unix(inode);
            if (u == null) return;
            // a name changes only by bind (or an autobind, rare), a peer only by connect: both tracked
            if (!localKnown) {
                local = u.name().length == 0 ? null : OpenFile.Address.unix(u.name());
                localKnown = true;
            }
            if (!peerKnown) {
                peerInode = u.peer();
                peerKnown = true;
            }
        }
    }
}
