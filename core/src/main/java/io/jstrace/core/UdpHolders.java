package io.jstrace.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who sends UDP datagrams from each local port to each peer on the machine, from the route
 * lookups made in the senders' own calls ({@link UdpRoutes}, read on a thread of its own):
 * for the system-wide views, the sender of a datagram whose socket was gone before it could
 * be looked up, and the peers of an unconnected socket, each a flow of its own. A flow is a
 * local port and a peer (the lookup is made before the kernel picks the source address); an
 * IPv4-mapped IPv6 address is taken as its IPv4 one, since a v6 socket's datagram to one is
 * routed by IPv4 (net/ipv6/udp.c udpv6_sendmsg hands it to udp_sendmsg). Two sockets on one
 * port with different addresses are not told apart.
 */
public final class UdpHolders extends HolderTable {
    /**
     * A flow's sender.
     *
     * @param pid     the process
     * @param comm    the name of its thread that sent
     * @param firstNs its first datagram or connect on the flow (epoch ns)
     * @param lastNs  its last
     */
    public record Sender(int pid, String comm, long firstNs, long lastNs) {}

    /**
     * A peer a local port sent to.
     *
     * @param remote the peer
     * @param sender who sent
     */
    public record Flow(OpenFile.Address remote, Sender sender) {}

    /** By local port, each port's peers in the order they were first sent to. */
    private final Map<Integer, Map<OpenFile.Address, Sender>> ports = new LinkedHashMap<>();

    /** @param marker writes a mark into the lookups' recording, -1 when it cannot ({@link UdpRoutes#mark()}) */
    public UdpHolders(LongSupplier marker) {
        super(marker);
    }

    /** One event, on the reading thread. */
    public synchronized void accept(UdpRoutes.Event e) {
        if (e instanceof TraceMark m) {
            marked(m);
        } else if (e instanceof UdpRoutes.Lookup l) {
            read(l.epochNs());
            lookup(l);
        }
    }

    private void lookup(UdpRoutes.Lookup l) {
        Map<OpenFile.Address, Sender> peers = ports.get(l.local().port());
        if (peers == null) {
            if (ports.size() >= MAX) prune(ports);
            peers = new LinkedHashMap<>();
            ports.put(l.local().port(), peers);
        }
        OpenFile.Address to = unmapped(l.remote());
        Sender s = peers.get(to);
        long first = s != null && s.pid() == l.pid() ? s.firstNs() : l.epochNs();
        if (s == null && peers.size() >= MAX) prune(peers);
        peers.put(to, new Sender(l.pid(), l.comm(), first, l.epochNs()));
    }

    /**
     * Who sent from {@code local}'s port to {@code remote} last before {@code epochNs},
     * once the lookups made before that time have been read (a datagram's lookup comes
     * before the datagram); {@code null} when nobody did.
     */
    public synchronized Sender sender(OpenFile.Address local, OpenFile.Address remote, long epochNs) {
        catchUp(epochNs);
        Map<OpenFile.Address, Sender> peers = ports.get(local.port());
        Sender s = peers == null ? null : peers.get(unmapped(remote));
        return s != null && s.firstNs() <= epochNs ? s : null;
    }

    /**
     * Every peer local port {@code port} sent to before {@code epochNs}, in the order they were
     * first sent to, once the lookups made before that time have been read.
     */
    public synchronized List<Flow> flows(int port, long epochNs) {
        catchUp(epochNs);
        List<Flow> flows = new ArrayList<>();
        Map<OpenFile.Address, Sender> peers = ports.get(port);
        if (peers == null) return flows;
        peers.forEach((to, s) -> {
            if (s.firstNs() <= epochNs) flows.add(new Flow(to, s));
        });
        return flows;
    }

    /** Forgets port {@code port}'s flows older than {@code epochNs}: its socket is gone (the port may be taken again). */
    public synchronized void forget(int port, long epochNs) {
        Map<OpenFile.Address, Sender> peers = ports.get(port);
        if (peers == null) return;
        peers.values().removeIf(s -> s.lastNs() <= epochNs);
        if (peers.isEmpty()) ports.remove(port);
    }

    /** {@code a} with an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 one. */
    private static OpenFile.Address unmapped(OpenFile.Address a) {
        byte[] b = a.bytes();
        if (b.length != 16 || b[10] != (byte) 0xff || b[11] != (byte) 0xff) return a;
        for (int i = 0; i < 10; i++) if (b[i] != 0) return a;
        return new OpenFile.Address(Arrays.copyOfRange(b, 12, 16), a.port());
    }
}
