package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.Tracefs;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class UdpRoutesTest {
    private static final String HEAD = "         python3-1835    (   1835) [000] ";

    @Test
    void aLookupInTheSendersCallNamesItsProcessAndPorts() throws Exception {
        UdpRoutes.Lookup l = (UdpRoutes.Lookup) UdpRoutes.parse(HEAD + "..... 73297.656011: fib_table_lookup: table 254"
                + " oif 0 iif 1 proto 17 0.0.0.0/54823 -> 127.0.0.1/9999 tos 0 scope 0 flags 0 ==> dev lo gw 0.0.0.0/:: err 0");
        assertEquals(1835, l.pid());
        assertEquals("python3", l.comm());
        assertEquals(new OpenFile.Address(new byte[4], 54823), l.local());
        assertEquals(new OpenFile.Address(InetAddress.getByName("127.0.0.1").getAddress(), 9999), l.remote());
        UdpRoutes.Lookup v6 = (UdpRoutes.Lookup) UdpRoutes.parse(HEAD + "..... 73304.433622: fib6_table_lookup: table 255"
                + " oif 0 iif 1 proto 17 ::/34018 -> ::1/9997 flowlabel 0x0 tos 0 scope 0 flags 0 ==> dev lo gw :: err 0");
        assertEquals(new OpenFile.Address(new byte[16], 34018), v6.local());
        assertEquals(new OpenFile.Address(InetAddress.getByName("::1").getAddress(), 9997), v6.remote());
    }

    @Test
    void softirqLookupsFailuresAndOtherLinesAreNoSends() {
        // a reply's input route on loopback, in the softirq its send ran: the pid is the interrupted task's
        assertNull(UdpRoutes.parse(HEAD + "b.s2. 73304.433670: fib6_table_lookup: table 255 oif 1 iif 1 proto 17"
                + " ::1/9997 -> ::1/34018 flowlabel 0x0 tos 0 scope 0 flags 0 ==> dev lo gw :: err 0"));
        assertNull(UdpRoutes.parse(HEAD + "..... 1.000001: fib_table_lookup: table 254 oif 0 iif 1 proto 17"
                + " 0.0.0.0/5000 -> 10.9.9.9/53 tos 0 scope 0 flags 0 ==> dev - gw 0.0.0.0/:: err -101"));
        assertNull(UdpRoutes.parse(HEAD + "..... 1.000001: fib_table_lookup: table 254 oif 0 iif 1 proto 17 garbage"));
        assertEquals(new TraceMark(7), UdpRoutes.parse(HEAD + "..... 1.000001: tracing_mark_write: jstrace: mark 7"));
    }

    /**
     * Datagrams sent with an address from fresh sockets, v4 and v6, and connects, each in a
     * process that is gone before the question: every one named by its sender's pid, ports
     * and peer.
     */
    @Test
    void everySenderIsNamedHoweverShortItsSocket() throws Exception {
        Assumptions.assumeTrue(usable(), "needs root and tracefs with fib:fib_table_lookup and fib6:fib6_table_lookup");
        String sender = "import socket,sys\nfam,host=(socket.AF_INET6,'::1') if sys.argv[1]=='6' else (socket.AF_INET,'127.0.0.1')\n"
                + "r=socket.socket(fam,socket.SOCK_DGRAM); r.bind((host,0))\n"
                + "s=socket.socket(fam,socket.SOCK_DGRAM)\n"
                + "if sys.argv[2]=='c': s.connect(r.getsockname()); s.send(b'x')\n"
                + "else: s.sendto(b'x', r.getsockname())\n"
                + "r.recv(10); print(s.getsockname()[1], r.getsockname()[1], flush=True)\n";
        UdpRoutes routes = UdpRoutes.open();
        try (Recording<UdpRoutes.Event> r = new Recording<>(routes, routes::mark)) {
            for (String[] c : List.of(new String[] {"4", "s"}, new String[] {"4", "c"}, new String[] {"6", "s"},
                    new String[] {"6", "c"})) {
                Process p = r.python(sender, c);
                String[] ports = TcpStatesTest.firstLine(p).split(" ");
                assertTrue(p.waitFor() == 0);
                int from = Integer.parseInt(ports[0]), to = Integer.parseInt(ports[1]);
                List<UdpRoutes.Lookup> mine = r.soFar(UdpRoutes.Lookup.class).stream()
                        .filter(l -> l.local().port() == from && l.remote().port() == to).toList();
                // a connect looks its route up twice, before and after it picks the source (ip_route_connect)
                assertFalse(mine.isEmpty(), String.join(" ", c));
                for (UdpRoutes.Lookup l : mine) {
                    assertEquals(p.pid(), l.pid(), l.toString());
                    assertEquals(p.pid(), l.tid());
                    assertEquals(InetAddress.getByName(c[0].equals("6") ? "::1" : "127.0.0.1"),
                            InetAddress.getByAddress(l.remote().bytes()));
                }
            }
        }
        assertFalse(Files.exists(Path.of("/sys/kernel/tracing/instances/jstrace_" + ProcessHandle.current().pid() + "_udp")));
    }

    static boolean usable() {
        try {
            Path root = Tracefs.root("instances");
            return Files.isWritable(root.resolve("instances")) && Files.isDirectory(root.resolve("events/fib/fib_table_lookup"))
                    && Files.isDirectory(root.resolve("events/fib6/fib6_table_lookup"));
        } catch (TraceException e) {
            return false;
        }
    }
}
