package io.jstrace.view.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.TraceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/** The exec view's life-cycle and bounded stream, on real commands traced with ptrace. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
@Timeout(120)
class ExecTracerLifecycleTest {
    private static final List<String> TWO_THOUSAND = List.of("sh", "-c", "for i in $(seq 2000); do /bin/true; done");

    private static ExecTracer.Builder command(List<String> argv) {
        return ExecTracer.command(argv).inheritedFds(Set.of());
    }

    /**
     * A stream nobody reads while 2000 programs run: it holds no more than its bound, and
     * every other event is counted as dropped and reported once at the end. Callbacks see
     * everything: a traced command loses nothing.
     */
    @Test
    void anUnreadStreamStaysWithinItsBoundAndCountsWhatItDropped() throws Exception {
        AtomicInteger execs = new AtomicInteger(), exits = new AtomicInteger(), trues = new AtomicInteger();
        List<Long> reports = Collections.synchronizedList(new ArrayList<>());
        try (ExecTracer t = command(TWO_THOUSAND).queueCapacity(16).build()) {
            t.onExec(e -> {
                execs.incrementAndGet();
                if (e.argv().equals(List.of("/bin/true"))) trues.incrementAndGet();
            }).onExit(e -> exits.incrementAndGet()).onDropped(reports::add);
            Stream<ExecEvent> unread = t.events();
            t.start();
            assertEquals(0, t.waitFor());
            assertEquals(2000, trues.get(), "every /bin/true reaches the callbacks");
            int seen = execs.get() + exits.get();
            assertEquals(2002 * 2, seen, "sh, its seq and its 2000 /bin/true, each an exec and an exit");
            List<ExecEvent> queued = unread.toList();
            assertTrue(queued.size() <= 16, queued.size() + " events queued, past the bound of 16");
            assertEquals(16, queued.size(), "the bound is filled before anything is dropped");
            assertTrue(t.droppedEvents() > 0);
            assertEquals(seen, queued.size() + t.droppedEvents(), "every event is queued or counted dropped");
            assertEquals(List.of(t.droppedEvents()), reports, "reported once, at the end");
            assertEquals(0, t.lostEvents(), "ptrace loses nothing");
        }
    }

    @Test
    void aSecondStartThrows() throws Exception {
        try (ExecTracer t = command(List.of("sh", "-c", "exit 0")).build()) {
            t.start();
            assertThrows(IllegalStateException.class, t::start);
            assertEquals(0, t.waitFor());
            assertThrows(IllegalStateException.class, t::start, "not after the end either");
        }
    }

    @Test
    void aFailedStartIsAStartToo() {
        try (ExecTracer t = command(List.of("/nonexistent/jstrace-test")).build()) {
            TraceException e = assertThrows(TraceException.class, t::start);
            assertEquals("Can't stat '/nonexistent/jstrace-test': No such file or directory", e.getMessage());
            assertThrows(TraceException.class, t::waitFor);
            assertThrows(IllegalStateException.class, t::start);
        }
    }

    @Test
    void closeWithoutStartIsFine() {
        ExecTracer t = command(List.of("/bin/true")).build();
        t.close();
        t.close();
        assertThrows(IllegalStateException.class, t::start, "closed for good");
        assertThrows(IllegalStateException.class, t::waitFor, "never started");
    }

    @Test
    void waitForReturnsTheCommandsExitStatus() throws Exception {
        try (ExecTracer t = command(List.of("sh", "-c", "/bin/true; exit 42")).build()) {
            t.start();
            assertEquals(42, t.waitFor());
            assertEquals(42, t.waitFor(), "again, the same");
        }
        try (ExecTracer t = command(List.of("sh", "-c", "kill -TERM $$")).build()) {
            t.start();
            assertEquals(128 + 15, t.waitFor(), "killed by SIGTERM, as a shell's $? shows it");
        }
    }

    @Test
    void attachingToNoProcessFailsAtStart() {
        try (ExecTracer t = ExecTracer.attach(Integer.MAX_VALUE - 1).build()) {
            TraceException e = assertThrows(TraceException.class, t::start);
            assertEquals("attach: ptrace(PTRACE_SEIZE, " + (Integer.MAX_VALUE - 1) + "): No such process", e.getMessage());
        }
    }
}
