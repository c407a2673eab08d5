package io.jstrace.decode;

import static io.jstrace.syscalls.xlat.LircIoctlCmds.*;

import io.jstrace.syscalls.xlat.LircFeatures;
import io.jstrace.syscalls.xlat.LircModes;
import java.util.List;

/**
 * Infrared remote control ioctls (include/uapi/linux/lirc.h,
 * Documentation/userspace-api/media/rc/lirc-dev-intro.rst) as strace 6.1 prints them: every
 * request passes one __u32, the getters' at exit, the setters' at entry; the features by
 * name, the modes by name, the transmitter mask in hex, the rest as numbers.
 */
final class LircIoctls {
    private static final List<Long> REQUESTS = List.of(LIRC_GET_FEATURES, LIRC_GET_SEND_MODE, LIRC_GET_REC_MODE,
            LIRC_GET_REC_RESOLUTION, LIRC_GET_MIN_TIMEOUT, LIRC_GET_MAX_TIMEOUT, LIRC_GET_LENGTH, LIRC_SET_SEND_MODE,
            LIRC_SET_REC_MODE, LIRC_SET_SEND_CARRIER, LIRC_SET_REC_CARRIER, LIRC_SET_SEND_DUTY_CYCLE,
            LIRC_SET_TRANSMITTER_MASK, LIRC_SET_REC_TIMEOUT, LIRC_SET_REC_TIMEOUT_REPORTS,
            LIRC_SET_MEASURE_CARRIER_MODE, LIRC_SET_REC_CARRIER_RANGE, LIRC_SET_WIDEBAND_RECEIVER,
            LIRC_GET_REC_TIMEOUT);

    private LircIoctls() {}

    static IoctlArg of(long r) {
        if (!REQUESTS.contains(r)) return null;
        IoctlArg.Decode d = (c, a) -> value(c, a, r);
        return IoctlRequests.dir(r) == IoctlRequests.READ ? IoctlArg.out(d) : IoctlArg.in(d);
    }

    private static Value value(Call c, long addr, long r) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct s = RawStruct.read(c, addr, 4);
        if (s == null) return new Value.Unreadable(addr);
        long v = s.u32(0);
        Value shown;
        if (r == LIRC_GET_FEATURES) shown = Numbers.flags(LircFeatures.XLAT, v, "LIRC_CAN_???");
        else if (r == LIRC_GET_SEND_MODE || r == LIRC_GET_REC_MODE || r == LIRC_SET_SEND_MODE || r == LIRC_SET_REC_MODE)
            shown = Numbers.named(LircModes.XLAT, v, "LIRC_MODE_???");
        else if (r == LIRC_SET_TRANSMITTER_MASK) shown = Value.hex(v);
        else shown = new Value.Num(v, Value.Base.UNSIGNED);
        return new Value.Arr(List.of(shown), false);
    }
}
