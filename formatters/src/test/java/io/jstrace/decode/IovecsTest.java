package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class IovecsTest {
    private static final long V = 0x7ffe_8c4e_d000L, S = 0x5500_0000_0000L;
    private static final long EFAULT = -14, EBADF = -9;

    /** Strings at S, S+0x100, ... and the iovec array {base, len}... at V. */
    private static FakeMemory iovecs(Object... baseLen) {
        FakeMemory m = new FakeMemory();
        long[] words = new long[baseLen.length];
        for (int k = 0; k < baseLen.length; k += 2) {
            if (baseLen[k] instanceof String s) {
                long at = S + 0x100L * k;
                m.putBytes(at, s);
                words[k] = at;
            } else {
                words[k] = (Long) baseLen[k];
            }
            words[k + 1] = (Long) baseLen[k + 1];
        }
        return m.putLongs(V, words);
    }

    private static String writev(FakeMemory m, long count) {
        return render(Iovecs.writeIovec(Calls.of("writev").args(3, V, count).mem(m).enter(), 1));
    }

    @Test
    void writevContents() {
        FakeMemory m = iovecs("hello", 5L, "", 0L, "wor\nld\0x", 8L);
        assertEquals("[{iov_base=\"hello\", iov_len=5}, {iov_base=\"\", iov_len=0}, "
                + "{iov_base=\"wor\\nld\\0x\", iov_len=8}]", writev(m, 3));
    }

    @Test
    void writevEmptyNullAndUnreadable() {
        assertEquals("[]", writev(iovecs("hello", 5L), 0));
        assertEquals("NULL", render(Iovecs.writeIovec(Calls.of("writev").args(3, 0, 0).enter(), 1)));
        assertEquals("NULL", render(Iovecs.writeIovec(Calls.of("writev").args(3, 0, 2).enter(), 1)));
        assertEquals("0x8", render(Iovecs.writeIovec(Calls.of("writev").args(3, 8, 2).enter(), 1)));
    }

    @Test
    void writevBadBases() {
        FakeMemory m = iovecs(8L, 5L, 0L, 3L);
        assertEquals("[{iov_base=0x8, iov_len=5}, {iov_base=NULL, iov_len=3}]", writev(m, 2));
    }

    @Test
    void writevCutsStringsAtTheLimit() {
        String a33 = "a".repeat(33);
        FakeMemory m = iovecs(a33, 33L, a33, 32L);
        assertEquals("[{iov_base=\"" + "a".repeat(32) + "\"..., iov_len=33}, {iov_base=\"" + "a".repeat(32)
                + "\", iov_len=32}]", writev(m, 2));
    }

    @Test
    void writevCutsTheArrayAtTheLimitWithoutVerbose() {
        Object[] spec = new Object[80];
        for (int k = 0; k < 40; k++) {
            spec[2 * k] = "a";
            spec[2 * k + 1] = 1L;
        }
        FakeMemory m = iovecs(spec);
        String one = "{iov_base=\"a\", iov_len=1}";
        assertEquals("[" + String.join(", ", java.util.Collections.nCopies(32, one)) + ", ...]", writev(m, 40));
        assertEquals("[" + String.join(", ", java.util.Collections.nCopies(40, one)) + "]",
                render(Iovecs.writeIovec(Calls.of("writev").args(3, V, 40).mem(m).verbose().enter(), 1)));
    }

    @Test
    void writevSmallLimitCutsBoth() {
        FakeMemory m = iovecs("hello", 5L, "abc", 3L, "x", 1L);
        assertEquals("[{iov_base=\"he\"..., iov_len=5}, {iov_base=\"ab\"..., iov_len=3}, ...]",
                render(Iovecs.writeIovec(Calls.of("writev").args(3, V, 3).mem(m).limit(2).enter(), 1)));
    }

    @Test
    void writevArrayRunningIntoUnmappedMemory() {
        FakeMemory m = iovecs("xy", 2L);
        assertEquals("[{iov_base=\"xy\", iov_len=2}, ... /* 0x7ffe8c4ed010 */]", writev(m, 2));
    }

    @Test
    void writevBufferRunningIntoUnmappedMemoryPrintsItsAddress() {
        FakeMemory m = iovecs("ab", 2L, "z", 3L);
        assertEquals("[{iov_base=\"ab\", iov_len=2}, {iov_base=0x550000000200, iov_len=3}]", writev(m, 2));
    }

    @Test
    void readvSpreadsTheReturnedBytes() {
        FakeMemory m = iovecs("abcdefghij", 4L, "efghij", 4L, "ij", 8L);
        assertEquals("[{iov_base=\"abcd\", iov_len=4}, {iov_base=\"efgh\", iov_len=4}, {iov_base=\"ij\", iov_len=8}]",
                render(Iovecs.readIovec(Calls.of("readv").args(4, V, 3).mem(m).exit(10), 1)));
        assertEquals("[{iov_base=\"abcd\", iov_len=4}, {iov_base=\"ef\", iov_len=4}, {iov_base=\"\", iov_len=8}]",
                render(Iovecs.readIovec(Calls.of("readv").args(4, V, 3).mem(m).exit(6), 1)));
        assertEquals("[{iov_base=\"\", iov_len=4}, {iov_base=\"\", iov_len=4}, {iov_base=\"\", iov_len=8}]",
                render(Iovecs.readIovec(Calls.of("readv").args(4, V, 3).mem(m).exit(0), 1)));
    }

    @Test
    void readvFailurePrintsTheBuffersByAddress() {
        FakeMemory m = iovecs("abcd", 4L, "efgh", 4L);
        assertEquals("[{iov_base=0x550000000000, iov_len=4}, {iov_base=0x550000000200, iov_len=4}]",
                render(Iovecs.readIovec(Calls.of("readv").args(-1, V, 2).mem(m).exit(EBADF), 1)));
    }

    @Test
    void readvNullAndUnreadable() {
        assertEquals("NULL", render(Iovecs.readIovec(Calls.of("readv").args(4, 0, 0).exit(0), 1)));
        assertEquals("0x8", render(Iovecs.readIovec(Calls.of("readv").args(4, 8, 3).exit(EFAULT), 1)));
    }

    @Test
    void preadvNullBaseOfZeroLength() {
        FakeMemory m = iovecs("\0\0\0\0", 4L, 0L, 0L, "\0\0\0\0\0\0\0\0", 8L);
        assertEquals("[{iov_base=\"\\0\\0\\0\\0\", iov_len=4}, {iov_base=NULL, iov_len=0}, "
                + "{iov_base=\"\\0\\0\\0\\0\\0\\0\\0\\0\", iov_len=8}]",
                render(Iovecs.readIovec(Calls.of("preadv").args(5, V, 3, 0).mem(m).exit(12), 1)));
    }

    @Test
    void processVmReadvLocalAndRemote() {
        FakeMemory m = iovecs("hello", 4L, "o", 4L).putLongs(V + 0x100, 0x55a14d06400eL, 5, 0x55a14d064014L, 0);
        Call c = Calls.of("process_vm_readv").args(6652, V, 2, V + 0x100, 2, 0).mem(m).exit(5);
        assertEquals("[{iov_base=\"hell\", iov_len=4}, {iov_base=\"o\", iov_len=4}]", render(Iovecs.readIovec(c, 1)));
        assertEquals("[{iov_base=0x55a14d06400e, iov_len=5}, {iov_base=0x55a14d064014, iov_len=0}]",
                render(Iovecs.iovec(c, 3)));
    }

    @Test
    void iovecAddressesOnly() {
        FakeMemory m = new FakeMemory().putLongs(V, 0, 7, 0x1234, 1);
        assertEquals("[{iov_base=NULL, iov_len=7}, {iov_base=0x1234, iov_len=1}, ... /* 0x7ffe8c4ed020 */]",
                render(Iovecs.iovec(Calls.of("process_madvise").args(3, V, 3, 0, 0).mem(m).enter(), 1)));
        assertEquals("NULL", render(Iovecs.iovec(Calls.of("process_madvise").args(3, 0, 2, 0, 0).enter(), 1)));
    }
}
