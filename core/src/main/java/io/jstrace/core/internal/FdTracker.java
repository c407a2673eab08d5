package io.jstrace.core.internal;

import io.jstrace.core.FdTable;
import io.jstrace.core.OpenFile;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.TraceeMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fd tables of every traced process, kept from the syscall stream at syscall-exit
 * stops (fs/file.c: a table per process, shared by threads and by {@code CLONE_FILES},
 * copied by fork, its close-on-exec descriptors dropped by execve). Which descriptor a
 * call makes, moves or closes comes from its arguments and return value; what a new
 * descriptor refers to is read once when it appears (one readlink of /proc/TID/fd/N,
 * which names the file exactly as the kernel does); a socket's family and type come
 * from socket(2), its addresses from bind, connect and accept, and only what those do
 * not tell (an ephemeral port, an AF_UNIX peer's inode) is asked of sock_diag, when
 * someone asks. A process first seen with descriptors already open (attached with
 * {@code -p}, or launched) is seeded from /proc/TID/fd and its fdinfo.
 *
 * <p>Touched only by the tracer thread.
 */
public final class FdTracker {
    private static final int O_CLOEXEC = 02000000, FD_CLOEXEC = 1, MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int F_DUPFD = 0, F_SETFD = 2, F_DUPFD_CLOEXEC = 1030;
    private static final int FIONCLEX = 0x5450, FIOCLEX = 0x5451;
    private static final int CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;
    private static final long CLONE_FILES = 0x400, CLONE_THREAD = 0x10000;
    private static final int EBADF = 9, EINPROGRESS = 115;
    private static final int SOL_SOCKET = 1, SCM_RIGHTS = 1, MMSGHDR_SIZE = 64;

    /** The syscalls that change a table: under a seccomp filter they must stop. */
    public static final Set<String> SYSCALLS = Set.of("open", "openat", "openat2", "creat", "open_by_handle_at",
            "socket", "socketpair", "bind", "connect", "accept", "accept4", "pipe", "pipe2", "dup", "dup2", "dup3",
            "fcntl", "ioctl", "close", "close_range", "recvmsg", "recvmmsg", "unshare", "clone", "clone3",
            "memfd_create", "eventfd", "eventfd2", "signalfd", "signalfd4", "timerfd_create", "epoll_create",
            "epoll_create1", "inotify_init", "inotify_init1", "fanotify_init", "userfaultfd", "pidfd_open",
            "pidfd_getfd", "io_uring_setup", "perf_event_open", "mq_open", "open_tree", "fsopen", "fsmount",
            "fspick");

    /** One descriptor: the file it refers to (a socket by its shared state), and its close-on-exec flag. */
    record Slot(OpenFile file, SocketState socket, boolean cloexec) {
        Slot withCloexec(boolean c) {
            return new Slot(file, socket, c);
        }
    }

    /** One process's table; several processes hold the same one under {@code CLONE_FILES}. */
    final class Table implements FdTable {
        final TreeMap<Integer, Slot> slots = new TreeMap<>();
        int owners = 1;

        @Override
        public OpenFile get(int fd) {
            Slot s = slots.get(fd);
            if (s == null) return null;
            return s.socket != null ? s.socket.resolve() : s.file;
        }

        @Override
        public boolean closeOnExec(int fd) {
            Slot s = slots.get(fd);
            return s != null && s.cloexec;
        }

        @Override
        public SortedMap<Integer, OpenFile> snapshot() {
            TreeMap<Integer, OpenFile> m = new TreeMap<>();
            for (int fd : slots.keySet()) m.put(fd, get(fd));
            return Collections.unmodifiableSortedMap(m);
        }

        Table copy() {
            Table t = new Table();
            t.slots.putAll(slots);
            return t;
        }
    }

    private final Map<Integer, Table> tables = new HashMap<>();

    /** The table of process {@code pid}, seeded from /proc/{@code tid} the first time it is needed. */
    public Table table(int pid, int tid) {
        Table t = tables.get(pid);
        if (t == null) {
            t = seed(tid);
            tables.put(pid, t);
        }
        return t;
    }

    /** What the table knows of {@code fd} without reading anything; {@code null} if it has no table or no such fd. */
    OpenFile known(int pid, int fd) {
        Table t = tables.get(pid);
        return t == null ? null : t.get(fd);
    }

    /** The socket with {@code inode} in process {@code pid}'s table, or {@code null}. */
    SocketState socket(int pid, long inode) {
        Table t = tables.get(pid);
        if (t == null) return null;
        for (Slot s : t.slots.values()) if (s.socket != null && s.socket.inode == inode) return s.socket;
        return null;
    }

    /** Every open descriptor of {@code /proc/TID/fd}, close-on-exec per its fdinfo {@code flags:}. */
    private Table seed(int tid) {
        Table t = new Table();
        java.io.File[] fds = new java.io.File(ProcFs.pidDir(tid) + "/fd").listFiles();
        if (fds == null) return t;
        for (java.io.File f : fds) {
            int fd;
            try {
                fd = Integer.parseInt(f.getName());
            } catch (NumberFormatException e) {
                continue;
            }
            Slot s = describe(tid, fd, cloexecOf(tid, fd));
            if (s != null) t.slots.put(fd, s);
        }
        return t;
    }

    private static boolean cloexecOf(int tid, int fd) {
        for (String line : ProcFs.lines(Path.of(ProcFs.pidDir(tid) + "/fdinfo/" + fd))) {
            if (!line.startsWith("flags:")) continue;
            try {
                return (Integer.parseInt(line.substring(6).trim(), 8) & O_CLOEXEC) != 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** A descriptor that just appeared: what its /proc link names; a socket as sock_diag knows it. */
    private Slot describe(int tid, int fd, boolean cloexec) {
        String link = ProcFs.readLink(Path.of(ProcFs.pidDir(tid) + "/fd/" + fd));
        if (link == null) return null;
        OpenFile f = OpenFile.ofLink(link);
        if (!(f instanceof OpenFile.Socket s)) return new Slot(f, null, cloexec);
        SocketState known = findSocket(s.inode());
        return new Slot(null, known != null ? known : SocketState.seeded(tid, fd, s.inode()), cloexec);
    }

    /** The state of the socket with {@code inode} some table already holds (a descriptor passed with SCM_RIGHTS). */
    private SocketState findSocket(long inode) {
        for (Table t : tables.values()) {
            for (Slot s : t.slots.values()) if (s.socket != null && s.socket.inode == inode) return s.socket;
        }
        return null;
    }

    // ---- process life

    /**
     * {@code parent} made {@code child} (its PTRACE_EVENT_FORK/VFORK/CLONE stop): a thread
     * or a {@code CLONE_FILES} child shares the table, anything else gets a copy
     * (kernel/fork.c copy_files). A child already seen keeps what it has.
     */
    public void forked(int parentPid, int parentTid, int childPid, long cloneFlags) {
        if (childPid == parentPid || (cloneFlags & CLONE_THREAD) != 0 || tables.containsKey(childPid)) return;
        Table p = table(parentPid, parentTid);
        if ((cloneFlags & CLONE_FILES) != 0) {
            p.owners++;
            tables.put(childPid, p);
        } else {
            tables.put(childPid, p.copy());
        }
    }

    /**
     * A successful execve: the table is unshared (fs/exec.c unshare_files) and its
     * close-on-exec descriptors closed (do_close_on_exec). A process never seen before is
     * seeded as it is now, after the exec.
     */
    public void exec(int pid, int tid) {
        Table t = tables.get(pid);
        if (t == null) {
            table(pid, tid);
            return;
        }
        t = unshare(pid, t);
        t.slots.values().removeIf(Slot::cloexec);
    }

    private Table unshare(int pid, Table t) {
        if (t.owners == 1) return t;
        t.owners--;
        Table mine = t.copy();
        tables.put(pid, mine);
        return mine;
    }

    /** Process {@code pid} is gone (its last thread). */
    public void gone(int pid) {
        Table t = tables.remove(pid);
        if (t != null) t.owners--;
    }

    // ---- the syscall stream

    /** Applies a syscall's effect on its process's table, at its exit stop. */
    public void exit(int pid, int tid, SyscallEnter e, long rv, TraceeMemory m) {
        String name = e.name();
        if (!SYSCALLS.contains(name)) return;
        SyscallArgs a = e.args();
        if (name.equals("close") && rv != -EBADF) {
            // the descriptor is gone whatever close returns but EBADF (fs/open.c close_fd)
            table(pid, tid).slots.remove(a.cInt(0));
            return;
        }
        boolean failed = rv < 0 && rv >= -4095;
        if (failed && !(name.equals("connect") && rv == -EINPROGRESS)) return;
        Table t = table(pid, tid);
        int fd = (int) rv;
        switch (name) {
            case "open" -> opened(t, tid, fd, (a.cInt(1) & O_CLOEXEC) != 0);
            case "openat", "open_by_handle_at", "open_tree" -> opened(t, tid, fd, (a.cInt(2) & O_CLOEXEC) != 0);
            case "openat2" -> opened(t, tid, fd, (openHowFlags(m, a.pointer(2)) & O_CLOEXEC) != 0);
            case "creat", "eventfd", "epoll_create", "inotify_init" -> opened(t, tid, fd, false);
            case "eventfd2", "timerfd_create", "mq_open" -> opened(t, tid, fd, (a.cInt(1) & O_CLOEXEC) != 0);
            case "epoll_create1", "inotify_init1", "userfaultfd" -> opened(t, tid, fd, (a.cInt(0) & O_CLOEXEC) != 0);
            case "memfd_create", "fsopen", "fsmount" -> opened(t, tid, fd, (a.cInt(1) & 1) != 0);
            case "fspick" -> opened(t, tid, fd, (a.cInt(2) & 1) != 0);
            case "fanotify_init" -> opened(t, tid, fd, (a.cInt(0) & 1) != 0);
            case "perf_event_open" -> opened(t, tid, fd, (a.raw(4) & 8) != 0);
            // always O_CLOEXEC: kernel/pid.c pidfd_create, pidfd_getfd; io_uring/io_uring.c
            case "pidfd_open", "pidfd_getfd", "io_uring_setup" -> opened(t, tid, fd, true);
            case "signalfd" -> {
                if (a.cInt(0) == -1) opened(t, tid, fd, false);
            }
            case "signalfd4" -> {
                if (a.cInt(0) == -1) opened(t, tid, fd, (a.cInt(3) & O_CLOEXEC) != 0);
            }
            case "socket" -> socket(t, tid, fd, a);
            case "socketpair" -> socketpair(t, tid, a, m);
            case "pipe" -> pipe(t, tid, m, a.pointer(0), false);
            case "pipe2" -> pipe(t, tid, m, a.pointer(0), (a.cInt(1) & O_CLOEXEC) != 0);
            case "bind" -> bind(t, a.cInt(0), m, a.pointer(1), a.cInt(2));
            case "connect" -> connect(t, a.cInt(0), m, a.pointer(1), a.cInt(2));
            case "accept" -> accept(t, tid, a, fd, m, false);
            case "accept4" -> accept(t, tid, a, fd, m, (a.cInt(3) & O_CLOEXEC) != 0);
            case "dup" -> dup(t, a.cInt(0), fd, false);
            case "dup2" -> dup(t, a.cInt(0), fd, false);
            case "dup3" -> dup(t, a.cInt(0), fd, (a.cInt(2) & O_CLOEXEC) != 0);
            case "fcntl" -> fcntl(t, a, fd);
            case "ioctl" -> ioctl(t, a);
            case "close_range" -> closeRange(pid, t, a);
            case "recvmsg" -> received(t, tid, m, a.pointer(1), (a.cInt(2) & MSG_CMSG_CLOEXEC) != 0);
            case "recvmmsg" -> {
                for (int k = 0; k < fd; k++) {
                    received(t, tid, m, a.pointer(1) + (long) MMSGHDR_SIZE * k, (a.cInt(3) & MSG_CMSG_CLOEXEC) != 0);
                }
            }
            case "unshare" -> {
                if ((a.raw(0) & CLONE_FILES) != 0) unshare(pid, t);
            }
            default -> {}
        }
    }

    private void opened(Table t, int tid, int fd, boolean cloexec) {
        Slot s = describe(tid, fd, cloexec);
        if (s == null) t.slots.remove(fd);
        else t.slots.put(fd, s);
    }

    /** struct open_how (include/uapi/linux/openat2.h): {@code __u64 flags} first. */
    private static long openHowFlags(TraceeMemory m, long addr) {
        byte[] b = m.read(addr, 8);
        return b == null ? 0 : java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getLong();
    }

    /** socket(2): family, type and protocol from its arguments (net/socket.c __sys_socket); no address yet. */
    private void socket(Table t, int tid, int fd, SyscallArgs a) {
        String link = ProcFs.readLink(Path.of(ProcFs.pidDir(tid) + "/fd/" + fd));
        if (link == null || !(OpenFile.ofLink(link) instanceof OpenFile.Socket s)) {
            t.slots.remove(fd);
            return;
        }
        SocketState st = new SocketState(s.inode(), a.cInt(0), a.cInt(1) & 0xf, a.cInt(2));
        st.peerKnown = true;
        t.slots.put(fd, new Slot(null, st, (a.cInt(1) & O_CLOEXEC) != 0));
    }

    /** socketpair(2): two connected sockets, each the other's peer (net/unix/af_unix.c unix_socketpair). */
    private void socketpair(Table t, int tid, SyscallArgs a, TraceeMemory m) {
        int[] sv = twoInts(m, a.pointer(3));
        if (sv == null) return;
        boolean cloexec = (a.cInt(1) & O_CLOEXEC) != 0;
        SocketState[] st = new SocketState[2];
        for (int k = 0; k < 2; k++) {
            String link = ProcFs.readLink(Path.of(ProcFs.pidDir(tid) + "/fd/" + sv[k]));
            if (link == null || !(OpenFile.ofLink(link) instanceof OpenFile.Socket s)) return;
            st[k] = new SocketState(s.inode(), a.cInt(0), a.cInt(1) & 0xf, a.cInt(2));
        }
        for (int k = 0; k < 2; k++) {
            st[k].peerKnown = st[k].localKnown = true;
            st[k].peerInode = st[1 - k].inode;
            t.slots.put(sv[k], new Slot(null, st[k], cloexec));
        }
    }

    private void pipe(Table t, int tid, TraceeMemory m, long addr, boolean cloexec) {
        int[] fds = twoInts(m, addr);
        if (fds == null) return;
        for (int fd : fds) opened(t, tid, fd, cloexec);
    }

    private static int[] twoInts(TraceeMemory m, long addr) {
        byte[] b = m.read(addr, 8);
        if (b == null) return null;
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder());
        return new int[] {bb.getInt(0), bb.getInt(4)};
    }

    private SocketState socketAt(Table t, int fd) {
        Slot s = t.slots.get(fd);
        return s == null ? null : s.socket;
    }

    /** bind(2): the address is the socket's own, unless the kernel picks part of it (port 0, an autobind). */
    private void bind(Table t, int fd, TraceeMemory m, long addr, int len) {
        SocketState s = socketAt(t, fd);
        if (s == null) return;
        SockAddr sa = SockAddr.read(m, addr, len);
        s.local = sa == null ? null : sa.address();
        s.localKnown = sa != null && sa.exact();
        s.boundExact = s.localKnown;
    }

    /**
     * connect(2), on success or EINPROGRESS: the peer is the address given (a datagram
     * socket's sends carry none); AF_UNSPEC dissolves the association (net/ipv4/datagram.c
     * __udp_disconnect). A local address bind did not fix is looked up again when asked.
     */
    private void connect(Table t, int fd, TraceeMemory m, long addr, int len) {
        SocketState s = socketAt(t, fd);
        if (s == null) return;
        SockAddr sa = SockAddr.read(m, addr, len);
        if (sa != null && sa.family() == SockAddr.AF_UNSPEC) {
            s.peer = null;
            s.peerKnown = true;
        } else {
            s.peer = sa == null ? null : sa.address();
            s.peerKnown = sa != null && s.family != OpenFile.Socket.AF_UNIX;
            s.peerInode = 0;
        }
        // an implicit local address changes with the association (net/ipv4/datagram.c, udp.c __udp_disconnect)
        if (s.family != OpenFile.Socket.AF_UNIX && !s.boundExact) s.localKnown = false;
    }

    /**
     * accept(2): a new socket of the listener's family and type; its peer from the
     * address accept wrote (when asked for one); an AF_UNIX one has the listener's name
     * (net/unix/af_unix.c unix_stream_connect copies it).
     */
    private void accept(Table t, int tid, SyscallArgs a, int fd, TraceeMemory m, boolean cloexec) {
        SocketState listener = socketAt(t, a.cInt(0));
        String link = ProcFs.readLink(Path.of(ProcFs.pidDir(tid) + "/fd/" + fd));
        if (link == null || !(OpenFile.ofLink(link) instanceof OpenFile.Socket s)) {
            t.slots.remove(fd);
            return;
        }
        if (listener == null) {
            t.slots.put(fd, new Slot(null, SocketState.seeded(tid, fd, s.inode()), cloexec));
            return;
        }
        SocketState st = new SocketState(s.inode(), listener.family, listener.type, listener.protocol);
        if (st.family == OpenFile.Socket.AF_UNIX) {
            st.local = listener.local;
            st.localKnown = listener.localKnown;
        } else if (a.pointer(1) != 0) {
            byte[] lenb = m.read(a.pointer(2), 4);
            int len = lenb == null ? 0 : java.nio.ByteBuffer.wrap(lenb).order(java.nio.ByteOrder.nativeOrder()).getInt();
            SockAddr sa = SockAddr.read(m, a.pointer(1), len);
            if (sa != null && sa.exact()) {
                st.peer = sa.address();
                st.peerKnown = true;
            }
        }
        t.slots.put(fd, new Slot(null, st, cloexec));
    }

    /** dup, dup2, dup3: the same open file under another number; dup2 onto itself changes nothing. */
    private void dup(Table t, int from, int to, boolean cloexec) {
        if (from == to) return;
        Slot s = t.slots.get(from);
        if (s == null) t.slots.remove(to);
        else t.slots.put(to, s.withCloexec(cloexec));
    }

    /** fcntl F_DUPFD, F_DUPFD_CLOEXEC (the new descriptor is {@code rv}), F_SETFD (fs/fcntl.c do_fcntl). */
    private void fcntl(Table t, SyscallArgs a, int rv) {
        int fd = a.cInt(0), cmd = a.cInt(1);
        if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) dup(t, fd, rv, cmd == F_DUPFD_CLOEXEC);
        Slot s = t.slots.get(fd);
        if (cmd == F_SETFD && s != null) t.slots.put(fd, s.withCloexec((a.cInt(2) & FD_CLOEXEC) != 0));
    }

    /** ioctl FIOCLEX and FIONCLEX (fs/ioctl.c do_vfs_ioctl). */
    private void ioctl(Table t, SyscallArgs a) {
        int cmd = a.cInt(1);
        if (cmd != FIOCLEX && cmd != FIONCLEX) return;
        Slot s = t.slots.get(a.cInt(0));
        if (s != null) t.slots.put(a.cInt(0), s.withCloexec(cmd == FIOCLEX));
    }

    /** close_range(2) (fs/file.c __close_range): close, or with CLOSE_RANGE_CLOEXEC mark, every fd in [first, last]. */
    private void closeRange(int pid, Table t, SyscallArgs a) {
        long first = a.cUint(0), last = a.cUint(1);
        int flags = a.cInt(2);
        if (first > last || first > Integer.MAX_VALUE) return;
        if ((flags & CLOSE_RANGE_UNSHARE) != 0) t = unshare(pid, t);
        SortedMap<Integer, Slot> range = t.slots.subMap((int) first, true, (int) Math.min(last, Integer.MAX_VALUE), true);
        if ((flags & CLOSE_RANGE_CLOEXEC) != 0) range.replaceAll((fd, s) -> s.withCloexec(true));
        else range.clear();
    }

    /**
     * The descriptors an SCM_RIGHTS control message brought (net/core/scm.c
     * scm_detach_fds), read from the struct msghdr at {@code msg}: msg_control at 32,
     * msg_controllen at 40 (the kernel has set it to what it wrote).
     */
    private void received(Table t, int tid, TraceeMemory m, long msg, boolean cloexec) {
        byte[] h = m.read(msg, 56);
        if (h == null) return;
        java.nio.ByteBuffer hb = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.nativeOrder());
        long control = hb.getLong(32), len = hb.getLong(40);
        if (control == 0 || len < 16 || len > 1 << 20) return;
        byte[] c = m.read(control, (int) len);
        if (c == null) return;
        for (int fd : rights(c)) {
            Slot s = describe(tid, fd, cloexec);
            if (s != null) t.slots.put(fd, s);
        }
    }

    /** The descriptors of every SOL_SOCKET/SCM_RIGHTS cmsghdr (include/linux/socket.h: 16-byte header, CMSG_ALIGN 8). */
    static List<Integer> rights(byte[] c) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(c).order(java.nio.ByteOrder.nativeOrder());
        List<Integer> fds = new ArrayList<>();
        for (int at = 0; at + 16 <= c.length; ) {
            long cmsgLen = b.getLong(at);
            if (cmsgLen < 16 || cmsgLen > c.length - at) break;
            if (b.getInt(at + 8) == SOL_SOCKET && b.getInt(at + 12) == SCM_RIGHTS) {
                for (int k = at + 16; k + 4 <= at + cmsgLen; k += 4) fds.add(b.getInt(k));
            }
            at += (int) ((cmsgLen + 7) & ~7L);
        }
        return fds;
    }
}
