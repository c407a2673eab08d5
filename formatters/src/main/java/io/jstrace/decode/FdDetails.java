package io.jstrace.decode;

import io.jstrace.core.HostFacts;
import io.jstrace.core.Sockets;
import io.jstrace.syscalls.xlat.NetlinkProtocols;
import java.util.Set;

/**
 * strace's {@code -yy} ({@code --decode-fds=path,socket,dev,pidfd}; src/util.c printfd,
 * src/socketutils.c): what a descriptor refers to, with a socket's addresses
 * ({@code TCP:[127.0.0.1:47123->127.0.0.1:53760]}, {@code UNIX-STREAM:[1234->1235]},
 * {@code NETLINK:[ROUTE:4321]}), a device file's numbers ({@code /dev/null<char 1:3>})
 * and a pidfd's process ({@code pid:1234}). SocketDecoders are looked up as strace does, with
 * NETLINK_SOCK_DIAG (netlink sockets: /proc/net/netlink, the same table), and what was
 * found once is kept by inode: a socket shows the endpoints it was first seen with, even
 * after its peer is gone (socketutils.c get_sockaddr_by_inode_cached).
 */
final class FdDetails {
    /** The protocols strace knows by name (socketutils.c protocols[]); others print as {@code socket:[N]}. */
    private static final Set<String> KNOWN = Set.of("UNIX", "UNIX-STREAM", "TCP", "UDP", "UDPLITE", "DCCP", "SCTP",
            "L2TP/IP", "PING", "RAW", "TCPv6", "UDPv6", "UDPLITEv6", "DCCPv6", "SCTPv6", "L2TP/IPv6", "PINGv6",
            "RAWv6", "NETLINK");

    /**
     * strace's cache of what sock_diag found: 1024 slots by the inode's low bits, a later
     * socket replacing an earlier one. Inodes are the system's, so one cache serves every
     * session, as strace's one does.
     */
    private static final int CACHE_SIZE = 1024;
    private static final long[] CACHED_INODES = new long[CACHE_SIZE];
    private static final String[] CACHED = new String[CACHE_SIZE];

    private FdDetails() {}

    /**
     * What descriptor {@code fd} of thread {@code tid} prints with, given its /proc
     * {@code link}: the first of the {@code kinds} of detail that applies (util.c
     * printfd_pid: socket, dev, pidfd), else the link itself when {@code path} is
     * asked for, else {@code null} (the bare number).
     */
    static String describe(HostFacts host, int fd, String link, Set<String> kinds, boolean path) {
        String d = null;
        if (link.startsWith("socket:[") && kinds.contains("socket")) d = socket(host, fd, link);
        if (d == null && link.equals("anon_inode:[pidfd]") && kinds.contains("pidfd")) d = pidfd(host, fd);
        if (d == null && link.startsWith("/") && kinds.contains("dev")) d = device(host, fd, link);
        return d != null ? d : path ? link : null;
    }

    private static String socket(HostFacts host, int fd, String link) {
        long inode;
        try {
            inode = Long.parseLong(link.substring("socket:[".length(), link.length() - 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
        String cached = cached(inode);
        if (cached != null) return cached;
        String proto = host.socketProtocol(fd);
        if (proto == null || !KNOWN.contains(proto)) return null;
        String details = switch (proto) {
            case "TCP", "UDP", "UDPLITE", "TCPv6", "UDPv6", "UDPLITEv6" -> InetSockets.find(host, proto, inode);
            case "UNIX", "UNIX-STREAM" -> unix(host, inode);
            case "NETLINK" -> netlink(host, inode);
            default -> null;
        };
        if (details == null) return proto + ":[" + inode + "]";
        String described = proto + ":[" + details + "]";
        cache(inode, described);
        return described;
    }

    private static synchronized String cached(long inode) {
        int slot = (int) (inode & (CACHE_SIZE - 1));
        return CACHED_INODES[slot] == inode ? CACHED[slot] : null;
    }

    private static synchronized void cache(long inode, String details) {
        int slot = (int) (inode & (CACHE_SIZE - 1));
        CACHED_INODES[slot] = inode;
        CACHED[slot] = details;
    }

    /**
     * socketutils.c unix_parse_response: {@code INODE[->PEER][,"NAME"]}, an abstract name
     * as {@code ,@"NAME"}; each name quoted up to its first NUL. Nothing (so nothing
     * cached) for a socket with neither peer nor name.
     */
    private static String unix(HostFacts host, long inode) {
        Sockets.Unix u = host.unixSocket(inode);
        if (u == null || (u.peer() == 0 && u.name().length == 0)) return null;
        StringBuilder b = new StringBuilder().append(inode);
        if (u.peer() != 0) b.append("->").append(u.peer());
        byte[] name = u.name();
        if (name.length > 0) {
            boolean abstractName = name[0] == 0;
            byte[] text = abstractName ? java.util.Arrays.copyOfRange(name, 1, name.length) : name;
            b.append(abstractName ? ",@" : ",");
            text = java.util.Arrays.copyOf(text, cstringLength(text));
            new StraceText(StraceText.Escape.OCTAL).render(new Value.Str(text, false), b);
        }
        return b.toString();
    }

    private static int cstringLength(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return n;
    }

    /**
     * netlink_parse_response: {@code PROTOCOL:PORTID}, or the protocol's number alone when
     * it has no name.
     */
    private static String netlink(HostFacts host, long inode) {
        Sockets.Netlink n = host.netlinkSocket(inode);
        if (n == null) return null;
        String name = NetlinkProtocols.XLAT.name(n.protocol());
        if (name == null) return Long.toString(n.protocol());
        return name.substring("NETLINK_".length()) + ":" + (n.portId() & 0xffff_ffffL);
    }

    /** A pidfd: {@code pid:N} from its fdinfo's {@code Pid:} line (src/util.c printpidfd). */
    private static String pidfd(HostFacts host, int fd) {
        String pid = host.fdInfo(fd).get("Pid");
        return pid == null || pid.trim().startsWith("-") ? null : "pid:" + pid.trim();
    }

    /** A character or block device: {@code /dev/null<char 1:3>} (src/util.c printdev). */
    private static String device(HostFacts host, int fd, String link) {
        HostFacts.FileStat st = host.fdStat(fd);
        if (st == null) return null;
        int type = st.mode() & 0170000;
        if (type != 0020000 && type != 0060000) return null;
        long rdev = st.rdev();
        return link + "<" + (type == 0060000 ? "block" : "char") + " " + major(rdev) + ":" + minor(rdev) + ">";
    }

    /** glibc's gnu_dev_major / gnu_dev_minor. */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
    }

    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
    }
}
