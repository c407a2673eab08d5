package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A library user's JVM has children of its own. The tracer thread waits only for its own
 * tracees and children (__WNOTHREAD): the JDK's reaper keeps every exit status of the
 * JVM's other children, and the session loses no stop of its own.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
@Timeout(60)
class HostChildrenTest {
    private static final int FORKS = 6, CALLS = 3000;

    @Test
    void processBuilderChildrenKeepTheirStatusAndNoStopIsLost() throws Exception {
        String storm = TestPrograms.compile("syscall_storm").toString();
        Map<Integer, Integer> getppids = new ConcurrentHashMap<>();
        Map<Integer, Integer> exits = new TreeMap<>();
        List<Integer> children = new ArrayList<>();
        try (TraceSession s = TraceSession.launch(List.of(storm, "" + FORKS, "" + CALLS),
                TraceOptions.defaults().withFollowForks(true))) {
            s.addListener(new TraceListener() {
                public void onSyscallExit(SyscallExit x, Tracee t) {
                    if (x.enter().name().equals("getppid")) getppids.merge(x.pid(), 1, Integer::sum);
                }

                public void onNewChild(NewChild c, Tracee t) {
                    children.add(c.pid());
                }

                public void onExit(Exit x, Tracee t) {
                    exits.put(x.pid(), x.status());
                }
            });
            CompletableFuture<Integer> status = s.startAsync();
            int started = 0;
            List<String> wrong = new ArrayList<>();
            // The JVM's own children come and go all through the session, and after it.
            while (!status.isDone() || started < 40) {
                int code = started++ % 100;
                Process p = new ProcessBuilder("/bin/sh", "-c", "exit " + code).start();
                int got = p.waitFor();
                if (got != code) wrong.add("sh -c 'exit " + code + "' gave " + got);
            }
            assertEquals(List.of(), wrong, "of " + started + " children of the JVM");
            assertEquals(0, status.get(30, TimeUnit.SECONDS));
        }
        // Ground truth: the program's own count of calls and children.
        assertEquals(FORKS, children.size(), "children " + children);
        assertEquals(FORKS + 1, exits.size(), "exits " + exits);
        for (int pid : exits.keySet()) assertEquals(CALLS, getppids.get(pid), "getppid calls of " + pid);
        List<Integer> codes = new ArrayList<>(exits.values());
        codes.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= FORKS; i++) expected.add(i);
        assertEquals(expected, codes, "exit statuses: the parent's 0, child i's i + 1");
    }

    /**
     * A child of this JVM cannot be attached: the JDK's reaper waits for it by pid, and such
     * a wait from any thread of our process takes its ptrace stops too. It is refused, and
     * the child runs on untouched.
     */
    @Test
    void aChildOfThisJvmIsRefusedAndUntouched() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "read _; exit 7").start();
        try {
            TraceSession s = TraceSession.attach(List.of((int) p.pid()), TraceOptions.defaults());
            TraceException e = assertThrows(TraceException.class, s::start);
            assertTrue(e.getMessage().contains("child of this JVM"), e.getMessage());
            assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/status"))
                    .contains("TracerPid:\t0\n"), "not traced");
        } finally {
            p.getOutputStream().close();
        }
        assertEquals(7, p.waitFor());
    }
}
