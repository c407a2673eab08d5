package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IoctlsUnameTest {
    private static final long UTS = 0x7000;

    private static FakeMemory utsname() {
        byte[] raw = new byte[65 * 6];
        String[] f = {"Linux", "host", "6.1.0", "#1 SMP", "x86_64", "(none)"};
        for (int k = 0; k < f.length; k++) {
            byte[] b = f[k].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, raw, k * 65, b.length);
        }
        return new FakeMemory().put(UTS, raw);
    }

    @Test
    void terminalRequestByName() {
        assertEquals("TCGETS", render(IoctlRequests.request(Calls.of("ioctl").args(1, 0x5401, 0).enter(), 1)));
    }

    @Test
    void requestSharedWithTheSoundTimerGetsBothNames() {
        assertEquals("SNDCTL_TMR_START or TCSETS", render(IoctlRequests.request(Calls.of("ioctl").args(1, 0x5402, 0).enter(), 1)));
    }

    @Test
    void unknownRequestByItsFields() {
        assertEquals("_IOC(_IOC_READ|_IOC_WRITE, 0x62, 0x1, 0x18)",
                render(IoctlRequests.request(Calls.of("ioctl").args(3, 0xc0186201L, 0).enter(), 1)));
        assertEquals("_IOC(_IOC_NONE, 0x56, 0x78, 0x1234)",
                render(IoctlRequests.request(Calls.of("ioctl").args(3, 0x12345678L, 0).enter(), 1)));
        assertEquals("_IOC(_IOC_WRITE, 0xae, 0x1, 0x4)",
                render(IoctlRequests.request(Calls.of("ioctl").args(3, 0x4004ae01L, 0).enter(), 1)));
    }

    @Test
    void utsnameAbbreviated() {
        Call c = Calls.of("uname").args(UTS).mem(utsname()).exit(0);
        assertEquals("{sysname=\"Linux\", nodename=\"host\", ...}", render(Uname.utsname(c, 0)));
    }

    @Test
    void utsnameVerbose() {
        Call c = Calls.of("uname").args(UTS).mem(utsname()).verbose().exit(0);
        assertEquals("{sysname=\"Linux\", nodename=\"host\", release=\"6.1.0\", version=\"#1 SMP\", machine=\"x86_64\","
                + " domainname=\"(none)\"}", render(Uname.utsname(c, 0)));
    }

    @Test
    void utsnameUnreadablePrintsTheAddress() {
        Call c = Calls.of("uname").args(0x9000).mem(new FakeMemory()).exit(0);
        assertEquals("0x9000", render(Uname.utsname(c, 0)));
    }

    @Test
    void utsnameAfterFailurePrintsTheAddress() {
        Call c = Calls.of("uname").args(UTS).mem(utsname()).exit(-14);
        assertEquals("0x7000", render(Uname.utsname(c, 0)));
    }
}
