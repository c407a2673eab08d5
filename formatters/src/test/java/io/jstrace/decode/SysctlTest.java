package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** _sysctl's struct __sysctl_args; texts are strace 6.1's. */
class SysctlTest {
    private static final long A = 0x7ffc0000_1000L;

    private static String args(FakeMemory m) {
        return render(Formatters.format(Calls.of("_sysctl").args(A).mem(m).enter(), 0));
    }

    @Test
    void theSixFieldsThePointersAsAddresses() {
        assertEquals("{name=NULL, nlen=0, oldval=NULL, oldlenp=NULL, newval=NULL, newlen=0}",
                args(new FakeMemory().putLongs(A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals("{name=0x7fc70a3ca000, nlen=1818978921, oldval=0x7877767574737271, oldlenp=0x6665646362617a79,"
                + " newval=0x6e6d6c6b6a696867, newlen=8535856707940741231}",
                args(new FakeMemory().putLongs(A, 0x7fc70a3ca000L, 0x6c6b6a69L, 0x7877767574737271L, 0x6665646362617a79L,
                        0x6e6d6c6b6a696867L, 8535856707940741231L, 0, 0, 0, 0)));
    }

    @Test
    void aStructNotWhollyReadableIsItsAddress() {
        assertEquals("0x7ffc00001000", args(new FakeMemory().putLongs(A, 0, 0, 0, 0, 0, 0)));
        assertEquals("NULL", render(Formatters.format(Calls.of("_sysctl").args(0).enter(), 0)));
    }
}
