package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.Phase;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * struct timespec, timeval, itimerspec, itimerval and utimbuf (include/uapi/linux/time.h,
 * time_types.h, utime.h; the same 64-bit layouts on x86_64 and aarch64), as strace 6.1
 * prints them (src/print_timespec.h, print_timeval.c, utime.c):
 * <ul>
 *   <li>{@code tv_sec} signed, {@code tv_nsec}/{@code tv_usec} unsigned (a negative
 *       {@code tv_nsec} prints as 18446744073709551611);</li>
 *   <li>utime, utimes, futimesat and utimensat add the local time as a comment:
 *       {@code {tv_sec=1, tv_usec=2} /* 1970-01-01T00:00:01.000002+0000 *\/}, none when
 *       both parts are 0 or the fraction is out of range;</li>
 *   <li>utimensat prints {@code UTIME_NOW} and {@code UTIME_OMIT} in place of the struct;</li>
 *   <li>nanosleep's and clock_nanosleep's remainder prints only when the sleep was
 *       interrupted (ERESTART*), otherwise its address.</li>
 * </ul>
 */
final class Times {
    /** include/uapi/linux/stat.h. */
    static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    private static final int TIMESPEC_SIZE = 16, TIMEVAL_SIZE = 16;
    /** include/linux/errno.h: ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK. */
    private static final int ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514,
            ERESTART_RESTARTBLOCK = 516;

    private Times() {}

    /** TIMESPEC, POST_TIMESPEC: {@code {tv_sec=0, tv_nsec=500000000}}. */
    static Value timespec(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (!postValid(c, i)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, TIMESPEC_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return timespecStruct(raw, 0);
    }

    /**
     * TIMEVAL and gettimeofday's tv: {@code {tv_sec=1, tv_usec=2}}; for utimes and futimesat the
     * pair {@code [{tv_sec=1, tv_usec=2} /* 1970-...+0000 *\/, {...}]}.
     */
    static Value timeval(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (!postValid(c, i)) return new Addr(addr);
        boolean pair = c.name().equals("utimes") || c.name().equals("futimesat");
        byte[] raw = c.memory().read(addr, pair ? 2 * TIMEVAL_SIZE : TIMEVAL_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        if (!pair) return timevalStruct(raw, 0);
        return new Value.Arr(List.of(datedTimeval(raw, 0), datedTimeval(raw, TIMEVAL_SIZE)), false);
    }

    /** ITIMERSPEC, POST_ITIMERSPEC: {@code {it_interval={tv_sec=0, tv_nsec=0}, it_value={...}}}. */
    static Value itimerspec(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (!postValid(c, i)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 2 * TIMESPEC_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("it_interval", timespecStruct(raw, 0)),
                field("it_value", timespecStruct(raw, TIMESPEC_SIZE))), false);
    }

    /** ITIMERVAL, POST_ITIMERVAL: {@code {it_interval={tv_sec=0, tv_usec=0}, it_value={...}}}. */
    static Value itimerval(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        if (!postValid(c, i)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 2 * TIMEVAL_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("it_interval", timevalStruct(raw, 0)),
                field("it_value", timevalStruct(raw, TIMEVAL_SIZE))), false);
    }

    /** utime's times: {@code {actime=100 /* 1970-01-01T00:01:40+0000 *\/, modtime=...}}. */
    static Value utimbuf(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, 16);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Struct(List.of(field("actime", datedSeconds(TraceeArrays.u64(raw, 0))),
                field("modtime", datedSeconds(TraceeArrays.u64(raw, 8)))), false);
    }

    /** utimensat's pair, {@code [UTIME_NOW, {tv_sec=1, tv_nsec=2} /* ... *\/]}. */
    static Value utimeTimespec(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, 2 * TIMESPEC_SIZE);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(utimeElement(raw, 0), utimeElement(raw, TIMESPEC_SIZE)), false);
    }

    private static Value utimeElement(byte[] raw, int off) {
        long nsec = TraceeArrays.u64(raw, off + 8);
        // print_timespec_t_utime: -X raw prints the timespec, -X verbose the name after it
        if (nsec == UTIME_NOW) return new Value.Decoded(timespecStruct(raw, off), new Value.Text("UTIME_NOW"));
        if (nsec == UTIME_OMIT) return new Value.Decoded(timespecStruct(raw, off), new Value.Text("UTIME_OMIT"));
        return dated(timespecStruct(raw, off), localTime(TraceeArrays.u64(raw, off), nsec, 999_999_999L, 9));
    }

    private static Value datedTimeval(byte[] raw, int off) {
        return dated(timevalStruct(raw, off),
                localTime(TraceeArrays.u64(raw, off), TraceeArrays.u64(raw, off + 8), 999_999L, 6));
    }

    private static Value datedSeconds(long sec) {
        return dated(Value.dec(sec), localTime(sec, 0, 0, 0));
    }

    private static Value dated(Value v, String time) {
        return time == null ? v : new Value.Commented(v, time);
    }

    /** {@code {tv_sec=S, tv_nsec=N}} from 16 bytes at {@code off}. */
    static Value timespecStruct(byte[] raw, int off) {
        return new Value.Struct(List.of(field("tv_sec", Value.dec(TraceeArrays.u64(raw, off))),
                field("tv_nsec", new Num(TraceeArrays.u64(raw, off + 8), Base.UNSIGNED))), false);
    }

    /** {@code {tv_sec=S, tv_usec=U}} from 16 bytes at {@code off}. */
    static Value timevalStruct(byte[] raw, int off) {
        return new Value.Struct(List.of(field("tv_sec", Value.dec(TraceeArrays.u64(raw, off))),
                field("tv_usec", new Num(TraceeArrays.u64(raw, off + 8), Base.UNSIGNED))), false);
    }

    /**
     * Whether memory behind argument {@code i} holds something to print: always for entry
     * arguments; for kernel-filled ones only after success, except that the nanosleep
     * remainder is valid exactly when the sleep was interrupted, and clock_nanosleep's only
     * with no flags (a TIMER_ABSTIME sleep leaves it alone: kernel/time/posix-timers.c).
     */
    private static boolean postValid(Call c, int i) {
        if (c.spec(i).phase() != Phase.EXIT) return true;
        if (c.exit() == null) return false;
        if (c.name().equals("nanosleep")) return isRestart(c.ret());
        if (c.name().equals("clock_nanosleep")) return c.arg(1) == 0 && isRestart(c.ret());
        return !c.exit().failed();
    }

    private static boolean isRestart(long ret) {
        return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND
                || ret == -ERESTART_RESTARTBLOCK;
    }

    /**
     * strace's sprinttime_ex (src/util.c): {@code %FT%T[.fraction]%z} in local time (no
     * fraction when it is 0: {@code 1970-01-01T00:00:05+0000}), or
     * {@code null} when both parts are 0, the fraction exceeds {@code maxPart}, or the
     * time is out of range.
     */
    static String localTime(long sec, long part, long maxPart, int partWidth) {
        if ((sec == 0 && part == 0) || Long.compareUnsigned(part, maxPart) > 0) return null;
        ZonedDateTime t;
        try {
            t = Instant.ofEpochSecond(sec).atZone(ZoneId.systemDefault());
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        StringBuilder b = new StringBuilder(40);
        b.append(t.getYear()).append('-');
        two(t.getMonthValue(), b).append('-');
        two(t.getDayOfMonth(), b).append('T');
        two(t.getHour(), b).append(':');
        two(t.getMinute(), b).append(':');
        two(t.getSecond(), b);
        if (partWidth > 0 && part != 0) {
            String p = Long.toString(part);
            b.append('.').append("0".repeat(Math.max(0, partWidth - p.length()))).append(p);
        }
        int off = t.getOffset().getTotalSeconds();
        b.append(off < 0 ? '-' : '+');
        int abs = Math.abs(off) / 60;
        two(abs / 60, b);
        two(abs % 60, b);
        return b.toString();
    }

    private static StringBuilder two(int v, StringBuilder b) {
        if (v < 10) b.append('0');
        return b.append(v);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(2, Verbosity.struct(Times::utimeTimespec)), "utimensat");
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Times::itimerval)), "setitimer");
        r.add(SyscallDecoder.custom(1, Verbosity.struct(Times::utimbuf)), "utime");
    }

    /**
     * A clock_t in clock ticks (USER_HZ, 100 on Linux) as strace's print_clock_t: the seconds
     * in a comment when nonzero, {@code 33 /* 0.33 s *\/}, except under {@code -X raw}.
     */
    static Value clockTicks(long ticks) {
        Value n = new Value.Num(ticks, Value.Base.UNSIGNED);
        if (ticks == 0) return n;
        String s = Long.toUnsignedString(Long.divideUnsigned(ticks, 100)) + "." + String.format("%02d", Long.remainderUnsigned(ticks, 100)) + " s";
        Value commented = new Value.Commented(n, s);
        return new Value.Styled(commented, n, commented);
    }
}
