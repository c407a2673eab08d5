package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.core.FixedHostFacts;
import io.jstrace.core.HostFacts;
import io.jstrace.core.Sockets;
import org.junit.jupiter.api.Test;

/** -yy's pieces that need no tracee: addresses as inet_ntop writes them, device numbers. */
class FdDetailsTest {
    private static byte[] v6(int... words) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    @Test
    void ipv6CompressesTheLongestZeroRun() {
        assertEquals("::1", InetSockets.ntop6(v6(0, 0, 0, 0, 0, 0, 0, 1)));
        assertEquals("::", InetSockets.ntop6(v6(0, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals("fe80::1:2", InetSockets.ntop6(v6(0xfe80, 0, 0, 0, 0, 0, 1, 2)));
        assertEquals("1::", InetSockets.ntop6(v6(1, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals("1:0:2::3", InetSockets.ntop6(v6(1, 0, 2, 0, 0, 0, 0, 3)));
        assertEquals("2001:db8:0:1:1:1:1:1", InetSockets.ntop6(v6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)));
    }

    @Test
    void ipv6WithAnIpv4TailPrintsItDotted() {
        assertEquals("::ffff:127.0.0.1", InetSockets.ntop6(v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1)));
        assertEquals("::10.1.2.3", InetSockets.ntop6(v6(0, 0, 0, 0, 0, 0, 0x0a01, 0x0203)));
    }

    @Test
    void peerPrintsOnlyWhenItHasAPortOrAnAddress() {
        byte[] lo = {127, 0, 0, 1}, any = new byte[4];
        assertEquals("127.0.0.1:80", InetSockets.endpoints(new io.jstrace.core.Sockets.Inet(lo, 80, any, 0)));
        assertEquals("127.0.0.1:5->127.0.0.1:80", InetSockets.endpoints(new io.jstrace.core.Sockets.Inet(lo, 5, lo, 80)));
        assertEquals("[::1]:53->[::1]:7", InetSockets.endpoints(new io.jstrace.core.Sockets.Inet(v6(0, 0, 0, 0, 0, 0, 0, 1), 53,
                v6(0, 0, 0, 0, 0, 0, 0, 1), 7)));
    }

    @Test
    void deviceNumbersAsGlibcSplitsThem() {
        assertEquals(1, FdDetails.major(0x103));
        assertEquals(3, FdDetails.minor(0x103));
        assertEquals(136, FdDetails.major(makedev(136, 5)));
        assertEquals(5, FdDetails.minor(makedev(136, 5)));
        assertEquals(0x1234, FdDetails.major(makedev(0x1234, 0x56789)));
        assertEquals(0x56789, FdDetails.minor(makedev(0x1234, 0x56789)));
    }

    /** glibc's gnu_dev_makedev. */
    private static long makedev(long major, long minor) {
        return ((major & 0xfff) << 8) | ((major & ~0xfffL) << 32) | (minor & 0xff) | ((minor & ~0xffL) << 12);
    }

    @Test
    void socketsAndDevicesAsTheHostDescribesThem() {
        byte[] lo = {127, 0, 0, 1};
        var host = new FixedHostFacts().fd(4, "socket:[987654321]").socketProtocol(4, "TCP")
                .inet(987654321L, new Sockets.Inet(lo, 5000, lo, 80))
                .fd(5, "/dev/null").fdStat(5, new HostFacts.FileStat(0020666, makedev(1, 3)))
                .fd(6, "socket:[987654322]").socketProtocol(6, "UNIX-STREAM")
                .unix(987654322L, new Sockets.Unix(987654322L, 987654323L, new byte[0]));
        var yy = new DecodeOptions(32, false, true, java.util.Set.of("socket", "dev"), XlatStyle.ABBREV,
                DecodeOptions.PerSyscall.defaults(), DecodeOptions.Dumps.none());
        assertEquals("4<TCP:[127.0.0.1:5000->127.0.0.1:80]>", close(4, yy, host));
        assertEquals("5</dev/null<char 1:3>>", close(5, yy, host));
        assertEquals("6<UNIX-STREAM:[987654322->987654323]>", close(6, yy, host));
        assertEquals("7", close(7, yy, host));
        assertEquals("4<socket:[987654321]>", close(4, new DecodeOptions(32, false, true), host));
    }

    private static String close(int fd, DecodeOptions options, HostFacts host) {
        return Calls.render(Formatters.format(Calls.of("close").args(fd).options(options).host(host).enter(), 0));
    }

    @Test
    void otherLinksAreLeftAlone() {
        var all = java.util.Set.of("socket", "dev", "pidfd");
        assertEquals("anon_inode:[eventfd]", FdDetails.describe(HostFacts.NONE, 3, "anon_inode:[eventfd]", all, true));
        assertEquals("pipe:[12]", FdDetails.describe(HostFacts.NONE, 3, "pipe:[12]", all, true));
        assertEquals(null, FdDetails.describe(HostFacts.NONE, 3, "pipe:[12]", all, false));
    }
}
