package io.jstrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signal names. The expected names are strace 6.1's output for kill(999999, n) and
 * rt_sigaction(n, ...): realtime signals count from the kernel's SIGRTMIN, 32.
 */
class SignalTest {

    @ParameterizedTest
    @CsvSource({
        "1, SIGHUP", "6, SIGABRT", "7, SIGBUS", "9, SIGKILL", "15, SIGTERM", "16, SIGSTKFLT",
        "17, SIGCHLD", "29, SIGIO", "30, SIGPWR", "31, SIGSYS",
        "32, SIGRTMIN", "33, SIGRT_1", "34, SIGRT_2", "35, SIGRT_3", "40, SIGRT_8", "63, SIGRT_31", "64, SIGRT_32",
    })
    void asStracePrintsThem(int number, String name) {
        assertEquals(name, SignalNames.name(number));
        assertEquals(name, Signal.of(number).name());
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "65", "99"})
    void unnamedPrintAsNumbers(int number) {
        assertNull(SignalNames.name(number));
        assertEquals(Integer.toString(number), Signal.of(number).toString());
    }

    @Test
    void sigterm() {
        assertEquals(15, Signal.named("SIGTERM").number());
        assertEquals(15, Signal.named("TERM").number());
        assertEquals(32, Signal.named("RTMIN").number());
        assertEquals(Signal.SIGTERM, Signal.of(15));
    }

    @Test
    void aliasesAreNotPrimaryNames() {
        assertNull(Signal.named("SIGIOT"));
        assertNull(Signal.named("SIGPOLL"));
        assertNull(Signal.named("SIGCLD"));
    }
}
