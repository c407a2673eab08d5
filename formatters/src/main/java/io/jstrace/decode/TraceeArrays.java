package io.jstrace.decode;

import io.jstrace.decode.Value.Addr;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrays of fixed-size elements in tracee memory, printed as strace's print_array
 * (src/util.c) prints them:
 * <ul>
 *   <li>a NULL address prints {@code NULL}, whatever the count;</li>
 *   <li>a count of 0 prints {@code []};</li>
 *   <li>without {@code -v}, at most {@code -s} elements, then {@code ...};</li>
 *   <li>an unreadable first element prints the array's address; a later one ends the
 *       array with {@code ... /* 0x7f46... *\/}, the element after the last printed under
 *       {@code -s} included (strace reads it before it abbreviates).</li>
 * </ul>
 */
final class TraceeArrays {
    /** The most of an extensible struct strace reads past its known part. */
    private static final int PAGE_SIZE = 4096;

    private TraceeArrays() {}

    /** Decodes one element read from the tracee. */
    @FunctionalInterface
    interface Element {
        Value decode(byte[] raw);
    }

    static Value array(Call c, long addr, long count, int elemSize, Element element) {
        if (addr == 0) return new Addr(0);
        if (count == 0) return new Value.Arr(List.of(), false);
        long size = count * elemSize;
        if (Long.compareUnsigned(count, Long.divideUnsigned(-1L, elemSize)) > 0
                || Long.compareUnsigned(addr + size, addr) <= 0) {
            return new Addr(addr);
        }
        int limit = c.options().stringLimit();
        boolean abbreviate = !c.options().verbose() && Long.compareUnsigned(limit, count) < 0;
        List<Value> items = new ArrayList<>();
        for (long k = 0; Long.compareUnsigned(k, count) < 0; k++) {
            long at = addr + k * elemSize;
            byte[] raw = c.memory().read(at, elemSize);
            if (raw == null) {
                if (k == 0) return new Addr(addr);
                items.add(new Value.Commented(new Value.Text("..."), "0x" + Long.toHexString(at)));
                return new Value.Arr(items, false);
            }
            if (abbreviate && k >= limit) return new Value.Arr(items, true); // read first, as strace
            items.add(element.decode(raw));
        }
        return new Value.Arr(items, false);
    }

    /**
     * {@link #array}, but as strace's print_array with tfetch_mem, whose reads print the
     * array's address under {@code -e verbose=none}; NULL and empty arrays print as such.
     */
    static Value fetched(Call c, long addr, long count, int elemSize, Element element) {
        if (!c.structs() && addr != 0 && count != 0) return new Addr(addr);
        return array(c, addr, count, elemSize, element);
    }

    /** A little-endian 64-bit word at {@code off}. */
    static long u64(byte[] b, int off) {
        long v = 0;
        for (int k = 7; k >= 0; k--) v = (v << 8) | (b[off + k] & 0xff);
        return v;
    }

    /** A little-endian 32-bit int at {@code off}. */
    static int s32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    /** Whether an EXIT-phase argument has nothing valid to decode (not returned, or failed). */
    static boolean exitFailed(Call c) {
        return c.exit() == null || c.exit().failed();
    }

    /**
     * strace's print_nonzero_bytes for an extensible struct (openat2's open_how, clone3's
     * clone_args, mount_setattr's mount_attr): the bytes of the caller's {@code size} past the
     * {@code fetch} bytes decoded (at most a page), in hex cut at -s, {@code /* bytes 24..31 *\/
     * "\x80..."}; {@code ???} when unreadable; null when there are none or all are 0.
     */
    static Value nonzeroTail(Call c, long addr, long size, int fetch) {
        if (Long.compareUnsigned(size, fetch) <= 0) return null;
        int total = Long.compareUnsigned(size, PAGE_SIZE) < 0 ? (int) size : PAGE_SIZE;
        if (fetch >= total) return null;
        int len = total - fetch;
        byte[] b = c.memory().read(addr + fetch, len);
        if (b == null) return new Value.Text("???");
        boolean any = false;
        for (byte x : b) any |= x != 0;
        if (!any) return null;
        int shown = Math.min(len, c.options().stringLimit());
        StringBuilder s = new StringBuilder("/* bytes ").append(fetch).append("..").append(total - 1).append(" */ \"");
        for (int k = 0; k < shown; k++) {
            s.append("\\x").append(Character.forDigit((b[k] >> 4) & 15, 16)).append(Character.forDigit(b[k] & 15, 16));
        }
        s.append('"');
        if (shown < len) s.append("...");
        return new Value.Text(s.toString());
    }
}
