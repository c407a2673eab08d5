package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class EpollsTest {
    private static final long A = 0x7ffc0000_1000L;
    private static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;

    /** x86_64's packed struct epoll_event: u32 events, u64 data. */
    private static byte[] events(long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length / 2 * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < v.length; k += 2) b.putInt((int) v[k]).putLong(v[k + 1]);
        return b.array();
    }

    @Test
    void ctlEvent() {
        FakeMemory m = new FakeMemory().put(A, events(0x80000001L, 0x1_0000_1234L));
        assertEquals("{events=EPOLLIN|EPOLLET, data={u32=4660, u64=4294971956}}",
                render(Epolls.event(Calls.of("epoll_ctl").args(3, EPOLL_CTL_ADD, 4, A).mem(m).enter(), 3)));
    }

    @Test
    void ctlDeleteNullAndUnreadable() {
        FakeMemory m = new FakeMemory().put(A, events(1, 0));
        assertEquals("0x7ffc00001000", render(Epolls.event(Calls.of("epoll_ctl").args(3, EPOLL_CTL_DEL, 4, A).mem(m).enter(), 3)));
        assertEquals("NULL", render(Epolls.event(Calls.of("epoll_ctl").args(3, EPOLL_CTL_DEL, 4, 0).enter(), 3)));
        assertEquals("0x8", render(Epolls.event(Calls.of("epoll_ctl").args(3, EPOLL_CTL_ADD, 4, 8).enter(), 3)));
        FakeMemory half = new FakeMemory().putInts(A, 1, 2);
        assertEquals("0x7ffc00001000",
                render(Epolls.event(Calls.of("epoll_ctl").args(3, EPOLL_CTL_ADD, 4, A).mem(half).enter(), 3)));
    }

    @Test
    void aarch64AlignsData() {
        FakeMemory m = new FakeMemory().putLongs(A, 4, 8);
        assertEquals("{events=EPOLLOUT, data={u32=8, u64=8}}",
                render(Epolls.event(Calls.of("epoll_ctl").aarch64().args(3, EPOLL_CTL_ADD, 4, A).mem(m).enter(), 3)));
    }

    @Test
    void waitEventsAtExit() {
        FakeMemory m = new FakeMemory().put(A, events(1, 4660, 4, 8));
        assertEquals("[{events=EPOLLIN, data={u32=4660, u64=4660}}, {events=EPOLLOUT, data={u32=8, u64=8}}]",
                render(Epolls.events(Calls.of("epoll_wait").args(3, A, 4, 0).mem(m).exit(2), 1)));
        assertEquals("[]", render(Epolls.events(Calls.of("epoll_wait").args(3, A, 4, 0).mem(m).exit(0), 1)));
    }

    @Test
    void waitFailedOrCutShort() {
        FakeMemory m = new FakeMemory().put(A, events(1, 4660));
        assertEquals("0x7ffc00001000", render(Epolls.events(Calls.of("epoll_pwait").args(3, A, 4, 0, 0, 8).mem(m).exit(-4), 1)));
        assertEquals("[{events=EPOLLIN, data={u32=4660, u64=4660}}, ... /* 0x7ffc0000100c */]",
                render(Epolls.events(Calls.of("epoll_wait").args(3, A, 4, 0).mem(m).exit(2), 1)));
        // cut at -s 1, but strace reads the next element before it abbreviates: unreadable, its address
        assertEquals("[{events=EPOLLIN, data={u32=4660, u64=4660}}, ... /* 0x7ffc0000100c */]",
                render(Epolls.events(Calls.of("epoll_wait").args(3, A, 4, 0).mem(m).limit(1).exit(2), 1)));
    }
}
