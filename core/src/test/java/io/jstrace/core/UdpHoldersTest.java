package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UdpHoldersTest {
    private static final byte[] LO = {127, 0, 0, 1};
    private static final byte[] LO_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
    private static final OpenFile.Address SERVER = new OpenFile.Address(LO, 53);
    private static final OpenFile.Address OTHER = new OpenFile.Address(LO, 5353);
    private static final long T = 1_000_000_000_000L;

    private static UdpRoutes.Lookup lookup(long at, int pid, int port, OpenFile.Address to) {
        return new UdpRoutes.Lookup(at, pid, pid, "p" + pid, new OpenFile.Address(new byte[4], port), to);
    }

    @Test
    void aPortsPeersEachWithItsSenderFromTheFirstDatagram() {
        UdpHolders h = new UdpHolders(() -> -1);
        h.accept(lookup(T, 10, 40000, SERVER));
        h.accept(lookup(T + 5, 10, 40000, OTHER));
        h.accept(lookup(T + 9, 10, 40000, SERVER));
        List<UdpHolders.Flow> flows = h.flows(40000, T + 10);
        assertEquals(List.of(SERVER, OTHER), flows.stream().map(UdpHolders.Flow::remote).toList());
        assertEquals(new UdpHolders.Sender(10, "p10", T, T + 9), flows.get(0).sender());
        UdpHolders.Sender s = h.sender(new OpenFile.Address(LO, 40000), OTHER, T + 10);
        assertEquals(10, s.pid());
        assertNull(h.sender(new OpenFile.Address(LO, 40000), OTHER, T + 4), "not sent to before then");
        assertNull(h.sender(new OpenFile.Address(LO, 40001), OTHER, T + 10));
    }

    @Test
    void aV6SocketsDatagramToAMappedAddressIsRoutedByIpv4() {
        UdpHolders h = new UdpHolders(() -> -1);
        h.accept(lookup(T, 10, 40000, SERVER)); // what the kernel's fib event shows for it
        UdpHolders.Sender s = h.sender(new OpenFile.Address(new byte[16], 40000), new OpenFile.Address(LO_MAPPED, 53), T + 1);
        assertEquals(10, s.pid());
    }

    @Test
    void aPortTakenAgainAfterItsSocketIsGoneIsTheNewSenders() {
        UdpHolders h = new UdpHolders(() -> -1);
        h.accept(lookup(T, 10, 40000, SERVER));
        h.forget(40000, T + 1);
        h.accept(lookup(T + 2, 20, 40000, SERVER));
        assertEquals(List.of(new UdpHolders.Flow(SERVER, new UdpHolders.Sender(20, "p20", T + 2, T + 2))), h.flows(40000, T + 3));
        h.accept(lookup(T + 4, 30, 40000, SERVER)); // a socket of another process, no destroy seen between
        assertEquals(new UdpHolders.Sender(30, "p30", T + 4, T + 4), h.sender(new OpenFile.Address(LO, 40000), SERVER, T + 5));
        // a datagram of the socket before, read only now, is still its sender's
        assertEquals(20, h.sender(new OpenFile.Address(LO, 40000), SERVER, T + 3).pid());
    }

    /** The same process's next socket on the same port, its lookups read before the first socket's end. */
    @Test
    void aPortTakenAgainByTheSameProcessIsANewFlowFromItsFirstDatagram() {
        UdpHolders h = new UdpHolders(() -> -1);
        h.accept(lookup(T, 10, 40000, SERVER));
        h.accept(lookup(T + 2, 10, 40000, SERVER)); // the first socket's last
        h.accept(lookup(T + 5, 10, 40000, SERVER)); // the second socket's first
        h.accept(lookup(T + 7, 10, 40000, SERVER));
        assertEquals(List.of(new UdpHolders.Flow(SERVER, new UdpHolders.Sender(10, "p10", T, T + 7))), h.flows(40000, T + 3));
        h.forget(40000, T + 3); // the first socket ended at T + 3
        assertEquals(List.of(new UdpHolders.Flow(SERVER, new UdpHolders.Sender(10, "p10", T + 5, T + 7))), h.flows(40000, T + 8));
        h.forget(40000, T + 8);
        assertEquals(List.of(), h.flows(40000, T + 9));
    }

    /** A question about a moment the recording has not reached waits for it: here, for the mark it wrote. */
    @Test
    void aQuestionWaitsUntilItsMomentHasBeenRead() throws Exception {
        long now = HolderTable.now();
        UdpHolders h = new UdpHolders(() -> 1);
        CompletableFuture<UdpHolders.Sender> answer = CompletableFuture.supplyAsync(
                () -> h.sender(new OpenFile.Address(LO, 40000), SERVER, now));
        Thread.sleep(20);
        assertTrue(!answer.isDone(), "waits while the recording is behind");
        h.accept(lookup(now - 1000, 10, 40000, SERVER));
        h.accept(new TraceMark(1));
        assertEquals(10, answer.get(5, TimeUnit.SECONDS).pid());
        h.ended();
        assertNull(h.sender(new OpenFile.Address(LO, 40001), SERVER, HolderTable.now()), "no wait once the source ended");
    }
}
