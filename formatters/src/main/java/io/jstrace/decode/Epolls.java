package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.arch.Aarch64;
import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.EpollCtlOps;
import io.jstrace.syscalls.xlat.EpollEvents;
import java.util.List;

/**
 * struct epoll_event (include/uapi/linux/eventpoll.h) as strace 6.1 prints it
 * (src/epoll.c): {@code {events=EPOLLIN|EPOLLET, data={u32=4660, u64=4660}}}. x86_64
 * packs the struct (12 bytes, data at offset 4); other architectures align data to 8.
 */
final class Epolls {
    private Epolls() {}

    private static int size(Call c) {
        return c.arch() instanceof Aarch64 ? 16 : 12;
    }

    /** epoll_ctl's event, printed as an address for EPOLL_CTL_DEL, which ignores it. */
    static Value event(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || (c.arg(1) & 0xffff_ffffL) == EpollCtlOps.EPOLL_CTL_DEL) return new Addr(addr);
        byte[] raw = c.memory().read(addr, size(c));
        return raw == null ? new Value.Unreadable(addr) : decode(c, raw);
    }

    /** EPOLL_EVENTS: the events epoll_wait and epoll_pwait filled in; the count is the return value. */
    static Value events(Call c, int i) {
        if (TraceeArrays.exitFailed(c)) return new Addr(c.arg(i));
        return TraceeArrays.array(c, c.arg(i), c.ret(), size(c), raw -> decode(c, raw));
    }

    private static Value decode(Call c, byte[] raw) {
        long events = TraceeArrays.s32(raw, 0) & 0xffff_ffffL;
        long data = TraceeArrays.u64(raw, size(c) - 8);
        Value dataValue = new Value.Struct(List.of(field("u32", new Num(data & 0xffff_ffffL, Base.UNSIGNED)),
                field("u64", new Num(data, Base.UNSIGNED))), false);
        return new Value.Struct(List.of(field("events", Numbers.flags(EpollEvents.XLAT, events, "EPOLL???")),
                field("data", dataValue)), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(3, Verbosity.struct(Epolls::event)), "epoll_ctl");
    }
}
