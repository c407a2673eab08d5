package io.jstrace.core;

import java.util.ArrayDeque;
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
     * @param comm    its name, as the lookup's reader saw it
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

    /**
     * A process's lookups from one port to one peer, with the times of its last few: when
     * the port's socket turns out to have ended among them (its destroy notification is read
     * late), the rest are another socket's, begun at the first of them after that end.
     */
    private static final class Run {
        final int pid;
        final String comm;
        long first;
        final long[] recent = new long[8];
        int count;

        Run(UdpRoutes.Lookup l) {
            pid = l.pid();
            comm = l.comm();
            first = l.epochNs();
            add(l.epochNs());
        }

        void add(long at) {
            recent[count++ % recent.length] = at;
        }

        long last() {
            return recent[(count - 1) % recent.length];
        }

        /** Drops what came by {@code at}: {@code false} when nothing came after it. */
        boolean after(long at) {
            if (last() <= at) return false;
            if (first > at) return true;
            long next = Long.MAX_VALUE;
            for (int i = Math.max(0, count - recent.length); i < count; i++) {
                long t = recent[i % recent.length];
                if (t > at) next = Math.min(next, t);
            }
            first = next; // the oldest remembered when the ring no longer reaches back to that end
            return true;
        }

        Sender sender() {
            return new Sender(pid, comm, first, last());
        }
    }

    /**
     * By local port, each port's peers in the order they were first sent to, each with its
     * last {@link #KEPT} runs of lookups, oldest first: a port freed and taken again by
     * another process within moments (ephemeral ports are picked at random) keeps its
     * earlier sender for the datagrams read late.
     */
    private final Map<Integer, Map<OpenFile.Address, ArrayDeque<Run>>> ports = new LinkedHashMap<>();
    private static final int KEPT = 4;

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
        Map<OpenFile.Address, ArrayDeque<Run>> peers = ports.get(l.local().port());
        if (peers == null) {
            if (ports.size() >= MAX) prune(ports);
            peers = new LinkedHashMap<>();
            ports.put(l.local().port(), peers);
        }
        OpenFile.Address to = unmapped(l.remote());
        ArrayDeque<Run> runs = peers.get(to);
        if (runs == null) {
            if (peers.size() >= MAX) prune(peers);
            runs = new ArrayDeque<>(KEPT);
            peers.put(to, runs);
        }
        Run last = runs.peekLast();
        if (last != null && last.pid == l.pid()) {
            last.add(l.epochNs());
            return;
        }
        if (runs.size() == KEPT) runs.poll();
        runs.add(new Run(l));
    }

    /**
     * Who sent from {@code local}'s port to {@code remote} last before {@code epochNs},
     * once the lookups made before that time have been read (a datagram's lookup comes
     * before the datagram); {@code null} when nobody did.
     */
    public synchronized Sender sender(OpenFile.Address local, OpenFile.Address remote, long epochNs) {
        catchUp(epochNs);
        Map<OpenFile.Address, ArrayDeque<Run>> peers = ports.get(local.port());
        return peers == null ? null : before(peers.get(unmapped(remote)), epochNs);
    }

    /** The newest of {@code runs} that had begun by {@code epochNs}, or {@code null}. */
    private static Sender before(ArrayDeque<Run> runs, long epochNs) {
        if (runs == null) return null;
        for (var i = runs.descendingIterator(); i.hasNext(); ) {
            Run r = i.next();
            if (r.first <= epochNs) return r.sender();
        }
        return null;
    }

    /**
     * Every peer local port {@code port} sent to before {@code epochNs}, in the order they were
     * first sent to, with its sender then, once the lookups made before that time have been read.
     */
    public synchronized List<Flow> flows(int port, long epochNs) {
        catchUp(epochNs);
        List<Flow> flows = new ArrayList<>();
        Map<OpenFile.Address, ArrayDeque<Run>> peers = ports.get(port);
        if (peers == null) return flows;
        peers.forEach((to, runs) -> {
            Sender s = before(runs, epochNs);
            if (s != null) flows.add(new Flow(to, s));
        });
        return flows;
    }

    /**
     * Forgets what port {@code port} sent by {@code epochNs}: its socket ended then (the port
     * may be taken again, by the same process too).
     */
    public synchronized void forget(int port, long epochNs) {
        Map<OpenFile.Address, ArrayDeque<Run>> peers = ports.get(port);
        if (peers == null) return;
        peers.values().removeIf(runs -> {
            runs.removeIf(r -> !r.after(epochNs));
            return runs.isEmpty();
        });
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
