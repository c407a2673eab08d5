package io.jstrace.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * For the tests of a marked system source ({@link TcpStates}, {@link UdpRoutes}): its events
 * read as they come, the processes a test started, all closed and killed at the end.
 */
final class Recording<E> implements AutoCloseable {
    private final SystemSource<E> source;
    private final LongSupplier marker;
    private final List<E> seen = new ArrayList<>();
    private final List<Long> marks = new ArrayList<>();
    private final List<Process> workload = new ArrayList<>();
    private final CountDownLatch held;
    private final CompletableFuture<Void> reader;

    /** @param marker writes a mark into the source's recording ({@link TcpStates#mark()}) */
    Recording(SystemSource<E> source, LongSupplier marker) {
        this(source, marker, false);
    }

    /**
     * @param held whether the reader waits for {@link #release()} before its first event, as
     *             one far behind the kernel would: what it reads happened before /proc's now
     */
    Recording(SystemSource<E> source, LongSupplier marker, boolean held) {
        this.source = source;
        this.marker = marker;
        this.held = new CountDownLatch(held ? 1 : 0);
        this.reader = CompletableFuture.runAsync(this::read);
    }

    /** Lets a held reader go. */
    void release() {
        held.countDown();
    }

    private void read() {
        try {
            held.await();
            for (E e; (e = source.next()) != null; ) {
                synchronized (seen) {
                    if (e instanceof TraceMark m) marks.add(m.n());
                    else seen.add(e);
                }
            }
        } catch (TraceException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code python3 -c script args...}, killed at the end if still running. */
    Process python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        workload.add(p);
        return p;
    }

    /** Every event of {@code type} recorded before now: those before a mark, once the mark is back. */
    <T extends E> List<T> soFar(Class<T> type) throws InterruptedException {
        long mark = marker.getAsLong();
        for (int i = 0; i < 200; i++) {
            synchronized (seen) {
                if (marks.contains(mark)) return seen.stream().filter(type::isInstance).map(type::cast).toList();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("mark " + mark + " never came back: " + marks);
    }

    @Override
    public void close() throws Exception {
        workload.forEach(Process::destroyForcibly);
        release();
        source.close();
        reader.get(10, TimeUnit.SECONDS);
    }
}
