package io.jstrace.decode;

import static io.jstrace.decode.Value.field;
import static io.jstrace.syscalls.xlat.RtcIoctlCmds.*;

import io.jstrace.syscalls.xlat.RtcBackupSwitchModes;
import io.jstrace.syscalls.xlat.RtcFeatureBits;
import io.jstrace.syscalls.xlat.RtcParams;
import io.jstrace.syscalls.xlat.RtcVlFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Real-time clock ioctls (include/uapi/linux/rtc.h, rtc(4)) as strace 6.1 prints them: the
 * clock and alarm times ({@code struct rtc_time}, its last three members only with
 * {@code -v}), the wakeup alarm, the PLL correction, the voltage-low flags, the rates and
 * epoch as numbers, RTC_PARAM_GET's parameter then its value after {@code " => "}.
 */
final class RtcIoctls {
    private static final String[] TIME = {"tm_sec", "tm_min", "tm_hour", "tm_mday", "tm_mon", "tm_year", "tm_wday",
        "tm_yday", "tm_isdst"};
    private static final String[] PLL = {"pll_ctrl", "pll_value", "pll_max", "pll_min", "pll_posmult", "pll_negmult"};

    private RtcIoctls() {}

    static IoctlArg of(long r) {
        if (r == RTC_AIE_ON || r == RTC_AIE_OFF || r == RTC_UIE_ON || r == RTC_UIE_OFF || r == RTC_PIE_ON
                || r == RTC_PIE_OFF || r == RTC_WIE_ON || r == RTC_WIE_OFF || r == RTC_VL_CLR) return IoctlArg.NONE;
        if (r == RTC_ALM_READ || r == RTC_RD_TIME) return IoctlArg.out(RtcIoctls::rtcTime);
        if (r == RTC_ALM_SET || r == RTC_SET_TIME) return IoctlArg.in(RtcIoctls::rtcTime);
        if (r == RTC_IRQP_SET || r == RTC_EPOCH_SET) return IoctlArg.in(IoctlArg::unsignedValue);
        if (r == RTC_IRQP_READ || r == RTC_EPOCH_READ) return IoctlArg.out(RtcIoctls::ulong);
        if (r == RTC_WKALM_RD) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 40, RtcIoctls::wakeupAlarm));
        if (r == RTC_WKALM_SET) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 40, RtcIoctls::wakeupAlarm));
        if (r == RTC_PLL_GET) return IoctlArg.out((c, a) -> RawStruct.struct(c, a, 32, RtcIoctls::pll));
        if (r == RTC_PLL_SET) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 32, RtcIoctls::pll));
        if (r == RTC_VL_READ) return IoctlArg.out((c, a) -> {
            RawStruct s = RawStruct.read(c, a, 4);
            if (a == 0 || s == null) return new Value.Unreadable(a);
            return new Value.Arr(List.of(Numbers.flags(RtcVlFlags.XLAT, s.u32(0), "RTC_VL_???")), false);
        });
        if (r == RTC_PARAM_SET) return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 24, s -> param(s, true, true)));
        if (r == RTC_PARAM_GET)
            return IoctlArg.in((c, a) -> RawStruct.struct(c, a, 24, s -> param(s, true, false))).writingBack(RtcIoctls::paramGot);
        return null;
    }

    /** printnum_ulong: {@code [64]}. */
    private static Value ulong(Call c, long addr) {
        RawStruct s = addr == 0 ? null : RawStruct.read(c, addr, 8);
        return s == null ? new Value.Unreadable(addr) : new Value.Arr(List.of(s.unsigned64(0)), false);
    }

    private static Value rtcTime(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct s = RawStruct.read(c, addr, 36);
        return s == null ? new Value.Unreadable(addr) : time(s, 0);
    }

    /** {@code struct rtc_time} at {@code off}: nine ints, the last three only with -v. */
    private static Value time(RawStruct s, int off) {
        int shown = s.c().options().verbose() ? TIME.length : 6;
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < shown; k++) f.add(field(TIME[k], s.signed32(off + 4 * k)));
        return new Value.Struct(f, shown < TIME.length);
    }

    /** {@code struct rtc_wkalrm}: enabled and pending (bytes), the time at 4. */
    private static List<Value.Field> wakeupAlarm(RawStruct s) {
        return List.of(field("enabled", new Value.Num(s.u8(0), Value.Base.UNSIGNED)),
                field("pending", new Value.Num(s.u8(1), Value.Base.UNSIGNED)),
                field("time", time(s, 4)));
    }

    /** {@code struct rtc_pll_info}: six ints and the long pll_clock. */
    private static List<Value.Field> pll(RawStruct s) {
        List<Value.Field> f = new ArrayList<>();
        for (int k = 0; k < PLL.length; k++) f.add(field(PLL[k], s.signed32(4 * k)));
        f.add(field("pll_clock", Value.dec(s.u64(24))));
        return f;
    }

    /**
     * {@code struct rtc_param}: the parameter, its value as the parameter says (the features
     * as {@code 1<<RTC_FEATURE_*} bits), the index, and __pad when set.
     */
    private static List<Value.Field> param(RawStruct s, boolean request, boolean withValue) {
        List<Value.Field> f = new ArrayList<>();
        long param = s.u64(0);
        if (request) f.add(field("param", Numbers.named(RtcParams.XLAT, param, "RTC_PARAM_???")));
        if (withValue) f.add(value(s, param));
        if (request) f.add(field("index", s.unsigned32(16)));
        if (s.u32(20) != 0) f.add(field("__pad", s.hex32(20)));
        return f;
    }

    private static Value.Field value(RawStruct s, long param) {
        if (param == RtcParams.RTC_PARAM_FEATURES) return field("uvalue", Numbers.bitNumbers(RtcFeatureBits.XLAT, s.u64(8), "1<<RTC_FEATURE_???"));
        if (param == RtcParams.RTC_PARAM_CORRECTION) return field("svalue", Value.dec(s.u64(8)));
        if (param == RtcParams.RTC_PARAM_BACKUP_SWITCH_MODE)
            return field("uvalue", Numbers.named(RtcBackupSwitchModes.XLAT, s.u64(8), "RTC_BSM_???"));
        return field("uvalue", s.hex64(8));
    }

    /**
     * RTC_PARAM_GET at exit, after " => ": the value the kernel filled, or the address of a
     * failed call; nothing when the entry printed the address.
     */
    private static Value paramGot(Call c, long addr) {
        if (addr == 0 || c.memory().read(addr, 24) == null) return null;
        if (!c.succeeded()) return new Value.Addr(addr);
        return RawStruct.struct(c, addr, 24, s -> param(s, false, true));
    }
}
