package io.jstrace.core;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a table of sockets' holders shares ({@link TcpHolders}, {@link UdpHolders}): it is
 * filled on the thread that reads the kernel's recording, in the order the kernel recorded,
 * and asked on another thread about a moment that recording may not have reached yet. A
 * question then waits until an event made after that moment has been read, or a mark written
 * at the question has come back (every event before it has then been read), but not beyond a
 * moment after that time.
 */
abstract class HolderTable {
    /** How long after its time a question may wait for the events made before it to be read. */
    static final long PATIENCE_NANOS = 200_000_000L;
    /** Entries kept at most per map, the oldest dropped first (a bound, not a loss in practice). */
    static final int MAX = 1 << 16;

    private final LongSupplier marker;
    private long newest, marked;
    private boolean reading = true;

    /** @param marker writes a mark into the recording, -1 when it cannot */
    HolderTable(LongSupplier marker) {
        this.marker = marker;
    }

    /** A mark came back, on the reading thread. */
    final synchronized void marked(TraceMark m) {
        marked = Math.max(marked, m.n());
        notifyAll();
    }

    /** An event recorded at {@code epochNs} was read, on the reading thread. */
    final synchronized void read(long epochNs) {
        newest = Math.max(newest, epochNs);
        notifyAll();
    }

    /** The events have stopped coming (the source ended or failed): questions wait no more. */
    public final synchronized void ended() {
        reading = false;
        notifyAll();
    }

    /** Waits until the recording has been read up to {@code epochNs}, or its patience ran out. */
    final synchronized void catchUp(long epochNs) {
        await(epochNs, () -> null);
    }

    /** {@code lookup}'s answer as soon as it has one, or once the recording has been read up to {@code epochNs} (or its patience ran out). */
    final synchronized <T> T await(long epochNs, Supplier<T> lookup) {
        long mark = -1;
        for (;;) {
            T found = lookup.get();
            long left = epochNs + PATIENCE_NANOS - now();
            if (found != null || !reading || newest >= epochNs || left <= 0) return found;
            // a mark written now comes after every event made before: no need to wait longer
            if (mark < 0 && (mark = marker.getAsLong()) < 0) return null;
            if (marked >= mark) return null;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Drops the oldest quarter of {@code m} (in the order they came). */
    static void prune(Map<?, ?> m) {
        Iterator<?> i = m.values().iterator();
        for (int n = 0; n < MAX / 4 && i.hasNext(); n++) {
            i.next();
            i.remove();
        }
    }

    static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
