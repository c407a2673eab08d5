package io.jstrace.view.dns;

import io.jstrace.core.OpenFile;
import io.jstrace.core.PacketCapture;
import io.jstrace.core.SocketInfo;
import io.jstrace.core.SocketOwners;
import io.jstrace.core.Sockets;
import io.jstrace.core.SocketHolders;
import io.jstrace.core.TcpHolders;
import io.jstrace.core.UdpHolders;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The dns view's state table for the whole machine ({@code --system}): the DNS packets a
 * capture sees ({@link PacketCapture}), UDP datagrams and TCP segments reassembled by
 * their sequence numbers into 2-byte-framed messages, each query attributed as it is
 * seen to the socket that sent it (sock_diag by its addresses) and that socket's holder
 * (the connector's process table, {@link SocketOwners}); a socket gone by then, by what its
 * process did in its own calls: a TCP client's state changes ({@link TcpHolders}), a UDP
 * client's route lookup for the query ({@link UdpHolders}). Responses are matched to queries by
 * (client socket, server, id, name, type), as the traced view does. A query none of these
 * names is attributed by its connect's audit record when the view could claim the audit
 * socket, else it has no owner (pid -1). Queries unanswered after
 * {@link #TIMEOUT_NANOS} are reported as timeouts when the next packet comes; times and
 * latency are the kernel's receive stamps of the packets.
 */
final class SystemDns {
    static final long TIMEOUT_NANOS = 5_000_000_000L;
    private static final int MAX_TCP_BUFFER = 1 << 20, MAX_FLOWS = 4096;

    /** A query in flight. */
    private static final class Pending {
        final DnsMessage message;
        final long sent;
        SocketOwners.Owner owner;
        int retries;

        Pending(DnsMessage message, long sent, SocketOwners.Owner owner) {
            this.message = message;
            this.sent = sent;
            this.owner = owner;
        }
    }

    /** An exchange's key: the client's socket by its address, the server, the question. */
    private record Key(String proto, String client, String server, int id, String name, String type) {}

    /** One TCP connection's byte stream one way, reassembled by sequence number. */
    private static final class Stream {
        long next = -1;
        boolean broken;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    }

    private final Set<Integer> ports;
    private final Consumer<DnsEvent> sink;
    private final SocketOwners owners = new SocketOwners();
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Stream> streams = new HashMap<>();
    /**
     * Client sockets looked up, by {@code proto client>server}, while queries on them are
     * in flight (or, for TCP, while the connection lasts): the second query of a pair
     * (glibc's A and AAAA) is attributed even if the socket closed before it was read.
     */
    private final Map<String, SocketOwners.Owner> clients = new HashMap<>();
    /** When a UDP client socket with nothing in flight is forgotten (epoch ns): a second query may follow its first answer. */
    private final Map<String, Long> forget = new HashMap<>();
    private static final long LINGER_NANOS = 1_000_000_000L;

    private final TcpHolders tcp;
    private final UdpHolders udp;

    /** @param holders the sockets' holders by their own calls (filled on threads of their own) */
    SystemDns(Set<Integer> ports, Consumer<DnsEvent> sink, SocketHolders holders) {
        this.ports = Set.copyOf(ports);
        this.sink = sink;
        this.tcp = holders.tcp();
        this.udp = holders.udp();
        owners.seed();
    }

    /** The process table, for the connector's events (on a thread of their own). */
    SocketOwners owners() {
        return owners;
    }

    /** One captured packet, on the view's system thread. */
    void accept(PacketCapture.Packet p) {
        IpPacket ip = IpPacket.parse(p.data());
        if (ip != null) packet(ip, p.epochNs());
        expire(p.epochNs());
    }

    private void packet(IpPacket ip, long now) {
        boolean toServer = ports.contains(ip.dport());
        if (!toServer && !ports.contains(ip.sport())) return;
        if (ip.protocol() == IpPacket.UDP) {
            message(ip, toServer, DnsParser.parse(ip.data(), ip.offset(), ip.length()), now);
            return;
        }
        String flow = address(ip.src(), ip.sport()) + ">" + address(ip.dst(), ip.dport());
        String client = toServer ? "tcp " + flow : "tcp " + address(ip.dst(), ip.dport()) + ">" + address(ip.src(), ip.sport());
        if ((ip.flags() & (IpPacket.RST | IpPacket.FIN)) != 0 && ip.length() == 0) {
            streams.remove(flow);
            if ((ip.flags() & IpPacket.RST) != 0 || !streams.containsKey(reverse(flow))) clients.remove(client);
            return;
        }
        Stream s = streams.get(flow);
        if (s == null) {
            if (streams.size() >= MAX_FLOWS) streams.clear();
            s = new Stream();
            streams.put(flow, s);
        }
        long seq = ip.seq();
        if ((ip.flags() & IpPacket.SYN) != 0) {
            s.next = (seq + 1) & 0xffff_ffffL;
            // the connecting socket, looked up at its SYN: long before its query
            if (toServer) owner(ip, now, ip.src(), ip.sport(), ip.dst(), ip.dport());
            return;
        }
        if (ip.length() == 0 || s.broken) return;
        if (s.next < 0) s.next = seq; // joined in the middle: take it as a message's start
        int skip = (int) ((s.next - seq) & 0xffff_ffffL);
        if (skip >= ip.length() && skip < 1 << 30) return; // all retransmitted
        if (skip >= 1 << 30) { // a gap: the framing is lost
            s.broken = true;
            return;
        }
        s.buffer.write(ip.data(), ip.offset() + skip, ip.length() - skip);
        s.next = (s.next + ip.length() - skip) & 0xffff_ffffL;
        frames(ip, s, toServer, now);
    }

    /** The whole 2-byte-framed messages in the stream's buffer. */
    private void frames(IpPacket ip, Stream s, boolean toServer, long now) {
        byte[] all = s.buffer.toByteArray();
        int at = 0;
        while (all.length - at >= 2) {
            int len = (all[at] & 0xff) << 8 | (all[at + 1] & 0xff);
            if (all.length - at - 2 < len) break;
            message(ip, toServer, DnsParser.parse(all, at + 2, len), now);
            at += 2 + len;
        }
        s.buffer.reset();
        if (all.length - at > MAX_TCP_BUFFER) s.broken = true;
        else s.buffer.write(all, at, all.length - at);
    }

    private void message(IpPacket ip, boolean toServer, DnsMessage m, long now) {
        DnsMessage.Question q = m.question();
        String proto = ip.protocol() == IpPacket.TCP ? "tcp" : "udp";
        byte[] clientAddr = toServer ? ip.src() : ip.dst(), serverAddr = toServer ? ip.dst() : ip.src();
        int clientPort = toServer ? ip.sport() : ip.dport(), serverPort = toServer ? ip.dport() : ip.sport();
        String client = address(clientAddr, clientPort), server = address(serverAddr, serverPort);
        Key key = q == null ? null
                : new Key(proto, client, server, m.id(), q.name().toLowerCase(Locale.ROOT), q.type());
        if (!m.isResponse()) {
            if (key == null) return;
            Pending old = pending.get(key);
            if (old != null) {
                old.retries++;
                return;
            }
            pending.put(key, new Pending(m, now, owner(ip, now, clientAddr, clientPort, serverAddr, serverPort)));
            return;
        }
        Pending pd = key == null ? null : pending.remove(key);
        if (pd == null) {
            SocketOwners.Owner o = owner(ip, now, clientAddr, clientPort, serverAddr, serverPort);
            emit(now, o, proto, server, m.id(), q, null, m, -1, 0, false, true);
            return;
        }
        if (pd.owner == null) { // the connect's audit record may have come since
            pd.owner = owner(ip, pd.sent, clientAddr, clientPort, serverAddr, serverPort);
        }
        settled(key, now);
        emit(pd.sent, pd.owner, proto, server, pd.message.id(), pd.message.question(), pd.message, m,
                Math.max(0, now - pd.sent), pd.retries, false, false);
    }

    /**
     * The client socket's holder: a UDP client's by the route lookup for its datagram; else
     * as looked up for an earlier query (or the SYN) on the same socket, else now, by
     * sock_diag by the addresses and the process table, or a TCP client's by its state
     * changes, else (the socket is gone) by the connect the audit subsystem logged for it.
     */
    private SocketOwners.Owner owner(IpPacket ip, long now, byte[] local, int localPort, byte[] remote,
            int remotePort) {
        boolean tcp = ip.protocol() == IpPacket.TCP;
        String key = (tcp ? "tcp " : "udp ") + address(local, localPort) + ">" + address(remote, remotePort);
        Long until = forget.get(key);
        if (until != null && now - until >= 0) {
            forget.remove(key);
            clients.remove(key);
        }
        OpenFile.Address client = new OpenFile.Address(local, localPort), server = new OpenFile.Address(remote, remotePort);
        SocketOwners.Owner o = tcp ? null : byRoute(client, server, now);
        if (o != null) {
            owners.tied(o, server, false, now); // its connect's audit record is not another socket's
            return o;
        }
        o = clients.get(key);
        if (o != null) return o;
        SocketInfo s = Sockets.find(ip.family(), tcp ? SocketInfo.IPPROTO_TCP : SocketInfo.IPPROTO_UDP, local,
                localPort, remote, remotePort);
        o = s == null || s.inode() == 0 ? null : owners.owner(s.inode());
        if (o != null) owners.tied(o, server, false, now);
        if (o == null && tcp && (o = byStateChanges(client, server, s == null || s.inode() == 0)) != null) {
            owners.tied(o, server, false, now); // its connect's audit record is not another socket's
        }
        if (o == null) o = owners.connected(server, now);
        if (o != null) {
            if (clients.size() >= MAX_FLOWS) {
                clients.clear();
                forget.clear();
            }
            clients.put(key, o);
        }
        return o;
    }

    /**
     * A TCP client by the state changes its process made (its connect, and what followed in
     * its own calls). While its socket is open, as read so far: packets are not held up for
     * them (a UDP client's socket may close meanwhile), and the answer's packet asks again.
     * Once it is gone, its close (FIN_WAIT1, in the holder's own call) came before now: the
     * changes are waited for until read up to now, however far behind their reader is (under
     * load, seconds; a dig +tcp is gone within milliseconds of its answer).
     */
    private SocketOwners.Owner byStateChanges(OpenFile.Address client, OpenFile.Address server, boolean gone) {
        TcpHolders.Holder h = gone ? tcp.holderByNow(client, server) : tcp.known(client, server);
        return h == null ? null : owners.process(h.pid(), h.comm());
    }

    /**
     * A UDP client by the route lookup the kernel made in its own call for this datagram (or
     * for its socket's connect): the last from its port to the server before the packet,
     * once the lookups before it have been read. Exact even when another process's socket
     * had the same port a moment before, where a socket lookup or a client remembered would
     * name that process; {@code null} when the kernel has no such events.
     */
    private SocketOwners.Owner byRoute(OpenFile.Address client, OpenFile.Address server, long now) {
        UdpHolders.Sender s = udp.sender(client, server, now);
        return s == null ? null : owners.process(s.pid(), s.comm());
    }

    private static String reverse(String flow) {
        int gt = flow.indexOf('>');
        return flow.substring(gt + 1) + ">" + flow.substring(0, gt);
    }

    /**
     * A UDP client socket with no query in flight any more is forgotten a second later: its
     * port may serve another process next, but glibc's second query may follow the first's answer.
     */
    private void settled(Key k, long now) {
        if (!k.proto().equals("udp")) return;
        for (Key other : pending.keySet()) {
            if (other.client().equals(k.client()) && other.server().equals(k.server()) && other.proto().equals("udp")) {
                return;
            }
        }
        forget.put("udp " + k.client() + ">" + k.server(), now + LINGER_NANOS);
    }

    /** Queries left unanswered for {@link #TIMEOUT_NANOS}, as timeouts. */
    private void expire(long now) {
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> e = it.next();
            Pending pd = e.getValue();
            if (now - pd.sent < TIMEOUT_NANOS) break; // in the order they were sent
            it.remove();
            settled(e.getKey(), now);
            emit(pd.sent, pd.owner, e.getKey().proto(), e.getKey().server(), pd.message.id(),
                    pd.message.question(), pd.message, null, -1, pd.retries, true, false);
        }
    }

    private void emit(long time, SocketOwners.Owner o, String proto, String server, int id, DnsMessage.Question q,
            DnsMessage query, DnsMessage response, long latency, int retries, boolean timeout, boolean unmatched) {
        sink.accept(new DnsEvent(Instant.ofEpochSecond(0, time), o == null ? -1 : o.pid(), -1,
                o == null ? null : o.comm(), o == null ? -1 : o.fd(), proto, server, DnsTracker.via(server), id,
                q == null ? null : q.name(), q == null ? null : q.type(), q == null ? null : q.clazz(), query,
                response, latency, retries, null, null, timeout, unmatched, 0, null, null));
    }

    private static String address(byte[] addr, int port) {
        return DnsTracker.address(new OpenFile.Address(addr, port));
    }

}
