package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.syscalls.xlat.CounterComponents;
import io.jstrace.syscalls.xlat.CounterEvents;
import io.jstrace.syscalls.xlat.CounterIoctlCmds;
import io.jstrace.syscalls.xlat.CounterScopes;
import java.util.List;

/**
 * Counter character device ioctls (include/uapi/linux/counter.h,
 * Documentation/driver-api/generic-counter.rst) as strace 6.1 prints them
 * (src/counter_ioctl.c): COUNTER_ADD_WATCH_IOCTL's {@code struct counter_watch}, nothing for
 * COUNTER_ENABLE_EVENTS_IOCTL and COUNTER_DISABLE_EVENTS_IOCTL.
 */
final class CounterIoctls {
    private CounterIoctls() {}

    static IoctlArg of(long r) {
        if (r == CounterIoctlCmds.COUNTER_ADD_WATCH_IOCTL) return IoctlArg.in(CounterIoctls::watch);
        if (r == CounterIoctlCmds.COUNTER_ENABLE_EVENTS_IOCTL || r == CounterIoctlCmds.COUNTER_DISABLE_EVENTS_IOCTL)
            return IoctlArg.NONE;
        return null;
    }

    /** {@code struct counter_watch}: a component (type, scope, parent, id), an event, a channel; six bytes. */
    private static Value watch(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 6);
        if (raw == null) return new Value.Unreadable(addr);
        Value component = new Value.Struct(List.of(
                field("type", Numbers.named(CounterComponents.XLAT, raw[0] & 0xff, "COUNTER_COMPONENT_???")),
                field("scope", Numbers.named(CounterScopes.XLAT, raw[1] & 0xff, "COUNTER_SCOPE_???")),
                field("parent", new Value.Num(raw[2] & 0xff, Value.Base.UNSIGNED)),
                field("id", new Value.Num(raw[3] & 0xff, Value.Base.UNSIGNED))), false);
        return new Value.Struct(List.of(field("component", component),
                field("event", Numbers.named(CounterEvents.XLAT, raw[4] & 0xff, "COUNTER_EVENT_???")),
                field("channel", new Value.Num(raw[5] & 0xff, Value.Base.UNSIGNED))), false);
    }
}
