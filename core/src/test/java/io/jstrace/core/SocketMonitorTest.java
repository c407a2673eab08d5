package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * sock_diag as the system views use it, on sockets of this JVM over loopback: a socket
 * found by its addresses is the one /proc/self/fd shows; a snapshot lists a connection
 * with its cookie, and its destroy notification carries that cookie and the final
 * counters, the data bytes each way exact.
 */
class SocketMonitorTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    private static boolean root() {
        return ProcessInfo.read(SELF).map(ProcessInfo::uid).orElse(-1) == 0;
    }

    @Test
    void findByAddressesIsTheSocketTheDescriptorHolds() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket server = new DatagramSocket(0, lo); DatagramSocket client = new DatagramSocket(0, lo)) {
            client.connect(lo, server.getLocalPort());
            Map<Long, Integer> mine = io.jstrace.core.internal.ProcFs.socketInodes(SELF);
            byte[] a = lo.getAddress();
            SocketInfo c = null;
            for (int family : new int[] {SocketInfo.AF_INET, SocketInfo.AF_INET6}) {
                byte[] addr = family == SocketInfo.AF_INET ? a : mapped(a);
                SocketInfo s = Sockets.find(family, SocketInfo.IPPROTO_UDP, addr, client.getLocalPort(), addr,
                        server.getLocalPort());
                if (s != null) c = s;
            }
            assertNotNull(c, "the client's UDP socket");
            assertTrue(mine.containsKey(c.inode()), c + " " + mine);
            assertEquals(client.getLocalPort(), c.localPort());
            assertEquals(server.getLocalPort(), c.remotePort());
        }
        try (ServerSocket listener = new ServerSocket(0, 1, lo); Socket client = new Socket(lo, listener.getLocalPort());
                Socket accepted = listener.accept()) {
            SocketInfo c = findTcp(client.getLocalPort(), listener.getLocalPort());
            SocketInfo s = findTcp(listener.getLocalPort(), client.getLocalPort());
            assertNotNull(c);
            assertNotNull(s);
            Map<Long, Integer> mine = io.jstrace.core.internal.ProcFs.socketInodes(SELF);
            assertTrue(mine.containsKey(c.inode()) && mine.containsKey(s.inode()) && c.inode() != s.inode());
            assertEquals("ESTABLISHED", c.stateName());
        }
        assertNull(findTcp(1, 2), "no such socket");
    }

    private static SocketInfo findTcp(int localPort, int remotePort) {
        byte[] a = {127, 0, 0, 1};
        SocketInfo s = Sockets.find(SocketInfo.AF_INET, SocketInfo.IPPROTO_TCP, a, localPort, a, remotePort);
        return s != null ? s
                : Sockets.find(SocketInfo.AF_INET6, SocketInfo.IPPROTO_TCP, mapped(a), localPort, mapped(a), remotePort);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(v4, 0, m, 12, 4);
        return m;
    }

    @Test
    void snapshotThenDestroyWithTheFinalCounters() throws Exception {
        Assumptions.assumeTrue(root(), "the destroy groups are read as root here");
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (SocketMonitor monitor = SocketMonitor.open(Duration.ofMillis(20))) {
            SocketInfo seen = null;
            int clientPort;
            try (ServerSocket listener = new ServerSocket(0, 1, lo)) {
                Socket client = new Socket(lo, listener.getLocalPort());
                Socket accepted = listener.accept();
                clientPort = client.getLocalPort();
                client.getOutputStream().write(new byte[70_001]);
                InputStream in = accepted.getInputStream();
                for (int got = 0; got < 70_001; ) got += in.read(new byte[65536]);
                accepted.getOutputStream().write(new byte[333]);
                client.getInputStream().readNBytes(333);
                while (seen == null) {
                    if (monitor.next() instanceof SocketMonitor.Snapshot s) {
                        seen = s.sockets().stream().filter(x -> x.protocol() == SocketInfo.IPPROTO_TCP
                                && x.localPort() == clientPort).findFirst().orElse(null);
                    }
                }
                client.close();
                accepted.close();
            }
            assertTrue(seen.inode() != 0 && seen.cookie() != 0, seen.toString());
            SocketInfo.Tcp last = null;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (last == null && System.nanoTime() < deadline) {
                if (monitor.next() instanceof SocketMonitor.Destroyed d && d.socket().cookie() == seen.cookie()) {
                    assertEquals(0, d.socket().inode(), "a destroyed socket has left every descriptor");
                    assertEquals(clientPort, d.socket().localPort());
                    last = d.socket().tcp();
                }
            }
            assertNotNull(last, "the client's destroy notification");
            assertEquals(70_001, last.dataSent());
            assertEquals(333 + 1, last.bytesReceived(), "the data and the peer's FIN");
        }
    }
}
