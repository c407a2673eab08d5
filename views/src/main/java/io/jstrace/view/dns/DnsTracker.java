package io.jstrace.view.dns;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The dns view's state table, fed by a traced session's payloads: the DNS sockets of every
 * traced process (by socket inode), the queries in flight on each, keyed by
 * (server, id, name, type) within the socket, and a TCP socket's two byte streams,
 * reassembled into messages by their 2-byte length prefix across short reads and writes.
 * A response ends its query's exchange; a socket's last close or its process's end ends
 * the exchanges still open, as timeouts.
 */
final class DnsTracker implements TraceListener {
    /** The syscalls whose exits the tracker reads: the send calls' entry times, the addresses of unconnected sockets, closes. */
    static final Set<String> SYSCALLS = Set.of("sendto", "sendmsg", "sendmmsg", "send", "write", "writev",
            "recvfrom", "recvmsg", "recvmmsg", "read", "readv", "close");
    private static final int MSGHDR = 56, MMSGHDR = 64, MAX_TCP_BUFFER = 1 << 20;

    private final Set<Integer> ports;
    private final Consumer<DnsEvent> sink;
    /** The last selected syscall's exit, by tid: what its payloads need of it. */
    private final Map<Integer, Call> lastCall = new HashMap<>();
    private final Map<Long, Sock> sockets = new HashMap<>();
    /** (pid, fd) → socket inode, for closes. */
    private final Map<Long, Long> fdInodes = new HashMap<>();
    private final Map<Integer, String> comms = new HashMap<>();
    private final Lookups lookups = new Lookups();

    DnsTracker(Set<Integer> ports, Consumer<DnsEvent> sink) {
        this.ports = Set.copyOf(ports);
        this.sink = sink;
    }

    /** A syscall's exit: its name, when it was entered, and for each message the address it named (or null). */
    private record Call(String name, long enterTimestamp, List<OpenFile.Address> addresses) {}

    /** A query in flight. */
    private static final class Pending {
        final DnsMessage message;
        final long sent;
        final int pid, tid, fd;
        final String syscall;
        final long lookup;
        int retries;

        Pending(DnsMessage message, long sent, int pid, int tid, int fd, String syscall, long lookup) {
            this.message = message;
            this.sent = sent;
            this.pid = pid;
            this.tid = tid;
            this.fd = fd;
            this.syscall = syscall;
            this.lookup = lookup;
        }
    }

    private record Key(String server, int id, String name, String type) {}

    /** One DNS socket. */
    private static final class Sock {
        final long inode;
        final boolean tcp;
        int pid, fd;
        final Map<Key, Pending> pending = new LinkedHashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(), in = new ByteArrayOutputStream();
        boolean outBroken, inBroken;
        /** A request to nscd waiting for its answer, and who sent it. */
        Nscd nscd;
        Pending nscdSent;

        Sock(long inode, boolean tcp) {
            this.inode = inode;
            this.tcp = tcp;
        }
    }

    @Override
    public void onSyscallExit(SyscallExit exit, Tracee tracee) {
        String name = exit.enter().name();
        if (name.equals("close")) {
            if (!exit.failed()) closed(exit.pid(), exit.enter().args().cInt(0), exit.timestamp());
            return;
        }
        if (exit.failed()) return;
        List<OpenFile.Address> addresses = List.of();
        long rv = exit.returnValue();
        var a = exit.enter().args();
        TraceeMemory m = tracee.memory();
        switch (name) {
            case "sendto", "recvfrom" -> {
                long addr = a.pointer(4);
                if (addr != 0) { // struct layouts of LP64 (x86_64, aarch64)
                    int len = name.equals("sendto") ? a.cInt(5) : readInt(m, a.pointer(5));
                    addresses = single(sockaddr(m, addr, len));
                }
            }
            case "sendmsg", "recvmsg" -> addresses = single(msgName(m, a.pointer(1)));
            case "sendmmsg", "recvmmsg" -> {
                List<OpenFile.Address> list = new ArrayList<>();
                for (int i = 0; i < Math.min(rv, 1024); i++) list.add(msgName(m, a.pointer(1) + (long) i * MMSGHDR));
                addresses = list;
            }
            default -> { }
        }
        lastCall.put(exit.tid(), new Call(name, exit.enter().timestamp(), addresses));
    }

    private static List<OpenFile.Address> single(OpenFile.Address a) {
        List<OpenFile.Address> l = new ArrayList<>(1);
        l.add(a);
        return l;
    }

