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
}
