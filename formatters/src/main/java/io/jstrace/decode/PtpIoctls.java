package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.PtpIoctlCmds.*;

import io.jstrace.syscalls.xlat.PtpExttsFlags;
import io.jstrace.syscalls.xlat.PtpPeroutFlags;
import io.jstrace.syscalls.xlat.PtpPinFuncs;
import java.util.ArrayList;
import java.util.List;

/**
 * PTP hardware clock ioctls (include/uapi/linux/ptp_clock.h,
 * Documentation/driver-api/ptp.rst) as strace 6.1 prints them (when structs are decoded,
 * {@code -e verbose}): the clock's capabilities and precise cross-timestamps at exit, the
 * external-timestamp, periodic-output and pin-setting requests at entry, and the offset
 * measurements and pin queries in two parts: the sample count or pin index the caller
 * passed, then what the kernel filled. Real times carry their date in a comment.
 */
final class PtpIoctls {
    /** PTP_MAX_SAMPLES. */
    private static final int MAX_SAMPLES = 25;
    /** sizeof(struct ptp_clock_time): sec (s64), nsec, reserved. */
    private static final int TIME = 16;
    private static final int SYS_OFFSET = 832, SYS_OFFSET_EXTENDED = 1216, PIN_DESC = 96;

    private PtpIoctls() {}

    static IoctlArg of(long r) {
        if (r == PTP_CLOCK_GETCAPS || r == PTP_CLOCK_GETCAPS2) return IoctlArg.out((c, a) -> struct(c, a, 80, PtpIoctls::caps));
        if (r == PTP_EXTTS_REQUEST || r == PTP_EXTTS_REQUEST2)
            return IoctlArg.in((c, a) -> struct(c, a, 16, s -> extts(s, r == PTP_EXTTS_REQUEST2)));
        if (r == PTP_PEROUT_REQUEST || r == PTP_PEROUT_REQUEST2)
            return IoctlArg.in((c, a) -> struct(c, a, 56, s -> perout(s, r == PTP_PEROUT_REQUEST2)));
        if (r == PTP_ENABLE_PPS || r == PTP_ENABLE_PPS2) return IoctlArg.in((c, a) -> Value.hex(a));
        if (r == PTP_SYS_OFFSET || r == PTP_SYS_OFFSET2)
            return IoctlArg.split((c, a) -> samples(c, a, SYS_OFFSET, PtpIoctls::sysOffset), SYS_OFFSET);
        if (r == PTP_SYS_OFFSET_EXTENDED || r == PTP_SYS_OFFSET_EXTENDED2)
            return IoctlArg.split((c, a) -> samples(c, a, SYS_OFFSET_EXTENDED, PtpIoctls::sysOffsetExtended),
                    SYS_OFFSET_EXTENDED);
        if (r == PTP_PIN_GETFUNC || r == PTP_PIN_GETFUNC2)
            return IoctlArg.split((c, a) -> pinGet(c, a, r == PTP_PIN_GETFUNC2), PIN_DESC);
        if (r == PTP_PIN_SETFUNC || r == PTP_PIN_SETFUNC2)
            return IoctlArg.in((c, a) -> struct(c, a, PIN_DESC, s -> pinSet(s, r == PTP_PIN_SETFUNC2)));
        if (r == PTP_SYS_OFFSET_PRECISE || r == PTP_SYS_OFFSET_PRECISE2)
            return IoctlArg.out((c, a) -> struct(c, a, 64, PtpIoctls::precise));
        return null;
    }

    private static Value struct(Call c, long addr, int size, RawStruct.Members members) {
        return c.structs() ? RawStruct.struct(c, addr, size, members) : Value.hex(addr); // RVAL_DECODED under -e verbose=none
    }

