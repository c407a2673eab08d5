package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TcpHoldersTest {
    private static final byte[] LO = {127, 0, 0, 1};
    private static final OpenFile.Address SERVER = new OpenFile.Address(LO, 8000);
    private static final OpenFile.Address CLIENT = new OpenFile.Address(LO, 41000);
    private static final OpenFile.Address UNBOUND = new OpenFile.Address(new byte[4], 0);
    private static final long T = 1_000_000_000_000L;

    private static TcpStates.Change change(long at, int pid, OpenFile.Address local, OpenFile.Address remote, int from, int to) {
        return new TcpStates.Change(at, pid, pid, "p" + pid, local, remote, from, to);
    }

    @Test
    void aConnectsProcessHoldsItsEndFromTheConnectOn() {
        TcpHolders h = new TcpHolders(() -> -1);
        h.accept(change(T, 10, UNBOUND, SERVER, 7, 2)); // connect: SYN_SENT, no port yet
        h.accept(change(T + 5, 10, CLIENT, SERVER, 1, 4)); // its close: FIN_WAIT1
        h.accept(change(T + 6, 20, SERVER, CLIENT, 8, 9)); // the server's close after the FIN: LAST_ACK
        TcpHolders.Holder client = h.holder(CLIENT, SERVER, T + 7);
        assertEquals(10, client.pid());
        assertEquals("p10", client.comm());
        assertTrue(client.connected());
        assertEquals(T, client.connectNs());
        TcpHolders.Holder server = h.holder(SERVER, CLIENT, T + 7);
        assertEquals(20, server.pid());
        assertFalse(server.connected());
        assertEquals(T, h.peerConnected(SERVER, CLIENT), "the accepted end began with its peer's connect");
        h.forget(CLIENT, SERVER);
        assertNull(h.known(CLIENT, SERVER));
        assertEquals(T, h.peerConnected(SERVER, CLIENT), "also once the connecting end is gone");
        assertEquals(-1, h.peerConnected(CLIENT, SERVER));
    }

    @Test
    void anAcceptedEndFreedFirstBeganWithItsPeersConnectWhenOneProcessAlonePends() {
        TcpHolders h = new TcpHolders(() -> -1);
        h.accept(change(T, 10, UNBOUND, SERVER, 7, 2)); // connect: no port yet
        assertEquals(T, h.peerConnected(SERVER, CLIENT));
        h.accept(change(T + 1, 11, UNBOUND, SERVER, 7, 2)); // another process's: which one is not known
        assertEquals(-1, h.peerConnected(SERVER, CLIENT));
    }

    @Test
    void concurrentConnectsToOnePeerAreEachTheirProcesss() {
        TcpHolders h = new TcpHolders(() -> -1);
        OpenFile.Address other = new OpenFile.Address(LO, 41001);
        h.accept(change(T, 10, UNBOUND, SERVER, 7, 2));
        h.accept(change(T + 1, 11, UNBOUND, SERVER, 7, 2));
        h.accept(change(T + 2, 11, other, SERVER, 1, 4));
        h.accept(change(T + 3, 10, CLIENT, SERVER, 1, 4));
        assertEquals(10, h.holder(CLIENT, SERVER, T + 4).pid());
        assertEquals(T, h.holder(CLIENT, SERVER, T + 4).connectNs());
        assertEquals(11, h.holder(other, SERVER, T + 4).pid());
        assertEquals(11, h.known(other, SERVER).pid());
        assertNull(h.known(SERVER, other));
        assertEquals(T + 1, h.holder(other, SERVER, T + 4).connectNs());
    }

    @Test
    void aForgottenConnectionHasNoHolderAndListenersAreNotConnections() {
        TcpHolders h = new TcpHolders(() -> -1);
        h.accept(change(T, 30, SERVER, UNBOUND, 7, 10)); // listen
        h.accept(change(T + 1, 10, CLIENT, SERVER, 1, 4));
        h.forget(CLIENT, SERVER);
        h.ended();
        assertNull(h.holder(CLIENT, SERVER, T + 2));
        assertNull(h.holder(SERVER, UNBOUND, T + 2));
    }

    @Test
    void aConnectionIsItsConnectorsThoughAnotherProcessClosesIt() {
        TcpHolders h = new TcpHolders(() -> -1);
        h.accept(change(T, 10, UNBOUND, SERVER, 7, 2));
        h.accept(change(T + 1, 10, CLIENT, SERVER, 2, 1)); // established in the connect's own call
        h.accept(change(T + 9, 12, CLIENT, SERVER, 1, 4)); // closed by the process it was passed to
        assertEquals(10, h.holder(CLIENT, SERVER, T + 10).pid());
    }

    @Test
    void listenersAreKnownFromTheirListenOn() {
        TcpHolders h = new TcpHolders(() -> -1);
        h.accept(change(T, 30, SERVER, UNBOUND, 7, 10));
        assertTrue(h.listened(8000));
        assertFalse(h.listened(8001));
        h.accept(change(T + 1, 30, SERVER, UNBOUND, 10, 7));
        assertTrue(h.listened(8000), "closed: what it accepted is still known as accepted");
        assertFalse(h.listened(8001));
    }

    @Test
    void aMarkThatComesBackEndsTheWait() throws Exception {
        AtomicLong marks = new AtomicLong();
        TcpHolders h = new TcpHolders(marks::incrementAndGet);
        long now = epochNow();
        CompletableFuture<TcpHolders.Holder> asked = CompletableFuture.supplyAsync(() -> h.holder(CLIENT, SERVER, now));
        for (int i = 0; i < 100 && marks.get() == 0; i++) Thread.sleep(5);
        assertEquals(1, marks.get(), "the question wrote a mark");
        long start = System.nanoTime();
        h.accept(new TraceMark(1));
        assertNull(asked.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < 150_000_000L, "not the whole patience");
    }

    @Test
    void aQuestionWaitsForTheChangesMadeBeforeIt() throws Exception {
        AtomicLong marks = new AtomicLong();
        TcpHolders h = new TcpHolders(marks::incrementAndGet);
        long now = epochNow();
        CompletableFuture<TcpHolders.Holder> asked = CompletableFuture.supplyAsync(() -> h.holder(CLIENT, SERVER, now));
        Thread.sleep(50);
        assertFalse(asked.isDone(), "nothing made after its time has been read: it waits");
        h.accept(change(now - 1, 10, CLIENT, SERVER, 1, 4));
        assertEquals(10, asked.get(5, TimeUnit.SECONDS).pid());
    }

    @Test
    void aQuestionWaitsNoLongerThanAMoment() {
        AtomicLong marks = new AtomicLong();
        TcpHolders h = new TcpHolders(marks::incrementAndGet); // marks that never come back
        long now = epochNow();
        long start = System.nanoTime();
        assertNull(h.holder(CLIENT, SERVER, now));
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 150 && waited < 2000, waited + " ms");
    }

    private static long epochNow() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
