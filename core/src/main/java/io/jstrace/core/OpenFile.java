package io.jstrace.core;

import java.util.Arrays;

/**
 * What one descriptor of a tracee refers to, as its fd table knows it: each kind carries
 * what /proc/PID/fd/N shows for it ({@link #link()}) and what the syscall stream told.
 */
public sealed interface OpenFile permits OpenFile.File, OpenFile.Tty, OpenFile.Pipe, OpenFile.Socket,
        OpenFile.Special, OpenFile.Other {

    /** What readlink(2) of /proc/PID/fd/N gives for it (fs/proc/fd.c, fs/d_path.c). */
    String link();

    /**
     * A file, directory or device other than a terminal.
     *
     * @param path the absolute path as the kernel names it, {@code " (deleted)"} included
     */
    record File(String path) implements OpenFile {
        @Override
        public String link() {
            return path;
        }
    }

    /** A terminal: a pseudo-terminal ({@code /dev/pts/N}, {@code /dev/ptmx}) or a tty or console device. */
    record Tty(String path) implements OpenFile {
        @Override
        public String link() {
            return path;
        }
    }

    /** A pipe or FIFO's anonymous inode ({@code pipe:[N]}, fs/pipe.c pipefs_dname). */
    record Pipe(long inode) implements OpenFile {
        @Override
        public String link() {
            return "pipe:[" + inode + "]";
        }
    }

    /**
     * A socket (net/socket.c sockfs_dname: {@code socket:[N]}).
     *
     * @param family    {@code AF_UNIX}, {@code AF_INET}, {@code AF_INET6}, {@code AF_NETLINK}...
     * @param type      {@code SOCK_STREAM}, {@code SOCK_DGRAM}... without the flag bits
     * @param protocol  the protocol as socket(2) was given it (0: the family's default)
     * @param local     its own address, or {@code null} when it has none (unbound) or it is not known
     * @param peer      the address it is connected to (for datagram sockets: the one connect(2)
     *                  gave, as its sends carry none), or {@code null}
     * @param peerInode an AF_UNIX socket's peer's inode, 0 when none or not known
     */
    record Socket(long inode, int family, int type, int protocol, Address local, Address peer, long peerInode)
            implements OpenFile {
        public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16, AF_PACKET = 17;
        public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;

        @Override
        public String link() {
            return "socket:[" + inode + "]";
        }
    }

    /**
     * A socket address.
     *
     * @param bytes an inet address in network order (4 or 16 bytes); an AF_UNIX name: a
     *              path without its NUL, or an abstract name with its leading NUL
     * @param port  an inet port in host order, 0 for AF_UNIX (and for a netlink socket, its port id)
     */
    record Address(byte[] bytes, int port) {
        /**
         * The address a {@code struct sockaddr} holds (include/uapi/linux/in.h sockaddr_in,
         * in6.h sockaddr_in6, un.h sockaddr_un; {@code sa_family} first, in host order): an
         * inet address and port, or an AF_UNIX path (up to its NUL) or abstract name (a NUL
         * first, every byte given). {@code null} for another family, an AF_UNIX address with
         * no name (autobind), or fewer bytes than the family's structure needs.
         *
         * @param sockaddr the structure's bytes, as many as its length said
         */
        public static Address ofSockaddr(byte[] sockaddr) {
            byte[] b = sockaddr;
            if (b.length < 2) return null;
            int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
            int port = b.length < 4 ? 0 : (b[2] & 0xff) << 8 | (b[3] & 0xff); // sin_port, sin6_port: network order
            switch (family) {
                case Socket.AF_INET:
                    return b.length < 8 ? null : new Address(Arrays.copyOfRange(b, 4, 8), port);
                case Socket.AF_INET6:
                    return b.length < 24 ? null : new Address(Arrays.copyOfRange(b, 8, 24), port);
                case Socket.AF_UNIX:
                    return b.length == 2 ? null : unix(Arrays.copyOfRange(b, 2, b.length));
                default:
                    return null;
            }
        }

        /** The AF_UNIX address {@code sunPath} names: a path up to its NUL; an abstract name (a NUL first) with every byte given. */
        public static Address unix(byte[] sunPath) {
            if (sunPath.length > 0 && sunPath[0] == 0) return new Address(sunPath.clone(), 0);
            int end = 0;
            while (end < sunPath.length && sunPath[end] != 0) end++;
            return new Address(Arrays.copyOf(sunPath, end), 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && a.port == port && Arrays.equals(a.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + port;
        }

        /** Whether every address byte is 0 (INADDR_ANY, in6addr_any) and the port too. */
        public boolean isUnspecified() {
            for (byte b : bytes) if (b != 0) return false;
            return port == 0;
        }

        @Override
        public String toString() {
            if (bytes.length == 4) return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "."
                    + (bytes[3] & 0xff) + ":" + port;
            if (bytes.length == 16) return "[" + java.util.HexFormat.of().formatHex(bytes) + "]:" + port;
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', '@');
        }
    }

    /**
     * An anonymous-inode descriptor or a memfd (fs/anon_inodes.c: {@code anon_inode:[KIND]}).
     *
     * @param kind {@code eventfd}, {@code signalfd}, {@code timerfd}, {@code eventpoll},
     *             {@code pidfd}, {@code io_uring}, {@code inotify}, {@code memfd}...
     * @param link what /proc shows: {@code anon_inode:[eventfd]}, {@code /memfd:NAME (deleted)}
     */
    record Special(String kind, String link) implements OpenFile {}

    /** Anything else /proc names ({@code net:[N]}, {@code mnt:[N]}...). */
    record Other(String link) implements OpenFile {}

    /** What a /proc fd link names, without the socket details it cannot show. */
    static OpenFile ofLink(String link) {
        if (link.startsWith("pipe:[")) return new Pipe(inode(link, "pipe:["));
        if (link.startsWith("socket:[")) return new Socket(inode(link, "socket:["), 0, 0, 0, null, null, 0);
        if (link.startsWith("anon_inode:")) {
            String k = link.substring("anon_inode:".length());
            if (k.startsWith("[") && k.endsWith("]")) k = k.substring(1, k.length() - 1);
            return new Special(k, link);
        }
        if (link.startsWith("/memfd:")) return new Special("memfd", link);
        if (!link.startsWith("/")) return new Other(link);
        if (isTty(link)) return new Tty(link);
        return new File(link);
    }

    /** drivers/tty: pseudo-terminals, virtual consoles, serial lines and the console. */
    private static boolean isTty(String p) {
        return p.startsWith("/dev/pts/") || p.equals("/dev/ptmx") || p.equals("/dev/tty") || p.equals("/dev/console")
                || p.matches("/dev/tty[0-9A-Za-z]+");
    }

    private static long inode(String link, String prefix) {
        try {
            return Long.parseLong(link.substring(prefix.length(), link.length() - 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
