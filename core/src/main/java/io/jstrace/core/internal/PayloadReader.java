package io.jstrace.core.internal;

import io.jstrace.core.IoBlindSpot;
import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import io.jstrace.core.Payload.Direction;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.TraceRecord;
import io.jstrace.core.TraceeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the bytes a transfer syscall moved, at its syscall-exit stop: as many as its
 * return value says (for the mmsg forms, each message's {@code msg_len}), at most
 * {@code limit} per record, in bulk reads of the buffers and iovecs the call was given.
 * Also flags the setups after which syscalls no longer show a process's I/O.
 */
final class PayloadReader {
    /** The syscalls it reads, and those it flags: under a seccomp filter they must stop. */
    static final Set<String> SYSCALLS = Set.of("read", "write", "pread64", "pwrite64", "readv", "writev", "preadv",
            "pwritev", "preadv2", "pwritev2", "send", "recv", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
            "recvmmsg", "sendfile", "splice", "tee", "copy_file_range", "io_uring_setup", "mmap");
    private static final int MSGHDR_SIZE = 56, MMSGHDR_SIZE = 64, IOV_MAX = 1024;
    private static final long MAP_ANONYMOUS = 0x20;

    private final int limit;
    private final FdTracker fds;

    PayloadReader(int limit, FdTracker fds) {
        this.limit = limit;
        this.fds = fds;
    }

    /** The records for one syscall exit; none for a failed or empty transfer or another syscall. */
    List<TraceRecord> exit(ThreadState t, SyscallEnter e, long rv, long now) {
        // io_uring_setup may return descriptor 0 (when 0 was closed): a blind spot all the same
        if (rv < 0 || rv == 0 && !e.name().equals("io_uring_setup") || !SYSCALLS.contains(e.name())) return List.of();
        SyscallArgs a = e.args();
        TraceeMemory m = t.memory;
        int fd = a.cInt(0);
        List<TraceRecord> out = new ArrayList<>(1);
        switch (e.name()) {
            case "read", "pread64", "recv", "recvfrom" -> out.add(flat(t, e, now, fd, Direction.READ, a.pointer(1), rv));
            case "write", "pwrite64", "send", "sendto" -> out.add(flat(t, e, now, fd, Direction.WRITE, a.pointer(1), rv));
            case "readv", "preadv", "preadv2" -> out.add(vector(t, e, now, fd, Direction.READ, a.pointer(1), a.cInt(2), rv, 0));
            case "writev", "pwritev", "pwritev2" ->
                    out.add(vector(t, e, now, fd, Direction.WRITE, a.pointer(1), a.cInt(2), rv, 0));
            case "recvmsg" -> out.add(message(t, e, now, fd, Direction.READ, a.pointer(1), rv, 0));
            case "sendmsg" -> out.add(message(t, e, now, fd, Direction.WRITE, a.pointer(1), rv, 0));
            case "recvmmsg", "sendmmsg" -> messages(t, e, now, fd, a.pointer(1), (int) rv, out);
            // kernel to kernel (fs/splice.c): the bytes never pass through tracee memory
            case "sendfile", "copy_file_range" -> {
                int in = a.cInt(e.name().equals("sendfile") ? 1 : 0), outFd = a.cInt(e.name().equals("sendfile") ? 0 : 2);
                out.add(unseen(t, e, now, in, Direction.READ, rv));
                out.add(unseen(t, e, now, outFd, Direction.WRITE, rv));
            }
            case "splice" -> {
                out.add(unseen(t, e, now, fd, Direction.READ, rv));
                out.add(unseen(t, e, now, a.cInt(2), Direction.WRITE, rv));
            }
            case "tee" -> {
                out.add(unseen(t, e, now, fd, Direction.READ, rv));
                out.add(unseen(t, e, now, a.cInt(1), Direction.WRITE, rv));
            }
            case "io_uring_setup" -> out.add(new IoBlindSpot(t.pid, t.tid, now, e.name(), (int) rv,
                    "io_uring: its submissions move bytes without a syscall per transfer"));
            case "mmap" -> {
                int mfd = a.cInt(4);
                if ((a.raw(3) & MAP_ANONYMOUS) == 0 && mfd >= 0 && fileOf(t, mfd) instanceof OpenFile.Socket) {
                    out.add(new IoBlindSpot(t.pid, t.tid, now, e.name(), mfd,
                            "a socket's memory is mapped (a packet ring, TCP zerocopy): its bytes move without syscalls"));
                }
            }
            default -> {}
        }
        return out;
    }

    private OpenFile fileOf(ThreadState t, int fd) {
        return fd < 0 ? null : fds.table(t.pid, t.tid).get(fd);
    }

    private Payload flat(ThreadState t, SyscallEnter e, long now, int fd, Direction d, long buf, long length) {
        int want = (int) Math.min(length, limit);
        byte[] data = new byte[want];
        int got = t.memory.read(buf, data, 0, want);
        return payload(t, e, now, fd, d, 0, length, got == want ? data : java.util.Arrays.copyOf(data, got));
    }

    /**
     * {@code length} bytes scattered over an iovec array (include/uapi/linux/uio.h: base,
     * len; 16 bytes each), filled in order (lib/iov_iter.c).
     */
    private Payload vector(ThreadState t, SyscallEnter e, long now, int fd, Direction d, long iov, int count,
            long length, int message) {
        int want = (int) Math.min(length, limit);
        byte[] data = new byte[want];
        int n = Math.max(0, Math.min(count, IOV_MAX));
        byte[] vec = n == 0 ? null : t.memory.read(iov, 16 * n);
        int got = 0;
        if (vec != null) {
            ByteBuffer b = ByteBuffer.wrap(vec).order(ByteOrder.nativeOrder());
            for (int k = 0; k < n && got < want; k++) {
                long base = b.getLong(16 * k), len = b.getLong(16 * k + 8);
                int part = (int) Math.min(len, want - got);
                int read = t.memory.read(base, data, got, part);
                got += read;
                if (read < part) break;
            }
        }
        return payload(t, e, now, fd, d, message, length, got == want ? data : java.util.Arrays.copyOf(data, got));
    }

    /** struct msghdr (include/linux/socket.h user_msghdr): msg_iov at 16, msg_iovlen at 24. */
    private Payload message(ThreadState t, SyscallEnter e, long now, int fd, Direction d, long msg, long length,
            int index) {
        byte[] h = t.memory.read(msg, MSGHDR_SIZE);
        if (h == null) return payload(t, e, now, fd, d, index, length, new byte[0]);
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.nativeOrder());
        return vector(t, e, now, fd, d, b.getLong(16), (int) Math.min(b.getLong(24), IOV_MAX), length, index);
    }

    /** struct mmsghdr: a msghdr and the {@code msg_len} the kernel set, for each of the {@code n} messages moved. */
    private void messages(ThreadState t, SyscallEnter e, long now, int fd, long vec, int n, List<TraceRecord> out) {
        Direction d = e.name().equals("recvmmsg") ? Direction.READ : Direction.WRITE;
        byte[] all = t.memory.read(vec, MMSGHDR_SIZE * n);
        if (all == null) return;
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.nativeOrder());
        for (int k = 0; k < n; k++) {
            long len = b.getInt(MMSGHDR_SIZE * k + MSGHDR_SIZE) & 0xffff_ffffL;
            long iov = b.getLong(MMSGHDR_SIZE * k + 16);
            int iovlen = (int) Math.min(b.getLong(MMSGHDR_SIZE * k + 24), IOV_MAX);
            out.add(vector(t, e, now, fd, d, iov, iovlen, len, k));
        }
    }

    private Payload unseen(ThreadState t, SyscallEnter e, long now, int fd, Direction d, long length) {
        return payload(t, e, now, fd, d, 0, length, new byte[0]);
    }

    private Payload payload(ThreadState t, SyscallEnter e, long now, int fd, Direction d, int message, long length,
            byte[] data) {
        return new Payload(t.pid, t.tid, now, e.name(), fd, fileOf(t, fd), d, message, length, data,
                data.length < length);
    }
}
