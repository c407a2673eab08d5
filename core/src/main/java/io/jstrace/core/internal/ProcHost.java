package io.jstrace.core.internal;

import io.jstrace.core.HostFacts;
import io.jstrace.core.OpenFile;
import io.jstrace.core.Sockets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link HostFacts} of one thread from the live system (proc(5), NETLINK_SOCK_DIAG),
 * answering from the session's fd table, without a read, where it knows.
 */
public final class ProcHost implements HostFacts {
    private final int pid, tid;
    private final FdTracker fds;
    private final String dir;

    /** @param fds the session's fd tables, or {@code null} when it keeps none */
    public ProcHost(int pid, int tid, FdTracker fds) {
        this.pid = pid;
        this.tid = tid;
        this.fds = fds;
        this.dir = ProcFs.pidDir(tid) + "/";
    }

    int pid() {
        return pid;
    }

    private OpenFile known(int fd) {
        return fds == null || fd < 0 ? null : fds.known(pid, fd);
    }

    @Override
    public String fdPath(int fd) {
        if (fd < 0) return null;
        OpenFile f = known(fd);
        return f != null ? f.link() : ProcFs.readLink(Path.of(dir + "fd/" + fd));
    }

    @Override
    public boolean fdUnlinked(int fd, String link) {
        Object open = ProcFs.fileKey(Path.of(dir + "fd/" + fd), true);
        return open != null && !open.equals(ProcFs.fileKey(Path.of(link), false));
    }

    @Override
    public int tracerPid(io.jstrace.core.PidType type, int id) {
        return PidNamespaces.SYSTEM.toOurs(tid, type, id);
    }

    @Override
    public String cwd() {
        return ProcFs.readLink(Path.of(dir + "cwd"));
    }

    @Override
    public String commOf(int tid) {
        return ProcFs.comm(tid);
    }

    @Override
    public String comm() {
        String s = ProcFs.text(Path.of(dir + "comm"));
        return s == null ? null : s.trim();
    }

    @Override
    public java.util.List<String> rootFileLines(String path) {
        return ProcFs.lines(Path.of(dir + "root/" + path));
    }

    /** fs/proc/fd.c seq_show: {@code pos:}, {@code flags:}, {@code mnt_id:}, {@code ino:}, then the file's own lines. */
    @Override
    public Map<String, String> fdInfo(int fd) {
        if (fd < 0) return Map.of();
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : ProcFs.lines(Path.of(dir + "fdinfo/" + fd))) {
            int colon = line.indexOf(':');
            if (colon > 0) m.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public FileStat fdStat(int fd) {
        if (fd < 0) return null;
        try {
            Path p = Path.of(dir + "fd/" + fd);
            int mode = (Integer) java.nio.file.Files.getAttribute(p, "unix:mode");
            long rdev = (Long) java.nio.file.Files.getAttribute(p, "unix:rdev");
            return new FileStat(mode, rdev);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String socketProtocol(int fd) {
        if (known(fd) instanceof OpenFile.Socket s) {
            String name = protocolName(s);
            if (name != null) return name;
        }
        return fd < 0 ? null : SockDiag.protocol(tid, fd);
    }

    /**
     * The {@code sk_prot->name} the kernel gives a socket of this family, type and protocol
     * (net/ipv4/tcp_ipv4.c "TCP", udp.c "UDP", udplite.c "UDP-Lite", ping.c "PING", raw.c
     * "RAW"; net/ipv6: "TCPv6", "UDPv6", "UDPLITEv6", "PINGv6", "RAWv6"; net/unix/af_unix.c
     * "UNIX-STREAM" for streams, "UNIX" for the rest), or {@code null} when not sure.
     */
    static String protocolName(OpenFile.Socket s) {
        return switch (s.family()) {
            case OpenFile.Socket.AF_INET -> inetName(s.type(), s.protocol(), false);
            case OpenFile.Socket.AF_INET6 -> inetName(s.type(), s.protocol(), true);
            case OpenFile.Socket.AF_UNIX -> s.type() == OpenFile.Socket.SOCK_STREAM ? "UNIX-STREAM" : "UNIX";
            case OpenFile.Socket.AF_NETLINK -> "NETLINK";
            default -> null;
        };
    }

    private static String inetName(int type, int protocol, boolean v6) {
        String v = v6 ? "v6" : "";
        if (type == OpenFile.Socket.SOCK_STREAM && (protocol == 0 || protocol == 6)) return "TCP" + v;
        if (type == OpenFile.Socket.SOCK_DGRAM && (protocol == 0 || protocol == 17)) return "UDP" + v;
        if (type == OpenFile.Socket.SOCK_DGRAM && protocol == 136) return v6 ? "UDPLITEv6" : "UDP-Lite";
        if (type == OpenFile.Socket.SOCK_DGRAM && protocol == (v6 ? 58 : 1)) return "PING" + v;
        if (type == OpenFile.Socket.SOCK_RAW) return "RAW" + v;
        return null;
    }

    /** The table's socket with {@code inode}, once it knows all of it, or {@code null}. */
    private OpenFile.Socket tableSocket(long inode) {
        SocketState s = fds == null ? null : fds.socket(pid, inode);
        if (s == null) return null;
        OpenFile.Socket r = s.resolve();
        return s.complete() ? r : null;
    }

    /** From the fd table when it knows the socket's endpoints, else inet_diag. */
    @Override
    public Sockets.Inet inetSocket(int family, int protocol, long inode) {
        OpenFile.Socket s = tableSocket(inode);
        if (s == null || s.family() != family || s.local() == null) return Sockets.inet(family, protocol, inode);
        int size = family == OpenFile.Socket.AF_INET6 ? 16 : 4;
        OpenFile.Address peer = s.peer() != null ? s.peer() : new OpenFile.Address(new byte[size], 0);
        return new Sockets.Inet(s.local().bytes(), s.local().port(), peer.bytes(), peer.port());
    }

    /** From the fd table when it knows the socket's name and peer, else unix_diag. */
    @Override
    public Sockets.Unix unixSocket(long inode) {
        OpenFile.Socket s = tableSocket(inode);
        if (s == null || s.family() != OpenFile.Socket.AF_UNIX) return Sockets.unix(inode);
        return new Sockets.Unix(inode, s.peerInode(), s.local() == null ? new byte[0] : s.local().bytes());
    }

    @Override
    public Sockets.Netlink netlinkSocket(long inode) {
        return Sockets.netlink(inode);
    }

    @Override
    public java.util.Map<Integer, String> genericNetlinkFamilies() {
        return Sockets.genericFamilies();
    }

    /** proc(5) /proc/TID/syscall: the number, then the arguments; "running" or -1 when in none. */
    @Override
    public long blockedSyscall() {
        String s = ProcFs.text(Path.of(dir + "syscall"));
        if (s == null) return -1;
        String nr = s.trim().split(" ", 2)[0];
        if (nr.isEmpty() || !Character.isDigit(nr.charAt(0))) return -1;
        try {
            return Long.parseLong(nr);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int optmemMax() {
        return OptmemMax.VALUE;
    }

    /** net.core.optmem_max, read once: a system setting, not a tracee's. */
    private static final class OptmemMax {
        static final int VALUE = read();

        private static int read() {
            String s = ProcFs.text(Path.of("/proc/sys/net/core/optmem_max"));
            try {
                return s == null ? -1 : Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    @Override
    public HostFacts process(int other) {
        return new ProcHost(other, other, fds);
    }
}
