package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** FileDecoders' decoders; expected texts are strace 6.1's output for the same calls. */
class FilesTest {
    private static final long ST = 0x7ffd_d9cf_41a0L;

    private static String openatFlags(long flags) {
        return render(FileDecoders.openFlags(Calls.of("openat").args(-100, 0, flags, 0).enter(), 2));
    }

    @Test
    void openFlags() {
        assertEquals("O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC", openatFlags(02 | 0100 | 0200 | 02000000));
        assertEquals("O_RDONLY", openatFlags(0));
        assertEquals("O_WRONLY|O_TMPFILE", openatFlags(01 | 020200000));
        assertEquals("O_RDONLY|O_NOFOLLOW|O_DIRECTORY", openatFlags(0400000 | 0200000));
        assertEquals("O_ACCMODE|0x80000000", openatFlags(3 | 0x80000000L));
    }

    @Test
    void openatShowsAModeOnlyWhenCreating() {
        assertEquals(4, Formatters.visibleArgs(Calls.of("openat").args(-100, 0, 0100, 0640).enter()));
        assertEquals(4, Formatters.visibleArgs(Calls.of("openat").args(-100, 0, 01 | 020200000, 0).enter()));
        assertEquals(3, Formatters.visibleArgs(Calls.of("openat").args(-100, 0, 0, 0).enter()));
    }

    private static String mkdirMode(long mode) {
        return render(FileDecoders.mode(Calls.of("mkdir").args(0, mode).enter(), 1));
    }

    @Test
    void modes() {
        assertEquals("0640", mkdirMode(0640));
        assertEquals("000", mkdirMode(0));
        assertEquals("07777", mkdirMode(07777));
        assertEquals("06755", mkdirMode(06755));
    }

    @Test
    void modesKeepTheFileTypeBits() {
        assertEquals("0100755", mkdirMode(0100755));
        assertEquals("0104755", mkdirMode(0104755));
        assertEquals("0177777", mkdirMode(0xffffffffL));
    }

    @Test
    void dirfd() {
        assertEquals("AT_FDCWD", render(FileDecoders.dirfd(Calls.of("openat").args(-100).enter(), 0)));
        assertEquals("-1", render(FileDecoders.dirfd(Calls.of("openat").args(0xffffffffL).enter(), 0)));
        assertEquals("5", render(FileDecoders.dirfd(Calls.of("openat").args(5).enter(), 0)));
    }

    /** x86_64 struct stat: st_mode at 24, st_rdev at 40, st_size at 48 (144 bytes). */
    private static FakeMemory stat(int mode, long rdev, long size) {
        ByteBuffer b = ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(24, mode).putLong(40, rdev).putLong(48, size);
        return new FakeMemory().put(ST, b.array());
    }

    private static String fstat(FakeMemory m, long ret) {
        return render(FileDecoders.stat(Calls.of("fstat").args(3, ST).mem(m).exit(ret), 1));
    }

    @Test
    void statOfADevice() {
        assertEquals("{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}", fstat(stat(020666, 0x103, 0), 0));
    }

    @Test
    void statOfAFile() {
        assertEquals("{st_mode=S_IFREG|0755, st_size=3, ...}", fstat(stat(0100755, 0, 3), 0));
        assertEquals("{st_mode=S_IFREG|0644, st_size=34547, ...}", fstat(stat(0100644, 0, 34547), 0));
    }

    @Test
    void statFailedNullAndUnreadable() {
        assertEquals("0x7ffdd9cf41a0", fstat(stat(0100644, 0, 1), -9));
        assertEquals("NULL", render(FileDecoders.stat(Calls.of("fstat").args(3, 0).exit(-14), 1)));
        assertEquals("0x7ffdd9cf41a0", fstat(new FakeMemory().putLongs(ST, 1, 2), 0));
    }

    @Test
    void statNamesSetIdAndStickyBits() {
        assertEquals("{st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}", fstat(stat(041777, 0, 4096), 0));
        assertEquals("{st_mode=S_IFREG|S_ISUID|S_ISGID|0755, st_size=0, ...}", fstat(stat(0106755, 0, 0), 0));
    }

    @Test
    void statInFullWithVerbose() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        try {
            FakeMemory m = new FakeMemory().putLongs(ST, 0xfe00, 42, 1).putInts(ST + 24, 0100644, 1000, 1000, 0)
                    .putLongs(ST + 40, 0, 5, 4096, 8, 1, 2, 0, 0, 3, 0, 0, 0, 0);
            assertEquals("{st_dev=makedev(0xfe, 0), st_ino=42, st_mode=S_IFREG|0644, st_nlink=1, st_uid=1000, "
                    + "st_gid=1000, st_blksize=4096, st_blocks=8, st_size=5, "
                    + "st_atime=1 /* 1970-01-01T00:00:01.000000002+0000 */, st_atime_nsec=2, st_mtime=0, "
                    + "st_mtime_nsec=0, st_ctime=3 /* 1970-01-01T00:00:03+0000 */, st_ctime_nsec=0}",
                    render(FileDecoders.stat(Calls.of("fstat").args(3, ST).mem(m).verbose().exit(0), 1)));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    void faccessat2NamesAtEaccess() {
        assertEquals("AT_EACCESS", render(FileDecoders.atFlags(Calls.of("faccessat2").args(-100, 0, 4, 0x200).enter(), 3)));
        assertEquals("AT_REMOVEDIR", render(FileDecoders.atFlags(Calls.of("unlinkat").args(-100, 0, 0x200).enter(), 2)));
    }

    @Test
    void mknodPrintsTheTypeAndTheDeviceOnlyForDevices() {
        Call fifo = Calls.of("mknodat").args(-100, 0, 010600, 0).enter();
        assertEquals(3, Formatters.visibleArgs(fifo));
        assertEquals("S_IFIFO|0600", render(Formatters.format(fifo, 2)));
        Call chr = Calls.of("mknod").args(0, 020600, 0x103).enter();
        assertEquals(3, Formatters.visibleArgs(chr));
        assertEquals("makedev(0x1, 0x3)", render(Formatters.format(chr, 2)));
        assertEquals("0644", render(Formatters.format(Calls.of("mknod").args(0, 0644, 0).enter(), 1)));
    }

    @Test
    void flockOperations() {
        assertEquals("LOCK_EX|LOCK_NB", render(Formatters.format(Calls.of("flock").args(3, 6).enter(), 1)));
        assertEquals("LOCK_UN", render(Formatters.format(Calls.of("flock").args(3, 8).enter(), 1)));
    }

    @Test
    void accessModes() {
        assertEquals("R_OK|W_OK", render(FileDecoders.accessMode(Calls.of("access").args(0, 6).enter(), 1)));
        assertEquals("F_OK", render(FileDecoders.accessMode(Calls.of("access").args(0, 0).enter(), 1)));
    }

    @Test
    void seekWhence() {
        assertEquals("SEEK_END", render(FileDecoders.seekWhence(Calls.of("lseek").args(3, 0, 2).enter(), 2)));
        assertEquals("0x7 /* SEEK_??? */", render(FileDecoders.seekWhence(Calls.of("lseek").args(3, 0, 7).enter(), 2)));
    }
}