    /** {@code struct ptp_clock_caps}: eight ints, then rsv[12] when any is set. */
    private static List<Value.Field> caps(RawStruct s) {
        String[] names = {"max_adj", "n_alarm", "n_ext_ts", "n_per_out", "pps", "n_pins", "cross_timestamping",
            "adjust_phase"};
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < names.length; k++) f.add(field(names[k], s.signed32(4 * k)));
        reserved(s, 32, 12, f);
        return f;
    }

    /** {@code struct ptp_extts_request}: index, flags, rsv[2] (checked by the "2" request only). */
    private static List<Value.Field> extts(RawStruct s, boolean checked) {
        List<Value.Field> f = new ArrayList<>(List.of(field("index", s.unsigned32(0)),
                field("flags", Numbers.flags(PtpExttsFlags.XLAT, s.u32(4), "PTP_???"))));
        if (checked) reserved(s, 8, 2, f);
        return f;
    }

    /**
     * {@code struct ptp_perout_request}: start (or phase, with PTP_PEROUT_PHASE), period,
     * index, flags, then on (with PTP_PEROUT_DUTY_CYCLE) or rsv[4] in the same place.
     */
    private static List<Value.Field> perout(RawStruct s, boolean checked) {
        long flags = s.u32(36);
        List<Value.Field> f = new ArrayList<>();
        if ((flags & PtpPeroutFlags.PTP_PEROUT_PHASE) != 0) f.add(field("phase", time(s, 0, false)));
        else f.add(field("start", time(s, 0, true)));
        f.add(field("period", time(s, 16, false)));
        f.add(field("index", s.unsigned32(32)));
        f.add(field("flags", Numbers.flags(PtpPeroutFlags.XLAT, flags, "PTP_PEROUT_???")));
        if ((flags & PtpPeroutFlags.PTP_PEROUT_DUTY_CYCLE) != 0) f.add(field("on", time(s, 40, false)));
        else if (checked) reserved(s, 40, 4, f);
        return f;
    }

    /** {@code struct ptp_sys_offset}'s samples: 2n+1 times, system and device by turns. */
    private static Value sysOffset(RawStruct s) {
        long n = Math.min(s.u32(0), MAX_SAMPLES);
        return s.array(16, 2 * n + 1, TIME, (t, off) -> time(t, off, true));
    }

    /** {@code struct ptp_sys_offset_extended}'s samples: n triples of system, device, system times. */
    private static Value sysOffsetExtended(RawStruct s) {
        long n = Math.min(s.u32(0), MAX_SAMPLES);
        return s.array(16, n, 3 * TIME, (t, off) -> new Value.Arr(
                List.of(time(t, off, true), time(t, off + TIME, true), time(t, off + 2 * TIME, true)), false));
    }

    /**
     * An offset measurement of {@code size} bytes: n_samples and rsv[3] as the caller passed them, then, when the
     * call succeeded, ts as the kernel filled it ({@code ???} when it cannot be read).
     */
    private static Value samples(Call c, long addr, int size, java.util.function.Function<RawStruct, Value> ts) {
        if (!c.structs()) return Value.hex(addr);
        if (addr == 0) return new Value.Addr(0);
        RawStruct in = RawStruct.atEntry(c, addr, size);
        if (in == null) return new Value.Addr(addr);
        List<Value.Field> f = new ArrayList<>(List.of(field("n_samples", in.unsigned32(0))));
        reserved(in, 4, 3, f);
        if (c.succeeded()) {
            RawStruct out = RawStruct.read(c, addr, size);
            f.add(field("ts", out == null ? new Value.Text("???") : ts.apply(out)));
        }
        return new Value.Struct(f, false);
    }

    /**
     * PTP_PIN_GETFUNC's {@code struct ptp_pin_desc}: the index (and, for the "2" request,
     * rsv[5]) the caller passed, then, when the call succeeded, the pin the kernel described.
     */
    private static Value pinGet(Call c, long addr, boolean checked) {
        if (!c.structs()) return Value.hex(addr);
        if (addr == 0) return new Value.Addr(0);
        RawStruct in = RawStruct.atEntry(c, addr, PIN_DESC);
        if (in == null) return new Value.Addr(addr);
        List<Value.Field> f = new ArrayList<>(List.of(field("index", in.unsigned32(64))));
        if (checked) reserved(in, 76, 5, f);
        if (c.succeeded()) {
            RawStruct out = RawStruct.read(c, addr, PIN_DESC);
            if (out == null) f.add(field("", new Value.Text("???")));
            else {
                f.add(field("name", out.cString(0, 64)));
                f.addAll(pinFunction(out));
            }
        }
        return new Value.Struct(f, false);
    }

    /** PTP_PIN_SETFUNC's {@code struct ptp_pin_desc}: index, func, chan, rsv[5] (the "2" request). */
    private static List<Value.Field> pinSet(RawStruct s, boolean checked) {
        List<Value.Field> f = new ArrayList<>(List.of(field("index", s.unsigned32(64))));
        f.addAll(pinFunction(s));
        if (checked) reserved(s, 76, 5, f);
        return f;
    }

    private static List<Value.Field> pinFunction(RawStruct s) {
        return List.of(field("func", Numbers.named(PtpPinFuncs.XLAT, s.u32(68), "PTP_PF_???")),
                field("chan", s.unsigned32(72)));
    }

    /** {@code struct ptp_sys_offset_precise}: the device's time, the system's real and raw monotonic times, rsv[4]. */
    private static List<Value.Field> precise(RawStruct s) {
        List<Value.Field> f = new ArrayList<>(List.of(field("device", time(s, 0, true)),
                field("sys_realtime", time(s, 16, true)), field("sys_monoraw", time(s, 32, false))));
        reserved(s, 48, 4, f);
        return f;
    }

    /**
     * {@code struct ptp_clock_time}: sec, nsec, and reserved when set; a real time ({@code
     * dated}) with its date in a comment, except under -X raw.
     */
    private static Value time(RawStruct s, int off, boolean dated) {
        long sec = s.u64(off), nsec = s.u32(off + 8);
        List<Value.Field> f = new ArrayList<>(List.of(field("sec", Value.dec(sec)), field("nsec", s.unsigned32(off + 8))));
        if (s.u32(off + 12) != 0) f.add(field("reserved", s.hex32(off + 12)));
        Value v = new Value.Struct(f, false);
        String date = dated && s.c().options().xlatStyle() != XlatStyle.RAW
                ? Times.localTime(sec, nsec, 999_999_999L, 9) : null;
        return date == null ? v : new Value.Commented(v, date);
    }

    /** The reserved ints at {@code off}, in hex, when any is set. */
    private static void reserved(RawStruct s, int off, int count, List<Value.Field> f) {
        if (!s.zero(off, 4 * count)) f.add(field("rsv", s.array(off, count, 4, RawStruct::hex32)));
    }
}
