package io.jstrace.view.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every connection of {@code net_edges} against what the workload itself wrote down: a
 * server and a client process on loopback, random byte counts each way, a non-blocking
 * connect, a dup'd descriptor, one passed with SCM_RIGHTS to a third process, shutdown,
 * a refused connect, UDP datagrams moved with sendmmsg and recvmmsg and sendto.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetEdgesTest {

    /** One line of the workload's account: its words after the first, as name=value. */
    record Line(String kind, String label, Map<String, Long> v) {
        long get(String k) {
            Long x = v.get(k);
            assertNotNull(x, k + " in " + this);
            return x;
        }
    }

    static List<Line> truth(Path file) throws Exception {
        List<Line> out = new ArrayList<>();
        for (String s : Files.readAllLines(file)) {
            String[] w = s.trim().split(" ");
            Map<String, Long> v = new HashMap<>();
            String label = null;
            for (int k = 1; k < w.length; k++) {
                int eq = w[k].indexOf('=');
                if (eq < 0) label = w[k];
                else v.put(w[k].substring(0, eq), Long.parseLong(w[k].substring(eq + 1)));
            }
            out.add(new Line(w[0], label, v));
        }
        return out;
    }

    static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /**
     * Each of the account's connections with its record, by both ends and in order: a
     * client's port is free again once its connection has closed, and the kernel may give
     * it to a later one to the same server (on loopback the TIME_WAIT is the server's end;
     * net/ipv4/inet_hashtables.c __inet_hash_connect checks the client's 4-tuple).
     */
    private static Map<Line, NetEvent> byEnds(List<Line> lines, List<NetEvent> records) {
        Map<Line, NetEvent> matched = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Line l : lines) {
            String key = ends(l);
            List<NetEvent> m = records.stream().filter(e -> key.equals(e.local() + " " + e.remote())).toList();
            assertEquals(lines.stream().filter(o -> key.equals(ends(o))).count(), m.size(),
                    "one record each for " + l + ": " + m);
            matched.put(l, m.get(seen.merge(key, 1, Integer::sum) - 1));
        }
        return matched;
    }

    private static String ends(Line l) {
        return "127.0.0.1:" + l.get("lport") + " 127.0.0.1:" + l.get("rport");
    }

    @Test
    void everyConnectionAsTheWorkloadDidIt(@TempDir Path dir) throws Exception {
        check(dir, 6);
    }

    /** 200 more connections, each with its own random byte counts. */
    @Test
    void twoHundredConnections(@TempDir Path dir) throws Exception {
        check(dir, 200);
    }

    private void check(Path dir, int extra) throws Exception {
        Path binary = TestPrograms.compile("net_edges");
        Path account = dir.resolve("account.txt");
        List<NetEvent> events = Collections.synchronizedList(new ArrayList<>());
        int status;
        try (NetView v = NetView.command(List.of(binary.toString(), account.toString(), "7", "" + extra)).build()) {
            v.onEvent(events::add);
            v.start();
            status = v.waitFor();
        }
        assertEquals(0, status, "the workload checks its own transfers");
        List<Line> lines = truth(account);
        List<NetEvent> closes = events.stream().filter(e -> e.kind() == NetEvent.Kind.CLOSE).toList();
        List<NetEvent> opens = events.stream().filter(e -> e.kind() == NetEvent.Kind.OPEN).toList();

        // every connection that opened closed exactly once, and nothing closed that did not open
        assertEquals(opens.stream().map(e -> e.inode() + " " + e.remote()).sorted().toList(),
                closes.stream().filter(e -> e.direction() != NetEvent.Direction.LISTEN)
                        .map(e -> e.inode() + " " + e.remote()).sorted().toList());

        Map<Long, Line> passed = new HashMap<>();
        for (Line l : lines) if (l.kind().equals("passed")) passed.put(l.get("tx"), l);

        // outbound TCP: one record each, the opener's pid, exact bytes both ways
        List<Line> outs = lines.stream().filter(l -> l.kind().equals("out")).toList();
        List<NetEvent> tcpOut = closes.stream()
                .filter(e -> e.proto().equals("tcp") && e.outbound() && e.errno() == null).toList();
        assertEquals(4 + extra, outs.size());
        assertEquals(outs.size(), tcpOut.size(), "outbound TCP connections: " + tcpOut);
        Map<Line, NetEvent> outRecords = byEnds(outs, tcpOut);
        for (Line l : outs) {
            NetEvent e = outRecords.get(l);
            assertEquals(l.get("pid"), e.pid(), "opener of " + l);
            long rx = l.label().equals("passed") ? passed.get(l.get("tx")).get("rx") : l.get("rx");
            assertEquals(l.get("tx"), e.txBytes(), "sent, " + l);
            assertEquals(rx, e.rxBytes(), "received, " + l);
            assertEquals("ESTABLISHED", events.stream().filter(o -> o.kind() == NetEvent.Kind.OPEN
                    && o.inode() == e.inode()).findFirst().orElseThrow().state());
            assertNotNull(e.connectMs());
            assertTrue(e.durationMs() >= e.connectMs() * 0, "duration");
        }

        // the non-blocking connect: in progress, then settled by getsockopt(SO_ERROR)
        NetEvent nb = outRecords.get(outs.stream().filter(l -> l.label().equals("nonblocking")).findFirst().orElseThrow());
        List<String> nbStates = events.stream().filter(e -> e.kind() == NetEvent.Kind.STATE && e.inode() == nb.inode())
                .map(e -> e.state() + "/" + e.detail()).toList();
        assertEquals(List.of("SYN_SENT/connect", "ESTABLISHED/getsockopt", "SHUTDOWN_WR/shutdown"), nbStates);

        // inbound TCP: the server's pid, its local and the client's port, bytes mirrored
        List<Line> ins = lines.stream().filter(l -> l.kind().equals("in")).toList();
        List<NetEvent> tcpIn = closes.stream()
                .filter(e -> e.proto().equals("tcp") && e.direction() == NetEvent.Direction.IN).toList();
        assertEquals(ins.size(), tcpIn.size());
        Map<Line, NetEvent> inRecords = byEnds(ins, tcpIn);
        for (Line l : ins) {
            NetEvent e = inRecords.get(l);
            assertEquals(l.get("pid"), e.pid());
            assertEquals(l.get("tx"), e.txBytes());
            assertEquals(l.get("rx"), e.rxBytes());
            // the server read to the end: the kernel received the data and the FIN's sequence number
            assertNotNull(e.tcp(), "tcp_info of " + l);
            assertEquals(l.get("rx") + 1, e.tcp().bytesReceived());
            assertTrue(e.tcp().bytesAcked() >= 0 && e.tcp().bytesAcked() <= l.get("tx") + 1);
        }

        // the refused connect: its error, and the socket left open until the process ended
        Line refused = lines.stream().filter(l -> l.kind().equals("refused")).findFirst().orElseThrow();
        List<NetEvent> ref = closes.stream().filter(e -> "ECONNREFUSED".equals(e.errno())).toList();
        assertEquals(1, ref.size());
        assertEquals("127.0.0.1:" + refused.get("rport"), ref.get(0).remote());
        assertEquals(refused.get("pid"), ref.get(0).pid());
        assertEquals("refused", ref.get(0).error());
        assertEquals("exit", ref.get(0).closeReason());
        assertEquals(0, ref.get(0).txBytes() + ref.get(0).rxBytes());

        // UDP: each flow as its sender counted it, and the receiving end's flow mirrors it
        List<Line> udp = lines.stream().filter(l -> l.kind().equals("udp")).toList();
        List<NetEvent> udpCloses = closes.stream().filter(e -> e.proto().equals("udp")).toList();
        assertEquals(2, udp.size());
        assertEquals(2, udpCloses.size(), "one flow per socket and peer: " + udpCloses);
        for (Line l : udp) {
            NetEvent from = udpCloses.stream().filter(e -> e.local().equals("127.0.0.1:" + l.get("from")))
                    .findFirst().orElseThrow();
            NetEvent to = udpCloses.stream().filter(e -> e.local().equals("127.0.0.1:" + l.get("to")))
                    .findFirst().orElseThrow();
            assertEquals("127.0.0.1:" + l.get("to"), from.remote());
            assertEquals(l.get("tx"), from.txBytes());
            assertEquals(l.get("msgs"), from.txCalls());
            assertEquals(l.get("tx"), to.rxBytes());
            assertEquals(l.get("msgs"), to.rxCalls());
            assertEquals(l.get("pid"), from.pid());
        }

        // the listener, and the socketpair that carried the descriptor (one byte each way's send)
        assertEquals(1, events.stream().filter(e -> e.kind() == NetEvent.Kind.LISTEN).count());
        List<NetEvent> pair = closes.stream().filter(e -> e.proto().equals("unix")).toList();
        assertEquals(2, pair.size(), "the socketpair: " + pair);
        assertEquals(pair.get(0).inode(), pair.get(1).peerInode());
        assertEquals(1, pair.stream().mapToLong(NetEvent::txBytes).sum());
        assertEquals(1, pair.stream().mapToLong(NetEvent::rxBytes).sum());
        assertNull(pair.get(0).dnsName());
    }

    /**
     * blind_io sets up io_uring (where the kernel allows it) and maps a TCP socket: each is
     * a blind spot event, and connections of the process carry the flag.
     */
    @Test
    void ioUringAndMappedSocketsAreFlagged(@TempDir Path dir) throws Exception {
        Path binary = TestPrograms.compile("blind_io");
        Process plain = new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile()).start();
        boolean uring = new String(plain.getInputStream().readAllBytes()).contains("io_uring_setup ok");
        plain.waitFor();
        List<NetEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (NetView v = NetView.command(List.of(binary.toString())).inheritedFds(java.util.Set.of()).build()) {
            v.onEvent(events::add);
            v.start();
            v.waitFor();
        }
        List<NetEvent> spots = events.stream().filter(e -> e.kind() == NetEvent.Kind.BLIND_SPOT).toList();
        assertEquals(uring ? 2 : 1, spots.size(), "blind spots: " + spots);
        if (uring) assertTrue(spots.get(0).detail().startsWith("io_uring_setup: "), spots.get(0).detail());
        assertTrue(spots.stream().allMatch(NetEvent::ioUring));
        assertTrue(events.stream().filter(e -> e.kind() == NetEvent.Kind.CLOSE).allMatch(NetEvent::ioUring),
                "every connection of the process is flagged: " + events);
    }
}
