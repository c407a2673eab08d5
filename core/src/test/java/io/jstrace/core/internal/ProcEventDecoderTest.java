package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.core.ProcEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Datagrams of the process-events connector spelled out byte by byte (cn_proc.h, connector.h, netlink.h). */
class ProcEventDecoderTest {
    private static final int FORK = 0x1, EXEC = 0x2, UID = 0x4, COMM = 0x200, EXIT = 0x80000000;

    private final ProcEventDecoder decoder = new ProcEventDecoder();

    /** nlmsghdr (16) + cn_msg (20) + proc_event: what, cpu, timestamp_ns, then the event_data ints. */
    private static byte[] rawMessage(int idx, int seq, int ack, int what, int cpu, long ts, int... data) {
        int eventLen = 16 + 24;
        ByteBuffer b = ByteBuffer.allocate(16 + 20 + eventLen).order(ByteOrder.nativeOrder());
        b.putInt(b.capacity()).putShort((short) 3).putShort((short) 0).putInt(0).putInt(0);
        b.putInt(idx).putInt(1).putInt(seq).putInt(ack).putShort((short) eventLen).putShort((short) 0);
        b.putInt(what).putInt(cpu).putLong(ts);
        for (int d : data) b.putInt(d);
        return b.array();
    }

    private static byte[] message(int seq, int what, int cpu, long ts, int... data) {
        return rawMessage(1, seq, 0, what, cpu, ts, data);
    }

    private List<ProcEvent> decode(byte[]... messages) {
        ByteBuffer all = ByteBuffer.allocate(8192);
        for (byte[] m : messages) all.put(m);
        var out = new ArrayDeque<ProcEvent>();
        decoder.decode(all, all.position(), out);
        return List.copyOf(out);
    }

    @Test
    void forkExecExit() {
        assertEquals(List.of(new ProcEvent.Fork(100, 100, 101, 101, 5_000)), decode(message(7, FORK, 0, 5_000, 100, 100, 101, 101)));
        assertEquals(List.of(new ProcEvent.Exec(101, 101, 6_000)), decode(message(8, EXEC, 0, 6_000, 101, 101)));
        assertEquals(List.of(new ProcEvent.Exit(101, 101, 0x100, 17, 7_000)),
                decode(message(9, EXIT, 0, 7_000, 101, 101, 0x100, 17, 100, 100)));
    }

    @Test
    void exitStatusAccessorsReadTheWaitStatus() {
        var exited = new ProcEvent.Exit(1, 1, 3 << 8, 17, 0);
        assertEquals(List.of(true, 3, 0, false), List.of(exited.exited(), exited.status(), exited.signal(), exited.coreDumped()));
        var killed = new ProcEvent.Exit(1, 1, 0x80 | 11, 17, 0);
        assertEquals(List.of(false, 11, true), List.of(killed.exited(), killed.signal(), killed.coreDumped()));
    }

    @Test
    void commStopsAtItsNul() {
        ByteBuffer name = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).put("my name".getBytes());
        name.flip().limit(16);
        int[] d = {5, 5, name.getInt(0), name.getInt(4), name.getInt(8), name.getInt(12)};
        assertEquals(List.of(new ProcEvent.Comm(5, 5, "my name", 1)), decode(message(0, COMM, 0, 1, d)));
    }

    @Test
    void uidCarriesRealAndEffective() {
        assertEquals(List.of(new ProcEvent.Uid(5, 4, 1000, 0, 9)), decode(message(0, UID, 0, 9, 5, 4, 1000, 0)));
    }

    @Test
    void severalMessagesInOneDatagram() {
        assertEquals(List.of(new ProcEvent.Exec(1, 1, 1), new ProcEvent.Exec(2, 2, 2)),
                decode(message(0, EXEC, 0, 1, 1, 1), message(1, EXEC, 0, 2, 2, 2)));
    }

    @Test
    void aGapInOneCpusSequenceIsLost() {
        decode(message(10, EXEC, 1, 1, 1, 1), message(4, EXEC, 0, 2, 2, 2));
        List<ProcEvent> after = decode(message(14, EXEC, 1, 3, 3, 3), message(5, EXEC, 0, 4, 4, 4));
        assertEquals(List.of(new ProcEvent.Lost(1, 3, 3), new ProcEvent.Exec(3, 3, 3), new ProcEvent.Exec(4, 4, 4)), after);
        assertEquals(3, decoder.lost());
    }

    @Test
    void theSequenceWrapsWithoutALoss() {
        decode(message(-1, EXEC, 0, 1, 1, 1));
        assertEquals(List.of(new ProcEvent.Exec(2, 2, 2)), decode(message(0, EXEC, 0, 2, 2, 2)));
        assertEquals(0, decoder.lost());
    }

    @Test
    void aLateNumberIsNotALoss() {
        decode(message(8, EXEC, 0, 1, 1, 1), message(7, EXEC, 0, 2, 2, 2));
        assertEquals(List.of(new ProcEvent.Exec(3, 3, 3)), decode(message(9, EXEC, 0, 3, 3, 3)));
        assertEquals(0, decoder.lost());
    }

    @Test
    void theAckMatchesOurAckPlusOneAndCarriesTheError() {
        decoder.expectAck(41);
        assertEquals(List.of(), decode(rawMessage(1, 99, 41, 0, 0, 1, 0)));
        assertEquals(-1, decoder.ackError(), "someone else's ack");
        assertEquals(List.of(), decode(rawMessage(1, 100, 42, 0, 0, 1, 1)));
        assertEquals(1, decoder.ackError());
    }

    @Test
    void acksTakeNumbersInTheCpuSequence() {
        decode(rawMessage(1, 5, 0, 0, 0, 1, 0), message(6, EXEC, 0, 2, 2, 2));
        assertEquals(0, decoder.lost());
    }

    @Test
    void unknownKindsAndForeignConnectorsAreSkipped() {
        assertEquals(List.of(), decode(message(0, 0x400, 0, 1, 1, 1), rawMessage(2, 0, 0, EXEC, 0, 1, 1, 1)));
    }

    @Test
    void aShortOrBadlyFramedDatagramYieldsWhatWasWhole() {
        byte[] exec = message(0, EXEC, 0, 1, 1, 1);
        var out = new ArrayDeque<ProcEvent>();
        decoder.decode(ByteBuffer.wrap(exec), 30, out);
        assertEquals(List.of(), List.copyOf(out));
        byte[] both = new byte[exec.length * 2];
        System.arraycopy(exec, 0, both, 0, exec.length);
        ByteBuffer.wrap(both).order(ByteOrder.nativeOrder()).putInt(exec.length, 4);
        decoder.decode(ByteBuffer.wrap(both), both.length, out);
        assertEquals(List.of(new ProcEvent.Exec(1, 1, 1)), List.copyOf(out));
    }
}
