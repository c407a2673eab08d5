package io.jstrace.decode;

import static io.jstrace.decode.FsioCalls.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** preadv2/pwritev2, pipe2, close_range and the xattr flags; expected texts are strace 6.1's. */
class FileIoTest {
    private static final long IOV = 0x7ffc_5600_0000L, BUF = 0x7ffc_5600_1000L;
    private static final long EOPNOTSUPP = -95, EINVAL = -22, EFAULT = -14;

    private static FakeMemory iovec(String data) {
        return new FakeMemory().putLongs(IOV, BUF, data.length()).putString(BUF, data);
    }

    @Test
    void pwritev2SkipsPosHighAndNamesFlags() {
        Call c = Calls.of("pwritev2").args(3, IOV, 1, 200, 0, 0x6).mem(iovec("abc")).enter();
        assertEquals("3, [{iov_base=\"abc\", iov_len=3}], 1, 200, RWF_DSYNC|RWF_SYNC", args(c));
    }

    @Test
    void preadv2FlagsUnknownBitsAndZero() {
        Call ok = Calls.of("preadv2").args(3, IOV, 1, -1, -1, 0).mem(iovec("abcd")).exit(4);
        assertEquals("3, [{iov_base=\"abcd\", iov_len=4}], 1, -1, 0", args(ok));
        Call bad = Calls.of("preadv2").args(3, IOV, 1, 0, 0, 0x40000001).mem(iovec("abcd")).exit(EOPNOTSUPP);
        assertEquals("3, [{iov_base=0x7ffc56001000, iov_len=4}], 1, 0, RWF_HIPRI|0x40000000", args(bad));
        Call unknown = Calls.of("preadv2").args(3, IOV, 1, 0, 0, 0x100).mem(iovec("abcd")).exit(EOPNOTSUPP);
        assertEquals("3, [{iov_base=0x7ffc56001000, iov_len=4}], 1, 0, 0x100 /* RWF_??? */", args(unknown));
    }

    @Test
    void preadv2UnreadableIovecPrintsAddress() {
        Call c = Calls.of("preadv2").args(3, IOV, 1, 0, 0, 8).mem(new FakeMemory()).exit(4);
        assertEquals("3, 0x7ffc56000000, 1, 0, RWF_NOWAIT", args(c));
    }

    @Test
    void pipe2UnknownFlagsCarryOComment() {
        assertEquals("0x7ffc56000000, 0x2 /* O_??? */",
                args(Calls.of("pipe2").args(IOV, 2).exit(EINVAL)));
        assertEquals("0x7ffc56000000, O_NONBLOCK|O_CLOEXEC",
                args(Calls.of("pipe2").args(IOV, 04000 | 02000000).exit(EFAULT)));
    }

    @Test
    void closeRangeFlags() {
        assertEquals("3, 4294967295, CLOSE_RANGE_UNSHARE",
                args(Calls.of("close_range").args(3, 0xffffffffL, 2).exit(0)));
        assertEquals("10, 20, 0x8 /* CLOSE_RANGE_??? */", args(Calls.of("close_range").args(10, 20, 8).exit(EINVAL)));
        assertEquals("10, 20, CLOSE_RANGE_CLOEXEC|0x8",
                args(Calls.of("close_range").args(10, 20, 4 | 8).exit(EINVAL)));
    }

    @Test
    void setxattrFlagsAndValue() {
        FakeMemory m = new FakeMemory().putString(BUF, "f").putString(BUF + 16, "user.a").putBytes(BUF + 32, "ab\0c");
        assertEquals("\"f\", \"user.a\", \"ab\\0c\", 4, XATTR_CREATE",
                args(Calls.of("setxattr").args(BUF, BUF + 16, BUF + 32, 4, 1).mem(m).enter()));
        assertEquals("\"f\", \"user.a\", \"ab\\0c\", 4, 0x10 /* XATTR_??? */",
                args(Calls.of("setxattr").args(BUF, BUF + 16, BUF + 32, 4, 0x10).mem(m).enter()));
        assertEquals("3, \"user.a\", 0x8, 4, XATTR_REPLACE|0x4",
                args(Calls.of("fsetxattr").args(3, BUF + 16, 8, 4, 6).mem(m).enter()));
    }
}
