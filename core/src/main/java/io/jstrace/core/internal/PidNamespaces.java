package io.jstrace.core.internal;

import io.jstrace.core.PidType;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.syscalls.xlat.NsfsIoctlCmds;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids across pid namespaces (pid_namespaces(7)). A tracee in a namespace of its own passes
 * and gets the ids of that namespace, which jstrace prints with the same process's id in its
 * own namespace (strace's {@code --pidns-translation}); and /proc numbers processes in the
 * namespace it was mounted in, which is not jstrace's when jstrace runs in a namespace of its
 * own without a /proc of its own ({@code unshare --pid --fork jstrace ...}).
 *
 * <p>No syscall translates an id from one namespace to another, so the answer is looked up
 * in /proc: a process's status lists its ids in every namespace from /proc's down to its own
 * ({@code NSpid:}, {@code NStgid:}, {@code NSpgid:}, {@code NSsid:}; fs/proc/array.c), and its
 * namespaces are /proc/PID/ns/pid and the parents ioctl(NS_GET_PARENT) gives, up to jstrace's
 * own and no further (ioctl_ns(2); kernel/pid_namespace.c, pidns_get_parent). A process that
 * has the id at the level of the tracee's namespace has the answer at the level of jstrace's.
 * Where each id was found is kept and checked again at the next look-up, as ids are reused.
 */
public final class PidNamespaces {
    /** jstrace's: its namespace and /proc do not change while it runs. */
    public static final PidNamespaces SYSTEM = new PidNamespaces();

    /** How deep namespaces nest (kernel/pid_namespace.c, MAX_PID_NS_LEVEL). */
    private static final int MAX_DEPTH = 32;
    private static final int O_RDONLY = 0, O_CLOEXEC = 02000000;

    private record Key(long ns, PidType type, int id) {}

    /** What a process of /proc says of a {@link Key}: its /proc number and the id in jstrace's namespace. */
    private record Match(int procPid, int ourId) {}

    private final long ourNs = namespace("self");
    /** How far below /proc's namespace jstrace's is: where jstrace's ids stand in a status line. */
    private final int ourLevel = Math.max(0, ids("self", PidType.PID).length - 1);
    private final boolean procIsOurs = ourLevel == 0;
    private final Map<Key, Integer> found = new ConcurrentHashMap<>();

    private PidNamespaces() {}

    /**
     * The number /proc gives jstrace's thread or process {@code tid}: {@code tid} itself unless
     * /proc was mounted in another namespace; 0 when it cannot be found (it has exited).
     */
    public int procPid(int tid) {
        if (procIsOurs || tid <= 0) return tid;
        Match m = find(new Key(ourNs, PidType.PID, tid));
        return m == null ? 0 : m.procPid();
    }

    /**
     * Thread {@code tid}'s own id of {@code type} (itself, its thread group, process group or
     * session) in jstrace's namespace, from its status; 0 when it cannot be read.
     */
    public int idOf(int tid, PidType type) {
        int[] ids = ids(Integer.toString(procPid(tid)), type);
        return ourLevel < ids.length ? ids[ourLevel] : 0;
    }

    /**
     * The id in jstrace's namespace of what thread {@code tid} (jstrace's number for it) calls
     * {@code id} of {@code type} in its own namespace; 0 when no process has it.
     */
    public int toOurs(int tid, PidType type, int id) {
        if (id <= 0) return 0;
        long ns = namespace(Integer.toString(procPid(tid)));
        if (ns == 0) return 0;
        if (ns == ourNs) return id;
        Match m = find(new Key(ns, type, id));
        return m == null ? 0 : m.ourId();
    }

    private Match find(Key key) {
        Integer last = found.get(key);
        Match m = last == null ? null : match(last, key);
        if (m == null) m = scan(key);
        if (m != null) found.put(key, m.procPid());
        return m;
    }

    /** Every process of /proc, and for a thread's id every thread, until one has the id. */
    private static Match scan(Key key) {
        for (int p : numbers(Path.of("/proc"))) {
            Match m = match(p, key);
            if (m == null && key.type() == PidType.PID) {
                for (int t : numbers(Path.of("/proc", Integer.toString(p), "task"))) {
                    if (t != p && (m = match(t, key)) != null) break;
                }
            }
            if (m != null) return m;
        }
        return null;
    }

    /**
     * Whether process {@code procPid} has {@code key.id} at the level of {@code key.ns}: its
     * ids and its namespaces line up from the innermost, and jstrace's namespace is the
     * outermost one NS_GET_PARENT reaches.
     */
    private static Match match(int procPid, Key key) {
        int[] ids = ids(Integer.toString(procPid), key.type());
        if (Arrays.stream(ids).noneMatch(i -> i == key.id())) return null;
        long[] chain = chain(procPid);
        if (chain.length == 0 || ids.length < chain.length) return null;
        for (int i = 0; i < chain.length; i++) {
            if (chain[i] != key.ns()) continue;
            if (ids[ids.length - 1 - i] != key.id()) return null;
            return new Match(procPid, ids[ids.length - chain.length]);
        }
        return null;
    }

    /** The ids of a /proc/PID/status line ({@code NSpid:\t7\t1}), outermost first; none when unreadable. */
    static int[] ids(String proc, PidType type) {
        for (String line : ProcFs.lines(Path.of("/proc", proc, "status"))) {
            if (!line.startsWith(type.statusLine())) continue;
            try {
                return Arrays.stream(line.substring(type.statusLine().length()).trim().split("\t"))
                        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            } catch (NumberFormatException e) {
                break;
            }
        }
        return new int[0];
    }

    /** The inode of /proc/PROC/ns/pid ({@code pid:[4026531836]}), 0 when unreadable. */
    static long namespace(String proc) {
        return inode(ProcFs.readLink(Path.of("/proc", proc, "ns", "pid")));
    }

    /** A process's pid namespaces, its own first, then each parent up to jstrace's. */
    private static long[] chain(int procPid) {
        LibC libc = Native.libc();
        int fd = libc.open("/proc/" + procPid + "/ns/pid", O_RDONLY | O_CLOEXEC);
        if (fd < 0) return new long[0];
        long[] chain = new long[MAX_DEPTH];
        int n = 0;
        while (n < MAX_DEPTH) {
            long ino = inode(ProcFs.readLink(ProcFs.ownFd(fd)));
            if (ino == 0) break;
            chain[n++] = ino;
            int parent = libc.ioctl(fd, NsfsIoctlCmds.NS_GET_PARENT, null);
            if (parent < 0) break;
            libc.close(fd);
            fd = parent;
        }
        libc.close(fd);
        return Arrays.copyOf(chain, n);
    }

    /** The inode of a namespace link's target, {@code pid:[4026531836]}; 0 for anything else. */
    static long inode(String link) {
        if (link == null || !link.startsWith("pid:[") || !link.endsWith("]")) return 0;
        try {
            return Long.parseLong(link.substring(5, link.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The numeric entries of a /proc directory. */
    private static int[] numbers(Path dir) {
        String[] names = dir.toFile().list();
        if (names == null) return new int[0];
        return Arrays.stream(names).filter(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit))
                .mapToInt(s -> {
                    try {
                        return Integer.parseInt(s);
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }).filter(p -> p > 0).toArray();
    }
}
