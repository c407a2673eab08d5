package io.jstrace.view.net;

import io.jstrace.core.OpenFile;
import io.jstrace.core.SocketInfo;
import io.jstrace.core.SocketMonitor;
import io.jstrace.core.SocketOwners;
import io.jstrace.core.SocketHolders;
import io.jstrace.core.TcpHolders;
import io.jstrace.core.UdpHolders;
import io.jstrace.core.UnixHolders;
import io.jstrace.core.UnixSockets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The net view's state table for the whole machine ({@code --system}): the sockets the
 * kernel lists (sock_diag snapshots, {@link SocketMonitor}) and frees (its destroy
 * notifications, with the final TCP counters), their owners from the process table the
 * process-events connector keeps ({@link SocketOwners}). A socket is an inet socket by
 * its cookie (what a destroy notification and a snapshot share) or a unix socket by its
 * inode.
 *
 * <p>What the kernel's tables hold and the syscalls would tell more exactly: a TCP
 * connection's bytes are the kernel's counters ({@code tcpi_bytes_sent} less
 * {@code tcpi_bytes_retrans}; {@code tcpi_bytes_received} less the peer's FIN, which it
 * counts), calls are not known (-1), nor are UDP's and unix sockets' bytes; times are
 * the snapshot's that first showed a socket. A TCP or UDP socket that opens and closes
 * between two snapshots is reported from its destroy notification, its owner named by what
 * it did in its own calls (TCP's state changes, UDP's route lookups: {@link SocketHolders})
 * or by its connect's audit record, else unknown (pid -1); a unix socket that does is
 * reported from its maker's socket or socketpair call ({@link UnixHolders}). An
 * unconnected UDP socket that sent with addresses is reported, at its end, as a flow per
 * peer as well, each named by its sender.
 */
final class SystemConnections {
    private static final String BETWEEN = "owner unknown: opened and closed between two snapshots";
    private static final String GONE = "owner unknown: gone before its descriptors were read";
    private static final String MADE_BETWEEN = "opened and closed between two snapshots: named by its ";

    /** A socket seen. */
    private static final class Seen {
        SocketInfo info;
        SocketOwners.Owner owner;
        /** The thread that made it, -1 when not known (only a maker's call tells). */
        int tid = -1;
        NetEvent.Direction direction;
        long openTs;
        boolean listen;
        /** The peer of a flow of an unconnected UDP socket ({@link #sent}); else the socket's own. */
        OpenFile.Address peer;
    }

    private final NetSettings settings;
    private final Consumer<NetEvent> sink;
    private final SocketOwners owners = new SocketOwners();
    private final TcpHolders tcp;
    private final UdpHolders udp;
    private final UnixHolders made;
    private final Map<Long, Seen> inet = new HashMap<>(), unix = new HashMap<>();
    /** Sockets seen whose owner is not found yet, since when (epoch ns). */
    private final Map<Long, Long> unowned = new HashMap<>();
    private static final long OWNER_PATIENCE_NANOS = 3_000_000_000L;
    private boolean first = true;
    /** The listening sockets of the last snapshot, by {@link #listenKey}. */
    private final Set<String> listeners = new HashSet<>();
    private final Users users = new Users();
    private final int self = (int) ProcessHandle.current().pid();
    private final long baseEpoch, baseMonotonic;

    /** @param holders the sockets' holders by their own calls (filled on threads of their own) */
    SystemConnections(NetSettings settings, Consumer<NetEvent> sink, SocketHolders holders) {
        this.settings = settings;
        this.sink = sink;
        this.tcp = holders.tcp();
        this.udp = holders.udp();
        this.made = holders.unix();
        Instant now = Instant.now();
        this.baseMonotonic = System.nanoTime();
        this.baseEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        owners.seed();
    }

    /** The process table, for the process events (on a thread of their own). */
    SocketOwners owners() {
        return owners;
    }

    /** One event of the socket monitor, on the view's system thread. */
    void accept(SocketMonitor.Event e) {
        if (e instanceof SocketMonitor.Snapshot s) snapshot(s);
        else if (e instanceof SocketMonitor.Destroyed d) destroyed(d);
    }

