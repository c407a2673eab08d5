package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The process-events connector against the real kernel: what it reports of processes this test starts. */
class ProcConnectorTest {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private ProcConnector connector;
    private final BlockingQueue<ProcEvent> events = new LinkedBlockingQueue<>();
    private Thread reader;
    private volatile Throwable readerFailure;

    /** root, as this test runs here; before Linux 6.6 others are refused (CAP_NET_ADMIN). */
    static void assumeRoot() throws IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        Assumptions.assumeTrue(root, "the process-events connector needs root or CAP_NET_ADMIN before Linux 6.6");
    }

    @BeforeEach
    void open() throws Exception {
        assumeRoot();
        connector = ProcConnector.open();
        reader = new Thread(() -> {
            try {
                for (ProcEvent e; (e = connector.next()) != null; ) events.add(e);
            } catch (Throwable t) {
                readerFailure = t;
            }
        }, "proc-events-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void close() throws Exception {
        if (connector == null) return;
        connector.close();
        reader.join(5000);
        assertFalse(reader.isAlive(), "next() still blocked after close()");
        assertNull(readerFailure);
    }

    /** Takes events until one matches; the others seen on the way are added to {@code seen}. */
    private <T extends ProcEvent> T await(Class<T> kind, Predicate<T> p, List<ProcEvent> seen) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            ProcEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) throw new AssertionError("no " + kind.getSimpleName() + " event; reader: " + readerFailure);
            seen.add(e);
            if (kind.isInstance(e) && p.test(kind.cast(e))) return kind.cast(e);
        }
    }

    @Test
    void trueForksExecsAndExitsWithStatusZero() throws Exception {
        long before = System.nanoTime();
        Process p = new ProcessBuilder("/bin/true").start();
        int pid = (int) p.pid();
        assertEquals(0, p.waitFor());
        List<ProcEvent> seen = new java.util.ArrayList<>();
        ProcEvent.Exit exit = await(ProcEvent.Exit.class, x -> x.pid() == pid, seen);
        long after = System.nanoTime();

        int self = (int) ProcessHandle.current().pid();
        ProcEvent.Fork fork = seen.stream().filter(e -> e instanceof ProcEvent.Fork f && f.childPid() == pid)
                .map(ProcEvent.Fork.class::cast).findFirst().orElseThrow(() -> new AssertionError(seen));
        assertEquals(List.of(self, pid, false), List.of(fork.parentTgid(), fork.childTgid(), fork.isThread()));
        List<ProcEvent.Exec> execs = seen.stream().filter(e -> e instanceof ProcEvent.Exec x && x.pid() == pid)
                .map(ProcEvent.Exec.class::cast).toList();
        assertFalse(execs.isEmpty(), seen.toString());
        assertEquals(List.of(pid, true, 0, 0, false), List.of(exit.tgid(), exit.exited(), exit.status(), exit.signal(),
                exit.coreDumped()));
        assertEquals(17, exit.exitSignal(), "SIGCHLD to the parent");
        ProcEvent.Exec lastExec = execs.get(execs.size() - 1);
        assertTrue(before <= fork.timestampNs() && fork.timestampNs() <= lastExec.timestampNs()
                && lastExec.timestampNs() <= exit.timestampNs() && exit.timestampNs() <= after,
                "CLOCK_MONOTONIC, in order: " + before + " " + fork + " " + lastExec + " " + exit + " " + after);
    }

    @Test
    void aChildKilledBySigkillShowsTheSignal() throws Exception {
        Process p = new ProcessBuilder("/bin/sleep", "30").start();
        int pid = (int) p.pid();
        List<ProcEvent> seen = new java.util.ArrayList<>();
        await(ProcEvent.Exec.class, x -> x.pid() == pid && "sleep".equals(ProcessInfo.read(pid).map(ProcessInfo::comm)
                .orElse(null)), seen);
        ProcEvent.Fork fork = seen.stream().filter(e -> e instanceof ProcEvent.Fork f && f.childPid() == pid)
                .map(ProcEvent.Fork.class::cast).findFirst().orElseThrow(() -> new AssertionError(seen));
        long start = ProcessInfo.read(pid).orElseThrow().startTimeNs();
        // /proc's start time is set just before the fork event is sent, then cut to the clock tick
        assertTrue(fork.timestampNs() - TimeUnit.MILLISECONDS.toNanos(60) <= start && start <= fork.timestampNs(),
                "ProcessInfo.startTimeNs " + start + " for the fork at " + fork.timestampNs());
        p.destroyForcibly();
        ProcEvent.Exit exit = await(ProcEvent.Exit.class, x -> x.pid() == pid, seen);
        assertEquals(List.of(false, 9, false), List.of(exit.exited(), exit.signal(), exit.coreDumped()));
        assertEquals(137, p.waitFor());
    }

    @Test
    void closeFromAnotherThreadUnblocksNextWithinASecond() throws Exception {
        Thread.sleep(200); // the reader is in next(), blocked or soon to be
        long start = System.nanoTime();
        connector.close();
        reader.join(1000);
        long took = System.nanoTime() - start;
        assertFalse(reader.isAlive(), "next() still blocked 1 s after close()");
        assertTrue(took < TimeUnit.SECONDS.toNanos(1), took + " ns");
        assertNull(connector.next(), "after close(), next() returns null");
        connector.close();
    }

    @Test
    void aThousandQuickChildrenOfAShellAllExec() throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "for i in $(seq 1000); do /bin/true; done").start();
        int shell = (int) sh.pid();
        assertEquals(0, sh.waitFor());
        List<ProcEvent> seen = new java.util.ArrayList<>();
        await(ProcEvent.Exit.class, x -> x.pid() == shell, seen);
        Set<Integer> children = new HashSet<>();
        int execs = 0;
        for (ProcEvent e : seen) {
            if (e instanceof ProcEvent.Fork f && f.parentTgid() == shell) children.add(f.childTgid());
            if (e instanceof ProcEvent.Exec x && children.contains(x.tgid())) execs++;
        }
        assertTrue(execs >= 1000, execs + " execs of the shell's children");
        assertEquals(0, connector.lostEvents(), "lost; overruns: " + connector.overruns());
        assertTrue(seen.stream().noneMatch(e -> e instanceof ProcEvent.Lost), "no Lost event");
    }
}
