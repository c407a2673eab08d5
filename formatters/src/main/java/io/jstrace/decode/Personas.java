package io.jstrace.decode;

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
     * personality's personality: the execution domain (the low byte) by name, then the flags above it:
     * {@code PER_LINUX|ADDR_NO_RANDOMIZE}, {@code 0x1 /* PER_??? *\/|MMAP_PAGE_ZERO}.
     * 0xffffffff, the query, prints in hex.
     */
    static Value personality(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        return v == 0xffff_ffffL ? Value.hex(v) : persona(v);
    }

    /** The domain and, when any is set, the flags: two parts, each in the session's style. */
    static Value persona(long v) {
        long domain = v & PersonalityTypes.PER_MASK;
        long flags = v & ~PersonalityTypes.PER_MASK;
        Value d = Numbers.named(PersonalityTypes.XLAT, domain, "PER_???");
        return Notes.joined(flags == 0 ? List.of(d) : List.of(d, Numbers.flags(PersonalityFlags.XLAT, flags)));
    }

    /** personality's result: the previous persona, in hex, decoded in parentheses in the session's style. */
    static Value personalityReturn(Call c) {
        long r = c.ret() & 0xffff_ffffL;
        return new Value.Noted(Value.hex(r), List.of(Value.field("", persona(r))));
    }

    /** ioprio_set's ioprio: {@code IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)}. */
    static Value ioprio(Call c, int i) {
        return ioprioValue(c.arg(i) & 0xffff_ffffL);
    }

    static Value ioprioValue(long v) {
        return Notes.decoded(Value.dec((int) v), ioprioFn(v)); // an int
    }

    /** An iocb's aio_reqprio under IOCB_FLAG_IOPRIO: in hex under -X raw (src/ioprio.c print_ioprio). */
    static Value ioprioHex(long v) {
        return Notes.decoded(Value.hex(v), ioprioFn(v));
    }

    private static Value ioprioFn(long v) {
        long cls = v >> IOPRIO_CLASS_SHIFT;
        long data = v & ((1L << IOPRIO_CLASS_SHIFT) - 1);
        List<Value> args = new ArrayList<>();
        args.add(Numbers.named(IoprioClass.XLAT, cls, "IOPRIO_CLASS_???"));
        args.add(Value.dec(data));
        return new Value.Fn("IOPRIO_PRIO_VALUE", args, false);
    }

    /** ioprio_get's result: {@code 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))}. */
    static Value ioprioReturn(Call c) {
        long r = c.ret();
        long cls = r >> IOPRIO_CLASS_SHIFT;
        Value fn = new Value.Fn("IOPRIO_PRIO_VALUE", List.of(Numbers.named(IoprioClass.XLAT, cls, "IOPRIO_CLASS_???"),
                Value.dec(r & ((1L << IOPRIO_CLASS_SHIFT) - 1))), false);
        return Notes.notedInStyle(Value.dec(r), fn);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Personas::ioprio), "ioprio_set");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 0 ? personality(c, i) : SyscallDecoder.super.arg(c, i);
            }

            @Override
            public Value returnValue(Call c) {
                return personalityReturn(c);
            }
        }, "personality");
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return ioprioReturn(c);
            }
        }, "ioprio_get");
    }
}
