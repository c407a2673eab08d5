package io.jstrace.core;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who holds each TCP connection on the machine, from the state changes its holder made
 * ({@link TcpStates}, on a thread of its own): for the system-wide views, the owner of a
 * connection too short for any look at the machine's sockets, when it was opened, and the
 * listeners that lived too short for one. A connection is its two addresses; it is its connector's
 * when a process's connect to the same peer came first (a descriptor passed on does not
 * change that), else the process whose change came last before the question.
 */
public final class TcpHolders extends HolderTable {
    /**
     * A connection's holder.
     *
     * @param pid       the process
     * @param comm      its name, as the change's reader saw it
     * @param connectNs when it connected (epoch ns), -1 when it did not (accepted, or not seen)
     */
    public record Holder(int pid, String comm, long connectNs) {
        /** Whether its process connected it (it was not accepted). */
        public boolean connected() {
            return connectNs >= 0;
        }
    }

    private record Tuple(OpenFile.Address local, OpenFile.Address remote) {}

    private record Connect(int pid, OpenFile.Address remote) {}

    private final Map<Tuple, Holder> holders = new LinkedHashMap<>();
    /** Connected connections forgotten last, with their connect's time, for their peers' ends. */
    private final Map<Tuple, Long> gone = new LinkedHashMap<>();
    /** Connects whose local port the kernel had not picked yet, each process's by peer, oldest first. */
    private final Map<Connect, ArrayDeque<Long>> connects = new LinkedHashMap<>();
    /**
     * The local ports listened on, by how many listeners are open (0: all closed, kept so
     * that a connection accepted before its listener closed is still known as accepted).
     */
    private final Map<Integer, Integer> listening = new LinkedHashMap<>();
    /** @param marker writes a mark into the changes' recording, -1 when it cannot ({@link TcpStates#mark()}) */
    public TcpHolders(LongSupplier marker) {
        super(marker);
    }

    /** One event, on the reading thread. */
    public synchronized void accept(TcpStates.Event e) {
        if (e instanceof TraceMark m) {
            marked(m);
        } else if (e instanceof TcpStates.Change c) {
            read(c.epochNs());
            change(c);
        }
    }

    private void change(TcpStates.Change c) {
        if (c.newState() == TcpStates.LISTEN) {
            if (listening.size() >= MAX) prune(listening);
            listening.merge(c.local().port(), 1, Integer::sum);
            return;
        }
        if (c.oldState() == TcpStates.LISTEN) {
            listening.computeIfPresent(c.local().port(), (p, n) -> Math.max(0, n - 1));
            return;
        }
        Connect key = new Connect(c.pid(), c.remote());
        if (c.connect() && c.local().port() == 0) {
            if (connects.size() >= MAX) prune(connects);
            connects.computeIfAbsent(key, k -> new ArrayDeque<>()).add(c.epochNs());
            return;
        }
        Tuple t = new Tuple(c.local(), c.remote());
        Holder before = holders.get(t);
        if (before != null && (before.connected() || before.pid() == c.pid())) return; // its connector's, or known
        if (holders.size() >= MAX && before == null) prune(holders);
        holders.put(t, new Holder(c.pid(), c.comm(), connectedAt(key, c)));
    }

    /** Whether a listener on local port {@code port} has been seen, open or closed since. */
    public synchronized boolean listened(int port) {
        return listening.containsKey(port);
    }

    /** The time of {@code key}'s oldest connect still unmatched, taken; or of {@code c} when it is the connect itself. */
    private long connectedAt(Connect key, TcpStates.Change c) {
        ArrayDeque<Long> q = connects.get(key);
        if (q == null) return c.connect() ? c.epochNs() : -1;
        long at = q.poll();
        if (q.isEmpty()) connects.remove(key);
        return at;
    }

    /**
     * The holder of the connection between {@code local} and {@code remote} as of
     * {@code epochNs}, waiting while no change made after that time has been read (the
     * kernel records them in time order) and a mark written at the question has not come
     * back, but not beyond a moment after that time; {@code null} when no holder changed its
     * state.
     */
    public synchronized Holder holder(OpenFile.Address local, OpenFile.Address remote, long epochNs) {
        Tuple t = new Tuple(local, remote);
        return await(epochNs, () -> holders.get(t));
    }

    /** {@link #holder} as of now: once the changes recorded so far have been read (a connection already closed). */
    public Holder holderByNow(OpenFile.Address local, OpenFile.Address remote) {
        return holder(local, remote, now());
    }

    /** The holder of the connection between {@code local} and {@code remote} as read so far, without waiting; or {@code null}. */
    public synchronized Holder known(OpenFile.Address local, OpenFile.Address remote) {
        return holders.get(new Tuple(local, remote));
    }

    /**
     * When the other end of an accepted connection connected, if that end is on this machine
     * and its connect was seen (it may be gone already): the accepted end's start; -1 if not.
     */
    public synchronized long peerConnected(OpenFile.Address local, OpenFile.Address remote) {
        Tuple peer = new Tuple(remote, local);
        Holder h = holders.get(peer);
        if (h != null && h.connected()) return h.connectNs();
        Long gonePeer = gone.get(peer);
        return gonePeer != null ? gonePeer : pendingConnect(local);
    }

    /**
     * The oldest connect to {@code to} whose connection has not shown its local port yet,
     * when one process alone has such connects (the peer of an accepted end freed before its
     * connecting end did anything more); -1 otherwise.
     */
    private long pendingConnect(OpenFile.Address to) {
        long at = -1;
        int pid = -1;
        for (Map.Entry<Connect, ArrayDeque<Long>> e : connects.entrySet()) {
            if (!e.getKey().remote().equals(to)) continue;
            if (pid >= 0 && pid != e.getKey().pid()) return -1;
            pid = e.getKey().pid();
            at = e.getValue().peek();
        }
        return at;
    }

    /** Forgets a connection that is gone (its connect time kept a while for its peer's end). */
    public synchronized void forget(OpenFile.Address local, OpenFile.Address remote) {
        Holder h = holders.remove(new Tuple(local, remote));
        if (h == null || !h.connected()) return;
        if (gone.size() >= MAX / 16) prune(gone);
        gone.put(new Tuple(local, remote), h.connectNs());
    }
}
