package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.syscalls.xlat.MqAttrFlags;
import java.util.List;

/**
 * POSIX message queue arguments (include/uapi/linux/mqueue.h, ipc/mqueue.c) as strace 6.1
 * prints them (src/mq.c, src/print_mq_attr.c).
 */
final class Mqueues {
    /** mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, then four reserved longs. */
    private static final int ATTR_SIZE = 64;
    private static final long O_CREAT = 0100;

    private Mqueues() {}

    /** mq_open's mode and attributes are arguments only with O_CREAT (ipc/mqueue.c: do_mq_open). */
    static int openVisibleArgs(Call c, int n) {
        return (c.arg(1) & O_CREAT) != 0 ? n : n - 2;
    }

    /**
     * MQ_ATTR: {@code {mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}};
     * mq_open's mq_flags in hex, as strace prints them (the kernel ignores them there).
     */
    static Value attr(Call c, int i) {
        return attr(c, i, true);
    }

    private static Value attr(Call c, int i, boolean flagsByName) {
        long addr = c.arg(i);
        if (addr == 0 || !c.structs()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, ATTR_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        long flags = TraceeArrays.u64(raw, 0);
        return new Value.Struct(List.of(
                field("mq_flags", flagsByName ? Numbers.flags(MqAttrFlags.XLAT, flags, "O_???") : Value.hex(flags)),
                field("mq_maxmsg", Value.dec(TraceeArrays.u64(raw, 8))),
                field("mq_msgsize", Value.dec(TraceeArrays.u64(raw, 16))),
                field("mq_curmsgs", Value.dec(TraceeArrays.u64(raw, 24)))), false);
    }

    /** mq_getsetattr's omqstat: the attributes the kernel wrote; an address after a failure. */
    static Value postAttr(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return new Value.Addr(c.arg(i));
        return attr(c, i);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Mqueues::postAttr), "mq_getsetattr");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 3 ? attr(c, i, false) : SyscallDecoder.super.arg(c, i);
            }

            @Override
            public int visibleArgs(Call c) {
                return openVisibleArgs(c, SyscallDecoder.super.visibleArgs(c));
            }
        }, "mq_open");
    }
}
