package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class PollsTest {
    private static final long A = 0x7ffc0000_1000L, T = 0x7ffc0000_2000L, S = 0x7ffc0000_3000L;
    private static final int POLLIN = 1, POLLOUT = 4;

    /** struct pollfd entries: fd, events, revents. */
    private static byte[] pollfds(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length / 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < v.length; k += 3) b.putInt(v[k]).putShort((short) v[k + 1]).putShort((short) v[k + 2]);
        return b.array();
    }

    @Test
    void pollfdsAtEntryNegativeDescriptorHasNoEvents() {
        FakeMemory m = new FakeMemory().put(A, pollfds(7, POLLIN, 0, -1, POLLIN, 0, 8, POLLIN | POLLOUT, 0));
        assertEquals("[{fd=7, events=POLLIN}, {fd=-1}, {fd=8, events=POLLIN|POLLOUT}]",
                render(Polls.pollFds(Calls.of("poll").args(A, 3, 0).mem(m).enter(), 0)));
    }

    @Test
    void pollfdsNullUnreadableAndTruncated() {
        FakeMemory m = new FakeMemory().put(A, pollfds(7, 0, 0));
        assertEquals("NULL", render(Polls.pollFds(Calls.of("poll").args(0, 0, 1).enter(), 0)));
        assertEquals("0x8", render(Polls.pollFds(Calls.of("poll").args(8, 1, 0).enter(), 0)));
        assertEquals("[{fd=7, events=0}, ... /* 0x7ffc00001008 */]",
                render(Polls.pollFds(Calls.of("poll").args(A, 2, 0).mem(m).enter(), 0)));
    }

    @Test
    void pollReturnTimeoutAndRevents() {
        FakeMemory m = new FakeMemory().put(A, pollfds(7, POLLIN, POLLIN, 9, POLLIN, 0, 8, POLLOUT, POLLOUT));
        assertEquals("0 (Timeout)", render(Polls.pollReturn(Calls.of("poll").args(A, 3, 0).mem(m).exit(0))));
        assertEquals("2 ([{fd=7, revents=POLLIN}, {fd=8, revents=POLLOUT}])",
                render(Polls.pollReturn(Calls.of("poll").args(A, 3, 0).mem(m).exit(2))));
    }

    @Test
    void pollReturnCutAtStringLimitWithoutVerbose() {
        FakeMemory m = new FakeMemory().put(A, pollfds(7, POLLIN, POLLIN, 8, POLLOUT, POLLOUT));
        assertEquals("2 ([{fd=7, revents=POLLIN}, ...])",
                render(Polls.pollReturn(Calls.of("poll").args(A, 2, 0).mem(m).limit(1).exit(2))));
        assertEquals("2 ([{fd=7, revents=POLLIN}, {fd=8, revents=POLLOUT}])",
                render(Polls.pollReturn(Calls.of("poll").args(A, 2, 0).mem(m).limit(1).verbose().exit(2))));
    }

    @Test
    void pollReturnUnreadableElementEndsWithItsAddress() {
        FakeMemory m = new FakeMemory().put(A, pollfds(7, POLLIN, POLLIN));
        assertEquals("1 ([{fd=7, revents=POLLIN}, 0x7ffc00001008])",
                render(Polls.pollReturn(Calls.of("poll").args(A, 2, 0).mem(m).exit(1))));
        assertEquals("1 ([0x8])", render(Polls.pollReturn(Calls.of("poll").args(8, 1, 0).exit(1))));
    }

    @Test
    void ppollReturnAddsTheTimeLeft() {
        FakeMemory m = new FakeMemory().put(A, pollfds(7, POLLIN, POLLIN)).putLongs(T, 0, 28);
        assertEquals("1 ([{fd=7, revents=POLLIN}], left {tv_sec=0, tv_nsec=28})",
                render(Polls.pollReturn(Calls.of("ppoll").args(A, 1, T, 0, 8).mem(m).exit(1))));
        assertEquals("0 (Timeout)", render(Polls.pollReturn(Calls.of("ppoll").args(A, 1, T, 0, 8).mem(m).exit(0))));
    }

    @Test
    void fdSetAtEntry() {
        FakeMemory m = new FakeMemory().putLongs(S, 0x180);
        assertEquals("[7 8]", render(Polls.fdSet(Calls.of("select").args(9, S, 0, 0, 0).mem(m).enter(), 1)));
        assertEquals("NULL", render(Polls.fdSet(Calls.of("select").args(9, S, 0, 0, 0).mem(m).enter(), 2)));
    }

    @Test
    void fdSetOnlyCountsNfdsBits() {
        FakeMemory m = new FakeMemory().putLongs(S, 0x181);
        assertEquals("[0 7]", render(Polls.fdSet(Calls.of("select").args(8, S, 0, 0, 0).mem(m).enter(), 1)));
    }

    @Test
    void fdSetWithoutNfdsOrUnreadablePrintsTheAddress() {
        assertEquals("0x7ffc00003000", render(Polls.fdSet(Calls.of("select").args(0, S, 0, 0, 0).enter(), 1)));
        assertEquals("0x8", render(Polls.fdSet(Calls.of("select").args(7, 8, 0, 0, 0).enter(), 1)));
        FakeMemory half = new FakeMemory().putInts(S, 1);
        assertEquals("0x7ffc00003000", render(Polls.fdSet(Calls.of("select").args(7, S, 0, 0, 0).mem(half).enter(), 1)));
    }

    @Test
    void selectReturnSetsAndTimeLeft() {
        FakeMemory m = new FakeMemory().putLongs(S, 0x80).putLongs(S + 8, 0x100).putLongs(T, 0, 4996);
        assertEquals("2 (in [7], out [8], left {tv_sec=0, tv_usec=4996})",
                render(Polls.selectReturn(Calls.of("select").args(9, S, S + 8, 0, T).mem(m).exit(2))));
        assertEquals("1 (in [7])", render(Polls.selectReturn(Calls.of("select").args(9, S, S + 8, 0, 0).mem(m).exit(1))));
        assertEquals("0 (Timeout)", render(Polls.selectReturn(Calls.of("select").args(9, S, 0, 0, T).mem(m).exit(0))));
    }

    @Test
    void pselect6TimeLeftIsATimespec() {
        FakeMemory m = new FakeMemory().putLongs(S, 0x80).putLongs(T, 0, 999998337);
        assertEquals("1 (in [7], left {tv_sec=0, tv_nsec=999998337})",
                render(Polls.selectReturn(Calls.of("pselect6").args(9, S, 0, 0, T, 0).mem(m).exit(1))));
    }

    @Test
    void pselect6SigmaskPair() {
        FakeMemory m = new FakeMemory().putLongs(T, 0, 8).putLongs(S, 0x1).putLongs(S + 0x10, S, 8).putLongs(A, S, 16);
        assertEquals("{sigmask=NULL, sigsetsize=8}",
                render(Polls.pselectSig(Calls.of("pselect6").args(1, 0, 0, 0, 0, T).mem(m).enter(), 5)));
        assertEquals("{sigmask=[HUP], sigsetsize=8}",
                render(Polls.pselectSig(Calls.of("pselect6").args(1, 0, 0, 0, 0, S + 0x10).mem(m).enter(), 5)));
        assertEquals("{sigmask=0x7ffc00003000, sigsetsize=16}",
                render(Polls.pselectSig(Calls.of("pselect6").args(1, 0, 0, 0, 0, A).mem(m).enter(), 5)));
        assertEquals("NULL", render(Polls.pselectSig(Calls.of("pselect6").args(1, 0, 0, 0, 0, 0).enter(), 5)));
        assertEquals("0x8", render(Polls.pselectSig(Calls.of("pselect6").args(1, 0, 0, 0, 0, 8).enter(), 5)));
    }
}
