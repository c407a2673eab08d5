package io.jstrace.decode;

import io.jstrace.syscalls.Errno;
import io.jstrace.syscalls.xlat.MpolModeFlags;
import io.jstrace.syscalls.xlat.MpolModes;
import java.util.ArrayList;
import java.util.List;

/**
 * NUMA memory policy arguments (include/uapi/linux/mempolicy.h, mm/mempolicy.c) as strace
 * 6.1 prints them (src/numa.c): modes with their flags, node masks, move_pages' arrays.
 * Under {@code -e verbose=none} the masks and arrays print as addresses.
 */
final class MemPolicies {
    /** MPOL_MODE_FLAGS: the flag bits a mode may carry. */
    private static final long MODE_FLAGS =
            MpolModeFlags.MPOL_F_STATIC_NODES | MpolModeFlags.MPOL_F_RELATIVE_NODES | MpolModeFlags.MPOL_F_NUMA_BALANCING;
    private static final int WORD = 8;

    private MemPolicies() {}

    /**
     * MPOL_MODE: the mode and its flags, {@code MPOL_BIND|MPOL_F_STATIC_NODES}; a mode
     * without a name leaves the whole value to the flags, {@code MPOL_F_STATIC_NODES|0x6}
     * or {@code 0x85 /* MPOL_??? *\/}.
     */
    static Value mode(Call c, int i) {
        long v = c.name().equals("mbind") ? c.arg(i) : c.arg(i) & 0xffff_ffffL; // mbind's is an unsigned long
        String name = MpolModes.XLAT.name(v & ~MODE_FLAGS);
        if (name == null) return Numbers.flags(MpolModeFlags.XLAT, v, "MPOL_???");
        List<String> names = new ArrayList<>();
        names.add(name);
        names.addAll(MpolModeFlags.XLAT.decompose(v & MODE_FLAGS).names());
        return new Value.Flags(v, names, 0);
    }

    /** get_mempolicy's {@code int *mode}, the mode alone: {@code [MPOL_BIND]}. */
    static Value postMode(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || TraceeArrays.exitFailed(c) || !c.structs()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        long mode = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        return new Value.Arr(List.of(Numbers.named(MpolModes.XLAT, mode, "MPOL_???")), false);
    }

    /**
     * NODEMASK: {@code (maxnode + 62) / 64} words (the kernel reads maxnode - 1 bits), each
     * as printf's {@code %#016lx}, so 1 is {@code 0x00000000000001} and 0 is
     * {@code 0000000000000000}; a maxnode that needs no word prints the address.
     */
    static Value nodemask(Call c, int i) {
        long addr = c.arg(i);
        long maxnode = c.arg(c.name().equals("migrate_pages") ? 1 : i + 1);
        long words = Long.divideUnsigned(maxnode + 62, 64);
        if (maxnode != 0 && words == 0) return new Value.Addr(addr);
        if (Long.compareUnsigned(words, Long.divideUnsigned(maxnode, 64)) < 0) return new Value.Addr(addr);
        return TraceeArrays.fetched(c, addr, words, WORD, raw -> word(TraceeArrays.u64(raw, 0)));
    }

    /** get_mempolicy's mask once filled; an address after a failure. */
    static Value postNodemask(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return new Value.Addr(c.arg(i));
        return nodemask(c, i);
    }

    private static Value word(long v) {
        String hex = Long.toHexString(v);
        StringBuilder s = new StringBuilder(v == 0 ? "" : "0x");
        for (int k = s.length() + hex.length(); k < 2 * WORD; k++) s.append('0');
        return new Value.Text(s.append(hex).toString());
    }

    /** move_pages' pages: nr_pages addresses. */
    static Value pages(Call c, int i) {
        return TraceeArrays.fetched(c, c.arg(i), c.arg(1), WORD, raw -> new Value.Addr(TraceeArrays.u64(raw, 0)));
    }

    /** move_pages' nodes: nr_pages node numbers. */
    static Value nodes(Call c, int i) {
        return TraceeArrays.fetched(c, c.arg(i), c.arg(1), 4, raw -> Value.dec(TraceeArrays.s32(raw, 0)));
    }

    /**
     * move_pages' status: each page's node, or the error the kernel left there: {@code -EFAULT};
     * after a failure its address, but NULL and an empty array as ever (strace's print_array).
     */
    static Value status(Call c, int i) {
        if (c.arg(i) != 0 && c.arg(1) != 0 && TraceeArrays.exitFailed(c)) return new Value.Addr(c.arg(i));
        return TraceeArrays.fetched(c, c.arg(i), c.arg(1), 4, raw -> status(TraceeArrays.s32(raw, 0)));
    }

    private static Value status(int s) {
        if (s >= 0) return Value.dec(s);
        Errno e = Errno.of(-s);
        return e.known() ? new Value.Sym(s, "-" + e.name(), Value.Base.SIGNED) : Value.dec(s);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, MemPolicies::postMode, 1, MemPolicies::postNodemask), "get_mempolicy");
        r.add(SyscallDecoder.custom(2, MemPolicies::pages, 3, MemPolicies::nodes, 4, MemPolicies::status),
                "move_pages");
    }
}
