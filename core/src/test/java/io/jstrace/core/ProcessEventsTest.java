package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.AuditSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector's exec events joined to the audit subsystem's records, against the real
 * kernel: every exec of a shell this test runs comes with exactly the argv and cwd the
 * shell gave it, however short-lived the program, and the audit configuration is as it
 * was once the source is closed.
 */
class ProcessEventsTest {
    private static final int EXECS = 200;

    @TempDir
    Path dir;

    @Test
    void everyExecComesWithItsArgvAndCwdAndTheAuditStatusIsRestored() throws Exception {
        ProcConnectorTest.assumeRoot();
        byte[] before = status();
        List<ProcEvent.Exec> execs = new ArrayList<>();
        long shell;
        try (ProcessEvents events = ProcessEvents.open(true)) {
            Assumptions.assumeTrue(events.auditRefusal() == null || !events.auditRefusal().contains("owns"),
                    "another audit daemon: " + events.auditRefusal());
            assertNull(events.auditRefusal());
            // A long argument is logged in pieces across several EXECVE records; a space,
            // a quote and a byte that is not UTF-8 make the kernel log an argument in hex.
            Path script = dir.resolve("loop.sh");
            Files.write(script, ("i=0; while [ $i -lt " + EXECS + " ]; do /bin/true mark-$i 'a b\"c' \"$(printf '\\377')\""
                    + " \"$LONG\"; i=$((i+1)); done\n").getBytes(StandardCharsets.US_ASCII));
            ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).directory(dir.toFile());
            pb.environment().put("LONG", "x".repeat(20_000));
            Process p = pb.start();
            shell = p.pid();
            Map<Integer, Boolean> children = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    return;
                }
                events.close();
            });
            closer.setDaemon(true);
            closer.start();
            for (ProcEvent e; execs.size() < EXECS && (e = events.next()) != null; ) {
                if (e instanceof ProcEvent.Fork f && f.parentTgid() == shell) children.put(f.childTgid(), true);
                if (e instanceof ProcEvent.Exec x && children.containsKey(x.tgid())) execs.add(x);
            }
            closer.interrupt();
            assertEquals(0, p.waitFor());
        }
        assertEquals(EXECS, execs.size());
        for (int i = 0; i < EXECS; i++) {
            AuditExec a = execs.get(i).audit();
            assertNotNull(a, "exec " + i + " without its audit record");
            assertEquals(List.of("/bin/true", "mark-" + i, "a b\"c", "\udcff", "x".repeat(20_000)), a.argv());
            assertEquals(dir.toRealPath().toString(), a.cwd());
            assertEquals("/bin/true", a.filename());
            assertEquals((int) shell, a.ppid());
            assertEquals("true", a.comm());
        }
        assertStatusRestored(before);
    }

    @Test
    void withoutAuditTheConnectorAloneSaysWhy() throws Exception {
        ProcConnectorTest.assumeRoot();
        try (ProcessEvents events = ProcessEvents.open(false)) {
            assertEquals("not asked for", events.auditRefusal());
        }
    }

    private static byte[] status() throws Exception {
        try (AuditSocket s = AuditSocket.open()) {
            return s.status();
        }
    }

    /** enabled, failure, pid, backlog_limit and backlog_wait_time as they were; no state file left. */
    private static void assertStatusRestored(byte[] before) throws Exception {
        byte[] after = status();
        for (int at : new int[] {4, 8, 12, 20, 36}) {
            assertArrayEquals(Arrays.copyOfRange(before, at, at + 4), Arrays.copyOfRange(after, at, at + 4),
                    "audit_status field at " + at);
        }
        assertFalse(Files.exists(Path.of("/run/jstrace-audit.state")));
    }
}
