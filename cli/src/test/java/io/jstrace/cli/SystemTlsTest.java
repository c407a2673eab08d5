package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jstrace tls --system}: uprobes on the machine's TLS libraries, watching clients
 * and a server it never traces. A Python TLS server on loopback files, for each connection,
 * the server name it was sent and the plaintext bytes it received and sent; curl (OpenSSL's
 * SSL_write/SSL_read, two connections with different server names from one process),
 * Python's ssl (SSL_write_ex/SSL_read_ex) and gnutls-cli (gnutls_record_send/recv) connect
 * to it. Every connection's calls, on both ends, must add up to those bytes and carry that
 * name; after SIGTERM no probe is left behind.
 */
class SystemTlsTest {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");

    /** Root, a kernel with uprobe events (tracefs mounted here if it is not, as jstrace would), the tools. */
    static boolean usable() {
        return root() && mounted() && Files.exists(TRACEFS.resolve("uprobe_events"))
                && Stream.of("openssl", "curl", "gnutls-cli").allMatch(t -> onPath(t))
                && Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    private static boolean mounted() {
        if (Files.exists(TRACEFS.resolve("trace_pipe"))) return true;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", TRACEFS.toString()).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && Files.exists(TRACEFS.resolve("trace_pipe"));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    @Test
    void everyCallOfEveryConnectionAddsUpToWhatTheServerSaw(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(usable(), "needs root, tracefs with uprobe_events, openssl, curl, gnutls-cli, python3");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem",
                "-days", "1", "-subj", "/CN=localhost");
        try (InputStream in = SystemTlsTest.class.getResourceAsStream("/system/tlsserver.py")) {
            Files.write(dir.resolve("tlsserver.py"), in.readAllBytes());
        }
        Path out = dir.resolve("tls.jsonl");
        Process jstrace = JstraceProcess.builder(dir, List.of("tls", "--system", "-j", "-o", out.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        String group = "jstrace_" + jstrace.pid();
        awaitArmed(jstrace, dir, group);

        Process server = new ProcessBuilder("/usr/bin/python3", "tlsserver.py", "c.pem", "k.pem", "port", "server.log", "4")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        Map<Integer, String> clients = new HashMap<>(); // pid -> what it is
        try {
            int port = port(dir, server);
            String p = Integer.toString(port);
            clients.put(run(dir, "curl", "-sk", "--resolve", "a.test:" + p + ":127.0.0.1", "--resolve",
                    "b.test:" + p + ":127.0.0.1", "https://a.test:" + p + "/1000", "https://b.test:" + p + "/30000",
                    "-o", "/dev/null", "-o", "/dev/null"), "curl");
            clients.put(run(dir, "/usr/bin/python3", "-c", PYTHON_CLIENT, p), "python");
            clients.put(gnutls(dir, port), "gnutls-cli");
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server done");
        } finally {
            server.destroyForcibly();
        }
        List<JsonNode> truth = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("server.log"))) truth.add(Schemas.parse(line));
        assertEquals(4, truth.size(), Files.readString(dir.resolve("server.out")));
        int serverPid = truth.get(0).get("pid").asInt();

        List<JsonNode> calls = stop(jstrace, dir, out, group, serverPid);
        for (JsonNode t : truth) {
            String sni = t.get("sni").asText();
            long received = t.get("received").asLong(), sent = t.get("sent").asLong();
            List<JsonNode> client = calls.stream().filter(c -> clients.containsKey(c.get("pid").asInt())
                    && sni.equals(c.get("sni").asText(null))).toList();
            assertEquals(received, bytes(client, "write"), sni + ": the client's writes: " + client);
            assertEquals(sent, bytes(client, "read"), sni + ": the client's reads: " + client);
            assertEquals(1, client.stream().map(c -> c.get("conn").asText()).distinct().count(), sni + ": one connection");
            List<JsonNode> served = calls.stream().filter(c -> c.get("pid").asInt() == serverPid
                    && sni.equals(c.get("sni").asText(null))).toList();
            assertEquals(received, bytes(served, "read"), sni + ": the server's reads: " + served);
            assertEquals(sent, bytes(served, "write"), sni + ": the server's writes: " + served);
        }
        assertEquals(List.of("a.test", "b.test", "g.test", "p.test"),
                truth.stream().map(t -> t.get("sni").asText()).sorted().toList());
        assertTrue(calls.stream().anyMatch(c -> c.get("function").asText().equals("SSL_read_ex")), "Python's _ex calls");
        assertTrue(calls.stream().anyMatch(c -> c.get("function").asText().equals("gnutls_record_recv")), "GnuTLS");
        for (JsonNode c : calls) {
            if (clients.containsKey(c.get("pid").asInt())) {
                String what = clients.get(c.get("pid").asInt());
                assertTrue(c.get("comm").asText().startsWith(what.substring(0, 4)), c.toString());
            }
        }
    }

    /** Python's ssl module as a client: SSL_write_ex, SSL_read_ex until the server closes. */
    private static final String PYTHON_CLIENT = """
            import socket, ssl, sys
            c = ssl.create_default_context(); c.check_hostname = False; c.verify_mode = ssl.CERT_NONE
            s = c.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))), server_hostname="p.test")
            s.sendall(b"GET /70000 HTTP/1.1\\r\\nHost: p.test\\r\\n\\r\\n")
            while s.recv(65536):
                pass
            """;

    /** gnutls-cli sends the request it reads on standard input, prints the answer; its input closes once answered. */
    private static int gnutls(Path dir, int port) throws Exception {
        Process g = new ProcessBuilder("gnutls-cli", "--insecure", "--sni-hostname", "g.test", "-p", Integer.toString(port),
                "127.0.0.1").directory(dir.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = g.getOutputStream()) {
            in.write("GET /500 HTTP/1.1\r\nHost: g.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            byte[] answer = g.getInputStream().readAllBytes(); // the server closes after its answer
            assertTrue(new String(answer, StandardCharsets.ISO_8859_1).contains("Content-Length: 500"),
                    new String(answer, StandardCharsets.ISO_8859_1));
        }
        assertTrue(g.waitFor(30, TimeUnit.SECONDS), "gnutls-cli ends");
        return (int) g.pid();
    }

    private static long bytes(List<JsonNode> calls, String dir) {
        long n = 0;
        for (JsonNode c : calls) {
            if (!c.get("dir").asText().equals(dir)) continue;
            assertFalse(c.get("length").isNull(), "an _ex call's count is read: " + c);
            n += c.get("length").asLong();
        }
        return n;
    }

    /** Waits until jstrace's probes are enabled in its tracing instance. */
    private static void awaitArmed(Process jstrace, Path dir, String group) throws Exception {
        Path enable = TRACEFS.resolve("instances").resolve(group).resolve("events").resolve(group).resolve("enable");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && jstrace.isAlive()) {
            if (Files.exists(enable) && Files.readString(enable).trim().equals("1")) return;
            Thread.sleep(50);
        }
        jstrace.destroyForcibly();
        throw new AssertionError("jstrace did not arm its probes: " + Files.readString(dir.resolve("stderr")));
    }

    private static int port(Path dir, Process server) throws Exception {
        Path file = dir.resolve("port");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && server.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(Files.exists(file), Files.readString(dir.resolve("server.out")));
        return Integer.parseInt(Files.readString(file).trim());
    }

    /** SIGTERM once the calls have been read; the records, each valid; nothing of jstrace's left in tracefs. */
    private static List<JsonNode> stop(Process p, Path dir, Path out, String group, int serverPid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // the server's last write comes after every client's: when it is out, all are
        while (System.nanoTime() < deadline && Files.readAllLines(out).stream()
                .filter(l -> l.contains("\"pid\":" + serverPid + ",")).filter(l -> l.contains("\"write\"")).count() < 4) {
            Thread.sleep(100);
        }
        Thread.sleep(300);
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "jstrace ends on SIGTERM");
        assertEquals(128 + 15, p.exitValue(), Files.readString(dir.resolve("stderr")));
        assertEquals("", Files.readString(dir.resolve("stderr")));
        assertFalse(Files.readString(TRACEFS.resolve("uprobe_events")).contains(group + "/"), "probes removed");
        assertFalse(Files.exists(TRACEFS.resolve("instances").resolve(group)), "instance removed");
        JsonSchema s = Schemas.of("jstrace-tls-system.schema.json");
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            assertNull(Schemas.errors(s, line), line);
            records.add(Schemas.parse(line));
        }
        return records;
    }

    /** Runs a workload command to its end; its pid. */
    private static int run(Path dir, String... cmd) throws Exception {
        Process w = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("workload.log").toFile()).start();
        assertTrue(w.waitFor(60, TimeUnit.SECONDS), "workload");
        assertEquals(0, w.exitValue(), Files.readString(dir.resolve("workload.log")));
        return (int) w.pid();
    }
}
