package io.jstrace.core.internal;

import io.jstrace.core.ProcessInfo;
import io.jstrace.core.TraceeText;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import io.jstrace.core.internal.jnr.Netlink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link ProcessInfo} from /proc (proc(5)) with plain file reads, as few as it can. */
public final class ProcFs {
    /** The most of /proc/PID/cmdline read: a command line beyond it is cut. */
    static final int CMDLINE_MAX = 128 << 10;
    private static final int CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;

    private ProcFs() {}

    /** The fields of /proc/PID/stat that are used. */
    record Stat(String comm, char state, int ppid, long startTicks) {}

    /** See {@link ProcessInfo#read(int)}. */
    public static Optional<ProcessInfo> read(int pid) {
        Path dir = Path.of("/proc", Integer.toString(pid));
        Stat stat = stat(dir);
        if (stat == null) return Optional.empty();
        byte[] status = bytes(dir.resolve("status"), Integer.MAX_VALUE);
        byte[] cmdline = bytes(dir.resolve("cmdline"), CMDLINE_MAX + 1);
        String exe = link(dir.resolve("exe"));
        String cwd = link(dir.resolve("cwd"));
        boolean missing = status == null || cmdline == null || exe == null || cwd == null;
        boolean cut = cmdline != null && cmdline.length > CMDLINE_MAX;
        boolean truncated = cut || (missing && gone(dir, stat));
        List<String> argv = cmdline == null ? List.of() : argv(cmdline, Math.min(cmdline.length, CMDLINE_MAX));
        return Optional.of(new ProcessInfo(pid, stat.ppid(), id(status, "\nUid:"), id(status, "\nGid:"),
                stat.comm(), exe, argv, cwd, monotonicNanos(stat.startTicks()), truncated));
    }

    /** See {@link ProcessInfo#environ(int)}. */
    public static Map<String, String> environ(int pid) {
        byte[] b = bytes(Path.of("/proc", Integer.toString(pid), "environ"), Integer.MAX_VALUE);
        if (b == null) return Map.of();
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : argv(b, b.length)) {
            int eq = entry.indexOf('=');
            if (eq > 0) env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return Collections.unmodifiableMap(env);
    }

