package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.Gcc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breakpoints on a real multi-threaded program whose calls are known: bp_threads calls four
 * functions, each returning a + b, whose first instructions are emulated (sub, push, endbr64)
 * or stepped (lea); every call must be seen exactly once with its arguments, every return
 * with its result, and the program must compute every result right.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class BreakpointTest {
    private static final List<String> FUNCTIONS = List.of("sub_first", "push_first", "endbr_first", "step_first");

    @TempDir
    Path tmp;

    private static Path program() {
        return Gcc.build("bp_threads.c", "bp_threads", "-pthread", "-ldl");
    }

    /** Records every hit (on the tracer thread). */
    private static final class Hits implements TraceListener {
        final List<BreakpointHit> entries = new ArrayList<>();
        final List<BreakpointHit> returns = new ArrayList<>();
        final List<SignalStop> signals = new ArrayList<>();

        @Override
        public void onBreakpoint(BreakpointHit hit, Tracee tracee) {
            (hit.kind() == BreakpointHit.Kind.ENTRY ? entries : returns).add(hit);
        }

        @Override
        public void onSignal(SignalStop s, Tracee tracee) {
            signals.add(s);
        }
    }

    private static TraceSession launch(List<String> argv, boolean follow, Hits hits, String fileRegex)
            throws TraceException {
        TraceSession s = TraceSession.launch(argv, TraceOptions.defaults().withFollowForks(follow)
                .withSyscalls(x -> false).withSeccompFilter(true).withInheritedFds(Set.of(0, 2)));
        for (String f : FUNCTIONS) s.addBreakpoint(Breakpoint.symbol(fileRegex, f).withReturns());
        s.addListener(hits);
        return s;
    }

    @Test
    void everyCallOfEveryThreadOnceWithItsResult() throws Exception {
        int threads = 4, calls = 500;
        Hits hits = new Hits();
        Path out = tmp.resolve("out");
        List<String> argv = List.of("sh", "-c", program() + " threads " + threads + " " + calls + " > " + out);
        int status;
        try (TraceSession s = launch(argv, true, hits, "^bp_threads$")) {
            status = s.start();
        }
        assertEquals(0, status, Files.readString(out));
        assertEquals("ok " + threads * calls * 4, Files.readString(out).strip());
        Map<String, List<BreakpointHit>> byCall = new HashMap<>();
        for (BreakpointHit h : hits.entries) {
            byCall.computeIfAbsent(h.breakpoint().symbol() + " " + h.registers().arg(0) + " " + h.registers().arg(1),
                    k -> new ArrayList<>()).add(h);
        }
        List<String> twice = byCall.entrySet().stream().filter(e -> e.getValue().size() > 1).limit(5)
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        assertEquals(List.of(), twice);
        assertEquals(threads * calls * 4, hits.entries.size());
        Set<String> seen = new HashSet<>();
        for (BreakpointHit h : hits.entries) {
            long who = h.registers().arg(0), i = h.registers().arg(1);
            assertTrue(who >= 1 && who <= threads && i >= 0 && i < calls, h.toString());
            assertTrue(seen.add(h.breakpoint().symbol() + " " + who + " " + i), "seen twice: " + h);
            assertEquals(h.address(), h.registers().instructionPointer());
        }
        assertEquals(hits.entries.size(), hits.returns.size());
        for (BreakpointHit r : hits.returns) {
            assertNotNull(r.entry());
            assertEquals(r.entry().tid(), r.tid());
            assertEquals(r.entry().registers().arg(0) + r.entry().registers().arg(1), r.registers().returnValue());
        }
        assertTrue(hits.signals.stream().noneMatch(x -> x.signal().name().equals("SIGTRAP")), hits.signals.toString());
    }

    @Test
    void forkedChildNotFollowedGetsItsCodeBack() throws Exception {
        Hits hits = new Hits();
        Path out = tmp.resolve("out");
        List<String> argv = List.of(program().toString(), "fork", "1", "200");
        int status;
        TraceSession s = TraceSession.launch(argv, TraceOptions.defaults().withInheritedFds(Set.of(0, 2))
                .withSyscalls(x -> false).withSeccompFilter(true));
        for (String f : FUNCTIONS) s.addBreakpoint(Breakpoint.symbol(null, f).withReturns());
        s.addListener(hits);
        status = s.start();
        assertEquals(0, status);
        assertEquals(200 * 4, hits.entries.size());
        assertTrue(hits.entries.stream().allMatch(h -> h.registers().arg(0) == 1 && h.pid() == s.launchedPid()));
        assertEquals(200 * 4, hits.returns.size());
    }

    @Test
    void forkedChildFollowedKeepsItsBreakpoints() throws Exception {
        Hits hits = new Hits();
        List<String> argv = List.of(program().toString(), "fork", "1", "200");
        try (TraceSession s = launch(argv, true, hits, null)) {
            assertEquals(0, s.start());
        }
        Map<Long, Integer> byWho = new HashMap<>();
        Map<Long, Set<Integer>> pids = new HashMap<>();
        for (BreakpointHit h : hits.entries) {
            byWho.merge(h.registers().arg(0), 1, Integer::sum);
            pids.computeIfAbsent(h.registers().arg(0), k -> new HashSet<>()).add(h.pid());
        }
        assertEquals(Map.of(1L, 800, 2L, 800), byWho);
        assertEquals(1, pids.get(2L).size());
        assertTrue(!pids.get(1L).equals(pids.get(2L)));
        assertEquals(1600, hits.returns.size());
    }

    @Test
    void libraryLoadedByDlopenIsCaughtWhenMapped() throws Exception {
        Path lib = Gcc.build("bp_lib.c", "libbp.so", "-shared", "-fPIC");
        Hits hits = new Hits();
        List<String> argv = List.of(program().toString(), "dlopen", "7", "300", "0", lib.toString());
        TraceSession s = TraceSession.launch(argv, TraceOptions.defaults().withInheritedFds(Set.of(0, 2)));
        s.addBreakpoint(Breakpoint.symbol("^libbp\\.so$", "lib_target").withReturns());
        s.addListener(hits);
        assertEquals(0, s.start());
        assertEquals(300, hits.entries.size());
        assertTrue(hits.entries.stream().allMatch(h -> h.file().endsWith("/libbp.so") && h.registers().arg(0) == 7));
        assertTrue(hits.returns.stream().allMatch(r -> r.registers().returnValue() == 7 + r.entry().registers().arg(1)));
    }

    @Test
    void detachMidRunLeavesTheProcessRunningCorrectly() throws Exception {
        int threads = 4, calls = 400;
        // not a child of this JVM: its process reaper would wait for the tracee's stops too
        Path out = tmp.resolve("out"), status = tmp.resolve("status");
        Process sh = new ProcessBuilder("sh", "-c", program() + " threads " + threads + " " + calls + " 2000 > " + out
                + " & echo $!; wait $!; echo $? > " + status).start();
        int pid = Integer.parseInt(new java.io.BufferedReader(new java.io.InputStreamReader(sh.getInputStream()))
                .readLine().strip());
        // the pid is the shell's child until it has exec'd the program, and an exec drops breakpoints;
        // the shell's own command line names "threads" too: the program is its argv[0]
        Path cmdline = Path.of("/proc", Integer.toString(pid), "cmdline");
        String exec = program() + "\0";
        for (int i = 0; i < 500 && !new String(Files.readAllBytes(cmdline)).startsWith(exec); i++) Thread.sleep(10);
        AtomicInteger seen = new AtomicInteger();
        TraceSession s = TraceSession.attach(List.of(pid), TraceOptions.defaults()
                .withFollowForks(true).withSyscalls(x -> false).withSeccompFilter(true));
        for (String f : FUNCTIONS) s.addBreakpoint(Breakpoint.symbol(null, f).withReturns());
        s.addListener(new TraceListener() {
            @Override
            public void onBreakpoint(BreakpointHit hit, Tracee tracee) {
                if (seen.incrementAndGet() == 2000) s.detach();
            }
        });
        var done = s.startAsync();
        assertEquals(0, done.get(60, TimeUnit.SECONDS));
        assertTrue(seen.get() >= 2000, "hits " + seen.get());
        assertTrue(sh.waitFor(60, TimeUnit.SECONDS));
        assertEquals("ok " + threads * calls * 4, Files.readString(out).strip());
        assertEquals("0", Files.readString(status).strip());
    }
}
