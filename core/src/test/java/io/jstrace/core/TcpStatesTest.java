package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.Tracefs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TcpStatesTest {
    private static final String HEAD = "         python3-11918   (  11918) [000] ";
    private static final String V4 = " 52041.201091: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP sport=58578 dport=34541"
            + " saddr=127.0.0.1 daddr=10.0.0.2 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:10.0.0.2 oldstate=TCP_ESTABLISHED"
            + " newstate=TCP_FIN_WAIT1";

    @Test
    void aChangeInTheHoldersSystemCallNamesItsProcess() throws Exception {
        TcpStates.Change c = (TcpStates.Change) TcpStates.parse(HEAD + "....." + V4);
        assertEquals(11918, c.pid());
        assertEquals(11918, c.tid());
        assertEquals("python3", c.comm());
        assertEquals(new OpenFile.Address(InetAddress.getByName("127.0.0.1").getAddress(), 58578), c.local());
        assertEquals(new OpenFile.Address(InetAddress.getByName("10.0.0.2").getAddress(), 34541), c.remote());
        assertEquals(1, c.oldState());
        assertEquals(4, c.newState());
        assertFalse(c.connect());
    }

    @Test
    void aChangeInASoftirqIsLeftOut() {
        // the task a softirq interrupted is anybody: the flags' third letter says it ran in one
        assertNull(TcpStates.parse(HEAD + "..s2." + V4));
        assertNull(TcpStates.parse(HEAD + ".Ns2." + V4));
        assertNull(TcpStates.parse(HEAD + "..h1." + V4));
        assertEquals(11918, ((TcpStates.Change) TcpStates.parse(HEAD + ".N..." + V4)).pid());
    }

    @Test
    void aV6SocketsAddressesAreItsV6Ones() throws Exception {
        TcpStates.Change c = (TcpStates.Change) TcpStates.parse(HEAD + "..... 1.000001: inet_sock_set_state: family=AF_INET6 protocol=IPPROTO_TCP"
                + " sport=0 dport=443 saddr=0.0.0.0 daddr=0.0.0.0 saddrv6=:: daddrv6=::ffff:10.0.0.2"
                + " oldstate=TCP_CLOSE newstate=TCP_SYN_SENT");
        assertTrue(c.connect());
        assertEquals(16, c.local().bytes().length);
        byte[] mapped = new byte[16];
        mapped[10] = mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 2;
        assertEquals(new OpenFile.Address(mapped, 443), c.remote());
        assertEquals(0, c.local().port());
    }

    @Test
    void otherLinesAreNoChanges() {
        assertNull(TcpStates.parse(HEAD + "..... 1.000001: tracing_mark_write: jstrace: closing"));
        assertNull(TcpStates.parse(HEAD + "..... 1.000001: tracing_mark_write: jstrace: mark x"));
        assertEquals(new TraceMark(42), TcpStates.parse(HEAD + "..... 1.000001: tracing_mark_write: jstrace: mark 42"));
        assertNull(TcpStates.parse("CPU:1 [LOST 12 EVENTS]"));
        assertNull(TcpStates.parse(HEAD + "..... 1.000001: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP garbage"));
    }

    /**
     * A server and a client in processes of their own, nobody tracing them: the client's
     * connect and close, the server's close after the client's FIN, each by its own pid. Both
     * live until their changes have been read, as a connection's holder does for as long as it
     * takes /proc to confirm the pid the kernel printed (TraceInstance.threadGroup).
     */
    @Test
    void theKernelNamesEachEndsHolder() throws Exception {
        Assumptions.assumeTrue(usable(), "needs root and tracefs with sock:inet_sock_set_state");
        String server = "import socket,sys\nl=socket.socket(); l.bind(('127.0.0.1',0)); l.listen()\n"
                + "print(l.getsockname()[1], flush=True)\n"
                + "a,_=l.accept(); a.recv(100); a.recv(100); a.close(); l.close(); print('closed', flush=True)\n"
                + "sys.stdin.read()\n";
        String client = "import socket,sys\nc=socket.socket(); c.connect(('127.0.0.1',int(sys.argv[1])));"
                + " c.send(b'x'*10); p=c.getsockname()[1]; c.close(); print(p, flush=True); sys.stdin.read()\n";
        try (Recording<TcpStates.Event> r = recording()) {
            Process s = r.python(server);
            int serverPort = Integer.parseInt(firstLine(s));
            Process c = r.python(client, Integer.toString(serverPort));
            int clientPort = Integer.parseInt(firstLine(c));
            assertEquals("closed", firstLine(s));
            List<TcpStates.Change> mine = r.soFar(TcpStates.Change.class).stream()
                    .filter(x -> x.remote().port() == serverPort || x.local().port() == serverPort).toList();
            TcpStates.Change connect = mine.stream().filter(TcpStates.Change::connect).findFirst().orElseThrow();
            assertEquals(c.pid(), connect.pid(), mine.toString());
            assertEquals(0, connect.local().port(), "the kernel picks the port after SYN_SENT");
            assertTrue(mine.stream().anyMatch(x -> x.pid() == c.pid() && x.local().port() == clientPort
                    && x.newState() == 4), "the client's close, FIN_WAIT1: " + mine);
            assertTrue(mine.stream().anyMatch(x -> x.pid() == s.pid() && x.remote().port() == clientPort
                    && x.newState() == 9), "the server's close after the FIN, LAST_ACK: " + mine);
            assertTrue(mine.stream().allMatch(x -> x.pid() == c.pid() || x.pid() == s.pid()), mine.toString());
        }
        assertFalse(Files.exists(Path.of("/sys/kernel/tracing/instances/jstrace_" + ProcessHandle.current().pid() + "_tcp")));
    }

    /**
     * A pid that was a thread of another process, given to a new one: the kernel prints the
     * tgid it saved for the number until the new task's next context switch, and /proc names
     * the new holder by the time a slow reader gets to the old one's lines; each change still
     * names its own holder (TaskGroups; the CI's kernel, with pid_max 32768, once named the
     * wrong one, and a CI machine's reader once fell behind the reuse). The reader is held
     * until both are done. /proc/sys/kernel/ns_last_pid hands the old thread's id to the new
     * client.
     */
    @Test
    void aReusedPidNamesItsNewHolder() throws Exception {
        Path lastPid = Path.of("/proc/sys/kernel/ns_last_pid");
        Assumptions.assumeTrue(usable() && Files.isWritable(lastPid), "needs root, tracefs and ns_last_pid");
        String server = "import socket\nl=socket.socket(); l.bind(('127.0.0.1',0)); l.listen(); print(l.getsockname()[1], flush=True)\n"
                + "while True:\n a,_=l.accept(); a.recv(100); a.close()\n";
        String threaded = "import socket,sys,threading\ndef f():\n"
                + " c=socket.create_connection(('127.0.0.1',int(sys.argv[1]))); c.close(); print(threading.get_native_id(), flush=True)\n"
                + "t=threading.Thread(target=f); t.start(); t.join()\n";
        String client = "import socket,sys\nc=socket.create_connection(('127.0.0.1',int(sys.argv[1]))); c.close()\n"
                + "print('closed', flush=True); sys.stdin.read()\n";
        TcpStates states = TcpStates.open();
        try (Recording<TcpStates.Event> r = new Recording<>(states, states::mark, true)) {
            String port = firstLine(r.python(server));
            Process old = r.python(threaded, port);
            int tid = Integer.parseInt(firstLine(old));
            assertTrue(old.waitFor(10, TimeUnit.SECONDS));
            Process c = null;
            for (int i = 0; i < 10 && c == null; i++) {
                Files.writeString(lastPid, Integer.toString(tid - 1));
                Process p = r.python(client, port);
                if (p.pid() == tid) c = p;
                else p.destroyForcibly().waitFor();
            }
            Assumptions.assumeTrue(c != null, "another process took pid " + tid + " each time");
            assertEquals("closed", firstLine(c));
            r.release();
            List<TcpStates.Change> connects = r.soFar(TcpStates.Change.class).stream().filter(x -> x.tid() == tid && x.connect()).toList();
            assertEquals(List.of(old.pid(), c.pid()), connects.stream().map(x -> (long) x.pid()).toList(), connects.toString());
        }
    }

    private static Recording<TcpStates.Event> recording() throws TraceException {
        TcpStates states = TcpStates.open();
        return new Recording<>(states, states::mark);
    }

    static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine().strip();
    }

    static boolean usable() {
        try {
            Path root = Tracefs.root("instances");
            return Files.isWritable(root.resolve("instances"))
                    && Files.isDirectory(root.resolve("events/sock/inet_sock_set_state"));
        } catch (TraceException e) {
            return false;
        }
    }
}
