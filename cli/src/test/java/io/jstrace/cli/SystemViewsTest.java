package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.File;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jstrace net --system} and {@code jstrace dns --system} watching workloads that
 * another process tree runs (never traced): real servers and clients on loopback in
 * jstrace's own network namespace (the process-events connector answers only there);
 * each record checked against what the workload says it did. Stopped by SIGTERM, as a
 * user stops them. Without privileges, one line and status 1.
 */
class SystemViewsTest {
    private static boolean root() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            return new String(p.getInputStream().readAllBytes()).trim().equals("0") && p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void copy(String resource, Path to) throws Exception {
        try (InputStream in = SystemViewsTest.class.getResourceAsStream("/system/" + resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

    /** jstrace with {@code args}, writing JSON Lines to {@code out}; returns once it listens ({@code ready} seen). */
    private static Process start(Path dir, List<String> args, Path out, Predicate<String> ready, Runnable probe)
            throws Exception {
        Process p = JstraceProcess.builder(dir, args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            probe.run();
            if (Files.exists(out) && Files.readAllLines(out).stream().anyMatch(ready)) return p;
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("jstrace did not start: " + Files.readString(dir.resolve("stderr")));
    }

    /**
     * Waits until a line {@code last} accepts is written (jstrace reads what the kernel
     * queued for it at its own pace: on a loaded machine it lags), then a little more.
     */
    private static void settle(Path out, Predicate<String> last) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && Files.readAllLines(out).stream().noneMatch(last)) Thread.sleep(100);
        Thread.sleep(500);
    }

    /** SIGTERM, then its records, each valid against the schema. */
    private static List<JsonNode> stop(Process p, Path dir, Path out, String schema) throws Exception {
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "jstrace ends on SIGTERM");
        // it dies of the signal once its records are out, as strace does after detaching
        assertEquals(128 + 15, p.exitValue(), Files.readString(dir.resolve("stderr")));
        assertEquals("", Files.readString(dir.resolve("stderr")));
        JsonSchema s = Schemas.of(schema);
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            assertNull(Schemas.errors(s, line), line);
            records.add(Schemas.parse(line));
        }
        return records;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process w = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("workload.log").toFile()).start();
        assertTrue(w.waitFor(120, TimeUnit.SECONDS), "workload");
        assertEquals(0, w.exitValue(), Files.readString(dir.resolve("workload.log")));
    }

    /** Whether a view can have the connects' audit records (no audit daemon holds the socket), as it will ask. */
    private static boolean auditedConnects() throws Exception {
        try (io.jstrace.core.ProcessEvents e = io.jstrace.core.ProcessEvents.open(
                java.util.Set.of(io.jstrace.core.ProcessEvents.Audited.CONNECTIONS))) {
            return e.auditRefusal() == null;
        }
    }

    @Test
    void everyConnectionOfAnotherProcessTree(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(root(), "needs root");
        boolean audit = auditedConnects();
        boolean routes = Files.isDirectory(Path.of("/sys/kernel/tracing/events/fib/fib_table_lookup"));
        copy("netload.py", dir.resolve("netload.py"));
        Path out = dir.resolve("net.jsonl");
        Path probe = dir.resolve("probe.sock");
        List<JsonNode> records;
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(probe));
            Process p = start(dir, List.of("net", "--system", "-j", "-t", "-l", "-o", out.toString()), out,
                    l -> l.contains(probe.toString()), () -> { });
            Thread.sleep(3500); // the sockets there before: their owners searched for (3 s at most)
            run(dir, "python3", dir.resolve("netload.py").toString(), dir.resolve("truth").toString());
            settle(out, l -> l.contains("unix.sock") && l.contains("\"close\""));
            records = stop(p, dir, out, "jstrace-net.schema.json");
        }
        List<JsonNode> truth = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("truth"))) truth.add(Schemas.parse(l));
        int tcp = 0, attributed = 0;
        for (JsonNode t : truth) {
            switch (t.get("kind").asText()) {
                case "tcp" -> {
                    tcp++;
                    String c = "127.0.0.1:" + t.get("cport").asInt(), s = "127.0.0.1:" + t.get("sport").asInt();
                    attributed += end(records, t, c, s, t.get("pid").asInt(), "out", t.get("tx").asLong(),
                            t.get("rx").asLong());
                    attributed += end(records, t, s, c, t.get("server").asInt(), "in", t.get("rx").asLong(),
                            t.get("tx").asLong());
                }
                case "udp" -> {
                    List<JsonNode> mine = of(records, "udp", "127.0.0.1:" + t.get("cport").asInt(),
                            "127.0.0.1:" + t.get("sport").asInt());
                    JsonNode open = mine.stream().filter(n -> n.get("event").asText().equals("open")).findFirst()
                            .orElseThrow(() -> new AssertionError("udp " + t));
                    assertEquals(t.get("pid").asInt(), open.get("pid").asInt(), open.toString());
                    assertEquals("out", open.get("dir").asText());
                    assertTrue(open.get("tx_bytes").isNull() && open.get("tx_calls").isNull(), "not known: " + open);
                }
                case "udp-short" -> {
                    // a socket that lived for one datagram: named by its route lookup, when the kernel has the event
                    if (!routes) continue;
                    // an unconnected socket is bound to the port alone
                    String local = (t.get("connected").asBoolean() ? "127.0.0.1:" : "0.0.0.0:") + t.get("cport").asInt();
                    List<JsonNode> mine = of(records, "udp", local, "127.0.0.1:" + t.get("sport").asInt());
                    assertEquals(List.of("open", "close"), mine.stream().map(n -> n.get("event").asText()).toList(),
                            t + ": " + mine);
                    for (JsonNode n : mine) {
                        assertEquals(t.get("pid").asInt(), n.get("pid").asInt(), n.toString());
                        assertEquals("out", n.get("dir").asText(), n.toString());
                        assertEquals("python3", n.get("name").asText(), n.toString());
                    }
                }
                case "unix-short" -> {
                    // made and closed between two snapshots: named by the maker's calls, when the kernel has their events
                    if (!Files.isDirectory(Path.of("/sys/kernel/tracing/events/syscalls/sys_enter_socketpair"))) continue;
                    int pid = t.get("pid").asInt(), ends = 2 * t.get("pairs").asInt() + t.get("sockets").asInt();
                    List<JsonNode> mine = records.stream().filter(n -> "unix".equals(text(n, "proto"))
                            && n.hasNonNull("pid") && n.get("pid").asInt() == pid).toList();
                    for (String event : List.of("open", "close")) {
                        assertEquals(ends, mine.stream().filter(n -> n.get("event").asText().equals(event)).count(),
                                event + "s of " + t + ": " + mine);
                    }
                    assertEquals(2 * ends, mine.stream().filter(n -> n.get("name").asText().equals("python3")
                            && String.valueOf(text(n, "detail")).startsWith("opened and closed between two snapshots: named by its")).count(),
                            mine.toString());
                    assertEquals(2 * t.get("sockets").asInt(), mine.stream().filter(n -> "dgram".equals(text(n, "type"))
                            && n.get("fd").asInt() >= 3).count(), mine.toString());
                    // a single-threaded maker: its thread is the process
                    assertTrue(mine.stream().allMatch(n -> n.get("tid").asInt() == pid), mine.toString());
                }
                case "unix" -> {
                    String path = t.get("path").asText();
                    List<JsonNode> mine = records.stream().filter(n -> "unix".equals(text(n, "proto"))
                            && path.equals(text(n, "local"))).toList();
                    // the listener: held by the server and the child it forked, either may be named
                    assertTrue(mine.stream().anyMatch(n -> n.get("event").asText().equals("listen")
                            && !n.get("pid").isNull()), mine.toString());
                    JsonNode in = mine.stream().filter(n -> n.get("event").asText().equals("open")).findFirst()
                            .orElseThrow(() -> new AssertionError("the accepted unix socket: " + mine));
                    assertEquals(t.get("pid").asInt(), in.get("pid").asInt());
                    assertEquals("in", in.get("dir").asText());
                    long peer = in.get("peer_inode").asLong();
                    JsonNode client = records.stream().filter(n -> n.has("inode") && n.get("inode").asLong() == peer
                            && n.get("event").asText().equals("open")).findFirst()
                            .orElseThrow(() -> new AssertionError("the connecting unix socket"));
                    assertEquals("out", client.get("dir").asText());
                    assertFalse(client.get("pid").isNull());
                    assertTrue(mine.stream().anyMatch(n -> n.get("event").asText().equals("close")), "closed");
                }
                default -> throw new AssertionError(t.toString());
            }
        }
        assertEquals(16, tcp);
        assertTrue(attributed >= 20, "the 10 held connections' 20 ends at least: " + attributed);
        // a short connection's ends are named by the state changes their holders made (tracefs,
        // mounted by the view by now), else by the audit records of its connect and its accept
        boolean states = Files.isDirectory(Path.of("/sys/kernel/tracing/events/sock/inet_sock_set_state"));
        if (audit || states) assertEquals(32, attributed, "every end of the 16 connections");
        if (states) {
            for (JsonNode t : truth) {
                if (!t.get("kind").asText().equals("tcp")) continue;
                String c = "127.0.0.1:" + t.get("cport").asInt(), s = "127.0.0.1:" + t.get("sport").asInt();
                // from its connect, which its SYN_SENT timed (the accepted end: its peer's), to its close
                for (List<String> end : List.of(List.of(c, s), List.of(s, c))) {
                    for (JsonNode n : of(records, "tcp", end.get(0), end.get(1))) {
                        if (n.get("event").asText().equals("close")) assertTrue(n.get("duration_ms").asDouble() > 0, n.toString());
                    }
                }
            }
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static List<JsonNode> of(List<JsonNode> records, String proto, String local, String remote) {
        return records.stream().filter(n -> proto.equals(text(n, "proto")) && local.equals(text(n, "local"))
                && remote.equals(text(n, "remote"))).toList();
    }

    /**
     * One end of a TCP connection: one open and one close, the close's bytes the
     * workload's; its pid right, or (only for a connection that did not outlive a
     * snapshot) not known. Returns 1 when the pid was known.
     */
    private static int end(List<JsonNode> records, JsonNode t, String local, String remote, int pid, String dir,
            long tx, long rx) {
        List<JsonNode> mine = of(records, "tcp", local, remote);
        String where = t + " " + local + ": " + mine;
        List<JsonNode> closes = mine.stream().filter(n -> n.get("event").asText().equals("close")).toList();
        assertEquals(1, closes.size(), where);
        assertEquals(1, mine.stream().filter(n -> n.get("event").asText().equals("open")).count(), where);
        JsonNode close = closes.get(0);
        assertEquals(tx, close.get("tx_bytes").asLong(), where);
        assertEquals(rx, close.get("rx_bytes").asLong(), where);
        assertTrue(close.get("tx_calls").isNull(), where);
        for (JsonNode n : mine) {
            if (n.get("pid").isNull()) {
                assertFalse(t.get("held").asBoolean(), "a held connection's owner is known: " + where);
                assertTrue(n.get("detail").asText().startsWith("owner unknown"), where);
                continue;
            }
            assertEquals(pid, n.get("pid").asInt(), where);
            assertEquals(dir, n.get("dir").asText(), where);
            assertEquals("python3", n.get("name").asText(), where);
        }
        return close.get("pid").isNull() ? 0 : 1;
    }

    /**
     * Without the capabilities: root with an empty bounding set (setpriv), so that the
     * test's class path (in root's Maven repository) stays readable; as nobody the same
     * line comes (checked by hand: {@code setpriv --reuid=nobody ... jstrace net --system}).
     */
    @Test
    void withoutPrivilegesOneLineAndStatus1(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(root(), "needs root to drop capabilities");
        for (String view : List.of("net", "dns")) {
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--ambient-caps=-all",
                    "--bounding-set=-all", "--"));
            cmd.addAll(JstraceProcess.builder(dir, List.of(view, "--system")).command());
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
            String stdout = new String(p.getInputStream().readAllBytes());
            String stderr = new String(p.getErrorStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), stderr);
            assertEquals("jstrace: " + view + ": --system: needs root (CAP_SYS_PTRACE to read every process's"
                    + " descriptors)\n", stderr);
            assertEquals("", stdout);
        }
    }

    @Test
    void everyLookupOfAnotherProcessTree(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(root(), "needs root");
        Assumptions.assumeTrue(new File("/usr/sbin/dnsmasq").canExecute() && new File("/usr/bin/dig").canExecute(),
                "needs dnsmasq and dig");
        copy("dnsload.sh", dir.resolve("dnsload.sh"));
        // a loopback address of its own: port 53 there is free whatever else runs here
        java.util.Random r = new java.util.Random();
        String server = "127.77." + (1 + r.nextInt(250)) + "." + (1 + r.nextInt(250));
        Files.writeString(dir.resolve("resolv.conf"), "nameserver " + server + "\n");
        Process dnsmasq = new ProcessBuilder("dnsmasq", "--no-resolv", "--no-hosts", "--local=/test/",
                "--host-record=h.test,10.0.0.2,fd00::2", "--cname=c.test,h.test", "--host-record=ready.test,10.0.0.9",
                "--port=53", "--listen-address=" + server, "--bind-interfaces", "--keep-in-foreground",
                "--log-facility=/dev/null", "-C", "/dev/null", "--pid-file=" + dir.resolve("dnsmasq.pid"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Path out = dir.resolve("dns.jsonl");
        List<JsonNode> records;
        boolean audit = auditedConnects();
        try {
            Runnable probe = () -> {
                try {
                    new ProcessBuilder("dig", "+short", "+tries=1", "+time=1", "@" + server, "ready.test")
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            Process p = start(dir, List.of("dns", "--system", "-j", "-o", out.toString()), out,
                    l -> l.contains("ready.test"), probe);
            run(dir, "sh", dir.resolve("dnsload.sh").toString(), server, dir.resolve("truth").toString(),
                    dir.resolve("resolv.conf").toString());
            settle(out, l -> l.contains("c.test") && l.contains("AAAA"));
            records = stop(p, dir, out, "jstrace-dns.schema.json");
        } finally {
            dnsmasq.destroy();
            dnsmasq.waitFor(10, TimeUnit.SECONDS);
        }
        records = records.stream().filter(n -> n.get("server").asText().equals(server + ":53")
                && !n.get("query").asText().equals("ready.test")).toList();
        // PID TOOL NAME TYPES PROTO; each (name, type, proto) with the pids that asked it
        java.util.Map<String, List<Integer>> askers = new java.util.HashMap<>();
        java.util.Map<Integer, String> tools = new java.util.HashMap<>();
        for (String t : Files.readAllLines(dir.resolve("truth"))) {
            String[] f = t.split(" ");
            tools.put(Integer.parseInt(f[0]), f[1]);
            for (String type : f[3].split("\\+")) {
                askers.computeIfAbsent(f[2] + "/" + type + "/" + f[4], k -> new ArrayList<>()).add(Integer.parseInt(f[0]));
            }
        }
        int expected = askers.values().stream().mapToInt(List::size).sum(), attributed = 0;
        assertEquals(10, expected);
        assertEquals(expected, records.size(), "every exchange, once: " + records);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (JsonNode n : records) {
            String key = n.get("query").asText() + "/" + n.get("type").asText() + "/" + n.get("proto").asText();
            List<Integer> who = askers.get(key);
            assertTrue(who != null, "asked by the workload: " + n);
            seen.merge(key, 1, Integer::sum);
            boolean nx = n.get("query").asText().equals("nx.test");
            assertEquals(nx ? "NXDOMAIN" : "NOERROR", n.get("rcode").asText(), n.toString());
            List<String> answers = new ArrayList<>();
            n.get("answers").forEach(a -> answers.add(a.asText()));
            assertEquals(nx ? List.of() : List.of(n.get("type").asText().equals("A") ? "10.0.0.2" : "fd00::2"),
                    answers, n.toString());
            assertFalse(n.get("timeout").asBoolean() || n.get("unmatched").asBoolean(), n.toString());
            assertTrue(n.get("latency_ms").asDouble() >= 0, n.toString());
            if (n.get("pid").isNull()) continue; // the socket closed before it could be looked up
            attributed++;
            assertTrue(who.contains(n.get("pid").asInt()), "the right process: " + n);
            assertEquals(tools.get(n.get("pid").asInt()), n.get("name").asText(), n.toString());
        }
        for (var e : askers.entrySet()) assertEquals(e.getValue().size(), seen.get(e.getKey()), e.getKey());
        java.lang.System.out.println("dns --system: " + attributed + " of " + expected + " exchanges attributed");
        // a client gone before its socket was looked up is named by what it did in its own calls
        // (its UDP route lookup, its TCP state changes), or by its connect's audit record
        boolean own = Files.isDirectory(Path.of("/sys/kernel/tracing/events/fib/fib_table_lookup"))
                && Files.isDirectory(Path.of("/sys/kernel/tracing/events/sock/inet_sock_set_state"));
        if (audit || own) assertEquals(expected, attributed, "every exchange attributed: " + records.stream()
                .filter(n -> n.get("pid").isNull()).map(n -> n.get("query").asText() + "/" + n.get("type").asText()
                        + "/" + n.get("proto").asText()).toList());
    }
}
