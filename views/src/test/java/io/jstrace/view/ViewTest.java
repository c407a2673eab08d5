package io.jstrace.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.SystemSource;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The skeleton without ptrace: a view of numbers from a fake system-wide source. */
@Timeout(30)
class ViewTest {

    /** Hands out 0, 1, ... {@code count - 1}, then blocks until closed when {@code hold}, else ends. */
    static final class Numbers implements SystemSource<Integer> {
        final int count;
        final boolean hold;
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        int next;

        Numbers(int count, boolean hold) {
            this.count = count;
            this.hold = hold;
        }

        @Override
        public Integer next() {
            if (next < count) return next++;
            if (hold) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }

        @Override
        public long lostEvents() {
            return 7;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }

    static final class NumberView extends View<Integer> {
        final SystemSource.Opener<Integer> opener;

        NumberView(Builder b, SystemSource.Opener<Integer> opener) {
            super(b.config());
            this.opener = opener;
        }

        @Override
        protected TraceListener tracer() {
            throw new AssertionError("not traced");
        }

        @Override
        protected SystemFeed<?> openSystem() throws TraceException {
            return new SystemFeed<>(opener.open(), this::emit);
        }
    }

    static final class Builder extends ViewBuilder<Integer, Builder> {
        Builder() {
            super(new Source.System());
        }

        NumberView build(SystemSource.Opener<Integer> opener) {
            return new NumberView(this, opener);
        }
    }

    private static NumberView view(SystemSource<Integer> source) {
        return new Builder().build(() -> source);
    }

    @Test
    void aStreamNobodyReadsHoldsItsBoundAndCountsTheRest() throws Exception {
        List<Long> reports = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger seen = new AtomicInteger();
        try (NumberView v = new Builder().queueCapacity(8).build(() -> new Numbers(1000, false))) {
            v.onEvent(e -> seen.incrementAndGet()).onDropped(reports::add);
            Stream<Integer> unread = v.events();
            v.start();
            assertEquals(0, v.waitFor());
            assertEquals(1000, seen.get());
            assertEquals(992, v.droppedEvents());
            assertEquals(List.of(992L), reports, "reported once, at the end");
            List<Integer> queued = unread.toList();
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), queued, "the first ones, in order, no more than the bound");
        }
    }

    @Test
    void aStreamReadAlongAccountsForEveryEvent() throws Exception {
        List<Long> reports = new ArrayList<>();
        try (NumberView v = new Builder().queueCapacity(4).build(() -> new Numbers(5000, false))) {
            v.onDropped(reports::add);
            Stream<Integer> s = v.events();
            // The reader may lag: with a bound of 4, whatever it misses is counted.
            v.start();
            long read = s.count();
            assertEquals(5000, read + v.droppedEvents());
            if (v.droppedEvents() == 0) assertTrue(reports.isEmpty());
            else assertEquals(List.of(v.droppedEvents()), reports);
        }
    }

    @Test
    void theDefaultReportIsStracesStyleLine() {
        assertEquals("jstrace: 3 events dropped: the consumer was too slow", View.droppedMessage(3));
        assertEquals("jstrace: 1 event dropped: the consumer was too slow", View.droppedMessage(1));
    }

    @Test
    void aClosedStreamStopsQueueingAndCountsNothing() throws Exception {
        try (NumberView v = new Builder().queueCapacity(2).build(() -> new Numbers(100, false))) {
            v.events().close();
            v.start();
            v.waitFor();
            assertEquals(0, v.droppedEvents());
        }
    }

    @Test
    void filtersComeBeforeCallbacksAndStreams() throws Exception {
        List<Integer> called = new ArrayList<>();
        try (NumberView v = new Builder().filter(i -> i % 2 == 0).filter(i -> i < 10)
                .build(() -> new Numbers(100, false))) {
            v.onEvent(called::add);
            Stream<Integer> s = v.events();
            v.start();
            v.waitFor();
            assertEquals(List.of(0, 2, 4, 6, 8), called);
            assertEquals(List.of(0, 2, 4, 6, 8), s.toList());
        }
    }

    @Test
    void startsOnceOnly() throws Exception {
        Numbers n = new Numbers(3, true);
        try (NumberView v = view(n)) {
            v.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, v::start);
            assertEquals("view already started", e.getMessage());
            v.stop();
            assertEquals(0, v.waitFor());
            assertThrows(IllegalStateException.class, v::start);
        }
        assertTrue(n.closes.get() >= 1, "the source is closed");
    }

    @Test
    void closeWithoutStartIsFineAndFinal() throws Exception {
        Numbers n = new Numbers(3, false);
        NumberView v = view(n);
        v.close();
        v.close();
        assertEquals(0, n.closes.get(), "never opened");
        assertEquals("view closed", assertThrows(IllegalStateException.class, v::start).getMessage());
        assertThrows(IllegalStateException.class, v::waitFor);
    }

    @Test
    void waitForBeforeStartThrows() {
        try (NumberView v = view(new Numbers(0, false))) {
            assertThrows(IllegalStateException.class, v::waitFor);
        }
    }

    @Test
    void stopEndsTheStreamsAndTheWait() throws Exception {
        Numbers n = new Numbers(2, true);
        try (NumberView v = view(n)) {
            Stream<Integer> s = v.events();
            v.start();
            assertFalse(v.isDone());
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                v.stop();
            });
            stopper.start();
            assertEquals(List.of(0, 1), s.toList());
            assertEquals(0, v.waitFor());
            assertTrue(v.isDone());
            assertEquals(7, v.lostEvents(), "the source's count");
        }
    }

    @Test
    void stopBeforeStartStopsAtOnce() throws Exception {
        Numbers n = new Numbers(0, true);
        try (NumberView v = view(n)) {
            v.stop();
            v.start();
            assertTrue(n.closed.await(10, TimeUnit.SECONDS));
            assertEquals(0, v.waitFor());
        }
    }

    @Test
    void aSourceThatCannotOpenFailsStartAndWaitFor() throws Exception {
        TraceException refused = new TraceException("Cannot listen: Operation not permitted");
        NumberView v = new Builder().build(() -> {
            throw refused;
        });
        Stream<Integer> s = v.events();
        assertSame(refused, assertThrows(TraceException.class, v::start));
        assertSame(refused, assertThrows(TraceException.class, v::waitFor));
        assertEquals(List.of(), s.toList(), "the streams end");
        assertThrows(IllegalStateException.class, v::start);
        v.close();
    }

    @Test
    void aCallbackThatThrowsGoesToOnErrorAndTheRestGoOn() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        try (NumberView v = view(new Numbers(3, false))) {
            v.onEvent(i -> {
                if (i == 1) throw new IllegalArgumentException("one");
            }).onEvent(after::add).onError(errors::add);
            v.start();
            v.waitFor();
        }
        assertEquals(1, errors.size());
        assertEquals(List.of(0, 1, 2), after);
    }

    @Test
    void aQueueCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Builder().queueCapacity(0));
    }
}
