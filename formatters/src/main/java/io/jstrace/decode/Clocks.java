package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.syscalls.Phase;
import io.jstrace.syscalls.xlat.AdjtimexModes;
import io.jstrace.syscalls.xlat.AdjtimexState;
import io.jstrace.syscalls.xlat.AdjtimexStatus;
import java.util.List;

/**
 * The system clock's own structs (kernel/time/time.c): time(2)'s {@code time_t}, the
 * struct timezone of gettimeofday and settimeofday, and the struct timex of adjtimex and
 * clock_adjtime (include/uapi/linux/timex.h), as strace 6.1 prints them (src/time.c,
 * print_timex.c).
 */
final class Clocks {
    private static final int TIMEZONE_SIZE = 8, TIME_T_SIZE = 8;
    /** struct timex on 64-bit: 13 longs, 4 ints with their padding, a timeval, 11 reserved ints. */
    static final int TIMEX_SIZE = 208;

    private Clocks() {}

    /** settimeofday's tz and gettimeofday's tz: {@code {tz_minuteswest=60, tz_dsttime=1}}. */
    static Value timezone(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (exitArgMissing(c, i)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, TIMEZONE_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("tz_minuteswest", Value.dec(TraceeArrays.s32(raw, 0))),
                field("tz_dsttime", Value.dec(TraceeArrays.s32(raw, 4)))), false);
    }

    /** time's tloc: time(2) stores the seconds it returns: {@code [1795378091 /* 2026-...+0000 *\/]}. */
    static Value timeT(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (exitArgMissing(c, i)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, TIME_T_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(dated(TraceeArrays.u64(raw, 0))), false);
    }

    /** time(2)'s return value with its date: {@code 1795378091 (2026-11-22T20:08:11+0000)}. */
    static Value timeReturn(Call c) {
        String date = Times.localTime(c.ret(), 0, 0, 0);
        return date == null ? null : new Value.Noted(Value.dec(c.ret()), List.of(field("", new Value.Text(date))));
    }

    /** adjtimex's and clock_adjtime's return value, the clock state: {@code 5 (TIME_ERROR)}. */
    static Value adjtimexReturn(Call c) {
        String state = AdjtimexState.XLAT.name(c.ret());
        return state == null ? null : new Value.Noted(Value.dec(c.ret()), List.of(field("", new Value.Text(state))));
    }

    /** POST_TIMEX: the whole struct as the kernel left it (strace prints it at exit only). */
    static Value timex(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (exitArgMissing(c, i)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, TIMEX_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return timexStruct(raw);
    }

    /** include/uapi/linux/timex.h, struct timex with its x86_64/aarch64 offsets. */
    static Value timexStruct(byte[] raw) {
        return new Value.Struct(List.of(
                field("modes", Numbers.flags(AdjtimexModes.XLAT, TraceeArrays.s32(raw, 0) & 0xffff_ffffL, "ADJ_???")),
                field("offset", longAt(raw, 8)),
                field("freq", longAt(raw, 16)),
                field("maxerror", longAt(raw, 24)),
                field("esterror", longAt(raw, 32)),
                field("status", Numbers.flags(AdjtimexStatus.XLAT, TraceeArrays.s32(raw, 40) & 0xffff_ffffL, "STA_???")),
                field("constant", longAt(raw, 48)),
                field("precision", longAt(raw, 56)),
                field("tolerance", longAt(raw, 64)),
                field("time", Times.timevalStruct(raw, 72)),
                field("tick", longAt(raw, 88)),
                field("ppsfreq", longAt(raw, 96)),
                field("jitter", longAt(raw, 104)),
                field("shift", Value.dec(TraceeArrays.s32(raw, 112))),
                field("stabil", longAt(raw, 120)),
                field("jitcnt", longAt(raw, 128)),
                field("calcnt", longAt(raw, 136)),
                field("errcnt", longAt(raw, 144)),
                field("stbcnt", longAt(raw, 152)),
                field("tai", Value.dec(TraceeArrays.s32(raw, 160)))), false);
    }

    private static Value longAt(byte[] raw, int off) {
        return Value.dec(TraceeArrays.u64(raw, off));
    }

    private static Value dated(long sec) {
        String date = Times.localTime(sec, 0, 0, 0);
        return date == null ? Value.dec(sec) : new Value.Commented(Value.dec(sec), date);
    }

    /** A kernel-filled argument with nothing to show: the call failed or has not returned. */
    private static boolean exitArgMissing(Call c, int i) {
        return c.spec(i).phase() == Phase.EXIT && TraceeArrays.exitFailed(c);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(0, Verbosity.struct(Times::timeval), 1, Clocks::timezone), "gettimeofday");
        r.add(SyscallDecoder.custom(1, Clocks::timezone), "settimeofday");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return i == 0 ? timeT(c, i) : SyscallDecoder.super.arg(c, i);
            }

            @Override
            public Value returnValue(Call c) {
                return timeReturn(c);
            }
        }, "time");
        r.add(new SyscallDecoder() {
            @Override
            public Value returnValue(Call c) {
                return adjtimexReturn(c);
            }
        }, "adjtimex", "clock_adjtime");
    }
}
