package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.Payload.Direction;
import io.jstrace.testdata.TestPrograms;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Payloads of real transfers: {@code payload_io} moves known patterns through a pipe, a
 * file, a TCP pair, a UDP pair and a socketpair; for every syscall of the read, write,
 * send and recv families the bytes each record carries are the bytes sent, at their
 * offset in that syscall's stream, per message for sendmmsg and recvmmsg, cut at the
 * limit and marked truncated; sendfile and splice count bytes that never were in the
 * tracee's memory. The {@code blind_io} program's io_uring and mapped socket are flagged.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class PayloadTest {
    private static final int LIMIT = 4096;

    /** pattern(tag, n) of payload_io.c: byte i is tag * 31 + i. */
    private static byte[] pattern(int tag, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (tag * 31 + i);
        return b;
    }

    /** The stream one syscall moved in one direction, as {tag, length} pairs in program order. */
    private static byte[] stream(int... tagLen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < tagLen.length; k += 2) out.writeBytes(pattern(tagLen[k], tagLen[k + 1]));
        return out.toByteArray();
    }

    private static final Map<String, byte[]> STREAMS = new LinkedHashMap<>();

    static {
        STREAMS.put("write", stream(1, 100, 13, 33, 14, 40));
        STREAMS.put("read", stream(1, 100, 3, 64, 13, 33));
        STREAMS.put("writev", stream(2, 300));
        STREAMS.put("readv", stream(2, 300));
        STREAMS.put("pwrite64", stream(3, 64));
        STREAMS.put("pread64", stream(3, 64));
        STREAMS.put("pwritev", stream(4, 80));
        STREAMS.put("preadv", stream(4, 80));
        STREAMS.put("pwritev2", stream(5, 50));
        STREAMS.put("preadv2", stream(5, 50));
        STREAMS.put("sendto", stream(6, 1000, 12, 8192));
        STREAMS.put("recvfrom", stream(6, 1000, 12, 8192));
        STREAMS.put("sendmsg", stream(7, 500));
        STREAMS.put("recvmsg", stream(7, 500));
        STREAMS.put("sendmmsg", stream(9, 10, 10, 20, 11, 30));
        STREAMS.put("recvmmsg", stream(9, 10, 10, 20, 11, 30));
    }

    /** Runs {@code program} in its directory; the payload records of the program itself (after the shell's exec). */
    private static List<TraceRecord> run(String program, TraceOptions options) throws Exception {
        Path binary = TestPrograms.compile(program);
        List<TraceRecord> seen = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        int[] execs = {0};
        String cd = "cd '" + binary.getParent() + "' && exec ./" + program;
        try (TraceSession session = TraceSession.launch(List.of("sh", "-c", cd), options)) {
            session.onError(errors::add);
            session.addListener(new TraceListener() {
                @Override
                public void onExec(Exec exec, Tracee tracee) {
                    execs[0]++;
                }

                @Override
                public void onPayload(Payload p, Tracee tracee) {
                    if (execs[0] >= 2) seen.add(p);
                }

                @Override
                public void onBlindSpot(IoBlindSpot spot, Tracee tracee) {
                    if (execs[0] >= 2) seen.add(spot);
                }
            });
            assertEquals(0, session.start(), program + " reported a failed transfer");
        }
        assertEquals(List.of(), errors);
        return seen;
    }

    @Test
    void everyTransferCarriesTheBytesSent() throws Exception {
        List<TraceRecord> records = run("payload_io", TraceOptions.defaults().withPayloads(LIMIT));
        Map<String, List<Payload>> bySyscall = new LinkedHashMap<>();
        for (TraceRecord r : records) {
            if (r instanceof Payload p) bySyscall.computeIfAbsent(p.syscall(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, byte[]> e : STREAMS.entrySet()) {
            List<Payload> ps = bySyscall.get(e.getKey());
            assertTrue(ps != null && !ps.isEmpty(), "no payload for " + e.getKey());
            byte[] want = e.getValue();
            Direction d = e.getKey().contains("read") || e.getKey().startsWith("recv") ? Direction.READ : Direction.WRITE;
            long at = 0;
            for (Payload p : ps) {
                assertEquals(d, p.direction(), p.syscall());
                assertEquals(Math.min(p.length(), LIMIT), p.data().length, p.syscall() + " data");
                assertEquals(p.length() > LIMIT, p.truncated(), p.syscall() + " truncated");
                assertArrayEquals(java.util.Arrays.copyOfRange(want, (int) at, (int) at + p.data().length), p.data(),
                        p.syscall() + " at " + at);
                at += p.length();
            }
            assertEquals(want.length, at, e.getKey() + ": bytes moved in all");
        }
    }

    @Test
    void mmsgFormsGiveOneRecordPerMessage() throws Exception {
        List<TraceRecord> records = run("payload_io", TraceOptions.defaults().withPayloads(LIMIT));
        Map<String, OpenFile.Socket> sockets = new LinkedHashMap<>();
        for (String s : List.of("sendmmsg", "recvmmsg")) {
            List<Payload> ps = records.stream().filter(r -> r instanceof Payload p && p.syscall().equals(s))
                    .map(r -> (Payload) r).toList();
            assertEquals(3, ps.size(), s);
            for (int k = 0; k < 3; k++) {
                assertEquals(k, ps.get(k).message());
                assertArrayEquals(pattern(9 + k, 10 * (k + 1)), ps.get(k).data(), s + " message " + k);
                OpenFile.Socket sock = assertInstanceOf(OpenFile.Socket.class, ps.get(k).file());
                assertEquals(OpenFile.Socket.SOCK_DGRAM, sock.type());
                sockets.put(s, sock);
            }
        }
        // the sender's sends carry no address: its peer is what its connect gave, the receiver's own address
        assertEquals(sockets.get("recvmmsg").local(), sockets.get("sendmmsg").peer());
        assertEquals(null, sockets.get("recvmmsg").peer());
    }

    @Test
    void recordsSayWhatTheDescriptorIs() throws Exception {
        List<Payload> ps = run("payload_io", TraceOptions.defaults().withPayloads(LIMIT)).stream()
                .filter(r -> r instanceof Payload).map(r -> (Payload) r).toList();
        Payload firstWrite = ps.stream().filter(p -> p.syscall().equals("write")).findFirst().orElseThrow();
        assertInstanceOf(OpenFile.Pipe.class, firstWrite.file());
        Payload pwrite = ps.stream().filter(p -> p.syscall().equals("pwrite64")).findFirst().orElseThrow();
        assertInstanceOf(OpenFile.File.class, pwrite.file());
        List<Payload> sendto = ps.stream().filter(p -> p.syscall().equals("sendto")).toList();
        assertEquals(OpenFile.Socket.AF_INET, ((OpenFile.Socket) sendto.get(0).file()).family());
        assertEquals(OpenFile.Socket.AF_UNIX, ((OpenFile.Socket) sendto.get(1).file()).family());
    }

    @Test
    void sendfileAndSpliceCountBytesTheyCannotShow() throws Exception {
        List<Payload> ps = run("payload_io", TraceOptions.defaults().withPayloads(LIMIT)).stream()
                .filter(r -> r instanceof Payload p && (p.syscall().equals("sendfile") || p.syscall().equals("splice")))
                .map(r -> (Payload) r).toList();
        assertEquals(4, ps.size(), ps.toString());
        for (Payload p : ps) {
            assertEquals(p.syscall().equals("sendfile") ? 64 : 40, p.length());
            assertEquals(0, p.data().length);
            assertTrue(p.truncated());
        }
        assertEquals(List.of(Direction.READ, Direction.WRITE), List.of(ps.get(0).direction(), ps.get(1).direction()));
        assertInstanceOf(OpenFile.File.class, ps.get(0).file());
        assertInstanceOf(OpenFile.Socket.class, ps.get(1).file());
        assertInstanceOf(OpenFile.Pipe.class, ps.get(2).file());
        assertInstanceOf(OpenFile.File.class, ps.get(3).file());
    }

    @Test
    void lengthsOnlyWithALimitOfZero() throws Exception {
        List<Payload> ps = run("payload_io", TraceOptions.defaults().withPayloads(0)).stream()
                .filter(r -> r instanceof Payload).map(r -> (Payload) r).toList();
        assertTrue(ps.size() >= 25, ps.size() + " records");
        for (Payload p : ps) assertEquals(0, p.data().length);
    }

    @Test
    void nothingUnlessAskedFor() throws Exception {
        assertEquals(List.of(), run("payload_io", TraceOptions.defaults()));
    }

    @Test
    void ioUringAndAMappedSocketAreFlagged() throws Exception {
        List<IoBlindSpot> spots = run("blind_io", TraceOptions.defaults().withPayloads(16)).stream()
                .filter(r -> r instanceof IoBlindSpot).map(r -> (IoBlindSpot) r).toList();
        List<String> calls = spots.stream().map(IoBlindSpot::syscall).toList();
        assertTrue(calls.contains("mmap"), spots.toString());
        // io_uring may be disabled (kernel.io_uring_disabled, a container's seccomp): blind_io says so
        if (BlindIo.ioUringWorks()) assertTrue(calls.contains("io_uring_setup"), spots.toString());
        assertEquals(calls.contains("io_uring_setup") ? 2 : 1, spots.size(), "a file mapping is no blind spot: " + spots);
    }

    /** Whether io_uring_setup succeeds here: what blind_io's own run prints. */
    private static final class BlindIo {
        static boolean ioUringWorks() throws Exception {
            Path binary = TestPrograms.compile("blind_io");
            Process p = new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile()).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.contains("io_uring_setup ok");
        }
    }
}
