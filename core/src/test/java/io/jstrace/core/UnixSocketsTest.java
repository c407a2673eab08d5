package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnixSocketsTest {
    private static final String HEAD = "         python3-30350   (  30350) [001] ..... 10813.5725";

    @Test
    void aSocketpairAndASocketAreMadeAtTheirExits() {
        List<UnixSockets.Event> e = UnixSockets.parse(
                HEAD + "45: sys_socketpair(family: 1, type: 0x80001, protocol: 0, usockvec: 0x7ffcb096c008)",
                HEAD + "63: sys_socketpair -> 0x0",
                HEAD + "90: sys_socket(family: 1, type: 0x80005, protocol: 0)",
                HEAD + "94: sys_socket -> 0x3");
        assertNull(e.get(0));
        UnixSockets.Made pair = (UnixSockets.Made) e.get(1);
        assertEquals(new UnixSockets.Made(pair.epochNs(), 30350, 30350, "python3", 1, -1, true), pair);
        assertNull(e.get(2));
        UnixSockets.Made socket = (UnixSockets.Made) e.get(3);
        assertEquals(new UnixSockets.Made(socket.epochNs(), 30350, 30350, "python3", 5, 3, false), socket);
        assertEquals(31_000, socket.epochNs() - pair.epochNs(), "the exits 31 µs apart");
    }

    @Test
    void anotherFamilysExitAndAFailedCallMakeNothing() {
        // the exits are every family's: only an entry the AF_UNIX filter let through pairs with one
        List<UnixSockets.Event> e = UnixSockets.parse(
                HEAD + "10: sys_socket -> 0x4",
                HEAD + "20: sys_socket(family: 1, type: 1, protocol: 0)",
                HEAD + "30: sys_socket -> 0xffffffffffffffe8",
                HEAD + "40: sys_socket -> 0x5");
        assertEquals(Arrays.asList(null, null, null, null), e);
    }

    @Test
    void valuesAsEachKernelPrintsThem() {
        // Linux 6.x: a digit below ten, else 0x-prefixed hexadecimal; before: bare hexadecimal
        assertEquals(1, UnixSockets.number("1"));
        assertEquals(0x80002, UnixSockets.number("0x80002"));
        assertEquals(0x80002, UnixSockets.number("80002"));
        assertEquals(-24, UnixSockets.number("0xffffffffffffffe8"));
        assertEquals(-1, UnixSockets.number("x"));
        List<UnixSockets.Event> e = UnixSockets.parse(HEAD + "20: sys_socket(family: 1, type: 80002, protocol: 0)",
                HEAD + "30: sys_socket -> 0xc");
        assertEquals(2, ((UnixSockets.Made) e.get(1)).type());
        assertEquals(12, ((UnixSockets.Made) e.get(1)).fd());
    }
}
