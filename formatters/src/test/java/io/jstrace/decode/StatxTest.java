package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Expected texts are strace 6.1's for the same calls (TZ=UTC). */
@ExtendWith(InUtc.class)
class StatxTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final int STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800, STATX_MNT_ID = 0x1000;

    /** A struct statx of a regular 5-byte file, every timestamp 1 s + 2 ns. */
    private static byte[] statx(int mask) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, mask).putInt(4, 4096).putLong(8, 0x20).putInt(16, 1).putInt(20, 1000).putInt(24, -1)
                .putShort(28, (short) 0100644).putLong(32, 42).putLong(40, 5).putLong(48, 8).putLong(56, 0x20);
        for (int off = 64; off < 128; off += 16) b.putLong(off, 1).putInt(off + 8, 2);
        b.putInt(128, 0).putInt(132, 0).putInt(136, 254).putInt(140, 1).putLong(144, 0x1b);
        return b.array();
    }

    @Test
    void flagsAlwaysNameTheSyncType() {
        assertEquals("AT_STATX_SYNC_AS_STAT", render(Statx.flags(Calls.of("statx").args(-100, 0, 0, 0, A).enter(), 2)));
        assertEquals("AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW",
                render(Statx.flags(Calls.of("statx").args(-100, 0, 0x100, 0, A).enter(), 2)));
        assertEquals("AT_STATX_DONT_SYNC|AT_EMPTY_PATH|0x10000",
                render(Statx.flags(Calls.of("statx").args(-100, 0, 0x15000, 0, A).enter(), 2)));
        // both sync bits print as flags (src/statx.c printflags)
        assertEquals("AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC", render(Statx.flags(Calls.of("statx").args(-100, 0, 0x6000, 0, A).enter(), 2)));
    }

    @Test
    void abbreviatedWithoutVerbose() {
        FakeMemory m = new FakeMemory().put(A, statx(STATX_BASIC_STATS | STATX_MNT_ID));
        assertEquals("{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_APPEND, "
                + "stx_mode=S_IFREG|0644, stx_size=5, ...}",
                render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0x7ff, A).mem(m).exit(0), 4)));
    }

    @Test
    void verboseSkipsBtimeAndMountIdOutsideTheMask() {
        FakeMemory m = new FakeMemory().put(A, statx(STATX_BASIC_STATS));
        String ts = "{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */";
        assertEquals("{stx_mask=STATX_BASIC_STATS, stx_blksize=4096, stx_attributes=STATX_ATTR_APPEND, stx_nlink=1, "
                + "stx_uid=1000, stx_gid=-1, stx_mode=S_IFREG|0644, stx_ino=42, stx_size=5, stx_blocks=8, "
                + "stx_attributes_mask=STATX_ATTR_APPEND, stx_atime=" + ts + ", stx_ctime=" + ts + ", stx_mtime=" + ts
                + ", stx_rdev_major=0, stx_rdev_minor=0, stx_dev_major=254, stx_dev_minor=1}",
                render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0x7ff, A).mem(m).verbose().exit(0), 4)));
    }

    @Test
    void verboseTimestampsFollowTheMask() {
        FakeMemory m = new FakeMemory().put(A, statx(0x1 | 0x2 | 0x20 | 0x1000));
        String s = render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0x3, A).mem(m).verbose().exit(0), 4));
        assertEquals(true, s.contains(", stx_atime={tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */, "
                + "stx_rdev_major=0, "), s);
    }

    @Test
    void verboseWithBtimeAndMountId() {
        FakeMemory m = new FakeMemory().put(A, statx(STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID));
        String s = render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0xfff, A).mem(m).verbose().exit(0), 4));
        assertEquals(true, s.contains(", stx_btime={tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */, "));
        assertEquals(true, s.endsWith(", stx_dev_minor=1, stx_mnt_id=0x1b}"), s);
    }

    @Test
    void failedUnreadableOrTruncatedPrintsTheAddress() {
        FakeMemory m = new FakeMemory().put(A, statx(STATX_BASIC_STATS));
        assertEquals("0x7ffc00001000", render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0, A).mem(m).exit(-2), 4)));
        assertEquals("0x8", render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0, 8).exit(0), 4)));
        FakeMemory half = new FakeMemory().put(A, java.util.Arrays.copyOf(statx(STATX_BASIC_STATS), 200));
        assertEquals("0x7ffc00001000", render(Statx.statx(Calls.of("statx").args(-100, 0, 0, 0, A).mem(half).exit(0), 4)));
    }
}
