package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Reading a stopped tracee's strings, string vectors and socket addresses
 * ({@link TraceeMemory#readString}, {@link TraceeMemory#readStringVector},
 * {@link TraceeMemory#readExecVector}, {@link TraceeMemory#readSockaddr}), checked against
 * what the real processes passed to the kernel.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class TraceeReadsTest {

    /** Runs {@code command} under ptrace (-f), handing every syscall-enter-stop of {@code name} to {@code each}. */
    private static void onEnter(List<String> command, String name, BiConsumer<SyscallEnter, Tracee> each) throws Exception {
        List<Throwable> errors = new ArrayList<>();
        try (TraceSession s = TraceSession.launch(command, TraceOptions.defaults().withFollowForks(true))) {
            s.addListener(new TraceListener() {
                @Override
                public void onSyscallEnter(SyscallEnter e, Tracee t) {
                    if (e.name().equals(name)) each.accept(e, t);
                }
            });
            s.onError(errors::add);
            s.start();
        }
        if (!errors.isEmpty()) throw new AssertionError(errors.get(0));
    }

    private static String text(TraceeMemory.CString s) {
        return new String(s.bytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * /bin/true exec'd with 30 arguments of 100,000 bytes (3 MB: the shell raises its stack
     * limit so that the kernel takes them): the exec caps stop at 2 MiB in all, the string
     * that reaches the cap cut there.
     */
    @Test
    void stringVectorsWithinTheExecCaps() throws Exception {
        int n = 30, size = 100_000;
        String script = "ulimit -s 65536; a=$(head -c " + size + " /dev/zero | tr '\\0' a); exec /bin/true"
                + " $a".repeat(n);
        List<List<TraceeMemory.CString>> vectors = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        onEnter(List.of("sh", "-c", script), "execve", (e, t) -> {
            String path = text(t.memory().readString(e.args().pointer(0), 4096));
            if (!path.equals("/bin/true")) return;
            paths.add(path);
            vectors.add(t.memory().readExecVector(e.args().pointer(1)));
            vectors.add(t.memory().readStringVector(e.args().pointer(1), 10, 3));
            vectors.add(t.memory().readStringVector(e.args().pointer(1), 1000, 1000));
        });
        assertEquals(List.of("/bin/true"), paths);

        List<String> argv = new ArrayList<>(List.of("/bin/true"));
        for (int i = 0; i < n; i++) argv.add("a".repeat(size));
        // what the caps leave of argv: whole strings while they fit, the next one cut, then nothing
        List<TraceeMemory.CString> exec = vectors.get(0);
        long total = 0;
        int i = 0;
        for (; i < exec.size(); i++) {
            long room = Math.min(TraceeMemory.EXEC_MAX_ELEM_SIZE, TraceeMemory.EXEC_MAX_TOTAL_SIZE - total);
            String want = argv.get(i).substring(0, (int) Math.min(room, argv.get(i).length()));
            assertEquals(want, text(exec.get(i)), "argv[" + i + "]");
            assertEquals(want.length() < argv.get(i).length() ? TraceeMemory.CString.Ending.TRUNCATED
                    : TraceeMemory.CString.Ending.NUL, exec.get(i).ending());
            total += want.length() + 1;
        }
        assertEquals(22, exec.size(), "the path and 20 whole arguments fit in 2 MiB, the 21st is cut");
        assertEquals(TraceeMemory.EXEC_MAX_TOTAL_SIZE + 1, total, "the cap, and the cut string's NUL");

        List<TraceeMemory.CString> small = vectors.get(1);
        assertEquals(List.of("/bin/true", "aaaaaaaaaa", "aaaaaaaaaa"), small.stream().map(TraceeReadsTest::text).toList());
        assertEquals(TraceeMemory.CString.Ending.TRUNCATED, small.get(1).ending());
        assertEquals(n + 1, vectors.get(2).size(), "up to the NULL pointer");
    }

    @Test
    void theSocketAddressAConnectPassed() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            List<Object> seen = new ArrayList<>();
            // getaddrinfo may first ask nscd on its unix socket (a 110-byte sockaddr_un): only the
            // AF_INET connect is the one bash's /dev/tcp makes
            onEnter(List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port), "connect", (e, t) -> {
                byte[] bytes = t.memory().read(e.args().pointer(1), e.args().cInt(2));
                if (bytes.length == 0 || (bytes[0] & 0xff) != OpenFile.Socket.AF_INET) return;
                seen.add(bytes);
                seen.add(t.memory().readSockaddr(e.args().pointer(1), e.args().cInt(2)));
            });
            assertEquals(2, seen.size(), "one AF_INET connect");
            byte[] raw = (byte[]) seen.get(0);
            assertEquals(16, raw.length, "sizeof(struct sockaddr_in)");
            assertEquals(OpenFile.Socket.AF_INET, raw[0] & 0xff);
            OpenFile.Address a = (OpenFile.Address) seen.get(1);
            assertArrayEquals(new byte[] {127, 0, 0, 1}, a.bytes());
            assertEquals(port, a.port());
            assertEquals("127.0.0.1:" + port, a.toString());
        }
    }

    @Test
    void unixAddressesFromTheirBytes() {
        byte[] path = {1, 0, '/', 't', 'm', 'p', '/', 's', 0, 'x'};
        assertArrayEquals("/tmp/s".getBytes(StandardCharsets.US_ASCII), OpenFile.Address.ofSockaddr(path).bytes());
        byte[] abstractName = {1, 0, 0, 'a', 0, 'b'};
        assertArrayEquals(new byte[] {0, 'a', 0, 'b'}, OpenFile.Address.ofSockaddr(abstractName).bytes());
        assertNull(OpenFile.Address.ofSockaddr(new byte[] {1, 0}), "autobind: no name");
        assertNull(OpenFile.Address.ofSockaddr(new byte[] {2, 0, 0, 80}), "too short for sockaddr_in");
        assertNull(OpenFile.Address.ofSockaddr(new byte[] {16, 0, 0, 0, 0, 0, 0, 0}), "AF_NETLINK");
        assertNull(OpenFile.Address.ofSockaddr(new byte[28]), "AF_UNSPEC");
    }
}