    private void snapshot(SocketMonitor.Snapshot snap) {
        long now = epoch(snap.timestampNs());
        List<SocketInfo> fresh = new ArrayList<>();
        Set<Long> present = new HashSet<>();
        Map<Long, SocketInfo> byInode = new HashMap<>();
        listeners.clear();
        for (SocketInfo s : snap.sockets()) {
            if (s.inode() == 0) continue; // a TIME_WAIT or request mini-socket: no descriptor holds it
            byInode.put(s.inode(), s);
            if (s.state() == SocketInfo.TCP_LISTEN) listeners.add(listenKey(s));
        }
        for (SocketInfo s : byInode.values()) {
            long key = key(s);
            present.add(key);
            Seen seen = table(s).get(key);
            if (seen == null) fresh.add(s);
            else changed(seen, s, now);
        }
        Map<Long, SocketOwners.Owner> found = owners.owners(fresh.stream().map(SocketInfo::inode).toList(), !first);
        first = false;
        for (SocketInfo s : fresh) {
            SocketOwners.Owner o = found.get(s.inode());
            // not found yet (every process is read at most every two seconds): asked again next time
            Long since = unowned.putIfAbsent(key(s), now);
            if (o == null && now - (since == null ? now : since) < OWNER_PATIENCE_NANOS) continue;
            unowned.remove(key(s));
            opened(s, o, now, listeners, byInode);
        }
        unowned.keySet().retainAll(present);
        // A unix socket ends when it leaves the table; an inet socket at its destroy notification
        // only: a TCP socket that got its peer's FIN after its own left the table for a
        // TIME_WAIT mini-socket though its descriptor is still open (net/ipv4/tcp_input.c
        // tcp_fin, FIN_WAIT2), and lives on till its close.
        for (Map.Entry<Long, Seen> e : List.copyOf(unix.entrySet())) {
            if (present.contains(e.getKey())) continue;
            unix.remove(e.getKey());
            closed(e.getValue(), e.getValue().info, now);
        }
        for (UnixSockets.Made m : made.unlisted(now, snap.sockets(), self)) unlisted(m, now);
    }

    /**
     * A unix socket, or a pair's two ends, made and closed between two snapshots: its maker,
     * its type and when it was made, from its call; closed by the snapshot's time, how long
     * after not known; its name, its peer and its bytes not known either.
     */
    private void unlisted(UnixSockets.Made m, long now) {
        SocketInfo s = new SocketInfo(SocketInfo.AF_UNIX, 0, m.type(), m.pair() ? SocketInfo.TCP_ESTABLISHED
                : SocketInfo.TCP_CLOSE, new byte[0], 0, new byte[0], 0, 0, -1, 0, 0, -1, null);
        SocketOwners.Owner o = owners.process(m.pid(), m.comm());
        Seen seen = new Seen();
        seen.info = s;
        seen.openTs = m.epochNs();
        seen.owner = new SocketOwners.Owner(o.pid(), m.fd(), o.comm(), o.uid());
        seen.tid = m.tid();
        seen.direction = NetEvent.Direction.UNKNOWN;
        String detail = MADE_BETWEEN + (m.pair() ? "socketpair" : "socket") + " call";
        for (int end = m.pair() ? 2 : 1; end > 0; end--) {
            emit(seen, NetEvent.Kind.OPEN, m.epochNs(), s, null, null, detail);
            emit(seen, NetEvent.Kind.CLOSE, now, s, null, null, detail);
        }
    }

    private Map<Long, Seen> table(SocketInfo s) {
        return s.inet() ? inet : unix;
    }

    private static long key(SocketInfo s) {
        return s.inet() ? s.cookie() : s.inode();
    }

    /** {@code family/proto/port} of a listening socket, and of a socket that may have been accepted on it. */
    private static String listenKey(SocketInfo s) {
        return s.inet() ? s.family() + "/" + s.protocol() + "/" + s.localPort()
                : "unix/" + java.util.Arrays.toString(s.local());
    }

    private void opened(SocketInfo s, SocketOwners.Owner owner, long now, Set<String> listeners,
            Map<Long, SocketInfo> byInode) {
        if (owner != null && owner.pid() == self) return;
        Seen seen = new Seen();
        seen.info = s;
        seen.openTs = now;
        if (s.inet() && s.protocol() == SocketInfo.IPPROTO_UDP && s.localPort() == 0) return; // not bound yet
        if (!s.inet() && s.local().length == 0 && s.peerInode() == 0) return; // neither bound nor connected
        seen.listen = listening(s);
        seen.direction = seen.listen ? NetEvent.Direction.LISTEN : direction(s, listeners, byInode);
        holder(seen, s, owner, now);
        owner = seen.owner;
        table(s).put(key(s), seen);
        emit(seen, seen.listen ? NetEvent.Kind.LISTEN : NetEvent.Kind.OPEN, now, s, null, null,
                owner == null ? GONE : null);
    }

