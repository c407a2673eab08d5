package io.jstrace.view.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.testdata.Gcc;
import io.jstrace.testdata.TestPrograms;
import io.jstrace.view.tls.PlaintextEvent.Direction;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plaintext through breakpoints, against real TLS servers on loopback with a certificate
 * made here: curl (OpenSSL), gnutls-cli and Python's ssl module against {@code openssl s_server}, and a C
 * program whose 8 threads call SSL_write/SSL_write_ex on 8 connections to a forking socat
 * that files what each connection received.
 */
@EnabledIf("tools")
class PlaintextCaptureTest {
    @TempDir
    Path dir;
    private final List<Process> servers = new ArrayList<>();

    static boolean tools() {
        return TestPrograms.ptracePermitted() && Stream.of("openssl", "curl", "gnutls-cli", "socat", "python3")
                .allMatch(t -> TestPrograms.onPath(t) != null) && Files.exists(Path.of("/usr/include/openssl/ssl.h"));
    }

    @BeforeEach
    void certificate() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("k.pem").toString(),
                "-out", dir.resolve("c.pem").toString(), "-days", "1", "-subj", "/CN=localhost");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(Process::destroy);
    }

    @Test
    void curlRequestAndResponseAreTheBytesOnEitherEnd() throws Exception {
        int port = server("openssl", "s_server", "-accept", "%d", "-cert", "c.pem", "-key", "k.pem", "-www", "-quiet");
        Path out = dir.resolve("curl.out");
        List<PlaintextEvent> events = capture(List.of("sh", "-c", "curl -sk -i -A jstrace-test https://localhost:"
                + port + "/ > " + out));
        String request = "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nUser-Agent: jstrace-test\r\nAccept: */*\r\n\r\n";
        assertArrayEquals(request.getBytes(StandardCharsets.US_ASCII), joined(events, Direction.WRITE));
        byte[] received = Files.readAllBytes(out);
        assertTrue(received.length > 100);
        assertArrayEquals(received, joined(events, Direction.READ));
        assertTrue(events.stream().allMatch(e -> e.pid() != 0 && e.fd() >= 3), events.toString());
        assertEquals(1, events.stream().map(PlaintextEvent::fd).distinct().count());
    }

    @Test
    void gnutlsSendAndReceive() throws Exception {
        int port = server("openssl", "s_server", "-accept", "%d", "-cert", "c.pem", "-key", "k.pem", "-rev", "-quiet");
        Path out = dir.resolve("gnutls.out");
        List<PlaintextEvent> events = capture(List.of("sh", "-c", "(echo hello jstrace; sleep 1) | gnutls-cli"
                + " --insecure --logfile=/dev/null -p " + port + " localhost > " + out));
        assertEquals("hello jstrace\n", new String(joined(events, Direction.WRITE), StandardCharsets.US_ASCII));
        assertEquals("ecartsj olleh\n", Files.readString(out));
        assertArrayEquals(Files.readAllBytes(out), joined(events, Direction.READ));
        assertTrue(events.stream().allMatch(e -> e.function().startsWith("gnutls_record_") && e.fd() >= 3));
    }

    /** Python's ssl module: libssl mapped by dlopen at import, SSL_write_ex and SSL_read_ex. */
    @Test
    void pythonReadExAndWriteExThroughALibraryLoadedLater() throws Exception {
        int port = server("openssl", "s_server", "-accept", "%d", "-cert", "c.pem", "-key", "k.pem", "-www", "-quiet");
        Path out = dir.resolve("py.out");
        String client = "import socket, ssl, sys\n"
                + "s = ssl._create_unverified_context().wrap_socket(socket.create_connection(('127.0.0.1', " + port
                + ")))\n"
                + "s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\n"
                + "data = b''\n"
                + "while True:\n"
                + "    b = s.recv(1000)\n"
                + "    if not b: break\n"
                + "    data += b\n"
                + "open(sys.argv[1], 'wb').write(data)\n";
        List<PlaintextEvent> events = capture(List.of("python3", "-c", client, out.toString()));
        assertEquals("GET / HTTP/1.0\r\n\r\n", new String(joined(events, Direction.WRITE), StandardCharsets.US_ASCII));
        byte[] received = Files.readAllBytes(out);
        assertTrue(received.length > 100);
        assertArrayEquals(received, joined(events, Direction.READ));
        assertTrue(events.stream().anyMatch(e -> e.function().equals("SSL_read_ex")), events.toString());
        assertTrue(events.stream().allMatch(e -> e.function().endsWith("_ex") && e.fd() >= 3), events.toString());
    }

    @Test
    void eightThreadsTenThousandWritesEachSeenOnce() throws Exception {
        int port = socatServer();
        List<PlaintextEvent> events = capture(List.of(sslThreads().toString(), "" + port, "8", "1250"));
        assertEquals(10_000, events.size());
        Set<String> lines = new HashSet<>();
        Map<String, Set<Integer>> fdsByThread = new HashMap<>();
        for (PlaintextEvent e : events) {
            String line = new String(e.data(), StandardCharsets.US_ASCII);
            assertTrue(lines.add(line), "twice: " + line);
            assertEquals(expectedLine(line.substring(1, 3), Integer.parseInt(line.substring(4, 9))), line);
            int i = Integer.parseInt(line.substring(4, 9));
            assertEquals(i % 2 == 1 ? "SSL_write_ex" : "SSL_write", e.function());
            assertEquals(Direction.WRITE, e.direction());
            assertEquals(e.data().length, e.length());
            fdsByThread.computeIfAbsent(line.substring(0, 3), k -> new HashSet<>()).add(e.fd());
        }
        assertEquals(8, fdsByThread.size());
        assertTrue(fdsByThread.values().stream().allMatch(f -> f.size() == 1 && f.iterator().next() >= 3));
        assertEquals(8, fdsByThread.values().stream().map(f -> f.iterator().next()).distinct().count());
        assertServerGotEverything(8, 1250);
    }

    /**
     * The workload waits for a gate file, opened once the tracer is in, so however slow the
     * attach, the detach after 200 of its 4,800 writes comes mid-run.
     */
    @Test
    void detachMidRunLeavesTheWritesIntact() throws Exception {
        int port = socatServer();
        Path status = dir.resolve("status");
        Path gate = dir.resolve("gate");
        Process sh = new ProcessBuilder("sh", "-c", sslThreads() + " " + port + " 8 600 3000 " + gate + " > "
                + dir.resolve("out") + " & echo $!; wait $!; echo $? > " + status).start();
        int pid = Integer.parseInt(new BufferedReader(new InputStreamReader(sh.getInputStream())).readLine().strip());
        List<PlaintextEvent> events = new ArrayList<>();
        TraceSession[] session = new TraceSession[1];
        PlaintextCapture capture = new PlaintextCapture(256, e -> {
            events.add(e);
            if (events.size() == 200) session[0].detach();
        });
        session[0] = TraceSession.attach(List.of(pid), capture.traceOptions(TraceOptions.defaults()
                .withFollowForks(true).withSyscalls(s -> false)));
        capture.install(session[0]);
        var traced = session[0].startAsync();
        Files.createFile(gate);
        assertEquals(0, traced.get(60, TimeUnit.SECONDS));
        assertTrue(events.size() >= 200 && events.size() < 4800, "events: " + events.size());
        assertTrue(sh.waitFor(60, TimeUnit.SECONDS));
        assertEquals("0", Files.readString(status).strip());
        assertEquals("ok 4800", Files.readString(dir.resolve("out")).strip());
        assertServerGotEverything(8, 600);
    }

    private List<PlaintextEvent> capture(List<String> argv) throws Exception {
        List<PlaintextEvent> events = new ArrayList<>();
        PlaintextCapture capture = new PlaintextCapture(1 << 16, events::add);
        try (TraceSession s = TraceSession.launch(argv, capture.traceOptions(TraceOptions.defaults()
                .withFollowForks(true).withSyscalls(x -> false).withSeccompFilter(true)))) {
            capture.install(s);
            assertEquals(0, s.start());
        }
        return events;
    }

    private static byte[] joined(List<PlaintextEvent> events, Direction d) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        events.stream().filter(e -> e.direction() == d).forEach(e -> b.writeBytes(e.data()));
        return b.toByteArray();
    }

    private static String expectedLine(String thread, int i) {
        return "t" + thread + " " + String.format("%05d", i) + " " + "x".repeat(10 + i % 50) + "\n";
    }

    /** Every connection's file holds its thread's lines, in order, each once. */
    private void assertServerGotEverything(int threads, int calls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, List<String>> byThread;
        do {
            Thread.sleep(100);
            try (Stream<Path> files = Files.list(dir.resolve("rx"))) {
                byThread = files.map(PlaintextCaptureTest::lines).filter(l -> !l.isEmpty())
                        .collect(Collectors.toMap(l -> l.get(0).substring(1, 3), l -> l, (a, b) -> a));
            }
        } while ((byThread.size() < threads || byThread.values().stream().anyMatch(l -> l.size() < calls))
                && System.nanoTime() < deadline);
        assertEquals(threads, byThread.size());
        for (var e : byThread.entrySet()) {
            List<String> want = new ArrayList<>();
            for (int i = 0; i < calls; i++) want.add(expectedLine(e.getKey(), i).strip());
            assertEquals(want, e.getValue());
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path sslThreads() {
        return Gcc.build("ssl_threads.c", "ssl_threads", "-pthread", "-lssl", "-lcrypto");
    }

    /** socat forking one process per connection, each filing what it received in rx/. */
    private int socatServer() throws Exception {
        Files.createDirectories(dir.resolve("rx"));
        return server("socat", "openssl-listen:%d,reuseaddr,fork,cert=c.pem,key=k.pem,verify=0",
                "SYSTEM:cat > rx/conn.$$");
    }

    /** Starts a server in {@code dir} on a free port ({@code %d} in its arguments); waits until it listens. */
    private int server(String... command) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> argv = new ArrayList<>();
        for (String a : command) argv.add(a.contains("%d") ? String.format(a, port) : a);
        servers.add(new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return port;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("server did not listen: " + argv);
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
    }
}
