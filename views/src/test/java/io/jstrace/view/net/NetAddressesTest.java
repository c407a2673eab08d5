package io.jstrace.view.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jstrace.core.OpenFile;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Addresses as the net view writes them, and the errno words. */
class NetAddressesTest {
    private static String text(String ip, int port) throws Exception {
        return Addresses.text(new OpenFile.Address(InetAddress.getByName(ip).getAddress(), port));
    }

    @Test
    void inetAddresses() throws Exception {
        assertEquals("127.0.0.1:80", text("127.0.0.1", 80));
        assertEquals("[::1]:443", text("::1", 443));
        assertEquals("[::]:0", text("::", 0));
        assertEquals("[2001:db8::1:0:0:1]:53", text("2001:db8:0:0:1:0:0:1", 53));
        assertEquals("[fe80::1:2:3:4]:1", text("fe80:0:0:0:1:2:3:4", 1));
        assertEquals("[2001:db8:1:2:3:4:5:6]:9", text("2001:db8:1:2:3:4:5:6", 9));
        assertEquals("[1::]:7", text("1:0:0:0:0:0:0:0", 7));
        byte[] mapped = new byte[16];
        mapped[10] = mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertEquals("[::ffff:10.0.0.1]:53", Addresses.text(new OpenFile.Address(mapped, 53)));
    }

    @Test
    void unixAddresses() {
        assertEquals("/run/x.sock", Addresses.text(new OpenFile.Address("/run/x.sock".getBytes(StandardCharsets.UTF_8), 0)));
        assertEquals("@abstract", Addresses.text(new OpenFile.Address("\0abstract".getBytes(StandardCharsets.UTF_8), 0)));
        assertNull(Addresses.text(new OpenFile.Address(new byte[0], 0)));
        assertNull(Addresses.text(null));
    }

    @Test
    void errnoWords() {
        assertEquals("refused", Connections.word("ECONNREFUSED"));
        assertEquals("timed out", Connections.word("ETIMEDOUT"));
        assertEquals("reset", Connections.word("ECONNRESET"));
        assertEquals("unreachable", Connections.word("ENETUNREACH"));
        assertEquals("eproto", Connections.word("EPROTO"));
    }
}
