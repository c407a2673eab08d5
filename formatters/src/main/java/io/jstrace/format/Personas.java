package io.jstrace.format;

import io.jstrace.syscalls.xlat.IoprioClass;
import io.jstrace.syscalls.xlat.PersonalityFlags;
import io.jstrace.syscalls.xlat.PersonalityTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * personality(2)'s persona and the I/O priority of ioprio_get/ioprio_set, as strace 6.1
 * prints them (src/personality.c, src/ioprio.c), arguments and results alike.
 */
final class Personas {
    /** include/uapi/linux/ioprio.h: the class above bit 13, the level below. */
    private static final int IOPRIO_CLASS_SHIFT = (int) IoprioClass.IOPRIO_CLASS_SHIFT;

    private Personas() {}

    /**
     * PERSONALITY: the execution domain (the low byte) by name, then the flags above it:
     * {@code PER_LINUX|ADDR_NO_RANDOMIZE}, {@code 0x1 /* PER_??? *\/|MMAP_PAGE_ZERO}.
     * 0xffffffff, the query, prints in hex.
     */
    static Value personality(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        return v == 0xffff_ffffL ? Value.hex(v) : persona(v);
    }

    static Value persona(long v) {
        long domain = v & PersonalityTypes.PER_MASK;
        String name = PersonalityTypes.XLAT.name(domain);
        StringBuilder b = new StringBuilder(name != null ? name : "0x" + Long.toHexString(domain) + " /* PER_??? */");
        var d = PersonalityFlags.XLAT.decompose(v & ~PersonalityTypes.PER_MASK);
        for (String flag : d.names()) b.append('|').append(flag);
        if (d.remainder() != 0) b.append("|0x").append(Long.toHexString(d.remainder()));
        return new Value.Decoded(Value.hex(v), new Value.Text(b.toString()));
    }

    /** personality's result: the previous persona, in hex, decoded in parentheses. */
    static Value personalityReturn(Call c) {
        long r = c.ret() & 0xffff_ffffL;
        return Notes.noted(Value.hex(r), persona(r));
    }

    /** IOPRIO: {@code IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)}. */
    static Value ioprio(Call c, int i) {
        return ioprioValue(c.arg(i) & 0xffff_ffffL);
    }

    static Value ioprioValue(long v) {
        long cls = v >> IOPRIO_CLASS_SHIFT;
        long data = v & ((1L << IOPRIO_CLASS_SHIFT) - 1);
        List<Value> args = new ArrayList<>();
        args.add(Numbers.named(IoprioClass.XLAT, cls, "IOPRIO_CLASS_???"));
        args.add(Value.dec(data));
        return new Value.Decoded(Value.dec(v), new Value.Fn("IOPRIO_PRIO_VALUE", args, false));
    }

    /** ioprio_get's result: {@code 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))}. */
    static Value ioprioReturn(Call c) {
        return Notes.noted(Value.dec(c.ret()), ioprioValue(c.ret()));
    }
}
