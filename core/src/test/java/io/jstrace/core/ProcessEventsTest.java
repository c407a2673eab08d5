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
import java.util.Set;
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
        try (ProcessEvents events = ProcessEvents.open(Set.of(ProcessEvents.Audited.EXEC))) {
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
            Thread closer = closeAfter(events, 60);
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

    /**
     * Every connect to an IPv4 or IPv6 address, by the process that made it and the
     * descriptor, also a non-blocking one still in progress, and every accept with the
     * descriptor it returned and the peer; a unix connect is not logged.
     */
    @Test
    void everyInetConnectComesWithItsProcessAndDescriptor() throws Exception {
        ProcConnectorTest.assumeRoot();
        byte[] before = status();
        List<AuditConnect> connects = new ArrayList<>();
        long child;
        String fds;
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
                ProcessEvents events = ProcessEvents.open(Set.of(ProcessEvents.Audited.CONNECTIONS))) {
            Assumptions.assumeTrue(events.auditRefusal() == null || !events.auditRefusal().contains("owns"),
                    "another audit daemon: " + events.auditRefusal());
            assertNull(events.auditRefusal());
            Process p = new ProcessBuilder("python3", "-c", String.join("\n",
                    "import socket, sys",
                    "t = socket.create_connection(('127.0.0.1', " + server.getLocalPort() + "))",
                    "u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.connect(('::1', 5353))",
                    "x = socket.socket(socket.AF_UNIX); x.connect_ex('/nonexistent/jstrace')",
                    "n = socket.socket(); n.setblocking(False); n.connect_ex(('127.0.0.1', 9))",
                    "l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen(1)",
                    "c = socket.create_connection(l.getsockname()); a, peer = l.accept()",
                    "import os; print(os.getpid(), t.fileno(), u.fileno(), n.fileno(), a.fileno(), peer[1])")).start();
            // python3 may be a shim that runs it in a child: the pid it says is the one
            String[] said = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
            assertEquals(0, p.waitFor());
            child = Long.parseLong(said[0]);
            fds = String.join(" ", java.util.Arrays.copyOfRange(said, 1, said.length));
            Thread closer = closeAfter(events, 10);
            for (ProcEvent e; connects.size() < 5 && (e = events.next()) != null; ) {
                if (e instanceof ProcEvent.Connect c && c.audit().pid() == child) connects.add(c.audit());
            }
            closer.interrupt();
        }
        String[] fd = fds.split(" ");
        assertEquals(5, connects.size(), connects.toString());
        assertEquals("127.0.0.1:0", connects.get(0).address().toString().replaceAll(":\\d+$", ":0"));
        assertEquals(Integer.parseInt(fd[0]), connects.get(0).fd());
        assertEquals(0, connects.get(0).exit());
        assertEquals("[00000000000000000000000000000001]:5353", connects.get(1).address().toString());
        assertEquals(Integer.parseInt(fd[1]), connects.get(1).fd());
        assertEquals("127.0.0.1:9", connects.get(2).address().toString());
        assertEquals(Integer.parseInt(fd[2]), connects.get(2).fd());
        assertEquals(-115, connects.get(2).exit(), "EINPROGRESS");
        assertFalse(connects.get(3).accept());
        AuditConnect accept = connects.get(4);
        assertTrue(accept.accept(), accept.toString());
        assertEquals(Integer.parseInt(fd[3]), accept.fd(), "the descriptor accept returned");
        assertEquals("127.0.0.1:" + fd[4], accept.address().toString(), "the peer");
        assertEquals("python3", connects.get(0).comm());
        assertTrue(connects.get(0).program().startsWith("python3"), "argv[0]: " + connects.get(0).program());
        assertStatusRestored(before);
    }

    /** Closes {@code events} after {@code seconds} (a blocked next() then returns null), unless interrupted first. */
    private static Thread closeAfter(ProcessEvents events, int seconds) {
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            } catch (InterruptedException e) {
                return;
            }
            events.close();
        });
        closer.setDaemon(true);
        closer.start();
        return closer;
    }

    @Test
    void withoutAuditTheConnectorAloneSaysWhy() throws Exception {
        ProcConnectorTest.assumeRoot();
        try (ProcessEvents events = ProcessEvents.open(Set.of())) {
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
