package io.jstrace.core;

import io.jstrace.core.internal.ProcFs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The unix sockets the machine's processes made, in the order they made them, from their
 * own calls ({@link UnixSockets}, read on a thread of its own): for the system-wide net view,
 * the makers of the sockets that no sock_diag list showed. Each is handed out once.
 */
public final class UnixHolders extends HolderTable {
    private final ArrayDeque<UnixSockets.Made> made = new ArrayDeque<>();
    /** The last list's unix sockets, by inode. */
    private Set<Long> before = Set.of();
    /** The new pairs of the last list that no call claimed, by {@link #pairKey}: kept for one list. */
    private Set<Long> unclaimed = Set.of();

    /** @param marker writes a mark into the calls' recording, -1 when it cannot ({@link UnixSockets#mark()}) */
    public UnixHolders(LongSupplier marker) {
        super(marker);
    }

    /** One event, on the reading thread. */
    public synchronized void accept(UnixSockets.Event e) {
        if (e instanceof TraceMark m) {
            marked(m);
        } else if (e instanceof UnixSockets.Made m) {
            read(m.epochNs());
            if (made.size() >= MAX) made.poll();
            made.add(m);
        }
    }

    /**
     * The sockets made by {@code epochNs} and not handed out before, oldest first, once the
     * calls made before that time have been read.
     */
    public synchronized List<UnixSockets.Made> madeBy(long epochNs) {
        catchUp(epochNs);
        List<UnixSockets.Made> by = new ArrayList<>();
        while (!made.isEmpty() && made.peek().epochNs() <= epochNs) by.add(made.poll());
        return by;
    }

    /**
     * The sockets made by {@code epochNs}, when a list of every unix socket began, that the
     * list does not show: made and closed before the kernel walked its table, each handed
     * out once ({@code self}'s never). A socket call's descriptor says whether its socket is
     * listed (the maker's /proc/PID/fd link names its inode). A socketpair's two are not
     * known, so pairs are counted: a maker's pairs not listed are those it made less the
     * new pairs in the list it holds an end of. A pair made after the list began may be in
     * it too, its call then counted with the next list: the new pairs no call claimed are
     * kept for that one.
     *
     * @param list every unix socket listed, begun at {@code epochNs}
     */
    public synchronized List<UnixSockets.Made> unlisted(long epochNs, Collection<SocketInfo> list, int self) {
        List<UnixSockets.Made> made = madeBy(epochNs);
        Map<Long, SocketInfo> listed = new HashMap<>();
        for (SocketInfo s : list) if (!s.inet()) listed.put(s.inode(), s);
        Set<Long> fresh = new HashSet<>();
        for (SocketInfo s : listed.values()) {
            if (s.peerInode() != 0 && s.local().length == 0 && !before.contains(s.inode())) fresh.add(pairKey(s));
        }
        Set<Long> pairs = new HashSet<>(fresh);
        pairs.addAll(unclaimed);
        pairs.removeIf(key -> !listed.containsKey(key));
        Map<Integer, List<UnixSockets.Made>> byMaker = new LinkedHashMap<>();
        for (UnixSockets.Made m : made) {
            if (m.pid() != self) byMaker.computeIfAbsent(m.pid(), p -> new ArrayList<>()).add(m);
        }
        List<UnixSockets.Made> unlisted = new ArrayList<>();
        for (Map.Entry<Integer, List<UnixSockets.Made>> e : byMaker.entrySet()) {
            ArrayDeque<Long> mine = heldPairs(e.getKey(), pairs, listed);
            for (UnixSockets.Made m : e.getValue()) {
                if (!m.pair()) {
                    if (!listed.containsKey(ProcFs.socketInode(m.pid(), m.fd()))) unlisted.add(m);
                } else if (mine.isEmpty()) {
                    unlisted.add(m);
                } else {
                    pairs.remove(mine.poll()); // this call's pair, listed
                }
            }
        }
        fresh.retainAll(pairs);
        unclaimed = fresh;
        before = listed.keySet();
        return unlisted;
    }

    /** The lower inode of a pair's two ends (its peer's when that is lower). */
    private static long pairKey(SocketInfo s) {
        return Math.min(s.inode(), s.peerInode());
    }

    /** The pairs of {@code pairs} that process {@code pid} holds an end of, by {@link #pairKey}. */
    private static ArrayDeque<Long> heldPairs(int pid, Set<Long> pairs, Map<Long, SocketInfo> listed) {
        ArrayDeque<Long> mine = new ArrayDeque<>();
        if (pairs.isEmpty()) return mine;
        Map<Long, Integer> held = ProcFs.socketInodes(pid);
        if (held == null) return mine;
        for (long key : pairs) {
            SocketInfo s = listed.get(key);
            if (held.containsKey(s.inode()) || held.containsKey(s.peerInode())) mine.add(key);
        }
        return mine;
    }
}
