package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** fanotify_init and fanotify_mark; expected texts are strace 6.1's output for the same calls. */
class FanotifyTest {
    private static String init(long flags) {
        return render(Formatters.format(Calls.of("fanotify_init").args(flags, 0).enter(), 0));
    }

    private static String mark(int i, long... args) {
        return render(Formatters.format(Calls.of("fanotify_mark").args(args).enter(), i));
    }

    @Test
    void initClassThenFlags() {
        assertEquals("FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK", init(3));
        assertEquals("FAN_CLASS_CONTENT", init(4));
        assertEquals("FAN_CLASS_CONTENT|FAN_REPORT_FID", init(0x204));
        assertEquals("FAN_CLASS_NOTIF|0x80000000 /* FAN_??? */", init(0x80000000L));
        assertEquals("FAN_CLASS_CONTENT|FAN_CLOEXEC|0x80000000", init(0x80000005L));
        assertEquals("0xc /* FAN_CLASS_??? */", init(0xc));
        assertEquals("0xc /* FAN_CLASS_??? */|FAN_CLOEXEC|FAN_NONBLOCK|FAN_UNLIMITED_QUEUE|FAN_UNLIMITED_MARKS|"
                + "FAN_ENABLE_AUDIT|FAN_REPORT_PIDFD|FAN_REPORT_TID|FAN_REPORT_FID|FAN_REPORT_DIR_FID|"
                + "FAN_REPORT_NAME|FAN_REPORT_TARGET_FID|0xffffe000", init(0xffffffffL));
    }

    @Test
    void markFlags() {
        assertEquals("FAN_MARK_ADD|FAN_MARK_ONLYDIR", mark(1, 3, 9, 0, -100, 0));
        assertEquals("FAN_MARK_ADD|0x80000000", mark(1, 3, 0x80000001L, 0, -100, 0));
        assertEquals("0x80000000 /* FAN_MARK_??? */", mark(1, 3, 0x80000000L, 0, -100, 0));
        assertEquals("0", mark(1, 3, 0, 0, -100, 0));
    }

    @Test
    void maskIs64Bits() {
        assertEquals("FAN_CLOSE_WRITE|FAN_OPEN", mark(2, 3, 1, 0x28, -100, 0));
        assertEquals("FAN_CLOSE_WRITE|FAN_OPEN|0x100000000000", mark(2, 3, 1, 0x100000000028L, -100, 0));
        assertEquals("FAN_CREATE|FAN_ONDIR|FAN_EVENT_ON_CHILD", mark(2, 3, 1, 0x48000100L, -100, 0));
        assertEquals("0x800000000000 /* FAN_??? */", mark(2, 3, 1, 0x800000000000L, -100, 0));
        assertEquals("FAN_OPEN_EXEC_PERM|FAN_DIR_MODIFY|FAN_RENAME", mark(2, 3, 1, 0x100c0000L, -100, 0));
    }

    @Test
    void dirfdIsAnInt() {
        assertEquals("FAN_NOFD", mark(3, 3, 0x80, 0, -1, 0));
        assertEquals("FAN_NOFD", mark(3, 3, 0x80, 0, 0xffffffffL, 0));
        assertEquals("AT_FDCWD", mark(3, 3, 1, 0, 0xffffff9cL, 0));
        assertEquals("-5", mark(3, 3, 1, 0, -5, 0));
        assertEquals("5", mark(3, 3, 1, 0, 0xffffffff00000005L, 0));
    }
}
