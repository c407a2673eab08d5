package io.jstrace.decode;

import io.jstrace.core.TraceeMemory.CString;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Str;
import java.util.Arrays;

/** Paths, C strings and byte buffers in tracee memory. */
final class Strings {
    /** include/uapi/linux/limits.h: PATH_MAX; strace prints paths whole, not cut at -s. */
    static final int PATH_MAX = 4096;

    private Strings() {}

    static Value path(Call c, int i) {
        return cString(c, c.arg(i), PATH_MAX - 1);
    }

    static Value string(Call c, int i) {
        return cString(c, c.arg(i), c.options().stringLimit());
    }

    /** A NUL-terminated string; NULL, or its address when unreadable. */
    static Value cString(Call c, long addr, int limit) {
        if (addr == 0) return new Addr(0);
        CString s = c.memory().readString(addr, limit);
        if (s == null || s.ending() == CString.Ending.UNREADABLE) return new Value.Unreadable(addr);
        return new Str(s.bytes(), s.ending() == CString.Ending.TRUNCATED);
    }

    /**
     * A NUL-terminated string in a field of {@code len} bytes, as strace's printstr_ex with
     * QUOTE_0_TERMINATED (src/util.c): at most -s bytes, complete only if its NUL comes
     * within them (or right after the -s bytes printed), else followed by {@code ...};
     * prctl's PR_SET_NAME of a 15-character name prints {@code "Reference Handl"...}.
     */
    static Value cStringWithin(Call c, long addr, long len) {
        if (addr == 0) return new Addr(0);
        int limit = c.options().stringLimit();
        int n = Long.compareUnsigned(len, limit + 1L) < 0 ? (int) len : limit + 1;
        if (n == 0) return new Str(new byte[0], false);
        CString s = c.memory().readString(addr, n);
        if (s == null) return new Value.Unreadable(addr);
        byte[] b = s.bytes();
        if (s.ending() == CString.Ending.NUL && b.length < n) return new Str(b, false);
        if (b.length < n) return new Value.Unreadable(addr);
        return new Str(java.util.Arrays.copyOf(b, Math.min(n, limit)), true);
    }

    /** write(2)'s buffer: the length is the next argument. */
    static Value writeBuffer(Call c, int i) {
        return buffer(c, c.arg(i), c.arg(i + 1));
    }

    /** read(2)'s buffer: valid at exit, as many bytes as were returned. */
    static Value readBuffer(Call c, int i) {
        if (!c.succeeded()) return new Addr(c.arg(i));
        return buffer(c, c.arg(i), c.ret());
    }

    /**
     * A path the kernel wrote: getcwd's up to its NUL, not cut at -s (its return counts the NUL);
     * readlink's buffer is a string of {@code ret} bytes, cut at -s like any other.
     */
    static Value postPath(Call c, int i) {
        if (!c.succeeded()) return new Addr(c.arg(i));
        // printpathn: up to its NUL, which the return value counts (a poked buffer ends sooner)
        if (c.name().equals("getcwd")) return cString(c, c.arg(i), (int) Math.min(Math.max(c.ret() - 1, 0), PATH_MAX - 1));
        return buffer(c, c.arg(i), c.ret());
    }

    /** {@code len} (unsigned) bytes at {@code addr}, cut at -s with strace's {@code ...}. */
    static Value buffer(Call c, long addr, long len) {
        return buffer(c, addr, len, c.options().stringLimit());
    }

    private static Value buffer(Call c, long addr, long len, int limit) {
        if (addr == 0) return new Addr(0);
        boolean more = Long.compareUnsigned(len, limit) > 0; // len is a size_t
        int n = more ? limit : (int) len;
        // strace fetches one byte past the limit, and prints the address when it cannot
        // (src/util.c printstr_ex: umoven of max_strlen + 1)
        byte[] b = new byte[more ? limit + 1 : n];
        int got = c.memory().read(addr, b, 0, b.length);
        if (got < b.length) return new Value.Unreadable(addr);
        return new Str(more ? Arrays.copyOf(b, n) : b, more);
    }

    /** strace prints getrandom's bytes in hex whatever -x says (they are random). */
    static Value hexBuffer(Value v) {
        if (!(v instanceof Str s)) return v;
        return new Value.Text(hex(s.bytes()) + (s.truncated() ? "..." : ""));
    }

    /** {@code b} as a quoted string of {@code \xNN} escapes: {@code "\x7f\x00"}. */
    static String hex(byte[] b) {
        StringBuilder out = new StringBuilder(b.length * 4 + 2).append('"');
        for (byte x : b) out.append("\\x").append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        return out.append('"').toString();
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            /** The random bytes print in hex, all escaped. */
            @Override
            public Value arg(Call c, int i) {
                return i == 0 ? hexBuffer(readBuffer(c, 0)) : SyscallDecoder.super.arg(c, i);
            }
        }, "getrandom");
    }
}
