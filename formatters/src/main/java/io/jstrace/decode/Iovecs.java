package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import java.util.List;

/**
 * struct iovec arrays (include/uapi/linux/uio.h), as strace 6.1 prints them (src/io.c
 * tprint_iov_upto, print_iovec): an array of at most -s elements (all with -v), each
 * {@code {iov_base=..., iov_len=N}}. The count is the next argument.
 */
final class Iovecs {
    /** sizeof(struct iovec) on 64-bit architectures. */
    private static final int IOVEC_SIZE = 16;

    private Iovecs() {}

    /** WRITE_IOVEC: each buffer's contents, cut at -s: {@code [{iov_base="hello", iov_len=5}]}. */
    static Value writeIovec(Call c, int i) {
        return iovecs(c, c.arg(i), c.arg(i + 1), -1L);
    }

    /**
     * READ_IOVEC: at exit, the returned byte count spread over the buffers in order (each
     * shows {@code min(iov_len, bytes left)}: later ones {@code ""}); after a failure,
     * every buffer by address.
     */
    static Value readIovec(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return iovec(c, i);
        return iovecs(c, c.arg(i), c.arg(i + 1), c.ret());
    }

    /** IOVEC: addresses and lengths only: {@code [{iov_base=0x7ffd..., iov_len=5}]}. */
    static Value iovec(Call c, int i) {
        return TraceeArrays.array(c, c.arg(i), c.arg(i + 1), IOVEC_SIZE, raw -> element(
                new Addr(TraceeArrays.u64(raw, 0)), TraceeArrays.u64(raw, 8)));
    }

    /** {@code count} iovecs at {@code addr} by addresses and lengths, as {@link #iovec}. */
    static Value iovecAddresses(Call c, long addr, long count) {
        return TraceeArrays.array(c, addr, count, IOVEC_SIZE, raw -> element(
                new Addr(TraceeArrays.u64(raw, 0)), TraceeArrays.u64(raw, 8)));
    }

    /** @param dataSize bytes to spread over the buffers; -1 for each buffer's whole length */
    static Value iovecs(Call c, long addr, long count, long dataSize) {
        return iovecs(c, addr, count, dataSize, Iovecs::contents);
    }

    /** How one buffer's bytes print: as a string, or (a netlink message's) decoded. */
    @FunctionalInterface
    interface Contents {
        Value decode(Call c, long base, long len);
    }

    /** {@link #iovecs(Call, long, long, long)} with each buffer printed by {@code contents}. */
    static Value iovecs(Call c, long addr, long count, long dataSize, Contents contents) {
        long[] left = {dataSize};
        return TraceeArrays.array(c, addr, count, IOVEC_SIZE, raw -> {
            long base = TraceeArrays.u64(raw, 0), len = TraceeArrays.u64(raw, 8);
            long shown = len;
            if (left[0] != -1L) {
                if (Long.compareUnsigned(shown, left[0]) > 0) shown = left[0];
                left[0] -= shown;
            }
            return element(contents.decode(c, base, shown), len);
        });
    }

    /** strace's printstrn: NULL prints NULL even for 0 bytes. */
    static Value contents(Call c, long base, long len) {
        if (base == 0) return new Value.Addr(0);
        // Strings.buffer takes the length as signed; any length past Long.MAX_VALUE prints alike.
        return Strings.buffer(c, base, len < 0 ? Long.MAX_VALUE : len);
    }

    private static Value element(Value base, long len) {
        return new Value.Struct(List.of(field("iov_base", base), field("iov_len", new Num(len, Base.UNSIGNED))),
                false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            /** fs/read_write.c: pos_h is unused on 64-bit; strace prints the flags after pos_l. */
            @Override
            public Value arg(Call c, int i) {
                return SyscallDecoder.super.arg(c, i >= 4 ? i + 1 : i);
            }

            @Override
            public int visibleArgs(Call c) {
                return SyscallDecoder.super.visibleArgs(c) - 1;
            }
        }, "preadv2", "pwritev2");
    }
}
