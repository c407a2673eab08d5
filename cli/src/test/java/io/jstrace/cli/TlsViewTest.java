package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jstrace tls} against a real {@code openssl s_server} on loopback with a certificate
 * made by the test: clients curl (two server names from one process, and TLS 1.2), Python's
 * ssl, gnutls-cli and a JSSE HttpsURLConnection, plus garbage on the TLS port and a
 * ClientHello cut short; then s_server itself traced, as the server. Ground truth: the
 * server's own hex dump of every ClientHello and ServerHello ({@code -msg}), parsed by a
 * Python script of the test's (truth.py: its own parser, JA3 and JA4), and what each client
 * says it negotiated.
 */
class TlsViewTest {
    private static boolean available() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v openssl && command -v curl && command -v gnutls-cli"
                    + " && command -v python3").start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = TlsViewTest.class.getResourceAsStream("/tls/" + resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, script + ": " + out);
    }

    /** A key and a self-signed certificate for every test name, made now. */
    private static void certificate(Path dir) throws Exception {
        sh(dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem"
                + " -out cert.pem -days 1 -subj /CN=a.test -addext subjectAltName=DNS:a.test,DNS:b.test,DNS:c.test,"
                + "DNS:d.test,DNS:e.test,DNS:f.test,DNS:g.test,DNS:h.test");
    }

    private static List<String> server(int port, String... more) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                "cert.pem", "-key", "key.pem", "-www", "-alpn", "http/1.1", "-msg"));
        cmd.addAll(List.of(more));
        return cmd;
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("s_server did not listen on " + port);
    }

    private static List<JsonNode> records(Path out, JsonSchema schema) throws IOException {
        List<JsonNode> rs = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            assertNull(Schemas.errors(schema, line), line);
            rs.add(Schemas.parse(line));
        }
        return rs;
    }

    /** The server's ClientHellos (and their ServerHellos) by client random, as truth.py read them. */
    private static Map<String, JsonNode> truth(Path dir, Path serverLog) throws Exception {
        copy("truth.py", dir.resolve("truth.py"));
        Process p = new ProcessBuilder("python3", dir.resolve("truth.py").toString(), serverLog.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getErrorStream().readAllBytes()));
        Map<String, JsonNode> byRandom = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            JsonNode n = Schemas.parse(line);
            byRandom.put(n.get("client_random").asText(), n);
        }
        return byRandom;
    }

    /** Every field jstrace read from the hellos against the server's copy of them. */
    private static void matchesTruth(JsonNode n, JsonNode t) {
        String where = n + "\ntruth " + t;
        assertEquals(t.get("sni").asText(), n.get("sni").asText(), where);
        assertEquals(t.get("alpn_offered"), n.get("alpn_offered"), where);
        assertEquals(t.get("versions_offered"), n.get("versions_offered"), where);
        assertEquals(t.get("ja3").asText(), n.get("ja3").asText(), where);
        assertEquals(t.get("ja3_md5").asText(), n.get("ja3_md5").asText(), where);
        assertEquals(t.get("ja4").asText(), n.get("ja4").asText(), where);
        assertEquals(t.get("session_id").asText(), n.get("session_id").asText(), where);
        JsonNode s = t.get("server");
        assertEquals(s.get("version_name").asText(), n.get("version").asText(), where);
        assertEquals(s.get("cipher").asInt(), n.get("cipher_id").asInt(), where);
        if (n.get("alpn_visible").asBoolean()) assertEquals(s.get("alpn").asText(), n.get("alpn").asText(), where);
        else assertTrue(n.get("alpn").isNull() && s.get("version").asInt() == 0x0304, where);
        assertEquals(s.get("psk").asBoolean(), n.get("resumed").asBoolean(), where);
    }

    private static String v4(String address) {
        return address.startsWith("[::ffff:") ? address.substring(8).replace("]", "") : address;
    }

    private static String group(Path log, String regex) throws IOException {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        assertTrue(m.find(), regex + " in " + log);
        return m.group(1);
    }

    @Test
    void everyClientsConnectionsAgainstTheServersHellos(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs openssl, curl, gnutls-cli and python3");
        certificate(dir);
        Path j = Files.createDirectories(dir.resolve("j"));
        copy("client.py", j.resolve("client.py"));
        copy("JsseClient.java", j.resolve("JsseClient.java"));
        Files.writeString(j.resolve("hosts"), "127.0.0.1 f.test\n");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", j.toString(),
                j.resolve("JsseClient.java").toString()));
        copy("workload.sh", dir.resolve("workload.sh"));
        Path t = Files.createDirectories(dir.resolve("t"));
        int port = freePort();
        Path serverLog = dir.resolve("server.log");
        Process server = new ProcessBuilder(server(port)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(serverLog.toFile()).start();
        Path out = dir.resolve("tls.jsonl");
        JstraceProcess.Result r;
        try {
            awaitPort(port);
            r = JstraceProcess.run(dir, List.of("tls", "-v", "-j", "-o", out.toString(), "--", "sh",
                    dir.resolve("workload.sh").toString(), Integer.toString(port), t.toString(), j.toString()));
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, r.exit(), r.stderr());
        Map<String, JsonNode> truth = truth(dir, serverLog);
        assertEquals(6, truth.size(), truth.toString()); // a to f; the cut one never reached the server whole
        List<JsonNode> records = records(out, Schemas.of("jstrace-tls.schema.json"));

        Map<String, JsonNode> closes = new HashMap<>(), handshakes = new HashMap<>();
        List<JsonNode> notTls = new ArrayList<>();
        for (JsonNode n : records) {
            if (n.get("status").asText().equals("not_tls")) {
                notTls.add(n);
                continue;
            }
            String sni = n.get("sni").isNull() ? "(none)" : n.get("sni").asText();
            Map<String, JsonNode> into = n.get("event").asText().equals("close") ? closes : handshakes;
            assertNull(into.put(sni, n), "one " + n.get("event") + " per connection: " + n);
        }
        assertEquals(java.util.Set.of("a.test", "b.test", "c.test", "d.test", "e.test", "f.test", "(none)"),
                closes.keySet(), closes.toString());
        assertEquals(java.util.Set.of("a.test", "b.test", "c.test", "d.test", "e.test", "f.test"),
                handshakes.keySet());
        int expectedTruth = 0;
        for (Map.Entry<String, JsonNode> c : closes.entrySet()) {
            JsonNode n = c.getValue();
            String where = n.toString();
            assertEquals("client", n.get("role").asText(), where);
            // Java's sockets are dual-stack: its addresses are v4-mapped ([::ffff:127.0.0.1]:PORT)
            assertEquals("127.0.0.1:" + port, v4(n.get("remote").asText()), where);
            assertTrue(v4(n.get("local").asText()).startsWith("127.0.0.1:"), where);
            if (c.getKey().equals("(none)")) { // the ClientHello cut after 90 bytes
                assertEquals("malformed", n.get("status").asText(), where);
                assertEquals("python3", n.get("name").asText(), where);
                assertTrue(n.get("problem").asText().startsWith("no whole ClientHello"), where);
                continue;
            }
            assertEquals("ok", n.get("status").asText(), where);
            assertTrue(n.get("problem").isNull(), where);
            assertTrue(n.get("counts_exact").asBoolean(), where);
            assertTrue(n.get("tx_app_bytes").asLong() > 0 && n.get("rx_app_bytes").asLong() > 0, where);
            assertTrue(n.get("tx_app_records").asLong() > 0 && n.get("rx_app_records").asLong() > 0, where);
            assertTrue(n.get("hello_ms").asDouble() >= 0 && n.get("handshake_ms").asDouble() >= n.get("hello_ms").asDouble(), where);
            assertEquals("close", n.get("close").asText(), where);
            JsonNode hs = handshakes.get(c.getKey());
            assertEquals(n.get("client_random"), hs.get("client_random"));
            assertTrue(hs.get("ts_ns").asLong() <= n.get("ts_ns").asLong());
            JsonNode tr = truth.get(n.get("client_random").asText());
            assertNotNull(tr, "the server saw this ClientHello: " + where);
            matchesTruth(n, tr);
            expectedTruth++;
        }
        assertEquals(6, expectedTruth);
        // two connections of one curl process: same pid, told apart by socket
        assertEquals(closes.get("a.test").get("pid"), closes.get("b.test").get("pid"));
        assertFalse(closes.get("a.test").get("inode").equals(closes.get("b.test").get("inode")));
        assertEquals("curl", closes.get("a.test").get("name").asText());
        // what each client says it negotiated
        String curl = Files.readString(t.resolve("curl.log"), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("SSL connection using (\\S+) / (\\S+)").matcher(curl);
        for (String sni : List.of("a.test", "b.test")) {
            assertTrue(m.find(), curl);
            assertEquals(m.group(1), closes.get(sni).get("version").asText());
            assertEquals(m.group(2), closes.get(sni).get("cipher").asText());
        }
        assertEquals("TLSv1.2", group(t.resolve("curl12.log"), "SSL connection using (\\S+) /"));
        assertEquals("TLSv1.2", closes.get("c.test").get("version").asText());
        assertEquals(group(t.resolve("curl12.log"), "ALPN: server accepted (\\S+)"), closes.get("c.test").get("alpn").asText());
        String[] py = Files.readString(t.resolve("python.log")).trim().split(" ");
        assertEquals(List.of("d.test", py[1], py[2]), List.of(closes.get("d.test").get("sni").asText(),
                closes.get("d.test").get("version").asText(), closes.get("d.test").get("cipher").asText()));
        assertEquals("http/1.1", py[3]);
        assertFalse(closes.get("d.test").get("alpn_visible").asBoolean());
        assertEquals("[\"x-test\",\"http/1.1\"]", closes.get("d.test").get("alpn_offered").toString());
        assertEquals("gnutls-cli", closes.get("e.test").get("name").asText());
        String gnutls = group(t.resolve("gnutls.log"), "^- Description: \\((\\S+?)-X\\.509\\)");
        assertEquals(gnutls.replace("TLS", "TLSv"), closes.get("e.test").get("version").asText());
        String gnutlsCipher = group(t.resolve("gnutls.log"), "^- Description: .*-\\(([A-Z0-9-]+)\\)$");
        assertTrue(closes.get("e.test").get("cipher").asText().contains(gnutlsCipher.replace('-', '_')), gnutlsCipher);
        String[] java = Files.readString(t.resolve("java.log")).trim().split(" ");
        assertEquals(List.of("f.test", java[1], java[2]), List.of(closes.get("f.test").get("sni").asText(),
                closes.get("f.test").get("version").asText(), closes.get("f.test").get("cipher").asText()));
        // garbage on the TLS port: shown with -v, as not TLS
        assertEquals(1, notTls.size(), notTls.toString());
        JsonNode g = notTls.get(0);
        assertEquals("close", g.get("event").asText());
        assertEquals("127.0.0.1:" + port, g.get("remote").asText());
        assertTrue(g.get("role").isNull() && g.get("sni").isNull() && g.get("ja4").isNull(), g.toString());
        assertTrue(g.get("problem").asText().startsWith("its first bytes are no ClientHello record: 47 45 54 20"),
                g.toString());
    }

    @Test
    void theServerSideReadsTheClientHello(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs openssl, curl, gnutls-cli and python3");
        certificate(dir);
        int port = freePort();
        Path out = dir.resolve("tls.jsonl");
        List<String> args = new ArrayList<>(List.of("tls", "-j", "-o", out.toString(), "--"));
        args.addAll(server(port, "-naccept", "2"));
        Process jstrace = JstraceProcess.builder(dir, args).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        Map<String, String> localPorts = new HashMap<>();
        try {
            awaitPortQuietly(port, dir);
            for (String sni : List.of("g.test", "h.test")) {
                Process c = new ProcessBuilder("curl", "-sS", "-k", "-o", "/dev/null", "-w", "%{local_port}",
                        "--resolve", sni + ":" + port + ":127.0.0.1", "https://" + sni + ":" + port + "/").start();
                localPorts.put(sni, new String(c.getInputStream().readAllBytes()).trim());
                assertTrue(c.waitFor(30, TimeUnit.SECONDS));
            }
            assertTrue(jstrace.waitFor(60, TimeUnit.SECONDS), "s_server -naccept 2 ends after two connections");
        } finally {
            jstrace.destroyForcibly();
        }
        Map<String, JsonNode> truth = truth(dir, dir.resolve("server.log"));
        List<JsonNode> records = records(out, Schemas.of("jstrace-tls.schema.json"));
        assertEquals(2, records.size(), records.toString());
        for (JsonNode n : records) {
            String where = n.toString();
            String sni = n.get("sni").asText();
            assertEquals("server", n.get("role").asText(), where);
            assertEquals("openssl", n.get("name").asText(), where);
            assertEquals("127.0.0.1:" + port, n.get("local").asText(), where);
            assertEquals("127.0.0.1:" + localPorts.get(sni), n.get("remote").asText(), where);
            assertEquals("ok", n.get("status").asText(), where);
            // the server sent the response: its application data out is the larger
            assertTrue(n.get("tx_app_bytes").asLong() > n.get("rx_app_bytes").asLong(), where);
            matchesTruth(n, truth.get(n.get("client_random").asText()));
        }
        assertEquals(java.util.Set.of("g.test", "h.test"), localPorts.keySet());
    }

    /**
     * Waits for the traced s_server to listen by its "ACCEPT" line: a probe connection
     * would be one of its two accepts.
     */
    private static void awaitPortQuietly(int port, Path dir) throws Exception {
        for (int i = 0; i < 400; i++) {
            if (Files.exists(dir.resolve("server.log")) && Files.readString(dir.resolve("server.log")).contains("ACCEPT")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("s_server did not start on " + port + ": " + Files.readString(dir.resolve("server.log")));
    }

    /**
     * {@code --plaintext}: breakpoints on libssl's functions give curl's request exactly as
     * it sent it (its user agent the test's own) and the start of s_server's page, on the
     * connection they belong to; text and hex dumps; -l refused without --plaintext.
     */
    @Test
    void plaintextThroughBreakpointsOnTheConnection(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs openssl, curl, gnutls-cli and python3");
        certificate(dir);
        int port = freePort();
        Process server = new ProcessBuilder(server(port)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            awaitPort(port);
            Path out = dir.resolve("tls.jsonl");
            String agent = "jstrace-plaintext-" + port;
            var r = JstraceProcess.run(dir, List.of("tls", "--plaintext", "-j", "-o", out.toString(), "--", "curl",
                    "-sk", "-o", "/dev/null", "-A", agent, "--resolve", "a.test:" + port + ":127.0.0.1",
                    "https://a.test:" + port + "/"));
            assertEquals(0, r.exit(), r.stderr());
            List<JsonNode> records = records(out, Schemas.of("jstrace-tls.schema.json"));
            assertEquals(1, records.size(), records.toString());
            JsonNode calls = records.get(0).get("plaintext");
            String sent = "", got = "";
            for (JsonNode c : calls) {
                String data = new String(java.util.HexFormat.of().parseHex(c.get("data_hex").asText()),
                        StandardCharsets.ISO_8859_1);
                assertEquals(Math.min(4096, c.get("length").asLong()), data.length(), c.toString()); // the cap
                assertEquals(c.get("length").asLong() > 4096, c.get("truncated").asBoolean(), c.toString());
                if (c.get("dir").asText().equals("write")) sent += data;
                else got += data;
                assertTrue(c.get("function").asText().startsWith("SSL_"), c.toString());
            }
            assertEquals("GET / HTTP/1.1\r\nHost: a.test:" + port + "\r\nUser-Agent: " + agent
                    + "\r\nAccept: */*\r\n\r\n", sent);
            assertTrue(got.startsWith("HTTP/1.0 200 ok\r\n"), got);
            var text = JstraceProcess.run(dir, List.of("tls", "--plaintext", "--plaintext-cap", "16", "--", "curl",
                    "-sk", "-o", "/dev/null", "-A", agent, "https://127.0.0.1:" + port + "/"));
            assertTrue(text.stderr().contains("> SSL_write") && text.stderr().contains(": \"GET / HTTP/1.1\\r\\n\"..."),
                    text.stderr());
            var usage = JstraceProcess.run(dir, List.of("tls", "-l", "libssl", "true"));
            assertEquals(1, usage.exit());
            assertTrue(usage.stderr().contains("go with --plaintext"), usage.stderr());
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void summaryAndBadUsage(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(available(), "needs openssl, curl, gnutls-cli and python3");
        certificate(dir);
        int port = freePort();
        Process server = new ProcessBuilder(server(port)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        JstraceProcess.Result json, text;
        try {
            awaitPort(port);
            List<String> curl = List.of("--", "curl", "-sS", "-k", "-o", "/dev/null", "-o", "/dev/null", "--resolve",
                    "a.test:" + port + ":127.0.0.1", "--resolve", "b.test:" + port + ":127.0.0.1",
                    "https://a.test:" + port + "/", "https://b.test:" + port + "/");
            List<String> args = new ArrayList<>(List.of("tls", "-s", "-j", "-o", "-"));
            args.addAll(curl);
            json = JstraceProcess.run(dir, args);
            args = new ArrayList<>(List.of("tls", "-s", "-o", "-"));
            args.addAll(curl);
            text = JstraceProcess.run(dir, args);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, json.exit(), json.stderr());
        String line = json.stdout().trim();
        assertNull(Schemas.errors(Schemas.of("jstrace-tls.schema.json"), line), line);
        JsonNode s = Schemas.parse(line);
        assertEquals(2, s.get("connections").asInt(), line);
        assertEquals(1, s.get("by").get("sni").get("a.test").asInt(), line);
        assertEquals(1, s.get("by").get("sni").get("b.test").asInt(), line);
        assertEquals(2, s.get("by").get("version").get("TLSv1.3").asInt(), line);
        assertEquals(2, s.get("by").get("status").get("ok").asInt(), line);
        assertTrue(text.stdout().startsWith("connections 2\n"), text.stdout());
        assertTrue(text.stdout().contains("\nsni         a.test 1 b.test 1\n"), text.stdout());

        var noCommand = JstraceProcess.run(dir, List.of("tls", "-j"));
        assertEquals(1, noCommand.exit());
        assertEquals("jstrace: tls: need exactly one of CMD [ARGS] and -p PID[,PID...]\n"
                + "Try 'jstrace tls -h' for more information.\n", noCommand.stderr());
        var lib = JstraceProcess.run(dir, List.of("tls", "-l", "/usr/lib/libssl.so.3", "--", "true"));
        assertEquals(1, lib.exit());
        assertTrue(lib.stderr().startsWith("jstrace: tls: -l, --plaintext-cap and --hex go with --plaintext"), lib.stderr());
        var badPid = JstraceProcess.run(dir, List.of("tls", "-p", "x"));
        assertEquals("jstrace: tls: -p: not a process id: 'x'\n", badPid.stderr());
        var system = JstraceProcess.run(dir, List.of("tls", "--system", "true"));
        assertEquals(1, system.exit());
        assertEquals("jstrace: tls: --system traces no command\nTry 'jstrace tls -h' for more information.\n",
                system.stderr());
        var systemPlaintext = JstraceProcess.run(dir, List.of("tls", "--system", "--plaintext"));
        assertEquals(1, systemPlaintext.exit());
        assertTrue(systemPlaintext.stderr().startsWith("jstrace: tls: --plaintext traces a command or -p PID: not with"
                + " --system\n"), systemPlaintext.stderr());
    }
}