    /**
     * Who holds a connected socket: {@code found} in the process table (its connect or
     * accept is then no other socket's), else the process whose connect (this side
     * connected) or accept (this side accepted) the audit subsystem logged for it, when the
     * view has those records and only one process can have made it; else {@code null}. An
     * accept's record names the peer by its port too, so it also settles the direction of a
     * socket whose listener no snapshot showed (taken as connected).
     */
    private void holder(Seen seen, SocketInfo s, SocketOwners.Owner found, long now) {
        seen.owner = found;
        boolean in = seen.direction == NetEvent.Direction.IN;
        if (!s.inet() || !s.connected() || !in && seen.direction != NetEvent.Direction.OUT) return;
        OpenFile.Address peer = new OpenFile.Address(s.remote(), s.remotePort());
        if (found != null) {
            owners.tied(found, peer, in, now);
            return;
        }
        if (byStateChanges(seen, s) || byRoute(seen, s)) return;
        seen.owner = in ? owners.accepted(peer, now) : owners.connected(peer, now);
        if (seen.owner != null || in) return;
        seen.owner = owners.accepted(peer, now);
        if (seen.owner != null) seen.direction = NetEvent.Direction.IN;
    }

    /**
     * The holder of a TCP connection by the state changes it made itself (its connect, its
     * close): exact, however short the connection, and when it connected, the connection's
     * start; {@code false} when none was seen by the time the kernel freed the socket.
     */
    private boolean byStateChanges(Seen seen, SocketInfo s) {
        if (s.protocol() != SocketInfo.IPPROTO_TCP || !s.connected()) return false;
        OpenFile.Address local = new OpenFile.Address(s.local(), s.localPort());
        OpenFile.Address remote = new OpenFile.Address(s.remote(), s.remotePort());
        TcpHolders.Holder h = tcp.holder(local, remote, seen.openTs);
        if (h == null) return false;
        seen.owner = owners.process(h.pid(), h.comm());
        // its connect's or accept's audit record is not another socket's
        owners.tied(seen.owner, remote, !h.connected(), seen.openTs);
        if (h.connected()) {
            seen.direction = NetEvent.Direction.OUT;
            seen.openTs = Math.min(seen.openTs, h.connectNs());
        } else {
            // its listener may have closed before the question
            if (tcp.listened(s.localPort())) seen.direction = NetEvent.Direction.IN;
            long peer = seen.direction == NetEvent.Direction.IN ? peerConnected(local, remote, seen.openTs) : -1;
            if (peer >= 0) seen.openTs = Math.min(seen.openTs, peer); // its peer, here, connected then
        }
        return true;
    }

    /**
     * The holder of a connected UDP socket by its connect's route lookup, made in its own
     * call ({@link UdpHolders}), with the connect's time; {@code false} when none was seen.
     */
    private boolean byRoute(Seen seen, SocketInfo s) {
        if (s.protocol() != SocketInfo.IPPROTO_UDP) return false;
        UdpHolders.Sender sender = udp.sender(new OpenFile.Address(s.local(), s.localPort()),
                new OpenFile.Address(s.remote(), s.remotePort()), seen.openTs);
        if (sender == null) return false;
        seen.owner = owners.process(sender.pid(), sender.comm());
        seen.openTs = Math.min(seen.openTs, sender.firstNs());
        return true;
    }

    /**
     * The peers an unconnected UDP socket sent datagrams to, each a flow of its own (as the
     * traced view reports them) from its first datagram to the socket's end, its sender named
     * by the route lookups ({@link UdpHolders}): however short the socket's life.
     */
    private void sent(SocketInfo s, long now) {
        for (UdpHolders.Flow f : udp.flows(s.localPort(), now)) {
            if (f.sender().pid() == self) continue;
            Seen flow = new Seen();
            flow.info = s;
            flow.peer = f.remote();
            flow.owner = owners.process(f.sender().pid(), f.sender().comm());
            flow.direction = NetEvent.Direction.OUT;
            flow.openTs = Math.min(now, f.sender().firstNs());
            emit(flow, NetEvent.Kind.OPEN, flow.openTs, s, null, null, null);
            emit(flow, NetEvent.Kind.CLOSE, now, s, (now - flow.openTs) / 1e6, null, null);
        }
        udp.forget(s.localPort(), now);
    }

