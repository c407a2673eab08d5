package io.jstrace.decode;

import io.jstrace.syscalls.xlat.FanClasses;
import io.jstrace.syscalls.xlat.FanEventFlags;
import io.jstrace.syscalls.xlat.FanInitFlags;

/**
 * fanotify_init(2) and fanotify_mark(2) (fs/notify/fanotify/fanotify_user.c,
 * include/uapi/linux/fanotify.h) as strace 6.1 prints them (src/fanotify.c).
 */
final class Fanotify {
    /** FAN_CLASS_NOTIF, FAN_CLASS_CONTENT and FAN_CLASS_PRE_CONTENT share these two bits. */
    private static final long CLASS_BITS = 0xc;
    /** include/uapi/linux/fanotify.h: FAN_NOFD. */
    private static final int FAN_NOFD = -1;

    private Fanotify() {}

    /**
     * fanotify_init's flags: the class by name, then the other flags, two fields joined by
     * {@code |} in every -X style: {@code FAN_CLASS_NOTIF|FAN_CLOEXEC},
     * {@code FAN_CLASS_CONTENT|0x80000000 /* FAN_??? *\/}, raw {@code 0x4|0x80000000}.
     */
    static Value initFlags(Call c, int i) {
        long v = c.arg(i) & 0xffff_ffffL;
        Value cls = Numbers.named(FanClasses.XLAT, v & CLASS_BITS, "FAN_CLASS_???");
        long rest = v & ~CLASS_BITS;
        Value flags = rest == 0 ? null : Numbers.flags(FanInitFlags.XLAT, rest, "FAN_???");
        return new Value.Styled(new Value.Text(joined(cls, flags, XlatStyle.ABBREV)),
                new Value.Text(joined(cls, flags, XlatStyle.RAW)), new Value.Text(joined(cls, flags, XlatStyle.VERBOSE)));
    }

    private static String joined(Value cls, Value flags, XlatStyle style) {
        StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
        return flags == null ? text.render(cls) : text.render(cls) + "|" + text.render(flags);
    }

    /** fanotify_mark's mask: the 64-bit event mask, {@code FAN_CLOSE_WRITE|FAN_OPEN}. */
    static Value mask(Call c, int i) {
        return Numbers.flags(FanEventFlags.XLAT, c.arg(i), "FAN_???");
    }

    /** fanotify_mark's fd: an int; {@code FAN_NOFD} for -1, as the other *at directories otherwise. */
    static Value dirfd(Call c, int i) {
        if (c.intArg(i) == FAN_NOFD) return new Value.Sym(FAN_NOFD, "FAN_NOFD", Value.Base.SIGNED);
        return FileDecoders.dirfd(c, i);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Fanotify::initFlags), "fanotify_init");
        r.add(SyscallDecoder.custom(2, Fanotify::mask, 3, Fanotify::dirfd), "fanotify_mark");
    }
}