    /** The whitespace-separated rows of a /proc table (/proc/net/*) after its header line; none if unreadable. */
    public static List<String[]> table(Path file) {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (!l.isEmpty()) rows.add(l.split("\\s+"));
        }
        return rows;
    }

    /** The processes /proc lists now (its numeric entries), in its order. */
    public static List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : d) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && Character.isDigit(n.charAt(0))) {
                    try {
                        pids.add(Integer.parseInt(n));
                    } catch (NumberFormatException e) {
                        // not a process
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc: no owners
        }
        return pids;
    }

    /** The file's lines (ISO-8859-1), none when it cannot be read. */
    public static List<String> lines(Path file) {
        byte[] b = bytes(file, 1 << 20);
        if (b == null) return List.of();
        String s = new String(b, StandardCharsets.ISO_8859_1);
        if (s.isEmpty()) return List.of();
        return Arrays.asList((s.endsWith("\n") ? s.substring(0, s.length() - 1) : s).split("\n", -1));
    }

    /** The file's text without its last newline, or {@code null} when it cannot be read. */
    public static String text(Path file) {
        byte[] b = bytes(file, 1 << 16);
        if (b == null) return null;
        String s = new String(b, StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Task {@code tid}'s command name (/proc/TID/comm without its newline), or {@code null} once it is gone. */
    public static String comm(int tid) {
        return text(Path.of(pidDir(tid) + "/comm"));
    }

    /** Where a symbolic link (a /proc fd link) points, or {@code null}. */
    public static String readLink(Path p) {
        return link(p);
    }

    /**
     * The file {@code p} names, its device and inode as an object to compare
     * (BasicFileAttributes.fileKey), following a final symbolic link or not; {@code null}
     * when it does not exist or cannot be read.
     */
    public static Object fileKey(Path p, boolean follow) {
        try {
            LinkOption[] how = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            return Files.readAttributes(p, BasicFileAttributes.class, how).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The sockets process {@code pid} holds: each socket's inode (its /proc/PID/fd link
     * reads {@code socket:[N]}, fs/proc/fd.c) to the lowest descriptor that refers to it;
     * {@code null} when the process is gone or its descriptors cannot be read.
     */
    public static Map<Long, Integer> socketInodes(int pid) {
        Path dir = Path.of("/proc", Integer.toString(pid), "fd");
        Map<Long, Integer> inodes = new java.util.HashMap<>();
        try (java.nio.file.DirectoryStream<Path> fds = Files.newDirectoryStream(dir)) {
            for (Path fd : fds) {
                long inode = socketInode(link(fd));
                if (inode < 0) continue;
                try {
                    inodes.merge(inode, Integer.parseInt(fd.getFileName().toString()), Math::min);
                } catch (NumberFormatException e) {
                    // not a descriptor's entry
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return inodes;
    }

    /** The inode of the socket process {@code pid}'s descriptor {@code fd} is, -1 when it is none. */
    public static long socketInode(int pid, int fd) {
        return socketInode(link(Path.of("/proc", Integer.toString(pid), "fd", Integer.toString(fd))));
    }

    /** N of a /proc fd link that reads {@code socket:[N]} (net/socket.c sockfs_dname), -1 for any other. */
    private static long socketInode(String link) {
        if (link == null || !link.startsWith("socket:[") || !link.endsWith("]")) return -1;
        try {
            return Long.parseLong(link.substring(8, link.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** This process's real and effective user ids (/proc/self/status, Uid:), or -1s. */
    public static int[] ownUids() {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (!line.startsWith("Uid:")) continue;
            String[] ids = line.substring(4).trim().split("\\s+");
            try {
                return new int[] {Integer.parseInt(ids[0]), Integer.parseInt(ids[1])};
            } catch (RuntimeException e) {
                break;
            }
        }
        return new int[] {-1, -1};
    }

    /** The real user id of process {@code pid} (/proc/PID/status), or -1. */
    public static int uid(int pid) {
        return id(bytes(Path.of("/proc", Integer.toString(pid), "status"), 1 << 16), "Uid:");
    }

    /** Whether the process read as {@code then} has exited (or its pid was reused) since. */
    private static boolean gone(Path dir, Stat then) {
        Stat now = stat(dir);
        return now == null || now.startTicks() != then.startTicks() || now.state() == 'Z' || now.state() == 'X';
    }

    private static Stat stat(Path dir) {
        byte[] b = bytes(dir.resolve("stat"), Integer.MAX_VALUE);
        return b == null ? null : parseStat(b);
    }

    /**
     * {@code pid (comm) state ppid ...}: comm may hold spaces and parentheses, so it ends at
     * the last ')'; field 22 is the start time in clock ticks since boot. Null if malformed.
     */
    static Stat parseStat(byte[] b) {
        int open = indexOf(b, (byte) '(', 0), close = lastIndexOf(b, (byte) ')');
        if (open < 0 || close < open || close + 2 >= b.length) return null;
        String comm = TraceeText.text(b, open + 1, close - open - 1);
        String[] f = new String(b, close + 2, b.length - close - 2, StandardCharsets.ISO_8859_1).split(" ");
        if (f.length < 20 || f[0].isEmpty()) return null;
        try {
            return new Stat(comm, f[0].charAt(0), Integer.parseInt(f[1]), Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first (real) id of a {@code Uid:} or {@code Gid:} line of /proc/PID/status, or -1. */
    static int id(byte[] status, String key) {
        if (status == null) return -1;
        String s = new String(status, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(key);
        if (at < 0) return -1;
        int from = at + key.length();
        while (from < s.length() && s.charAt(from) == '\t') from++;
        int to = from;
        while (to < s.length() && Character.isDigit(s.charAt(to))) to++;
        try {
            return Integer.parseUnsignedInt(s.substring(from, to));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** NUL-separated strings, empty ones kept; the NUL that ends the last one is optional. */
    static List<String> argv(byte[] b, int length) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (b[i] == 0) {
                out.add(TraceeText.text(b, start, i - start));
                start = i + 1;
            }
        }
        if (start < length) out.add(TraceeText.text(b, start, length - start));
        return out;
    }

    /** Clock ticks since boot (CLOCK_BOOTTIME, which counts suspend) as CLOCK_MONOTONIC nanoseconds. */
    static long monotonicNanos(long ticks) {
        long hz = Hz.VALUE;
        long bootNanos = ticks / hz * 1_000_000_000L + ticks % hz * 1_000_000_000L / hz;
        return bootNanos - Clocks.bootMinusMonotonic();
    }

    /**
     * The file's bytes, at most {@code max}; null when it cannot be read (gone, no
     * permission). Reads until end of file: /proc's files say their size is 0, which
     * some JDK readers trust.
     */
    /** This process's argv as execve passed it, /proc/self/cmdline's NUL-terminated words; empty if unreadable. */
    public static List<byte[]> ownCmdline() {
        byte[] b = bytes(Path.of("/proc/self/cmdline"), Integer.MAX_VALUE);
        return b == null ? List.of() : Launcher.entries(b);
    }

    /**
     * /proc/PID of jstrace's process or thread {@code pid}: the same number unless /proc was
     * mounted in another pid namespace ({@link PidNamespaces#procPid}); a directory that does
     * not exist when the process has gone.
     */
    public static String pidDir(int pid) {
        return "/proc/" + PidNamespaces.SYSTEM.procPid(pid);
    }

    /** /proc/self/fd/N: stat follows it to what this process's descriptor {@code fd} has open (proc(5)). */
    public static Path ownFd(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    private static byte[] bytes(Path p, int max) {
        try (FileChannel ch = FileChannel.open(p)) {
            ByteBuffer buf = ByteBuffer.allocate(Math.min(max, 4096));
            while (true) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() == max) break;
                    buf = ByteBuffer.allocate((int) Math.min(max, 2L * buf.capacity())).put(buf.flip());
                }
                if (ch.read(buf) < 0) break;
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            return null;
        }
    }

    /** A buffer per thread for {@link #link}: a /proc link's target is at most PATH_MAX bytes. */
    private static final ThreadLocal<NativeBuffer> LINK = ThreadLocal.withInitial(() -> NativeBuffer.allocate(4096));

    /**
     * The target's bytes as {@link TraceeText} (lossless: a name that is not valid UTF-8,
     * as strace's fsync-y test makes, prints byte for byte with -y), read with readlink(2):
     * Files.readSymbolicLink decodes with the locale's charset and loses such bytes.
     */
    private static String link(Path p) {
        NativeBuffer buf = LINK.get();
        long n = Native.libc().readlink(p.toString(), buf, buf.size());
        if (n < 0) return null;
        byte[] b = new byte[(int) n];
        buf.get(0, b, 0, b.length);
        return TraceeText.text(b);
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == c) return i;
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c) {
        for (int i = b.length - 1; i >= 0; i--) if (b[i] == c) return i;
        return -1;
    }

    /** sysconf(_SC_CLK_TCK): the unit of /proc's times, 100 on every Linux port but alpha. */
    private static final class Hz {
        static final long VALUE = read();

        private static long read() {
            long hz = Native.libc().sysconf(Netlink._SC_CLK_TCK);
            return hz > 0 ? hz : 100;
        }
    }

    /** CLOCK_BOOTTIME minus CLOCK_MONOTONIC now: the time the system spent suspended. */
    private static final class Clocks {
        private static final ThreadLocal<NativeBuffer> TIMESPEC =
                ThreadLocal.withInitial(() -> NativeBuffer.allocate(16));

        static long bootMinusMonotonic() {
            LibC libc = Native.libc();
            NativeBuffer ts = TIMESPEC.get();
            long mono1 = read(libc, ts, CLOCK_MONOTONIC);
            long boot = read(libc, ts, CLOCK_BOOTTIME);
            long mono2 = read(libc, ts, CLOCK_MONOTONIC);
            return boot - (mono1 + (mono2 - mono1) / 2);
        }

        private static long read(LibC libc, NativeBuffer ts, int clock) {
            libc.clock_gettime(clock, ts);
            return ts.getLong(0) * 1_000_000_000L + ts.getLong(8);
        }
    }
}
