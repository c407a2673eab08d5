package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.decode.DecodeOptions.Dumps;
import io.jstrace.decode.DecodeOptions.PerSyscall;
import io.jstrace.render.SyscallLine;
import org.junit.jupiter.api.Test;

/** -e read= and -e write=: strace's dumpstr and dumpiov_upto layout. */
class DataDumpTest {
    private static DecodeOptions dumping(int readFd, int writeFd) {
        return new DecodeOptions(32, false, false, java.util.Set.of(), XlatStyle.ABBREV, PerSyscall.defaults(),
                new Dumps(fd -> fd == readFd, fd -> fd == writeFd));
    }

    private static String dump(Call c) {
        StringBuilder b = new StringBuilder();
        SyscallLine.dumps(DataDump.of(c), b);
        return b.toString();
    }

    @Test
    void shortLineIsPadded() {
        StringBuilder b = new StringBuilder();
        SyscallLine.dumps(java.util.List.of(new DecodedSyscall.Bytes(0, "hello\n".getBytes())), b);
        assertEquals(" | 00000  68 65 6c 6c 6f 0a                                 hello.           |\n", b.toString());
    }

    @Test
    void fullLinesHaveTwoGroupsAndOffsets() {
        byte[] data = new byte[17];
        for (int k = 0; k < data.length; k++) data[k] = (byte) (0x7e + k);
        StringBuilder b = new StringBuilder();
        SyscallLine.dumps(java.util.List.of(new DecodedSyscall.Bytes(0, data)), b);
        assertEquals(" | 00000  7e 7f 80 81 82 83 84 85  86 87 88 89 8a 8b 8c 8d  ~............... |\n"
                + " | 00010  8e                                                .                |\n", b.toString());
    }

    @Test
    void writeDumpsTheWholeCount() {
        FakeMemory m = new FakeMemory().putBytes(0x1000, "abcdef");
        Call c = Calls.of("write").args(1, 0x1000, 6).mem(m).options(dumping(-1, 1)).exit(3);
        assertEquals(" | 00000  61 62 63 64 65 66                                 abcdef           |\n", dump(c));
    }

    @Test
    void readDumpsWhatWasReturned() {
        FakeMemory m = new FakeMemory().putBytes(0x1000, "abcdef");
        Call c = Calls.of("read").args(3, 0x1000, 64).mem(m).options(dumping(3, -1)).exit(2);
        assertEquals(" | 00000  61 62                                             ab               |\n", dump(c));
    }

    @Test
    void otherDescriptorsAndFailuresDumpNothing() {
        FakeMemory m = new FakeMemory().putBytes(0x1000, "abcdef");
        assertEquals("", dump(Calls.of("read").args(4, 0x1000, 6).mem(m).options(dumping(3, 3)).exit(6)));
        assertEquals("", dump(Calls.of("read").args(3, 0x1000, 6).mem(m).options(dumping(3, 3)).exit(-11)));
    }

    @Test
    void readvSpreadsTheCountOverBuffersAndStopsAtAnEmptyOne() {
        FakeMemory m = new FakeMemory().putLongs(0x2000, 0x1000, 4, 0x1010, 50, 0x1100, 8)
                .putBytes(0x1000, "hexy").putBytes(0x1010, "z\n");
        Call c = Calls.of("readv").args(3, 0x2000, 3).mem(m).options(dumping(3, -1)).exit(6);
        assertEquals(" * 4 bytes in buffer 0\n"
                + " | 00000  68 65 78 79                                       hexy             |\n"
                + " * 2 bytes in buffer 1\n"
                + " | 00000  7a 0a                                             z.               |\n", dump(c));
    }

    @Test
    void recvmmsgDumpsEachReturnedMessageUpToItsLength() {
        byte[] mmsg = new byte[64];
        java.nio.ByteBuffer.wrap(mmsg).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(16, 0x2000).putLong(24, 2)
                .putInt(56, 3);
        FakeMemory m = new FakeMemory().put(0x3000, mmsg).putLongs(0x2000, 0x1000, 1, 0x1010, 8)
                .putBytes(0x1000, "a").putBytes(0x1010, "bc");
        Call c = Calls.of("recvmmsg").args(4, 0x3000, 2, 0, 0).mem(m).options(dumping(4, -1)).exit(1);
        assertEquals(" = 2 buffers in vector 0\n"
                + " * 1 bytes in buffer 0\n"
                + " | 00000  61                                                a                |\n"
                + " * 2 bytes in buffer 1\n"
                + " | 00000  62 63                                             bc               |\n", dump(c));
    }

    @Test
    void sendmsgDumpsItsIovecs() {
        FakeMemory m = new FakeMemory().putLongs(0x3000, 0, 0, 0x2000, 1).putLongs(0x2000, 0x1000, 3)
                .putBytes(0x1000, "abc");
        Call c = Calls.of("sendmsg").args(4, 0x3000, 0).mem(m).options(dumping(-1, 4)).exit(3);
        assertEquals(" * 3 bytes in buffer 0\n"
                + " | 00000  61 62 63                                          abc              |\n", dump(c));
    }

    /** src/syscall.c dumpio: a write is dumped even when it failed, a read only when it did not. */
    @Test
    void failedWritesDumpedFailedReadsNot() {
        FakeMemory m = new FakeMemory().putBytes(0x1000, "\0");
        assertEquals(" | 00000  00                                                .                |\n",
                dump(Calls.of("pwrite64").args(1, 0x1000, 1, -3).mem(m).options(dumping(-1, 1)).exit(-22)));
        assertEquals("", dump(Calls.of("read").args(1, 0x1000, 1).mem(m).options(dumping(1, -1)).exit(-22)));
    }

    @Test
    void messageQueuesAreDumped() {
        FakeMemory m = new FakeMemory().putBytes(0x1000, "mq");
        assertEquals(" | 00000  6d 71                                             mq               |\n",
                dump(Calls.of("mq_timedsend").args(0, 0x1000, 2, 42, 0).mem(m).options(dumping(-1, 0)).exit(0)));
        assertEquals(" | 00000  6d 71                                             mq               |\n",
                dump(Calls.of("mq_timedreceive").args(0, 0x1000, 64, 0, 0).mem(m).options(dumping(0, -1)).exit(2)));
    }

    /** Over 1 MiB, every offset of the dump in as many digits as its last needs (dumpstr's offs_chars). */
    @Test
    void offsetsWidenForDumpsOverOneMebibyte() {
        assertEquals(5, SyscallLine.offsetDigits(16));
        assertEquals(5, SyscallLine.offsetDigits(1 << 20));
        assertEquals(6, SyscallLine.offsetDigits((1 << 20) + 1));
        StringBuilder b = new StringBuilder();
        SyscallLine.dumps(java.util.List.of(new DecodedSyscall.Bytes(0, new byte[] {0}, (1 << 20) + 1),
                new DecodedSyscall.Unfetched(2, 77, 0x2000)), b);
        assertEquals(" | 000000  00                                                .                |\n"
                + " | <Cannot fetch 2 bytes from pid 77 @0x2000>\n", b.toString());
    }
}
