package io.jstrace.decode;

import io.jstrace.core.TraceeMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracee memory as it was at syscall-enter-stop, kept for the exit decoders that print what
 * the kernel overwrites: the socklen_t of accept, getsockname, recvfrom and getsockopt
 * ({@code [128 => 16]}), msg_namelen of recvmsg's msghdr and of each of recvmmsg's, and
 * recvmmsg's timeout. strace keeps the same values between its two stops (src/net.c
 * decode_sockname, src/msghdr.c fetch_msghdr_namelen, src/mmsghdr.c save_mmsgvec_namelen).
 * Only the captured ranges are readable.
 */
public final class EntryMemory implements TraceeMemory {
    /** The entry was not seen (the tracer attached in the syscall): exit decoders fall back to what they can read. */
    public static final EntryMemory NONE = new EntryMemory(List.of());
    /** The entry was seen and nothing needed keeping, or nothing could be read. */
    private static final EntryMemory EMPTY = new EntryMemory(List.of());

    private record Range(long address, byte[] bytes) {}

    private final List<Range> ranges;

    private EntryMemory(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Reads, at syscall-enter-stop, what the exit decoding of {@code call} will need ({@link SyscallDecoder#capture}). */
    public static EntryMemory capture(Call call) {
        Capture keep = new Capture(call);
        SyscallDecoders.of(call.name()).capture(call, keep);
        return keep.ranges.isEmpty() ? EMPTY : new EntryMemory(List.copyOf(keep.ranges));
    }

    /** The ranges a syscall's decoder keeps at entry. */
    static final class Capture {
        private final Call call;
        private final List<Range> ranges = new ArrayList<>();

        private Capture(Call call) {
            this.call = call;
        }

        /** Keeps {@code size} bytes at {@code addr}; whether they could be read (a NULL pointer keeps nothing). */
        boolean keep(long addr, int size) {
            if (addr == 0) return false;
            byte[] b = call.memory().read(addr, size);
            if (b == null) return false;
            ranges.add(new Range(addr, b));
            return true;
        }
    }

    @Override
    public int read(long address, byte[] dst, int offset, int length) {
        for (Range r : ranges) {
            long from = address - r.address();
            if (from < 0 || from >= r.bytes().length) continue;
            int n = (int) Math.min(length, r.bytes().length - from);
            System.arraycopy(r.bytes(), (int) from, dst, offset, n);
            return n;
        }
        return 0;
    }
}