    /** A struct msghdr's msg_name (after the call: its msg_namelen is what the kernel wrote for a receive). */
    private static OpenFile.Address msgName(TraceeMemory m, long msghdr) {
        byte[] h = m.read(msghdr, 12);
        if (h == null) return null;
        long name = 0;
        for (int i = 7; i >= 0; i--) name = name << 8 | (h[i] & 0xff);
        int len = (h[8] & 0xff) | (h[9] & 0xff) << 8 | (h[10] & 0xff) << 16 | (h[11] & 0xff) << 24;
        return name == 0 ? null : sockaddr(m, name, len);
    }

    private static int readInt(TraceeMemory m, long addr) {
        if (addr == 0) return 0;
        byte[] b = m.read(addr, 4);
        return b == null ? 0 : (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** An AF_INET or AF_INET6 sockaddr, or {@code null}. */
    static OpenFile.Address sockaddr(TraceeMemory m, long addr, int len) {
        if (addr == 0 || len < 8) return null;
        byte[] b = m.read(addr, Math.min(len, 28));
        return b == null ? null : sockaddr(b);
    }

    static OpenFile.Address sockaddr(byte[] b) {
        int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        int port = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        if (family == OpenFile.Socket.AF_INET && b.length >= 8) {
            return new OpenFile.Address(java.util.Arrays.copyOfRange(b, 4, 8), port);
        }
        if (family == OpenFile.Socket.AF_INET6 && b.length >= 24) {
            return new OpenFile.Address(java.util.Arrays.copyOfRange(b, 8, 24), port);
        }
        return null;
    }

    @Override
    public void onPayload(Payload p, Tracee tracee) {
        if (!(p.file() instanceof OpenFile.Socket s)) return;
        if (s.family() == OpenFile.Socket.AF_UNIX) {
            if (isNscd(s)) nscd(s, p);
            return;
        }
        if (s.family() != OpenFile.Socket.AF_INET && s.family() != OpenFile.Socket.AF_INET6) return;
        boolean tcp = s.type() == OpenFile.Socket.SOCK_STREAM;
        if (!tcp && s.type() != OpenFile.Socket.SOCK_DGRAM) return;
        Call call = lastCall.get(p.tid());
        if (call != null && !call.name().equals(p.syscall())) call = null;
        OpenFile.Address server = s.peer();
        if (server == null && !tcp && call != null && p.message() < call.addresses().size()) {
            server = call.addresses().get(p.message());
        }
        String srv = server == null ? null : address(server);
        if (srv == null && !tcp && p.direction() == Payload.Direction.READ) srv = askedServer(s, p);
        if (srv == null || server != null && !ports.contains(server.port())) return;
        Sock sock = socket(s, p, tcp);
        long sent = call != null ? call.enterTimestamp() : p.timestamp();
        if (!tcp) {
            DnsMessage m = DnsParser.parse(p.data());
            if (p.direction() == Payload.Direction.WRITE) query(sock, srv, m, sent, p);
            else response(sock, srv, m, p);
            return;
        }
        boolean write = p.direction() == Payload.Direction.WRITE;
        if (write ? sock.outBroken : sock.inBroken) return;
        if (p.truncated()) { // a gap in the stream: its framing is lost
            if (write) sock.outBroken = true;
            else sock.inBroken = true;
            return;
        }
        ByteArrayOutputStream buf = write ? sock.out : sock.in;
        buf.writeBytes(p.data());
        byte[] all = buf.toByteArray();
        int at = 0;
        while (all.length - at >= 2) {
            int len = (all[at] & 0xff) << 8 | (all[at + 1] & 0xff);
            if (all.length - at - 2 < len) break;
            DnsMessage m = DnsParser.parse(all, at + 2, len);
            if (write) query(sock, srv, m, sent, p);
            else response(sock, srv, m, p);
            at += 2 + len;
        }
        buf.reset();
        if (all.length - at > MAX_TCP_BUFFER) {
            if (write) sock.outBroken = true;
            else sock.inBroken = true;
        } else {
            buf.write(all, at, all.length - at);
        }
    }

    /**
     * The server of the query that a datagram read with no source address (recv, read,
     * recvfrom with a NULL address, on an unconnected socket) answers: the one query in
     * flight on that socket with the response's id, name and type; {@code null} if none.
     */
    private String askedServer(OpenFile.Socket s, Payload p) {
        Sock sock = sockets.get(s.inode() != 0 ? s.inode() : -((long) p.pid() << 32 | (p.fd() & 0xffffffffL)));
        if (sock == null || sock.pending.isEmpty()) return null;
        DnsMessage m = DnsParser.parse(p.data());
        DnsMessage.Question q = m.question();
        if (!m.isResponse() || q == null) return null;
        String name = q.name().toLowerCase(java.util.Locale.ROOT), found = null;
        for (Key k : sock.pending.keySet()) {
            if (k.id() != m.id() || !k.name().equals(name) || !k.type().equals(q.type())) continue;
            if (found != null) return null; // two servers asked the same: which answered is unknown
            found = k.server();
        }
        return found;
    }

    private void query(Sock sock, String server, DnsMessage m, long sent, Payload p) {
        DnsMessage.Question q = m.question();
        if (m.isResponse() || q == null) return;
        Key k = new Key(server, m.id(), q.name().toLowerCase(java.util.Locale.ROOT), q.type());
        Pending old = sock.pending.get(k);
        if (old != null) {
            old.retries++;
            return;
        }
        sock.pending.put(k, new Pending(m, sent, p.pid(), p.tid(), p.fd(), p.syscall(),
                lookups.of(p.pid(), p.tid(), q.name(), q.type())));
    }

    private void response(Sock sock, String server, DnsMessage m, Payload p) {
        if (!m.isResponse()) return;
        DnsMessage.Question q = m.question();
        Pending pd = q == null ? null
                : sock.pending.remove(new Key(server, m.id(), q.name().toLowerCase(java.util.Locale.ROOT), q.type()));
        String proto = sock.tcp ? "tcp" : "udp";
        if (pd == null) {
            sink.accept(new DnsEvent(Instant.ofEpochSecond(0, p.timestamp()), p.pid(), p.tid(), comms.get(p.pid()),
                    p.fd(), proto, server, via(server), m.id(), q == null ? null : q.name(),
                    q == null ? null : q.type(), q == null ? null : q.clazz(), null, m, -1, 0, null, p.syscall(),
                    false, true, 0, null, null));
            return;
        }
        DnsMessage.Question pq = pd.message.question();
        lookups.answered(pd.tid, pd.lookup, pq.name(), pq.type(), m.rcodeName());
        sink.accept(new DnsEvent(Instant.ofEpochSecond(0, pd.sent), pd.pid, pd.tid, comms.get(pd.pid), pd.fd, proto,
                server, via(server), pd.message.id(), pq.name(), pq.type(), pq.clazz(), pd.message, m,
                Math.max(0, p.timestamp() - pd.sent), pd.retries, pd.syscall, p.syscall(), false, false, pd.lookup, null, null));
    }

    /** A stream socket connected to nscd's ({@code /run} is {@code /var/run} on today's systems). */
    private static boolean isNscd(OpenFile.Socket s) {
        if (s.type() != OpenFile.Socket.SOCK_STREAM || s.peer() == null) return false;
        String path = new String(s.peer().bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        return path.equals(Nscd.SOCKET) || path.equals("/run/nscd/socket");
    }

    /** Bytes to or from nscd: a host request, then its answer (one request per connection, as glibc makes them). */
    private void nscd(OpenFile.Socket s, Payload p) {
        Sock sock = socket(s, p, true);
        boolean write = p.direction() == Payload.Direction.WRITE;
        if (p.truncated() || (write ? sock.outBroken : sock.inBroken)) {
            if (write) sock.outBroken = true;
            else sock.inBroken = true;
            return;
        }
        ByteArrayOutputStream buf = write ? sock.out : sock.in;
        buf.writeBytes(p.data());
        if (write) {
            Nscd r = Nscd.request(buf.toByteArray());
            if (r == null) {
                if (buf.size() > Nscd.MAX) sock.outBroken = true;
                return;
            }
            buf.reset();
            if (sock.nscd != null) nscdEvent(sock, null, p.timestamp(), null); // a second request: the first went unanswered
            Call call = lastCall.get(p.tid());
            long sent = call != null && call.name().equals(p.syscall()) ? call.enterTimestamp() : p.timestamp();
            long lookup = r.wantsMapping() ? 0 : lookups.of(p.pid(), p.tid(), r.key(), r.type());
            sock.nscd = r;
            sock.nscdSent = new Pending(null, sent, p.pid(), p.tid(), p.fd(), p.syscall(), lookup);
            return;
        }
        if (sock.nscd == null || buf.size() == 0) return;
        // GETFDHST's answer is the descriptor of the cache's mapping, with a few bytes beside it
        Nscd.Answer a = sock.nscd.wantsMapping() ? new Nscd.Answer(1, 0, List.of(), null, buf.size())
                : sock.nscd.answer(buf.toByteArray());
        if (a == null) return;
        buf.reset();
        lookups.answered(sock.nscdSent.tid, sock.nscdSent.lookup, sock.nscd.key(), sock.nscd.type(), a.rcode());
        nscdEvent(sock, a, p.timestamp(), p.syscall());
    }

    private void nscdEvent(Sock sock, Nscd.Answer a, long received, String syscall) {
        Pending pd = sock.nscdSent;
        Nscd r = sock.nscd;
        sock.nscd = null;
        sock.nscdSent = null;
        sink.accept(new DnsEvent(Instant.ofEpochSecond(0, pd.sent), pd.pid, pd.tid, comms.get(pd.pid), pd.fd, "nscd",
                Nscd.SOCKET, "nscd", 0, r.key(), r.type(), null, null, null,
                a == null ? -1 : Math.max(0, received - pd.sent), 0, pd.syscall, syscall,
                a == null && !r.wantsMapping(), false, pd.lookup, r, a));
    }

    /** The tracker's socket behind a payload's descriptor, noted as the process's. */
    private Sock socket(OpenFile.Socket s, Payload p, boolean stream) {
        long key = (long) p.pid() << 32 | (p.fd() & 0xffffffffL);
        long inode = s.inode() != 0 ? s.inode() : -key;
        Sock sock = sockets.computeIfAbsent(inode, i -> new Sock(i, stream));
        sock.pid = p.pid();
        sock.fd = p.fd();
        fdInodes.put(key, inode);
        comm(p.pid());
        return sock;
    }

    private void timeouts(Sock sock) {
        if (sock.nscd != null) nscdEvent(sock, null, 0, null);
        String proto = sock.tcp ? "tcp" : "udp";
        for (Map.Entry<Key, Pending> e : sock.pending.entrySet()) {
            Pending pd = e.getValue();
            DnsMessage.Question q = pd.message.question();
            String server = e.getKey().server();
            sink.accept(new DnsEvent(Instant.ofEpochSecond(0, pd.sent), pd.pid, pd.tid, comms.get(pd.pid), pd.fd,
                    proto, server, via(server), pd.message.id(), q.name(), q.type(), q.clazz(), pd.message, null, -1,
                    pd.retries, pd.syscall, null, true, false, pd.lookup, null, null));
        }
        sock.pending.clear();
    }

    /** A descriptor closed: its socket's open exchanges end when no other descriptor seen refers to it. */
    private void closed(int pid, int fd, long when) {
        Long inode = fdInodes.remove((long) pid << 32 | (fd & 0xffffffffL));
        if (inode == null || fdInodes.containsValue(inode)) return;
        Sock s = sockets.remove(inode);
        if (s != null) timeouts(s);
    }

    /** A process ended (or was detached from): the exchanges of its sockets end. */
    private void ended(int pid) {
        for (Iterator<Map.Entry<Long, Long>> it = fdInodes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> e = it.next();
            if ((int) (e.getKey() >> 32) != pid) continue;
            it.remove();
            long inode = e.getValue();
            if (fdInodes.containsValue(inode)) continue;
            Sock s = sockets.remove(inode);
            if (s != null) timeouts(s);
        }
        for (Iterator<Map.Entry<Integer, Call>> it = lastCall.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getKey() == pid) it.remove();
        }
    }

    @Override
    public void onExit(Exit exit, Tracee tracee) {
        lastCall.remove(exit.tid());
        lookups.ended(exit.tid());
        if (exit.tid() == exit.pid()) ended(exit.pid());
    }

    @Override
    public void onSignalExit(SignalExit exit, Tracee tracee) {
        lastCall.remove(exit.tid());
        lookups.ended(exit.tid());
        if (exit.tid() == exit.pid()) ended(exit.pid());
    }

    @Override
    public void onDetach(int pid, int tid, io.jstrace.core.SyscallEnter inSyscall) {
        if (pid == tid) ended(pid);
    }

    @Override
    public void onExec(Exec exec, Tracee tracee) {
        comms.remove(exec.pid());
        lookups.forget(exec.pid());
    }

    /** Every exchange still open, as timeouts: tracing ended. */
    void endAll() {
        for (Sock s : sockets.values()) timeouts(s);
        sockets.clear();
        fdInodes.clear();
    }

    private void comm(int pid) {
        if (comms.containsKey(pid)) return;
        // the process's name, not the thread's (dig's threads are isc-net-0000...); null once it is gone
        comms.put(pid, io.jstrace.core.HostFacts.of(pid, pid).comm());
    }

    /** {@code 127.0.0.1:53}, {@code [::1]:53}. */
    static String address(OpenFile.Address a) {
        byte[] b = a.bytes();
        if (b.length == 4) return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff)
                + ":" + a.port();
        return "[" + DnsParser.ipv6(b, 0) + "]:" + a.port();
    }

    /** {@code stub} for a loopback server (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104), else {@code direct}. */
    static String via(String server) {
        return server.startsWith("127.") || server.startsWith("[::1]") || server.startsWith("[::ffff:7f")
                ? "stub" : "direct";
    }
}
