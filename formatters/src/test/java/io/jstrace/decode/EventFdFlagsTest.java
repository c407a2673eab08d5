package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The flags of the event-descriptor and timer calls: a name's comment only when no bit has a
 * name. Expected texts are strace 6.1's output for the same calls.
 */
class EventFdFlagsTest {
    private static String arg(String syscall, int i, long... args) {
        return render(Formatters.format(Calls.of(syscall).args(args).enter(), i));
    }

    @Test
    void creationFlagsByCall() {
        assertEquals("0x10 /* TFD_??? */", arg("timerfd_create", 1, 0, 0x10));
        assertEquals("TFD_CLOEXEC|TFD_NONBLOCK", arg("timerfd_create", 1, 1, 0x80800));
        assertEquals("EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK", arg("eventfd2", 1, 0, 0x80801));
        assertEquals("0x10 /* EFD_??? */", arg("eventfd2", 1, 0, 0x10));
        assertEquals("EFD_NONBLOCK|0x10", arg("eventfd2", 1, 0, 0x810));
        assertEquals("0x10 /* SFD_??? */", arg("signalfd4", 3, -1, 0, 8, 0x10));
        assertEquals("IN_NONBLOCK|IN_CLOEXEC", arg("inotify_init1", 0, 0x80800));
        assertEquals("0x10 /* IN_??? */", arg("inotify_init1", 0, 0x10));
        assertEquals("0x10 /* EPOLL_??? */", arg("epoll_create1", 0, 0x10));
        assertEquals("0", arg("eventfd2", 1, 0, 0));
    }

    @Test
    void timerFlags() {
        assertEquals("TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET", arg("timerfd_settime", 1, 3, 3, 0, 0));
        assertEquals("0x10 /* TFD_??? */", arg("timerfd_settime", 1, 3, 0x10, 0, 0));
        assertEquals("TIMER_ABSTIME|0xfffffffe", arg("timer_settime", 1, 0, 0xffffffffL, 0, 0));
        assertEquals("0x10 /* TIMER_??? */", arg("clock_nanosleep", 1, 1, 0x10, 0, 0));
    }

    @Test
    void pidfdFlags() {
        assertEquals("PIDFD_NONBLOCK", arg("pidfd_open", 1, 1, 0x800));
        assertEquals("0x10 /* PIDFD_??? */", arg("pidfd_open", 1, 1, 0x10));
        assertEquals("0x800", arg("pidfd_send_signal", 3, 3, 10, 0, 0x800));
    }
}
