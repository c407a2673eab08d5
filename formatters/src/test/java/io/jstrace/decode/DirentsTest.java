package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class DirentsTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final int DT_DIR = 4, DT_REG = 8;

    /** One linux_dirent64 of 24 bytes: ino, off, reclen, type, name and NUL padding. */
    private static byte[] dirent64(long ino, long off, int type, String name) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ino).putLong(off).putShort((short) 24).put((byte) type).put(name.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** One old linux_dirent of 24 bytes: ino, off, reclen, name, NUL padding, d_type in the last byte. */
    private static byte[] dirent(long ino, long off, int type, String name) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ino).putLong(off).putShort((short) 24).put(name.getBytes(StandardCharsets.US_ASCII));
        b.put(23, (byte) type);
        return b.array();
    }

    private static FakeMemory two64() {
        return new FakeMemory().put(A, dirent64(2, 1, DT_DIR, ".")).put(A + 24, dirent64(12, 2, DT_REG, "f"));
    }

    @Test
    void abbreviatedCountsEntries() {
        assertEquals("0x7ffc00001000 /* 2 entries */",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).mem(two64()).exit(48), 1)));
        assertEquals("0x7ffc00001000 /* 0 entries */",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).exit(0), 1)));
    }

    @Test
    void verboseGetdents64() {
        assertEquals("[{d_ino=2, d_off=1, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, "
                + "{d_ino=12, d_off=2, d_reclen=24, d_type=DT_REG, d_name=\"f\"}]",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).mem(two64()).verbose().exit(48), 1)));
        assertEquals("[]", render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).verbose().exit(0), 1)));
    }

    @Test
    void verboseOldGetdentsPrintsTypeAfterName() {
        FakeMemory m = new FakeMemory().put(A, dirent(2, 1, DT_DIR, ".."));
        assertEquals("[{d_ino=2, d_off=1, d_reclen=24, d_name=\"..\", d_type=DT_DIR}]",
                render(Dirents.dirents(Calls.of("getdents").args(3, A, 4096).mem(m).verbose().exit(24), 1)));
    }

    @Test
    void unreadableEntryEndsTheList() {
        FakeMemory m = new FakeMemory().put(A, dirent64(2, 1, DT_DIR, "."));
        assertEquals("[{d_ino=2, d_off=1, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, ... /* 0x7ffc00001018 */]",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).mem(m).verbose().exit(48), 1)));
        assertEquals("0x7ffc00001000 /* 1+ entries */",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).mem(m).exit(48), 1)));
        assertEquals("0x7ffc00001000",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).verbose().exit(48), 1)));
    }

    @Test
    void failedOrOversizedResultPrintsTheAddress() {
        assertEquals("0x7ffc00001000", render(Dirents.dirents(Calls.of("getdents64").args(3, A, 4096).exit(-9), 1)));
        assertEquals("0x7ffc00001000",
                render(Dirents.dirents(Calls.of("getdents64").args(3, A, 16).mem(two64()).exit(48), 1)));
    }
}
