package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A TCP socket's kernel counters through sock_diag (INET_DIAG_INFO), on a loopback pair of this JVM. */
class NetTcpInfoTest {
    /** The family and inode of this JVM's TCP socket from local port {@code lport} to {@code rport}, or null. */
    private static long[] socket(int lport, int rport) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (Exception e) {
                    continue;
                }
                if (!link.startsWith("socket:[")) continue;
                long inode = Long.parseLong(link.substring(8, link.length() - 1));
                for (int family : new int[] {Sockets.AF_INET, Sockets.AF_INET6}) {
                    Sockets.Inet i = Sockets.inet(family, Sockets.IPPROTO_TCP, inode);
                    if (i != null && i.sport() == lport && i.dport() == rport) return new long[] {family, inode};
                }
            }
        }
        return null;
    }

    @Test
    void bytesAckedAndReceivedOfALoopbackPair() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, lo);
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress(lo, server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                byte[] data = new byte[123_457];
                client.getOutputStream().write(data);
                client.getOutputStream().flush();
                InputStream in = accepted.getInputStream();
                int got = 0;
                while (got < data.length) got += in.read(new byte[65536], 0, Math.min(65536, data.length - got));
                accepted.getOutputStream().write(new byte[999]);
                client.getInputStream().readNBytes(999);

                // Java's sockets are AF_INET6 (v4-mapped) where IPv6 is enabled
                long[] sv = socket(accepted.getLocalPort(), accepted.getPort());
                long[] cl = socket(client.getLocalPort(), client.getPort());
                assertNotNull(sv);
                assertNotNull(cl);
                int family = (int) sv[0];
                long serverInode = sv[1], clientInode = cl[1];
                Sockets.TcpInfo s = Sockets.tcpInfo(family, serverInode);
                Sockets.TcpInfo c = Sockets.tcpInfo(family, clientInode);
                assertNotNull(s);
                assertNotNull(c);
                assertEquals("ESTABLISHED", s.state());
                assertEquals(data.length, s.bytesReceived());
                assertEquals(999, c.bytesReceived());
                // the client's SYN counts one in the sequence space acked; all its data was read, so acked
                for (int k = 0; k < 100 && Sockets.tcpInfo(family, clientInode).bytesAcked() < data.length + 1; k++) {
                    Thread.sleep(10);
                }
                assertEquals(data.length + 1, Sockets.tcpInfo(family, clientInode).bytesAcked());
                assertTrue(s.rttUs() >= 0 && s.retransmits() == 0);
                assertEquals(ProcessInfo.read((int) ProcessHandle.current().pid()).orElseThrow().uid(), s.uid());
            }
        }
        assertNull(Sockets.tcpInfo(Sockets.AF_INET, 1), "no such socket");
    }
}
