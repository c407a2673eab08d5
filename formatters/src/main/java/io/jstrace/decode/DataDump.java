package io.jstrace.decode;

import io.jstrace.decode.DecodedSyscall.Buffer;
import io.jstrace.decode.DecodedSyscall.Bytes;
import io.jstrace.decode.DecodedSyscall.Dump;
import io.jstrace.decode.DecodedSyscall.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * strace's {@code -e read=} and {@code -e write=} (src/syscall.c dumpio, src/util.c dumpstr
 * and dumpiov_upto): after a successful syscall on a descriptor of the set, the data it
 * moved; for vectors, each buffer after its length ({@code  * N bytes in buffer K}), and
 * each message of sendmmsg and recvmmsg after its buffer count
 * ({@code  = N buffers in vector K}). The renderers lay the bytes out.
 */
final class DataDump {
    /**
     * sizeof(struct iovec), the offsets of msg_iov and msg_iovlen in struct msghdr, and
     * sizeof(struct mmsghdr) with the offset of its msg_len (64-bit).
     */
    private static final int IOVEC_SIZE = 16, MSG_IOV = 16, MSG_IOVLEN = 24, MMSGHDR_SIZE = 64, MSG_LEN = 56;
    /** The most bytes read from the tracee at a time. */
    private static final int CHUNK = 1 << 16;

    private DataDump() {}

    /**
     * The dump {@code call} asks for: empty when none. What a call wrote is dumped whether
     * it failed or not, what it read only when it did not (src/syscall.c dumpio).
     */
    static List<Dump> of(Call c) {
        if (c.exit() == null) return List.of();
        int fd = c.intArg(0);
        if (fd < 0) return List.of();
        DecodeOptions.Dumps d = c.options().dumps();
        boolean read = d.read().test(fd) && !c.exit().failed();
        if (!d.write().test(fd) && !read) return List.of();
        List<Dump> out = new ArrayList<>();
        if (d.write().test(fd)) written(c, out);
        if (read) read(c, out);
        return out;
    }

    /** What was written: write's whole count (not what the kernel took), every iovec whole. */
    private static void written(Call c, List<Dump> out) {
        switch (c.name()) {
            case "write", "pwrite64", "sendto", "mq_timedsend" -> bytes(c, c.arg(1), c.arg(2), out);
            case "writev", "pwritev", "pwritev2", "vmsplice" -> iovecs(c, c.arg(1), c.arg(2), -1L, out);
            case "sendmsg" -> msghdr(c, c.arg(1), -1L, out);
            case "sendmmsg" -> mmsghdrs(c, c.arg(1), out);
            default -> { }
        }
    }

    /** What was read: as many bytes as the call returned. */
    private static void read(Call c, List<Dump> out) {
        switch (c.name()) {
            case "read", "pread64", "recvfrom", "mq_timedreceive" -> bytes(c, c.arg(1), c.ret(), out);
            case "readv", "preadv", "preadv2" -> iovecs(c, c.arg(1), c.arg(2), c.ret(), out);
            case "recvmsg" -> msghdr(c, c.arg(1), c.ret(), out);
            case "recvmmsg" -> mmsghdrs(c, c.arg(1), out);
            default -> { }
        }
    }

    private static void msghdr(Call c, long addr, long dataSize, List<Dump> out) {
        byte[] m = c.memory().read(addr, MSG_IOVLEN + 8);
        if (m == null) return;
        iovecs(c, TraceeArrays.u64(m, MSG_IOV), TraceeArrays.u64(m, MSG_IOVLEN), dataSize, out);
    }

    /**
     * sendmmsg and recvmmsg (dumpiov_in_mmsghdr): each of the messages the call returned,
     * {@code  = N buffers in vector K}, then its iovecs up to the kernel's msg_len.
     */
    private static void mmsghdrs(Call c, long addr, List<Dump> out) {
        long count = Math.min(c.ret(), 1024); // UIO_MAXIOV caps vlen
        for (int k = 0; k < count; k++) {
            byte[] m = c.memory().read(addr + (long) k * MMSGHDR_SIZE, MMSGHDR_SIZE);
            if (m == null) return;
            long iovlen = TraceeArrays.u64(m, MSG_IOVLEN);
            out.add(new Message(k, iovlen));
            iovecs(c, TraceeArrays.u64(m, MSG_IOV), iovlen, TraceeArrays.s32(m, MSG_LEN) & 0xffff_ffffL, out);
        }
    }

    /**
     * dumpiov_upto: each buffer's {@code min(iov_len, bytes left)} bytes; the first buffer
     * that gets none ends the dump. {@code dataSize} -1 dumps every buffer whole.
     */
    private static void iovecs(Call c, long addr, long count, long dataSize, List<Dump> out) {
        if (count <= 0 || count > 1024) return; // UIO_MAXIOV
        byte[] v = c.memory().read(addr, (int) count * IOVEC_SIZE);
        if (v == null) return;
        long left = dataSize;
        for (int i = 0; i < count; i++) {
            long base = TraceeArrays.u64(v, i * IOVEC_SIZE), len = TraceeArrays.u64(v, i * IOVEC_SIZE + 8);
            if (left != -1L && Long.compareUnsigned(len, left) > 0) len = left;
            if (len == 0) return;
            if (left != -1L) left -= len;
            out.add(new Buffer(i, len));
            bytes(c, base, len, out);
        }
    }

    /**
     * dumpstr: {@code len} bytes at {@code addr}, read a chunk at a time; unreadable memory
     * ends it, said so unless it is the first chunk.
     */
    private static void bytes(Call c, long addr, long len, List<Dump> out) {
        for (long done = 0; done < len && done >= 0; done += CHUNK) {
            int n = (int) Math.min(CHUNK, len - done);
            byte[] b = c.memory().read(addr + done, n);
            if (b == null) {
                if (done > 0) out.add(new DecodedSyscall.Unfetched(n, c.enter().tid(), addr + done));
                return;
            }
            out.add(new Bytes(done, b, len));
        }
    }
}
