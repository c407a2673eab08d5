package io.jstrace.core;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link HostFacts} that answer only what they were told: for tests of decoders (a fake
 * {@link Tracee}'s {@code host()}), with no /proc and no netlink. Not thread-safe; fill,
 * then read.
 *
 * <pre>{@code
 * HostFacts host = new FixedHostFacts().fd(3, "/etc/passwd").cwd("/tmp").comm("cat");
 * }</pre>
 */
public final class FixedHostFacts implements HostFacts {
    private final Map<Integer, String> links = new HashMap<>();
    private final Map<Integer, Map<String, String>> fdInfo = new HashMap<>();
    private final Map<Integer, FileStat> stats = new HashMap<>();
    private final Map<Integer, String> protocols = new HashMap<>();
    private final Map<Long, Sockets.Inet> inet = new HashMap<>();
    private final Map<Long, Sockets.Unix> unix = new HashMap<>();
    private final Map<Long, Sockets.Netlink> netlink = new HashMap<>();
    private final Map<Integer, String> genericFamilies = new HashMap<>();
    private final Map<Integer, HostFacts> processes = new HashMap<>();
    private final Map<PidType, Map<Integer, Integer>> tracerPids = new java.util.EnumMap<>(PidType.class);
    private String cwd, comm;
    private long blockedSyscall = -1;
    private int optmemMax = -1;

    /** Descriptor {@code fd} refers to {@code link}. */
    public FixedHostFacts fd(int fd, String link) {
        links.put(fd, link);
        return this;
    }

    /** Every descriptor of {@code table} refers to what it says. */
    public FixedHostFacts fds(FdTable table) {
        table.snapshot().forEach((fd, f) -> links.put(fd, f.link()));
        return this;
    }

    public FixedHostFacts fdInfo(int fd, Map<String, String> lines) {
        fdInfo.put(fd, Map.copyOf(lines));
        return this;
    }

    public FixedHostFacts fdStat(int fd, FileStat stat) {
        stats.put(fd, stat);
        return this;
    }

    public FixedHostFacts socketProtocol(int fd, String name) {
        protocols.put(fd, name);
        return this;
    }

    public FixedHostFacts inet(long inode, Sockets.Inet socket) {
        inet.put(inode, socket);
        return this;
    }

    public FixedHostFacts unix(long inode, Sockets.Unix socket) {
        unix.put(inode, socket);
        return this;
    }

    public FixedHostFacts netlink(long inode, Sockets.Netlink socket) {
        netlink.put(inode, socket);
        return this;
    }

    /** A generic netlink family the kernel has registered under {@code id}. */
    public FixedHostFacts genericNetlinkFamily(int id, String name) {
        genericFamilies.put(id, name);
        return this;
    }

    public FixedHostFacts cwd(String dir) {
        cwd = dir;
        return this;
    }

    public FixedHostFacts comm(String name) {
        comm = name;
        return this;
    }

    public FixedHostFacts blockedSyscall(long nr) {
        blockedSyscall = nr;
        return this;
    }

    public FixedHostFacts optmemMax(int bytes) {
        optmemMax = bytes;
        return this;
    }

    /** What {@link #process(int)} answers for {@code pid}. */
    public FixedHostFacts process(int pid, HostFacts facts) {
        processes.put(pid, facts);
        return this;
    }

    /** What {@link #tracerPid} answers for {@code id} of {@code type}: {@code ours}. */
    public FixedHostFacts tracerPid(PidType type, int id, int ours) {
        tracerPids.computeIfAbsent(type, t -> new HashMap<>()).put(id, ours);
        return this;
    }

    @Override
    public String fdPath(int fd) {
        return links.get(fd);
    }

    @Override
    public String cwd() {
        return cwd;
    }

    @Override
    public String comm() {
        return comm;
    }

    @Override
    public Map<String, String> fdInfo(int fd) {
        return fdInfo.getOrDefault(fd, Map.of());
    }

    @Override
    public FileStat fdStat(int fd) {
        return stats.get(fd);
    }

    @Override
    public String socketProtocol(int fd) {
        return protocols.get(fd);
    }

    @Override
    public Sockets.Inet inetSocket(int family, int protocol, long inode) {
        return inet.get(inode);
    }

    @Override
    public Sockets.Unix unixSocket(long inode) {
        return unix.get(inode);
    }

    @Override
    public Sockets.Netlink netlinkSocket(long inode) {
        return netlink.get(inode);
    }

    @Override
    public java.util.Map<Integer, String> genericNetlinkFamilies() {
        return genericFamilies;
    }

    @Override
    public long blockedSyscall() {
        return blockedSyscall;
    }

    @Override
    public int optmemMax() {
        return optmemMax;
    }

    @Override
    public HostFacts process(int pid) {
        return processes.getOrDefault(pid, NONE);
    }

    @Override
    public int tracerPid(PidType type, int id) {
        return tracerPids.getOrDefault(type, Map.of()).getOrDefault(id, 0);
    }
}
