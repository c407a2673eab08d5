package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The ioctl families' decoders on literal memory; expected texts are strace 6.1's. */
class IoctlFamiliesTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final long EVIOCGBIT_KEY_96 = 0x80604521L, EVIOCGABS_3F = 0x8018457fL, EVIOCSKEYCODE = 0x40084504L,
            HDIO_DRIVE_CMD = 0x31f, FS_IOC_FIEMAP = 0xc020660bL, SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100L,
            RNDADDENTROPY = 0x40085203L, NS_GET_NSTYPE = 0xb703;

    private static String arg(Call c) {
        return render(Ioctls.arg(c, 2));
    }

    private static String request(long r, XlatStyle style) {
        return new StraceText(StraceText.Escape.OCTAL, style)
                .render(IoctlRequests.request(Calls.of("ioctl").args(3, r, 0).enter(), 1));
    }

    @Test
    void requestsWithFieldsInTheirNumber() {
        assertEquals("EVIOCGBIT(EV_KEY, 96)", request(EVIOCGBIT_KEY_96, XlatStyle.ABBREV));
        assertEquals("EVIOCGABS(0x3f /* ABS_??? */)", request(EVIOCGABS_3F, XlatStyle.ABBREV));
        assertEquals("0x8018457f /* EVIOCGABS(0x3f) */", request(EVIOCGABS_3F, XlatStyle.VERBOSE));
        assertEquals("0x8018457f", request(EVIOCGABS_3F, XlatStyle.RAW));
        assertEquals("MIXER_READ(13) or OTPSELECT", request(0x80044d0dL, XlatStyle.ABBREV));
    }

    @Test
    void bitsetByTheReturnedLength() {
        FakeMemory m = new FakeMemory().putLongs(A, 0b11110L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("[KEY_ESC KEY_1 KEY_2 KEY_3]", arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(m).exit(1)));
        FakeMemory more = new FakeMemory().putLongs(A, 0b111110L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("[KEY_ESC KEY_1 KEY_2 KEY_3 ...]",
                arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(more).exit(1)));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(m).exit(0)));
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, EVIOCGBIT_KEY_96, A).mem(m).exit(-9)));
    }

    @Test
    void keycodeAtEntryOrItsAddress() {
        FakeMemory m = new FakeMemory().putInts(A, 30, 30);
        assertEquals("[30, KEY_A]", arg(Calls.of("ioctl").args(3, EVIOCSKEYCODE, A).mem(m).enter()));
        FakeMemory half = new FakeMemory().putInts(A, 30);
        assertEquals("0x7ffc00001000", arg(Calls.of("ioctl").args(3, EVIOCSKEYCODE, A).mem(half).enter()));
    }

    @Test
    void driveCommandAndWhatTheDriveWroteBack() {
        FakeMemory m = new FakeMemory().put(A, new byte[] {(byte) 0xca, 1, 2, 0});
        Call entry = Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(m).enter();
        assertEquals("{command=ATA_CMD_WRITE, sector_number=1, feature=2, sector_count=0}", arg(entry));
        FakeMemory after = new FakeMemory().put(A, new byte[] {0x50, 0, 1, 0});
        assertEquals("{status=0x50, error=0, nsector=1}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(after).exit(0))));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(after).exit(-9)));
        assertEquals("{status=0x50, error=0, nsector=1}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, HDIO_DRIVE_CMD, A).mem(after).exit(-5)))); // EIO
    }

    @Test
    void fiemapMappedOnlyAfterSuccess() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, 4096).putInts(A + 16, 1, 2, 8, 0);
        assertEquals("{fm_flags=FIEMAP_FLAG_SYNC, fm_mapped_extents=2, ...}",
                render(Ioctls.writeBack(Calls.of("ioctl").args(3, FS_IOC_FIEMAP, A).mem(m).exit(0))));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, FS_IOC_FIEMAP, A).mem(m).exit(-95)));
        assertNull(Ioctls.writeBack(Calls.of("ioctl").args(3, FS_IOC_FIEMAP, A + 0x100000).mem(m).exit(0)));
    }

    @Test
    void seccompNotificationZeroedAtEntryPrintsAtExit() {
        FakeMemory zero = new FakeMemory().put(A, new byte[80]);
        assertEquals(2, Formatters.entryArgs(Calls.of("ioctl").args(3, SECCOMP_IOCTL_NOTIF_RECV, A).mem(zero).enter(), 3));
        FakeMemory set = new FakeMemory().put(A, new byte[80]).putInts(A + 8, 42);
        assertEquals(3, Formatters.entryArgs(Calls.of("ioctl").args(3, SECCOMP_IOCTL_NOTIF_RECV, A).mem(set).enter(), 3));
    }

    @Test
    void randomPoolInfoAndNamespaceType() {
        FakeMemory m = new FakeMemory().putInts(A, 3, 4).putBytes(A + 8, "abcd");
        assertEquals("{entropy_count=3, buf_size=4, buf=\"abcd\"}",
                arg(Calls.of("ioctl").args(-1, RNDADDENTROPY, A).mem(m).enter()));
        assertEquals("67108864 (CLONE_NEWUTS)",
                render(Ioctls.returnValue(Calls.of("ioctl").args(3, NS_GET_NSTYPE, 0).exit(0x4000000))));
        assertEquals(2, Formatters.visibleArgs(Calls.of("ioctl").args(3, NS_GET_NSTYPE, 0).enter()));
    }
}
