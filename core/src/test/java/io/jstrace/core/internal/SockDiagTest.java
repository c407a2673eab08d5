package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jstrace.core.Sockets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** sock_diag answers, from literal bytes and from this JVM's own sockets. */
class SockDiagTest {
    /** nlmsghdr, unix_diag_msg for inode 77, then UNIX_DIAG_PEER 78 and UNIX_DIAG_NAME "/s\0". */
    @Test
    void unixMessageCarriesPeerAndName() {
        ByteBuffer b = ByteBuffer.allocate(16 + 16 + 8 + 8).order(ByteOrder.nativeOrder());
        b.putInt(0, b.capacity()).putShort(4, (short) 20);
        b.put(16, (byte) 1).putInt(20, 77);
        b.putShort(32, (short) 8).putShort(34, (short) 2).putInt(36, 78);
        b.putShort(40, (short) 7).putShort(42, (short) 0).put(44, (byte) '/').put(45, (byte) 's');
        SockDiag.Unix u = SockDiag.parse(b.array());
        assertEquals(77, u.inode());
        assertEquals(78, u.peer());
        assertArrayEquals(new byte[] {'/', 's', 0}, u.name());
    }

    @Test
    void truncatedAttributeIsIgnored() {
        ByteBuffer b = ByteBuffer.allocate(16 + 16 + 4).order(ByteOrder.nativeOrder());
        b.putInt(20, 5).putShort(32, (short) 40).putShort(34, (short) 2);
        SockDiag.Unix u = SockDiag.parse(b.array());
        assertEquals(0, u.peer());
        assertEquals(0, u.name().length);
    }

    @Test
    void inetMessagePortsAndAddressesAreBigEndian() {
        byte[] m = new byte[72];
        m[4] = (byte) 0x1f;
        m[5] = (byte) 0x90;
        m[8] = 127;
        m[11] = 1;
        SockDiag.Inet i = SockDiag.inetMsg(m, 0, 2);
        assertEquals(8080, i.sport());
        assertEquals(0, i.dport());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, i.src());
        assertArrayEquals(new byte[4], i.dst());
    }

    /** The kernel finds a listening socket of this JVM by its inode, and names its protocol. */
    @Test
    void findsOwnListeningSocket() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            int port = ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
            long inode = inodeOf(port);
            if (inode < 0) return; // no /proc/net/tcp here
            Sockets.Inet found = Sockets.inet(Sockets.AF_INET, Sockets.IPPROTO_TCP, inode);
            assertNotNull(found);
            assertEquals(port, found.sport());
            assertNull(Sockets.inet(Sockets.AF_INET, Sockets.IPPROTO_UDP, inode));
        }
    }

    private static long inodeOf(int port) throws Exception {
        String hexPort = String.format(":%04X", port);
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(hexPort)) return Long.parseLong(f[9]);
        }
        return -1;
    }
}
