package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** struct user_desc and modify_ldt's result; expected texts are strace 6.1's output for the same calls. */
class UserDescsTest {
    private static final long A = 0x52a500L;
    private static final long ENOSYS = -38;
    /** entry_number 3, base_addr 0x1000, limit 0xfffff, seg_32bit 1, contents 2, limit_in_pages 1, useable 1. */
    private static final byte[] DESC = {3, 0, 0, 0, 0, 0x10, 0, 0, (byte) 0xff, (byte) 0xff, 0x0f, 0, 0x55, 0, 0, 0};
    private static final String WHOLE = "{entry_number=3, base_addr=0x001000, limit=0x0fffff, seg_32bit=1, contents=2, "
            + "read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1, lm=0}";

    @Test
    void modifyLdtPrintsTheStructWhenBytecountIsItsSize() {
        FakeMemory m = new FakeMemory().put(A, DESC);
        assertEquals(WHOLE, render(UserDescs.userDesc(Calls.of("modify_ldt").args(0x11, A, 16).mem(m).enter(), 1)));
        assertEquals("0x52a500", render(UserDescs.userDesc(Calls.of("modify_ldt").args(0, A, 64).mem(m).enter(), 1)));
        assertEquals("NULL", render(UserDescs.userDesc(Calls.of("modify_ldt").args(1, 0, 16).mem(m).enter(), 1)));
    }

    @Test
    void zeroAndMinusOneFields() {
        byte[] d = {-1, -1, -1, -1, 0, 0, 0, 0, 0x10, 0, 0, 0, 0x22, 0, 0, 0};
        FakeMemory m = new FakeMemory().put(A, d);
        assertEquals("{entry_number=-1, base_addr=00000000, limit=0x000010, seg_32bit=0, contents=1, read_exec_only=0, "
                + "limit_in_pages=0, seg_not_present=1, useable=0, lm=0}",
                render(UserDescs.userDesc(Calls.of("set_thread_area").args(A).mem(m).enter(), 0)));
    }

    @Test
    void unreadableOrTruncatedPrintsTheAddress() {
        FakeMemory half = new FakeMemory().put(A, java.util.Arrays.copyOf(DESC, 12));
        assertEquals("0x52a500", render(UserDescs.userDesc(Calls.of("set_thread_area").args(A).mem(half).enter(), 0)));
        assertEquals("0xffffffffffffffff", render(UserDescs.userDesc(Calls.of("set_thread_area").args(-1).enter(), 0)));
    }

    @Test
    void getThreadAreaAfterFailurePrintsTheEntryNumber() {
        FakeMemory m = new FakeMemory().put(A, DESC);
        assertEquals("{entry_number=3, ...}",
                render(UserDescs.postUserDesc(Calls.of("get_thread_area").args(A).mem(m).exit(ENOSYS), 0)));
        assertEquals(WHOLE, render(UserDescs.postUserDesc(Calls.of("get_thread_area").args(A).mem(m).exit(0), 0)));
        assertEquals("0xffffffffffffffff",
                render(UserDescs.postUserDesc(Calls.of("get_thread_area").args(-1).exit(ENOSYS), 0)));
        assertEquals("NULL", render(UserDescs.postUserDesc(Calls.of("get_thread_area").args(0).exit(ENOSYS), 0)));
        // only entry_number readable, the last 4 bytes before unmapped memory
        FakeMemory cut = new FakeMemory().putInts(A, 12);
        assertEquals("{entry_number=12, ...}",
                render(UserDescs.postUserDesc(Calls.of("get_thread_area").args(A).mem(cut).exit(ENOSYS), 0)));
    }

    @Test
    void modifyLdtErrorsArriveAsUnsignedInts() {
        assertEquals("4294967282 EFAULT (Bad address)",
                render(UserDescs.modifyLdtResult(Calls.of("modify_ldt").args(1, 0, 16).exit(0xfffffff2L))));
        assertEquals("4294967258 ENOSYS (Function not implemented)",
                render(UserDescs.modifyLdtResult(Calls.of("modify_ldt").args(99, 0, 0).exit(0xffffffdaL))));
        assertNull(UserDescs.modifyLdtResult(Calls.of("modify_ldt").args(0, A, 64).exit(16)));
        assertNull(UserDescs.modifyLdtResult(Calls.of("modify_ldt").args(0, A, 64).exit(0xffffefffL)));
    }
}
