package io.jstrace.decode;

import io.jstrace.syscalls.xlat.SwapFlags;

/**
 * swapon(2)'s flags (mm/swapfile.c), as strace 6.1 prints them (src/swapon.c): the flags
 * above SWAP_FLAG_PRIO_MASK by name, then the priority bits as a number,
 * {@code SWAP_FLAG_PREFER|5}; only the number when no flag is set.
 */
final class Swaps {
    private Swaps() {}

    static Value flags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        long prio = v & SwapFlags.SWAP_FLAG_PRIO_MASK;
        long flags = v & ~SwapFlags.SWAP_FLAG_PRIO_MASK;
        if (flags == 0) return new Value.Num(prio, Value.Base.UNSIGNED);
        Value named = Numbers.flags(SwapFlags.XLAT, flags, "SWAP_FLAG_???");
        String text = new StraceText(StraceText.Escape.OCTAL).render(named) + "|" + prio;
        return new Value.Decoded(Value.hex(v), new Value.Text(text));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, Swaps::flags), "swapon");
    }
}