    /**
     * When the connecting end of an accepted connection connected, when that end is on
     * loopback (this machine), waiting for its changes to be read as for a holder; else -1.
     */
    private long peerConnected(OpenFile.Address local, OpenFile.Address remote, long epochNs) {
        long at = tcp.peerConnected(local, remote);
        if (at >= 0 || !loopback(remote.bytes())) return at;
        tcp.holder(remote, local, epochNs);
        return tcp.peerConnected(local, remote);
    }

    /** 127.0.0.0/8, ::1, or ::ffff:127.0.0.0/104. */
    private static boolean loopback(byte[] a) {
        if (a.length == 4) return a[0] == 127;
        boolean v4mapped = true, zero = true;
        for (int i = 0; i < 10; i++) v4mapped &= a[i] == 0;
        for (int i = 0; i < 15; i++) zero &= a[i] == 0;
        return zero && a[15] == 1 || v4mapped && a[10] == (byte) 0xff && a[11] == (byte) 0xff && a[12] == 127;
    }

    /** A listening stream socket, or a bound datagram socket with no peer (what ss(8) lists as listening). */
    private static boolean listening(SocketInfo s) {
        if (s.state() == SocketInfo.TCP_LISTEN) return true;
        if (s.type() != SocketInfo.SOCK_DGRAM) return false;
        return s.inet() ? !s.connected() : s.peerInode() == 0 && s.local().length > 0;
    }

    /**
     * Who opened it: an inet socket on a listening socket's port (one a snapshot showed, or
     * a TCP listen the state changes told, though closed since) was accepted, another
     * connected; a unix socket with a listener's name was accepted (it shares the listener's
     * address, net/unix/af_unix.c unix_stream_connect), its peer connected; two unnamed ends
     * are a socketpair.
     */
    private NetEvent.Direction direction(SocketInfo s, Set<String> listeners, Map<Long, SocketInfo> byInode) {
        if (s.inet()) {
            boolean accepted = listeners.contains(listenKey(s))
                    || s.protocol() == SocketInfo.IPPROTO_TCP && tcp.listened(s.localPort());
            return accepted ? NetEvent.Direction.IN : NetEvent.Direction.OUT;
        }
        if (s.local().length > 0 && listeners.contains(listenKey(s))) return NetEvent.Direction.IN;
        SocketInfo peer = byInode.get(s.peerInode());
        if (peer != null && peer.local().length > 0 && listeners.contains(listenKey(peer))) return NetEvent.Direction.OUT;
        return s.local().length > 0 || s.type() == SocketInfo.SOCK_DGRAM && s.peerInode() != 0
                ? NetEvent.Direction.OUT : NetEvent.Direction.UNKNOWN;
    }

    private void changed(Seen seen, SocketInfo s, long now) {
        SocketInfo before = seen.info;
        seen.info = s;
        if (before.state() != s.state() && s.protocol() == SocketInfo.IPPROTO_TCP && !seen.listen) {
            emit(seen, NetEvent.Kind.STATE, now, s, null, null, "sock_diag");
        }
    }

    private void destroyed(SocketMonitor.Destroyed d) {
        SocketInfo s = d.socket();
        long now = epoch(d.timestampNs());
        Seen seen = inet.remove(s.cookie());
        if (seen == null) {
            if (s.localPort() == 0) return; // never used
            if (!s.connected()) { // a listener no snapshot showed, or a UDP socket that sent with addresses
                if (s.protocol() == SocketInfo.IPPROTO_UDP) sent(s, now);
                return;
            }
            seen = new Seen();
            seen.info = s;
            seen.openTs = now;
            seen.direction = direction(s, listeners, Map.of());
            holder(seen, s, null, now);
            emit(seen, NetEvent.Kind.OPEN, seen.openTs, s, null, null, seen.owner == null ? BETWEEN : null);
        }
        closed(seen, s, now);
    }

