package io.jstrace.format;

import static io.jstrace.format.Value.field;

import io.jstrace.format.Value.Base;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.SigevNotify;
import java.util.ArrayList;
import java.util.List;

/**
 * struct sigevent (include/uapi/asm-generic/siginfo.h) as strace 6.1 prints it
 * (src/print_sigevent.c): the value when not zero, the signal (by name for the types that
 * deliver one), the notification type, and the thread fields of SIGEV_THREAD and
 * SIGEV_THREAD_ID.
 */
final class SigEvents {
    /** sigev_value (8), sigev_signo, sigev_notify, then the union: function and attributes, or a tid. */
    private static final int SIZE = 32;

    private SigEvents() {}

    /** SIGEVENT: the struct at the argument. */
    static Value sigevent(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || !c.structs()) return new Value.Addr(addr);
        byte[] raw = c.memory().read(addr, SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return sigevent(raw);
    }

    static Value sigevent(byte[] raw) {
        long value = TraceeArrays.u64(raw, 0);
        int signo = TraceeArrays.s32(raw, 8);
        long notify = TraceeArrays.s32(raw, 12) & 0xffff_ffffL;
        boolean delivers = notify == SigevNotify.SIGEV_SIGNAL || notify == SigevNotify.SIGEV_THREAD
                || notify == SigevNotify.SIGEV_THREAD_ID;
        List<Value.Field> f = new ArrayList<>();
        if (value != 0) {
            f.add(field("sigev_value", new Value.Struct(List.of(field("sival_int", Value.dec((int) value)),
                    field("sival_ptr", new Value.Addr(value))), false)));
        }
        f.add(field("sigev_signo", delivers ? signal(signo) : new Value.Num(signo & 0xffff_ffffL, Base.UNSIGNED)));
        f.add(field("sigev_notify", Numbers.named(SigevNotify.XLAT, notify, "SIGEV_???")));
        if (notify == SigevNotify.SIGEV_THREAD) {
            f.add(field("sigev_notify_function", new Value.Addr(TraceeArrays.u64(raw, 16))));
            f.add(field("sigev_notify_attributes", new Value.Addr(TraceeArrays.u64(raw, 24))));
        } else if (notify == SigevNotify.SIGEV_THREAD_ID) {
            f.add(field("sigev_notify_thread_id", Value.dec(TraceeArrays.s32(raw, 16))));
        }
        return new Value.Struct(f, false);
    }

    private static Value signal(int n) {
        return n == 0 ? Value.dec(0) : new Value.Sym(n, Signal.of(n).name(), Base.SIGNED);
    }
}
