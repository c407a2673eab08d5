package io.jstrace.decode;

import io.jstrace.core.FixedHostFacts;
import io.jstrace.core.HostFacts;
import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** pidfd_getfd's descriptor number; strace 6.1 names it only under -y, in the pidfd's process. */
class PidfdsTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void plainNumberWithoutDashY() {
        assertEquals("0", render(Formatters.format(Calls.of("pidfd_getfd").args(3, 0, 0).enter(), 1)));
        assertEquals("9999", render(Formatters.format(Calls.of("pidfd_getfd").args(3, 9999, 0).enter(), 1)));
    }

    @Test
    void plainNumberWhenThePidfdIsNotOne() {
        Call c = Calls.of("pidfd_getfd").args(-1, 0, 0).options(new DecodeOptions(32, false, true)).enter();
        assertEquals("0", render(Pidfds.targetFd(c, 1)));
        Call neg = Calls.of("pidfd_getfd").args(3, -5, 0).options(new DecodeOptions(32, false, true)).enter();
        assertEquals("-5", render(Pidfds.targetFd(neg, 1)));
    }

    @Test
    void theTargetIsTheDescriptorOfThePidfdsProcess() {
        var target = new FixedHostFacts().fd(0, "/dev/null");
        var host = new FixedHostFacts().fd(3, "anon_inode:[pidfd]").fdInfo(3, java.util.Map.of("Pid", "4242"))
                .process(4242, target);
        Call c = Calls.of("pidfd_getfd").args(3, 0, 0).options(new DecodeOptions(32, false, true)).host(host).enter();
        assertEquals("3<anon_inode:[pidfd]>", render(Formatters.format(c, 0)));
        assertEquals("0</dev/null>", render(Formatters.format(c, 1)));
    }

    @Test
    void pidOfReadsTheFdinfoPidLine() {
        // descriptor 0 of this JVM is not a pidfd: its fdinfo has no Pid: line
        assertEquals(-1, Pidfds.pidOf(HostFacts.of(SELF, SELF), 0));
        assertEquals(-1, Pidfds.pidOf(HostFacts.of(SELF, SELF), -1));
        assertEquals(-1, Pidfds.pidOf(HostFacts.of(SELF, SELF), 99999));
    }
}