    private void closed(Seen seen, SocketInfo last, long now) {
        if (seen.owner == null && !seen.listen && last.inet() && !byStateChanges(seen, last)) byRoute(seen, last);
        if (seen.owner != null) owners.forget(last.inode() != 0 ? last.inode() : seen.info.inode());
        if (seen.info.inode() != 0) owners.forget(seen.info.inode());
        if (last.inet() && last.connected()) {
            tcp.forget(new OpenFile.Address(last.local(), last.localPort()), new OpenFile.Address(last.remote(), last.remotePort()));
            if (last.protocol() == SocketInfo.IPPROTO_UDP) udp.forget(last.localPort(), now);
        }
        NetEvent.Tcp tcp = null;
        if (last.tcp() != null && !seen.listen) {
            SocketInfo.Tcp t = last.tcp();
            tcp = new NetEvent.Tcp(seen.info.stateName(), t.bytesAcked(), t.bytesReceived(), t.totalRetrans(),
                    t.rttUs());
        }
        String detail = seen.owner == null ? seen.info.inode() == 0 ? BETWEEN : GONE : null;
        emit(seen, NetEvent.Kind.CLOSE, now, last, (now - seen.openTs) / 1e6, tcp, detail);
        if (last.inet() && last.protocol() == SocketInfo.IPPROTO_UDP && !last.connected()) sent(last, now);
    }

    /**
     * Data bytes each way from TCP's counters: sent once each; received less the peer's
     * FIN, which tcpi_bytes_received counts (net/ipv4/tcp_input.c tcp_rcv_nxt_update
     * moves by the FIN's sequence number too): known come when a snapshot showed
     * RCV_SHUTDOWN, and taken as come at a destroy notification (a close, not a reset).
     */
    private static long[] bytes(Seen seen, SocketInfo s, boolean destroyed) {
        SocketInfo.Tcp t = s.tcp();
        if (t == null || seen.listen) return new long[] {-1, -1};
        long rx = t.bytesReceived();
        boolean fin = s.shutdown() >= 0 ? (s.shutdown() & SocketInfo.RCV_SHUTDOWN) != 0 : destroyed;
        if (rx > 0 && fin) rx--;
        return new long[] {t.dataSent(), rx};
    }

    private void emit(Seen seen, NetEvent.Kind kind, long now, SocketInfo s, Double durationMs, NetEvent.Tcp tcp,
            String detail) {
        SocketOwners.Owner o = seen.owner;
        long[] bytes = bytes(seen, s, s.inode() == 0);
        int uid = settings.user() && o != null ? o.uid() : -1;
        SocketInfo id = seen.info.inode() != 0 ? seen.info : s;
        String state = kind == NetEvent.Kind.CLOSE ? "CLOSED" : seen.listen ? "LISTEN" : s.stateName();
        sink.accept(new NetEvent(kind, now, o == null ? -1 : o.pid(), seen.tid, o == null ? null : o.comm(), uid,
                uid >= 0 ? users.name(uid) : null, o == null ? -1 : o.fd(), id.inode(), proto(s), family(s),
                type(s), local(s), seen.peer != null ? Addresses.text(seen.peer) : remote(id), s.peerInode(), seen.direction, state, null, null, null, durationMs,
                bytes[0], bytes[1], -1, -1, tcp, kind == NetEvent.Kind.CLOSE ? "close" : null, false, null, detail));
    }

    private static String proto(SocketInfo s) {
        if (!s.inet()) return "unix";
        return s.protocol() == SocketInfo.IPPROTO_TCP ? "tcp" : "udp";
    }

    private static String family(SocketInfo s) {
        return Connections.family(s.family());
    }

    private static String type(SocketInfo s) {
        return Connections.type(s.type());
    }

    private static String local(SocketInfo s) {
        if (!s.inet()) {
            byte[] n = unixName(s.local());
            if (n.length == 0) return null;
            String name = new String(n, java.nio.charset.StandardCharsets.UTF_8);
            return n[0] == 0 ? "@" + name.substring(1).replace('\0', '@') : name; // as Addresses.text, by family
        }
        return Addresses.text(new io.jstrace.core.OpenFile.Address(s.local(), s.localPort()));
    }

    /** A path name up to its NUL (the kernel's copy may carry it); an abstract name whole. */
    private static byte[] unixName(byte[] name) {
        if (name.length == 0 || name[0] == 0) return name;
        int end = 0;
        while (end < name.length && name[end] != 0) end++;
        return java.util.Arrays.copyOf(name, end);
    }

    private static String remote(SocketInfo s) {
        if (!s.inet() || !s.connected()) return null;
        return Addresses.text(new io.jstrace.core.OpenFile.Address(s.remote(), s.remotePort()));
    }

    private long epoch(long monotonic) {
        return baseEpoch + (monotonic - baseMonotonic);
    }
}


