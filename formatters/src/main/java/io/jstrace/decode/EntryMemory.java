package io.jstrace.decode;

import io.jstrace.core.TraceeMemory;
import io.jstrace.syscalls.FormatSpecifier;
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

    /** Reads, at syscall-enter-stop, what the exit decoders of {@code call}'s arguments will need. */
    public static EntryMemory capture(Call call) {
        List<Range> ranges = new ArrayList<>();
        var args = call.enter().syscall().args();
        for (int i = 0; i < args.size(); i++) {
            FormatSpecifier spec = args.get(i).spec();
            switch (spec) {
                case POST_SOCKLEN -> keep(call, call.arg(i), 4, ranges);
                case RECV_MSGHDR -> keep(call, call.arg(i), MsgHdrs.MSGHDR_SIZE, ranges);
                case POST_FILE_HANDLE -> keep(call, call.arg(i), 4, ranges);
                case IO_URING_PARAMS -> keep(call, call.arg(i), IoUring.PARAMS_SIZE, ranges);
                case RECV_MMSGHDR -> keepMmsghdrs(call, call.arg(i), call.arg(i + 1), ranges);
                case TIMESPEC -> {
                    if (call.name().equals("recvmmsg")) keep(call, call.arg(i), 16, ranges);
                }
                default -> {}
            }
        }
        return ranges.isEmpty() ? EMPTY : new EntryMemory(List.copyOf(ranges));
    }

    private static void keep(Call call, long addr, int size, List<Range> ranges) {
        if (addr == 0) return;
        byte[] b = call.memory().read(addr, size);
        if (b != null) ranges.add(new Range(addr, b));
    }

    /** Each element up to the first unreadable one, at most IOV_MAX (src/mmsghdr.c). */
    private static void keepMmsghdrs(Call call, long addr, long vlen, List<Range> ranges) {
        long n = Math.min(vlen & 0xffff_ffffL, MsgHdrs.IOV_MAX);
        for (long k = 0; k < n; k++) {
            int before = ranges.size();
            keep(call, addr + k * MsgHdrs.MMSGHDR_SIZE, MsgHdrs.MMSGHDR_SIZE, ranges);
            if (ranges.size() == before) return;
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
