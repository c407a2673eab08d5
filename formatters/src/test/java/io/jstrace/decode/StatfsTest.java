package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class StatfsTest {
    private static final long A = 0x7ffc0000_1000L;

    /** struct statfs: f_type, six counts, f_fsid (two ints), f_namelen, f_frsize, f_flags, four spares. */
    private static FakeMemory statfs(long type, long flags) {
        return new FakeMemory().putLongs(A, type, 4096, 100, 50, 40, 1000, 900)
                .putInts(A + 56, 0x711b9320, 0xa2bdd9e5).putLongs(A + 64, 255, 4096, flags, 0, 0, 0, 0);
    }

    @Test
    void ext4WithFlags() {
        assertEquals("{f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, f_bavail=40, f_files=1000, "
                + "f_ffree=900, f_fsid={val=[0x711b9320, 0xa2bdd9e5]}, f_namelen=255, f_frsize=4096, "
                + "f_flags=ST_VALID|ST_RELATIME}",
                render(Statfs.statfs(Calls.of("statfs").args(0, A).mem(statfs(0xEF53, 0x1020)).exit(0), 1)));
    }

    @Test
    void flagsOnlyWhenValidAndUnknownMagicInHex() {
        assertEquals("{f_type=0x12345678, f_bsize=4096, f_blocks=100, f_bfree=50, f_bavail=40, f_files=1000, "
                + "f_ffree=900, f_fsid={val=[0x711b9320, 0xa2bdd9e5]}, f_namelen=255, f_frsize=4096}",
                render(Statfs.statfs(Calls.of("fstatfs").args(3, A).mem(statfs(0x12345678, 1)).exit(0), 1)));
        String tmpfs = render(Statfs.statfs(Calls.of("fstatfs").args(3, A).mem(statfs(0x01021994, 0x21)).exit(0), 1));
        assertEquals(true, tmpfs.startsWith("{f_type=TMPFS_MAGIC, ") && tmpfs.endsWith(", f_flags=ST_RDONLY|ST_VALID}"), tmpfs);
    }

    @Test
    void failedUnreadableOrTruncatedPrintsTheAddress() {
        assertEquals("0x7ffc00001000", render(Statfs.statfs(Calls.of("statfs").args(0, A).mem(statfs(1, 0)).exit(-2), 1)));
        assertEquals("0x8", render(Statfs.statfs(Calls.of("statfs").args(0, 8).exit(0), 1)));
        FakeMemory half = new FakeMemory().putLongs(A, 0xEF53, 4096);
        assertEquals("0x7ffc00001000", render(Statfs.statfs(Calls.of("statfs").args(0, A).mem(half).exit(0), 1)));
    }
}
