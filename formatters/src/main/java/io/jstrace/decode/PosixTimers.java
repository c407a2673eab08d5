package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Field;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.xlat.SigevNotify;
import java.util.ArrayList;
import java.util.List;

/**
 * timer_create(2)'s arguments (kernel/time/posix-timers.c): struct sigevent
 * (include/uapi/asm-generic/siginfo.h) and the timer id the kernel stores, as strace 6.1
 * prints them (src/sigevent.c, src/time.c).
 */
final class PosixTimers {
    /**
     * struct sigevent: sigval (8), signo, notify, then a 48-byte union of which only the
     * first 16 bytes carry members (the thread id, or the function and attributes);
     * strace reads those 32 bytes (src/sigevent.h), so a struct ending early still prints.
     */
    static final int SIGEVENT_SIZE = 32;
    private static final int SIGNO = 8, NOTIFY = 12, UNION = 16;

    private PosixTimers() {}

    /**
     * SIGEVENT: {@code {sigev_value={sival_int=1, sival_ptr=0x1}, sigev_signo=SIGALRM,
     * sigev_notify=SIGEV_SIGNAL}}: sigev_value only when it is not 0, the signal by name only
     * for the notifications that send one, then the union's member that the notification uses.
     */
    static Value sigevent(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, SIGEVENT_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return sigeventStruct(raw);
    }

    static Value sigeventStruct(byte[] raw) {
        int signo = TraceeArrays.s32(raw, SIGNO);
        long notify = TraceeArrays.s32(raw, NOTIFY) & 0xffff_ffffL;
        List<Field> f = new ArrayList<>();
        long value = TraceeArrays.u64(raw, 0);
        if (value != 0) {
            f.add(field("sigev_value", new Value.Struct(List.of(field("sival_int", Value.dec((int) value)),
                    field("sival_ptr", new Addr(value))), false)));
        }
        f.add(field("sigev_signo", sendsSignal(notify) ? signal(signo) : new Value.Num(signo & 0xffff_ffffL, Value.Base.UNSIGNED)));
        f.add(field("sigev_notify", Numbers.named(SigevNotify.XLAT, notify, "SIGEV_???")));
        if (notify == SigevNotify.SIGEV_THREAD_ID) {
            f.add(field("sigev_notify_thread_id", Value.dec(TraceeArrays.s32(raw, UNION))));
        } else if (notify == SigevNotify.SIGEV_THREAD) {
            f.add(field("sigev_notify_function", new Addr(TraceeArrays.u64(raw, UNION))));
            f.add(field("sigev_notify_attributes", new Addr(TraceeArrays.u64(raw, UNION + 8))));
        }
        return new Value.Struct(f, false);
    }

    private static boolean sendsSignal(long notify) {
        return notify == SigevNotify.SIGEV_SIGNAL || notify == SigevNotify.SIGEV_THREAD
                || notify == SigevNotify.SIGEV_THREAD_ID;
    }

    private static Value signal(int n) {
        return n == 0 ? Value.dec(0) : new Value.Sym(n, Signal.of(n).name(), Value.Base.SIGNED);
    }

    /** timer_create's created_timer_id: the id the kernel stored, {@code [0]}; the address when the call failed. */
    static Value timerId(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.dec(TraceeArrays.s32(raw, 0))), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, PosixTimers::timerId), "timer_create");
    }
}
