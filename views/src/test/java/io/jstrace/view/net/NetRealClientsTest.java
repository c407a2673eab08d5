package io.jstrace.view.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients and servers on loopback: curl against python's http.server (the client
 * launched under the view, then the server attached to), socat sending UDP datagrams and
 * talking over a unix socket. Ground truth: curl's own {@code -w} account, the sizes of
 * the files served, what a receiver counted.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetRealClientsTest {
    private final List<Process> started = new ArrayList<>();
    /** Servers started away from this JVM (not its children): killed after each test. */
    private final List<Long> detached = new ArrayList<>();

    static boolean haveTools() {
        return onPath("curl") && onPath("python3") && onPath("socat");
    }

    private static boolean onPath(String p) {
        for (String d : System.getenv("PATH").split(":")) if (Files.isExecutable(Path.of(d, p))) return true;
        return false;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (long pid : detached) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                for (int k = 0; k < 100 && h.isAlive(); k++) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** python3 -m http.server on 127.0.0.1 and a free port, serving {@code dir}; its port. */
    private int httpServer(Path dir) throws Exception {
        Process p = new ProcessBuilder("python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        started.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        Matcher m = Pattern.compile("port (\\d+)").matcher(String.valueOf(line));
        assertTrue(m.find(), "http.server said: " + line);
        int port = Integer.parseInt(m.group(1));
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // its access log
                }
            } catch (Exception e) {
                // gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        for (int k = 0; k < 100; k++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return port;
            } catch (Exception e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("http.server did not listen");
    }

    /**
     * python3 -m http.server as above, but not a child of this JVM: its process reaper
     * would take the ptrace stops of a child the view attaches to. Its pid and port.
     */
    private int[] orphanHttpServer(Path dir) throws Exception {
        Path log = dir.resolveSibling("server.log");
        Process sh = new ProcessBuilder("sh", "-c", "cd " + dir + " && python3 -u -m http.server 0 --bind 127.0.0.1 > "
                + log + " 2>&1 < /dev/null & echo $!").start();
        String pid = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, sh.waitFor());
        detached.add(Long.parseLong(pid));
        for (int k = 0; k < 200; k++) {
            Matcher m = Pattern.compile("port (\\d+)").matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) return new int[] {Integer.parseInt(pid), Integer.parseInt(m.group(1))};
            Thread.sleep(50);
        }
        throw new AssertionError("http.server did not start");
    }

    private static List<String> files(Path dir, int n, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byte[] b = new byte[1 + random.nextInt(300_000)];
            random.nextBytes(b);
            Files.write(dir.resolve("f" + k), b);
            names.add("f" + k);
        }
        return names;
    }

    /** curl's account: local port, bytes sent, header and body bytes received. */
    record Curl(int port, long request, long header, long body) {}

    private static List<Curl> accounts(Path file) throws Exception {
        List<Curl> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] w = line.trim().split(" ");
            out.add(new Curl(Integer.parseInt(w[0]), Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3])));
        }
        return out;
    }

    private static String curlLoop(int port, List<String> names, Path account) {
        StringBuilder s = new StringBuilder();
        for (String n : names) {
            s.append("curl -s -o /dev/null -w '%{local_port} %{size_request} %{size_header} %{size_download}\\n' ")
                    .append("http://127.0.0.1:").append(port).append('/').append(n).append(" >> ").append(account)
                    .append(" || exit 1; ");
        }
        return s.toString();
    }

    @Test
    @EnabledIf("haveTools")
    void curlAgainstHttpServer(@TempDir Path dir) throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        List<String> names = files(www, 4, 11);
        int port = httpServer(www);
        Path account = dir.resolve("curl.txt");
        List<NetEvent> events = Collections.synchronizedList(new ArrayList<>());
        int status;
        try (NetView v = NetView.command(List.of("sh", "-c", curlLoop(port, names, account))).build()) {
            v.onEvent(events::add);
            v.start();
            status = v.waitFor();
        }
        assertEquals(0, status);
        List<Curl> curls = accounts(account);
        assertEquals(names.size(), curls.size());
        List<NetEvent> tcp = events.stream().filter(e -> e.kind() == NetEvent.Kind.CLOSE && e.proto().equals("tcp")
                && ("127.0.0.1:" + port).equals(e.remote())).toList();
        assertEquals(curls.size(), tcp.size(), "one connection per curl: " + tcp);
        assertEquals(curls.size(), tcp.stream().mapToInt(NetEvent::pid).distinct().count(), "each its own curl");
        for (int k = 0; k < curls.size(); k++) {
            Curl c = curls.get(k);
            NetEvent e = tcp.stream().filter(x -> x.local().equals("127.0.0.1:" + c.port())).findFirst().orElseThrow();
            assertEquals("curl", e.comm());
            assertEquals(NetEvent.Direction.OUT, e.direction());
            assertEquals(c.request(), e.txBytes(), "sent by " + c);
            assertEquals(c.header() + c.body(), e.rxBytes(), "received by " + c);
            assertEquals(Files.size(www.resolve(names.get(k))), c.body());
            assertNotNull(e.connectMs());
        }
    }

    @Test
    @EnabledIf("haveTools")
    void attachedToTheServer(@TempDir Path dir) throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        List<String> names = files(www, 3, 12);
        int[] pidPort = orphanHttpServer(www);
        int server = pidPort[0], port = pidPort[1];
        Path account = dir.resolve("curl.txt");
        List<NetEvent> closes = Collections.synchronizedList(new ArrayList<>());
        try (NetView v = NetView.attach(server).build()) {
            v.onClose(closes::add);
            v.start();
            Thread.sleep(300); // the attach happens on the tracing thread, just after start
            Process curl = new ProcessBuilder("sh", "-c", curlLoop(port, names, account)).inheritIO().start();
            started.add(curl);
            assertEquals(0, curl.waitFor());
            for (int k = 0; k < 100 && closes.size() < names.size(); k++) Thread.sleep(50);
            v.stop();
            assertEquals(0, v.waitFor());
        }
        List<Curl> curls = accounts(account);
        List<NetEvent> in = closes.stream().filter(e -> e.direction() == NetEvent.Direction.IN).toList();
        assertEquals(curls.size(), in.size(), "one accepted connection per curl: " + closes);
        for (Curl c : curls) {
            NetEvent e = in.stream().filter(x -> x.remote().equals("127.0.0.1:" + c.port())).findFirst().orElseThrow();
            assertEquals(server, e.pid());
            assertEquals("127.0.0.1:" + port, e.local());
            assertEquals(c.request(), e.rxBytes(), "received from " + c);
            assertEquals(c.header() + c.body(), e.txBytes(), "sent to " + c);
        }
    }

    @Test
    @EnabledIf("haveTools")
    void socatUdpFlow(@TempDir Path dir) throws Exception {
        byte[] data = new byte[20_000 + new Random(13).nextInt(10_000)];
        new Random(14).nextBytes(data);
        Path file = dir.resolve("data");
        Files.write(file, data);
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(200);
            AtomicLong got = new AtomicLong();
            AtomicInteger datagrams = new AtomicInteger();
            Thread t = new Thread(() -> {
                byte[] b = new byte[65536];
                long quiet = System.nanoTime();
                while (System.nanoTime() - quiet < 3_000_000_000L) {
                    try {
                        DatagramPacket p = new DatagramPacket(b, b.length);
                        receiver.receive(p);
                        got.addAndGet(p.getLength());
                        datagrams.incrementAndGet();
                        quiet = System.nanoTime();
                    } catch (Exception e) {
                        if (got.get() >= data.length) return;
                    }
                }
            });
            t.start();
            List<NetEvent> closes = Collections.synchronizedList(new ArrayList<>());
            String to = "127.0.0.1:" + receiver.getLocalPort();
            try (NetView v = NetView.command(List.of("socat", "-u", "FILE:" + file, "UDP4-SENDTO:" + to)).build()) {
                v.onClose(closes::add);
                v.start();
                assertEquals(0, v.waitFor());
            }
            t.join();
            assertEquals(data.length, got.get(), "the receiver got it all");
            List<NetEvent> udp = closes.stream().filter(e -> e.proto().equals("udp")).toList();
            assertEquals(1, udp.size(), "one flow: " + closes);
            NetEvent e = udp.get(0);
            assertEquals(to, e.remote());
            assertEquals("socat", e.comm());
            assertEquals(NetEvent.Direction.OUT, e.direction());
            assertEquals(data.length, e.txBytes());
            assertEquals(datagrams.get(), e.txCalls());
            assertEquals(0, e.rxBytes());
        }
    }

    @Test
    @EnabledIf("haveTools")
    void socatUnixStream(@TempDir Path dir) throws Exception {
        byte[] data = new byte[50_000 + new Random(15).nextInt(50_000)];
        new Random(16).nextBytes(data);
        Path file = dir.resolve("data"), copy = dir.resolve("copy"), sock = dir.resolve("s.sock");
        Files.write(file, data);
        String script = "socat -u UNIX-LISTEN:" + sock + " CREATE:" + copy + " & "
                + "while [ ! -S " + sock + " ]; do sleep 0.05; done; "
                + "socat -u FILE:" + file + " UNIX-CONNECT:" + sock + "; wait";
        List<NetEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (NetView v = NetView.command(List.of("sh", "-c", script)).build()) {
            v.onEvent(events::add);
            v.start();
            assertEquals(0, v.waitFor());
        }
        assertEquals(data.length, Files.size(copy));
        // socat's own socketpairs aside (direction not known)
        List<NetEvent> unix = events.stream().filter(e -> e.kind() == NetEvent.Kind.CLOSE && e.proto().equals("unix")
                && e.type().equals("stream") && (e.outbound() || e.direction() == NetEvent.Direction.IN)).toList();
        NetEvent out = unix.stream().filter(NetEvent::outbound).findFirst().orElseThrow();
        NetEvent in = unix.stream().filter(e -> e.direction() == NetEvent.Direction.IN).findFirst().orElseThrow();
        assertEquals(2, unix.size(), "one connection, both ends: " + unix);
        assertEquals(sock.toString(), out.remote());
        assertEquals(sock.toString(), in.local());
        assertEquals(data.length, out.txBytes());
        assertEquals(data.length, in.rxBytes());
        assertEquals(out.inode(), in.peerInode(), "the two ends joined by inode");
        assertNotEquals(out.pid(), in.pid());
        assertEquals(1, events.stream().filter(e -> e.kind() == NetEvent.Kind.LISTEN
                && sock.toString().equals(e.local())).count());
    }
}
