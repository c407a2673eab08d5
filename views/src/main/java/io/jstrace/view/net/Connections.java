package io.jstrace.view.net;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.IoBlindSpot;
import io.jstrace.core.NewChild;
import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import io.jstrace.core.ProcessInfo;
import io.jstrace.core.SignalExit;
import io.jstrace.core.Sockets;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import io.jstrace.view.dns.DnsAnswers;
import io.jstrace.syscalls.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The net view's state table, fed by a traced session: every inet and unix socket the
 * tracees hold, by inode, with the descriptors (in every process) that refer to it, and
 * its connections: one for a stream socket, one per peer for a datagram socket. Sockets
 * are learnt from socket, socketpair, connect, accept, listen and SCM_RIGHTS, or found
 * when first used; duplicates from dup, fcntl, fork and SCM_RIGHTS count as references,
 * and a socket ends when its last reference is closed (close, dup2 over it, close_range,
 * close-on-exec) or the last process holding it ends. Bytes come from the payload
 * lengths (the syscalls' return values). Touched only by the tracing thread.
 */
final class Connections implements TraceListener {
    /** The syscalls the view must see (enter and exit); the fd table's and payloads' stop anyway. */
    static final Set<String> SYSCALLS = Set.of("socket", "socketpair", "connect", "accept", "accept4", "listen",
            "shutdown", "getsockopt", "close", "close_range", "dup", "dup2", "dup3", "fcntl", "sendto", "recvfrom",
            "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "read", "write", "readv", "writev", "clone", "clone3", "fork",
            "vfork");

    private static final int SOL_SOCKET = 1, SO_ERROR = 4, SCM_RIGHTS = 1;
    private static final int F_DUPFD = 0, F_DUPFD_CLOEXEC = 1030, CLOSE_RANGE_CLOEXEC = 4;
    private static final int EINPROGRESS = 115, EALREADY = 114, EISCONN = 106, EINTR = 4;
    private static final int MSGHDR_SIZE = 56, MMSGHDR_SIZE = 64;
    private static final long CLONE_THREAD = 0x10000;

    /** One socket, shared by every descriptor that refers to it. */
    static final class Sock {
        final long inode;
        final int family, type, protocol;
        int refs;
        /**
         * Descriptors of it sent with SCM_RIGHTS less those received: a positive count keeps
         * it open (in flight); it may dip below 0 when a receive is seen before its send.
         */
        int inFlight;
        boolean listening;
        /** A stream socket's (or socketpair end's) one connection. */
        Conn conn;
        /** A datagram socket's flows, by peer ({@code null}: an unnamed or unknown peer). */
        final Map<OpenFile.Address, Conn> flows = new LinkedHashMap<>();

        Sock(long inode, int family, int type, int protocol) {
            this.inode = inode;
            this.family = family;
            this.type = type;
            this.protocol = protocol;
        }

        boolean stream() {
            return type != OpenFile.Socket.SOCK_DGRAM;
        }

        List<Conn> conns() {
            List<Conn> all = new ArrayList<>(flows.values());
            if (conn != null) all.add(0, conn);
            return all;
        }
    }

    /** One connection: a stream, or a datagram flow with one peer. */
    static final class Conn {
        final Sock sock;
        final int pid, tid, fd;
        final long openTs;
        NetEvent.Direction direction;
        OpenFile.Address local, remote;
        long peerInode;
        String state, error, errno;
        long connectStart;
        Double connectMs;
        boolean pending, opened;
        long tx, rx, txCalls, rxCalls;
        boolean ioUring;

        Conn(Sock sock, int pid, int tid, int fd, long openTs, NetEvent.Direction direction) {
            this.sock = sock;
            this.pid = pid;
            this.tid = tid;
            this.fd = fd;
            this.openTs = openTs;
            this.direction = direction;
        }
    }

    /** What is known of a process. */
    static final class Proc {
        String comm;
        int uid = -1;
        String user;
        boolean ioUring;
    }

    private final NetSettings settings;
    private final Consumer<NetEvent> sink;
    private final Map<Long, Sock> socks = new HashMap<>();
    /** Every reference: pid → fd → socket inode. */
    private final Map<Integer, Map<Integer, Long>> refs = new HashMap<>();
    private final Map<Integer, Proc> procs = new HashMap<>();
    /** Each thread's last syscall exit: the call a payload that follows belongs to. */
    private final Map<Integer, SyscallExit> lastExit = new HashMap<>();
    private final Users users = new Users();
    /** What each process's own DNS answers named: the remote addresses' {@code dns_name}. */
    private final DnsAnswers answers = new DnsAnswers();

    Connections(NetSettings settings, Consumer<NetEvent> sink) {
        this.settings = settings;
        this.sink = sink;
    }

    // ---- processes

    private Proc proc(int pid, Tracee t) {
        Proc p = procs.get(pid);
        if (p == null) {
            p = new Proc();
            procs.put(pid, p);
            fill(p, pid, t);
        }
        return p;
    }

    private void fill(Proc p, int pid, Tracee t) {
        p.comm = t == null ? null : t.host().comm();
        if (settings.user()) {
            ProcessInfo info = ProcessInfo.read(pid).orElse(null);
            if (info != null) {
                if (p.comm == null) p.comm = info.comm();
                p.uid = info.uid();
                p.user = users.name(p.uid);
            }
        }
    }

    /**
     * A new process copies its parent's references, at whichever is seen first: the
     * child's first stop (before it runs) or the parent's fork syscall exit (before the
     * parent runs on and closes its copies).
     */
    @Override
    public void onNewChild(NewChild child, Tracee tracee) {
        if (child.childPid() != child.childTid()) return;
        int parent = child.pid() != child.childPid() ? child.pid()
                : ProcessInfo.read(child.childPid()).map(ProcessInfo::ppid).orElse(0);
        forked(parent, child.childPid(), tracee);
    }

    private void forked(int parent, int child, Tracee tracee) {
        Map<Integer, Long> theirs = refs.get(parent);
        if (theirs == null || refs.containsKey(child)) return;
        Map<Integer, Long> mine = new HashMap<>(theirs);
        refs.put(child, mine);
        for (long inode : mine.values()) {
            Sock s = socks.get(inode);
            if (s != null) s.refs++;
        }
        Proc pp = procs.get(parent);
        if (pp != null && pp.ioUring) {
            Proc p = new Proc();
            p.comm = pp.comm;
            p.uid = pp.uid;
            p.user = pp.user;
            p.ioUring = true;
            procs.putIfAbsent(child, p);
        }
    }

    /** The close-on-exec descriptors are gone (the fd table has dropped them already); the name changed. */
    @Override
    public void onExec(Exec exec, Tracee tracee) {
        answers.onExec(exec, tracee);
        Proc p = procs.get(exec.pid());
        if (p != null) fill(p, exec.pid(), tracee);
        Map<Integer, Long> mine = refs.get(exec.pid());
        if (mine == null) return;
        for (Map.Entry<Integer, Long> e : List.copyOf(mine.entrySet())) {
            if (!(tracee.fds().get(e.getKey()) instanceof OpenFile.Socket s && s.inode() == e.getValue())) {
                unref(exec.pid(), e.getKey(), exec.timestamp(), "exec", false);
            }
        }
    }

    @Override
    public void onExit(Exit exit, Tracee tracee) {
        if (exit.pid() == exit.tid()) gone(exit.pid(), exit.timestamp(), "exit", false);
        lastExit.remove(exit.tid());
        answers.onExit(exit, tracee);
    }

    @Override
    public void onSignalExit(SignalExit exit, Tracee tracee) {
        if (exit.pid() == exit.tid()) gone(exit.pid(), exit.timestamp(), "exit", false);
        lastExit.remove(exit.tid());
        answers.onSignalExit(exit, tracee);
    }

    /** Tracing ends while the process runs on: its connections are reported as they are now. */
    @Override
    public void onDetach(int pid, int tid, SyscallEnter inSyscall) {
        if (pid == tid) gone(pid, System.currentTimeMillis() * 1_000_000L, "detach", true);
        answers.onDetach(pid, tid, inSyscall);
    }

    private void gone(int pid, long now, String reason, boolean alive) {
        Map<Integer, Long> mine = refs.get(pid);
        if (mine != null) {
            for (int fd : List.copyOf(mine.keySet())) unref(pid, fd, now, reason, alive);
        }
        refs.remove(pid);
        procs.remove(pid);
    }

    @Override
    public void onBlindSpot(IoBlindSpot spot, Tracee tracee) {
        Proc p = proc(spot.pid(), tracee);
        p.ioUring = true;
        Map<Integer, Long> mine = refs.get(spot.pid());
        if (mine != null) {
            for (long inode : mine.values()) {
                Sock s = socks.get(inode);
                if (s != null) for (Conn c : s.conns()) c.ioUring = true;
            }
        }
        sink.accept(new NetEvent(NetEvent.Kind.BLIND_SPOT, spot.timestamp(), spot.pid(), spot.tid(), p.comm, p.uid,
                p.user, spot.fd(), 0, null, null, null, null, null, 0, null, null, null, null, null, null, 0, 0, 0, 0,
                null, null, true, null, spot.syscall() + ": " + spot.reason()));
    }

    // ---- references

    /** The socket {@code fd} of {@code pid} refers to, learnt from the fd table when new; {@code null} if none of ours. */
    private Sock track(int pid, int fd, Tracee t) {
        Map<Integer, Long> mine = refs.get(pid);
        Long known = mine == null ? null : mine.get(fd);
        if (known != null) {
            Sock s = socks.get(known);
            if (s != null) return s;
        }
        if (!(t.fds().get(fd) instanceof OpenFile.Socket f) || !interesting(f)) return null;
        Sock s = socks.computeIfAbsent(f.inode(), i -> new Sock(i, f.family(), f.type(), f.protocol()));
        addRef(pid, fd, s);
        return s;
    }

    private static boolean interesting(OpenFile.Socket f) {
        return f.family() == OpenFile.Socket.AF_INET || f.family() == OpenFile.Socket.AF_INET6
                || f.family() == OpenFile.Socket.AF_UNIX;
    }

    private void addRef(int pid, int fd, Sock s) {
        Long before = refs.computeIfAbsent(pid, p -> new HashMap<>()).put(fd, s.inode);
        if (before != null && before == s.inode) return;
        s.refs++;
        if (before != null) {
            Sock old = socks.get(before);
            if (old != null && --old.refs <= 0) ended(old, System.currentTimeMillis() * 1_000_000L, "close", false);
        }
    }

    /** {@code fd} of {@code pid} no longer refers to its socket; the socket ends with its last reference. */
    private void unref(int pid, int fd, long now, String reason, boolean alive) {
        Map<Integer, Long> mine = refs.get(pid);
        Long inode = mine == null ? null : mine.remove(fd);
        if (inode == null) return;
        Sock s = socks.get(inode);
        if (s != null && --s.refs <= 0 && s.inFlight <= 0) ended(s, now, reason, alive);
    }

    /** The socket's last reference is gone (or going: {@code alive}, its counters still readable). */
    private void ended(Sock s, long now, String reason, boolean alive) {
        socks.remove(s.inode);
        Sockets.TcpInfo info = null;
        boolean tcp = s.family != OpenFile.Socket.AF_UNIX && s.type == OpenFile.Socket.SOCK_STREAM;
        if (alive && tcp && settings.tcpInfo() && (s.conn != null && !s.listening)) {
            info = Sockets.tcpInfo(s.family, s.inode);
        }
        for (Conn c : s.conns()) {
            if (c.pending) {
                c.pending = false;
                if (info != null && (info.state().equals("ESTABLISHED") || info.state().equals("CLOSE_WAIT"))) {
                    c.state = "ESTABLISHED";
                } else {
                    c.state = "FAILED";
                    c.error = "not connected";
                }
            }
            if (!c.opened) open(c, now);
            NetEvent.Tcp t = info == null ? null
                    : new NetEvent.Tcp(info.state(), info.bytesAcked(), info.bytesReceived(), info.retransmits(),
                            info.rttUs());
            String state = info != null ? info.state() : c.state;
            emit(c, NetEvent.Kind.CLOSE, now, state, (now - c.openTs) / 1e6, t, reason, null);
        }
    }

    // ---- syscalls

    @Override
    public void onSyscallEnter(SyscallEnter e, Tracee t) {
        switch (e.name()) {
            case "close" -> {
                if (refs.containsKey(e.pid())) unref(e.pid(), e.args().cInt(0), e.timestamp(), "close", true);
            }
            case "dup2", "dup3" -> {
                int from = e.args().cInt(0), to = e.args().cInt(1);
                if (from != to && refs.containsKey(e.pid())) unref(e.pid(), to, e.timestamp(), "close", true);
            }
            default -> {}
        }
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee t) {
        answers.onSyscallExit(x, t);
        SyscallEnter e = x.enter();
        lastExit.put(x.tid(), x);
        long rv = x.returnValue();
        SyscallArgs a = e.args();
        int pid = x.pid();
        switch (e.name()) {
            case "socket" -> {
                if (rv >= 0) track(pid, (int) rv, t);
            }
            case "fork", "vfork" -> {
                if (rv > 0) forked(pid, (int) rv, t);
            }
            case "clone", "clone3" -> {
                if (rv > 0 && (cloneFlags(e, t) & CLONE_THREAD) == 0) forked(pid, (int) rv, t);
            }
            case "socketpair" -> {
                if (rv == 0) socketpair(x, t);
            }
            case "connect" -> connected(x, t);
            case "accept", "accept4" -> {
                if (rv >= 0) accepted(x, t);
            }
            case "listen" -> {
                if (rv == 0) listening(x, t);
            }
            case "getsockopt" -> {
                if (rv == 0 && a.cInt(1) == SOL_SOCKET && a.cInt(2) == SO_ERROR) soError(x, t);
            }
            case "shutdown" -> {
                if (rv == 0) shutdown(x, t);
            }
            case "dup", "dup2", "dup3" -> {
                if (rv >= 0) duplicated(pid, a.cInt(0), (int) rv, t);
            }
            case "fcntl" -> {
                int cmd = a.cInt(1);
                if (rv >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) duplicated(pid, a.cInt(0), (int) rv, t);
            }
            case "close_range" -> {
                if (rv == 0 && (a.cInt(2) & CLOSE_RANGE_CLOEXEC) == 0) closeRange(pid, a.cUint(0), a.cUint(1), x);
            }
            case "recvmsg", "sendmsg" -> {
                if (rv >= 0) rights(pid, t, a.pointer(1), e.name().equals("sendmsg"));
                failedIo(x, t);
            }
            case "recvmmsg", "sendmmsg" -> {
                for (int k = 0; k < rv; k++) {
                    rights(pid, t, a.pointer(1) + (long) MMSGHDR_SIZE * k, e.name().equals("sendmmsg"));
                }
                failedIo(x, t);
            }
            default -> failedIo(x, t);
        }
    }

    /** clone's flags, or clone3's (struct clone_args: flags first). */
    private static long cloneFlags(SyscallEnter e, Tracee t) {
        if (e.name().equals("clone")) return e.args().raw(0);
        byte[] b = t.memory().read(e.args().pointer(0), 8);
        return b == null || b.length < 8 ? 0 : ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong();
    }

    private void duplicated(int pid, int from, int to, Tracee t) {
        if (from == to) return;
        Map<Integer, Long> mine = refs.get(pid);
        Long inode = mine == null ? null : mine.get(from);
        Sock s = inode == null ? null : socks.get(inode);
        if (s != null) addRef(pid, to, s);
        else track(pid, to, t);
    }

    private void closeRange(int pid, long first, long last, SyscallExit x) {
        Map<Integer, Long> mine = refs.get(pid);
        if (mine == null) return;
        for (int fd : List.copyOf(mine.keySet())) {
            if (fd >= first && fd <= last) unref(pid, fd, x.timestamp(), "close", false);
        }
    }

    /**
     * The descriptors an SCM_RIGHTS control message carried, at the struct msghdr at
     * {@code msg}: sent ones are in flight (they keep their socket open), received ones
     * are new references.
     */
    private void rights(int pid, Tracee t, long msg, boolean sent) {
        TraceeMemory m = t.memory();
        byte[] h = m.read(msg, MSGHDR_SIZE);
        if (h == null || h.length < MSGHDR_SIZE) return;
        ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.nativeOrder());
        long control = hb.getLong(32), len = hb.getLong(40);
        if (control == 0 || len < 16 || len > 1 << 16) return;
        byte[] c = m.read(control, (int) len);
        if (c == null) return;
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.nativeOrder());
        for (int at = 0; at + 16 <= c.length; ) {
            long cmsgLen = b.getLong(at);
            if (cmsgLen < 16 || cmsgLen > c.length - at) break;
            if (b.getInt(at + 8) == SOL_SOCKET && b.getInt(at + 12) == SCM_RIGHTS) {
                for (int k = at + 16; k + 4 <= at + cmsgLen; k += 4) {
                    Sock s = track(pid, b.getInt(k), t);
                    if (s == null) continue;
                    // signed: the receiver's stop may be seen before the sender's
                    if (sent) s.inFlight++;
                    else s.inFlight--;
                }
            }
            at += (int) ((cmsgLen + 7) & ~7L);
        }
    }

    private void socketpair(SyscallExit x, Tracee t) {
        byte[] b = t.memory().read(x.enter().args().pointer(3), 8);
        if (b == null || b.length < 8) return;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        for (int k = 0; k < 2; k++) {
            int fd = bb.getInt(4 * k);
            Sock s = track(x.pid(), fd, t);
            if (s == null) continue;
            OpenFile.Socket f = (OpenFile.Socket) t.fds().get(fd);
            Conn c = new Conn(s, x.pid(), x.tid(), fd, x.timestamp(), NetEvent.Direction.UNKNOWN);
            c.state = "ESTABLISHED";
            c.peerInode = f.peerInode();
            c.connectMs = null;
            proc(x.pid(), t);
            attach(s, c, null);
            open(c, x.timestamp());
        }
    }

    private void attach(Sock s, Conn c, OpenFile.Address peer) {
        Proc p = procs.get(c.pid);
        c.ioUring = p != null && p.ioUring;
        if (s.stream()) s.conn = c;
        else s.flows.put(peer, c);
    }

    /** connect(2)'s outcome: established, failed, or in progress (a non-blocking connect). */
    private void connected(SyscallExit x, Tracee t) {
        int fd = x.enter().args().cInt(0);
        long rv = x.returnValue();
        int errno = rv < 0 && rv >= -4095 ? (int) -rv : 0;
        Sock s = track(x.pid(), fd, t);
        if (s == null) return;
        OpenFile.Address target = Addresses.read(t.memory(), x.enter().args().pointer(1), x.enter().args().cInt(2));
        Conn c = s.stream() ? s.conn : s.flows.get(target);
        if (c != null && c.pending) {
            // a repeated connect on a non-blocking socket
            if (errno == EALREADY || errno == EINPROGRESS || errno == EINTR) return;
            settle(c, x.timestamp(), errno == EISCONN ? 0 : errno, x.enter().name());
            return;
        }
        if (c != null && errno == EISCONN) return;
        if (errno == EINTR && c == null) return;
        if (!s.stream() && target == null) return; // AF_UNSPEC: a datagram socket dissolves its association
        OpenFile.Socket f = t.fds().get(fd) instanceof OpenFile.Socket sf ? sf : null;
        c = new Conn(s, x.pid(), x.tid(), fd, x.enter().timestamp(), NetEvent.Direction.OUT);
        c.connectStart = x.enter().timestamp();
        c.remote = target != null ? target : f == null ? null : f.peer();
        c.local = f == null ? null : f.local();
        attach(s, c, c.remote);
        proc(x.pid(), t);
        if (errno == EINPROGRESS) {
            c.pending = true;
            c.state = "SYN_SENT";
            emit(c, NetEvent.Kind.STATE, x.timestamp(), "SYN_SENT", null, null, null, "connect");
            return;
        }
        settle(c, x.timestamp(), errno, null);
    }

    /** A connection's outcome is known: {@code errno} 0 for established. */
    private void settle(Conn c, long now, int errno, String how) {
        boolean wasPending = c.pending;
        c.pending = false;
        c.connectMs = (now - c.connectStart) / 1e6;
        if (errno == 0) {
            c.state = "ESTABLISHED";
        } else {
            c.state = "FAILED";
            c.errno = Errno.of(errno).name();
            c.error = word(c.errno);
        }
        if (wasPending) emit(c, NetEvent.Kind.STATE, now, c.state, null, null, null, how);
        open(c, now);
    }

    /** A common errno as a word: {@code refused}, {@code timed out}, {@code reset}... */
    static String word(String errno) {
        return switch (errno) {
            case "ECONNREFUSED" -> "refused";
            case "ETIMEDOUT" -> "timed out";
            case "ECONNRESET" -> "reset";
            case "ECONNABORTED" -> "aborted";
            case "EPIPE" -> "broken pipe";
            case "ENETUNREACH", "EHOSTUNREACH" -> "unreachable";
            case "ENOENT" -> "no such socket";
            case "EACCES", "EPERM" -> "denied";
            case "EADDRNOTAVAIL" -> "address not available";
            case "EAGAIN" -> "backlog full";
            default -> errno.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private void accepted(SyscallExit x, Tracee t) {
        int fd = (int) x.returnValue();
        Sock s = track(x.pid(), fd, t);
        if (s == null) return;
        OpenFile.Socket f = (OpenFile.Socket) t.fds().get(fd);
        Conn c = new Conn(s, x.pid(), x.tid(), fd, x.timestamp(), NetEvent.Direction.IN);
        c.state = "ESTABLISHED";
        c.local = f.local();
        c.remote = f.peer();
        c.peerInode = f.peerInode();
        attach(s, c, c.remote);
        proc(x.pid(), t);
        open(c, x.timestamp());
    }

    private void listening(SyscallExit x, Tracee t) {
        int fd = x.enter().args().cInt(0);
        Sock s = track(x.pid(), fd, t);
        if (s == null || s.listening) return;
        s.listening = true;
        OpenFile.Socket f = (OpenFile.Socket) t.fds().get(fd);
        Conn c = new Conn(s, x.pid(), x.tid(), fd, x.timestamp(), NetEvent.Direction.LISTEN);
        c.state = "LISTEN";
        c.local = f.local();
        proc(x.pid(), t);
        s.conn = c;
        c.opened = true;
        emit(c, NetEvent.Kind.LISTEN, x.timestamp(), "LISTEN", null, null, null, null);
    }

    private void soError(SyscallExit x, Tracee t) {
        SyscallArgs a = x.enter().args();
        Sock s = track(x.pid(), a.cInt(0), t);
        if (s == null || s.conn == null || !s.conn.pending) return;
        int err = Addresses.readInt(t.memory(), a.pointer(3));
        if (err < 0) return;
        settle(s.conn, x.timestamp(), err, "getsockopt");
    }

    private void shutdown(SyscallExit x, Tracee t) {
        Sock s = track(x.pid(), x.enter().args().cInt(0), t);
        if (s == null || s.conn == null) return;
        int how = x.enter().args().cInt(1);
        String state = how == 0 ? "SHUTDOWN_RD" : how == 1 ? "SHUTDOWN_WR" : "SHUTDOWN";
        Conn c = s.conn;
        if (c.state != null && c.state.startsWith("SHUTDOWN") && !c.state.equals(state)) state = "SHUTDOWN";
        c.state = state;
        emit(c, NetEvent.Kind.STATE, x.timestamp(), state, null, null, null, "shutdown");
    }

    /** A transfer that failed with a connection error: the connection's error (a reset, a refusal seen late). */
    private void failedIo(SyscallExit x, Tracee t) {
        if (!x.failed() || !isTransfer(x.enter().name())) return;
        String errno = x.errno().name();
        if (!errno.equals("ECONNRESET") && !errno.equals("ECONNREFUSED") && !errno.equals("EPIPE")
                && !errno.equals("ETIMEDOUT") && !errno.equals("ECONNABORTED")) return;
        Map<Integer, Long> mine = refs.get(x.pid());
        Long inode = mine == null ? null : mine.get(x.enter().args().cInt(0));
        Sock s = inode == null ? null : socks.get(inode);
        if (s == null) return;
        Conn c = s.stream() ? s.conn : s.flows.size() == 1 ? s.flows.values().iterator().next() : null;
        if (c == null) return;
        if (c.pending) {
            settle(c, x.timestamp(), (int) -x.returnValue(), x.enter().name());
            return;
        }
        if (c.error != null) return;
        c.errno = errno;
        c.error = word(errno);
        if (errno.equals("ECONNRESET")) c.state = "RESET";
        emit(c, NetEvent.Kind.STATE, x.timestamp(), c.state, null, null, null, x.enter().name());
    }

    private static boolean isTransfer(String name) {
        return switch (name) {
            case "read", "write", "readv", "writev", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
                    "recvmmsg" -> true;
            default -> false;
        };
    }

    // ---- payloads: the byte counts

    @Override
    public void onPayload(Payload p, Tracee t) {
        answers.onPayload(p, t);
        if (!(p.file() instanceof OpenFile.Socket f) || !interesting(f)) return;
        Sock s = track(p.pid(), p.fd(), t);
        if (s == null || s.listening) return;
        boolean write = p.direction() == Payload.Direction.WRITE;
        Conn c;
        if (s.stream()) {
            c = s.conn;
            if (c == null) {
                c = new Conn(s, p.pid(), p.tid(), p.fd(), p.timestamp(), NetEvent.Direction.UNKNOWN);
                c.state = "ESTABLISHED";
                c.local = f.local();
                c.remote = f.peer();
                c.peerInode = f.peerInode();
                attach(s, c, null);
                proc(p.pid(), t);
                open(c, p.timestamp());
            }
        } else {
            OpenFile.Address peer = datagramPeer(p, t);
            if (peer == null) peer = f.peer();
            c = s.flows.get(peer);
            if (c == null) {
                c = new Conn(s, p.pid(), p.tid(), p.fd(), p.timestamp(),
                        write ? NetEvent.Direction.OUT : NetEvent.Direction.IN);
                c.state = "ESTABLISHED";
                c.local = f.local();
                c.remote = peer;
                c.peerInode = f.peerInode();
                attach(s, c, peer);
                proc(p.pid(), t);
                open(c, p.timestamp());
            }
        }
        if (c.pending) settle(c, p.timestamp(), 0, p.syscall());
        if (c.local == null) c.local = f.local();
        if (write) {
            c.tx += p.length();
            c.txCalls++;
        } else {
            c.rx += p.length();
            c.rxCalls++;
        }
    }

    /** The address a datagram went to or came from, as the call that moved it carried it; {@code null} if none. */
    private OpenFile.Address datagramPeer(Payload p, Tracee t) {
        SyscallExit x = lastExit.get(p.tid());
        if (x == null || !x.enter().name().equals(p.syscall())) return null;
        SyscallArgs a = x.enter().args();
        TraceeMemory m = t.memory();
        return switch (p.syscall()) {
            case "sendto" -> Addresses.read(m, a.pointer(4), a.cInt(5));
            case "recvfrom" -> Addresses.read(m, a.pointer(4), Addresses.readInt(m, a.pointer(5)));
            case "sendmsg", "recvmsg" -> messageName(m, a.pointer(1));
            case "sendmmsg", "recvmmsg" -> messageName(m, a.pointer(1) + (long) MMSGHDR_SIZE * p.message());
            default -> null;
        };
    }

    /** struct msghdr: msg_name at 0, msg_namelen at 8 (set by the kernel on receive). */
    private static OpenFile.Address messageName(TraceeMemory m, long msg) {
        byte[] h = m.read(msg, 16);
        if (h == null || h.length < 16) return null;
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.nativeOrder());
        return Addresses.read(m, b.getLong(0), b.getInt(8));
    }

    // ---- events

    private void open(Conn c, long now) {
        c.opened = true;
        emit(c, NetEvent.Kind.OPEN, now, c.state, null, null, null, null);
    }

    private void emit(Conn c, NetEvent.Kind kind, long now, String state, Double durationMs, NetEvent.Tcp tcp,
            String closeReason, String detail) {
        Proc p = procs.get(c.pid);
        Sock s = c.sock;
        sink.accept(new NetEvent(kind, now, c.pid, c.tid, p == null ? null : p.comm, p == null ? -1 : p.uid,
                p == null ? null : p.user, c.fd, s.inode, proto(s), family(s.family), type(s.type),
                Addresses.text(c.local), Addresses.text(c.remote), c.peerInode, c.direction, state, c.error,
                c.errno, c.connectMs, durationMs, c.tx, c.rx, c.txCalls, c.rxCalls, tcp, closeReason,
                c.ioUring || (p != null && p.ioUring),
                c.remote == null ? null : answers.name(c.pid, c.remote.bytes()), detail));
    }

    static String proto(Sock s) {
        if (s.family == OpenFile.Socket.AF_UNIX) return "unix";
        int p = s.protocol;
        if (s.type == OpenFile.Socket.SOCK_STREAM) return p == 262 ? "mptcp" : "tcp";
        if (s.type == OpenFile.Socket.SOCK_DGRAM) {
            return switch (p) {
                case 136 -> "udplite";
                case 1, 58 -> "icmp";
                default -> "udp";
            };
        }
        if (s.type == OpenFile.Socket.SOCK_RAW) return "raw";
        return "sctp";
    }

    static String family(int f) {
        return f == OpenFile.Socket.AF_INET ? "inet" : f == OpenFile.Socket.AF_INET6 ? "inet6" : "unix";
    }

    static String type(int t) {
        return switch (t) {
            case OpenFile.Socket.SOCK_STREAM -> "stream";
            case OpenFile.Socket.SOCK_DGRAM -> "dgram";
            case OpenFile.Socket.SOCK_SEQPACKET -> "seqpacket";
            case OpenFile.Socket.SOCK_RAW -> "raw";
            default -> Integer.toString(t);
        };
    }
}
