package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import io.jstrace.core.internal.jnr.NativeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the kernel refuses or drops, injected in the native layer: each refusal is one
 * line in strace's words and leaks no descriptor; an overrun is counted, not fatal.
 */
class ProcConnectorFaultTest {
    private static final int EPERM = 1, ENOBUFS = 105;
    private static final String REFUSED = "Cannot listen to process events: Operation not permitted"
            + " (needs root or CAP_NET_ADMIN)";

    private long fdsBefore;

    @BeforeEach
    void countDescriptors() throws Exception {
        ProcConnectorTest.assumeRoot();
        fdsBefore = openDescriptors();
    }

    @AfterEach
    void restore() {
        NativeFaults.restore();
    }

    /** This JVM's sockets and eventfds (the children's pipes come and go with them). */
    private static long openDescriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(ProcConnectorFaultTest::target)
                    .filter(t -> t.startsWith("socket:") || t.equals("anon_inode:[eventfd]"))
                    .count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private void assertRefusedWith(String message) throws Exception {
        TraceException e = assertThrows(TraceException.class, ProcConnector::open);
        assertEquals(message, e.getMessage());
        assertEquals(fdsBefore, openDescriptors(), "descriptors leaked");
    }

    @Test
    void bindRefused() throws Exception {
        NativeFaults.inject((name, args) -> name.equals("bind") ? NativeFaults.fail(EPERM) : null);
        assertRefusedWith(REFUSED);
    }

    @Test
    void listenMessageRefused() throws Exception {
        NativeFaults.inject((name, args) -> name.equals("send") ? NativeFaults.fail(EPERM) : null);
        assertRefusedWith(REFUSED);
    }

    /** Before Linux 6.6, cn_proc answered PROC_CN_MCAST_LISTEN from a process without CAP_NET_ADMIN with EPERM. */
    @Test
    void listenAcknowledgedWithEperm() throws Exception {
        int[] ack = new int[1];
        NativeFaults.inject((name, args) -> switch (name) {
            case "send" -> {
                ack[0] = ((NativeBuffer) args[1]).getInt(28);
                yield (Long) args[2];
            }
            case "poll" -> {
                ((NativeBuffer) args[0]).putShort(6, (short) 1);
                yield 1L;
            }
            case "recv" -> {
                NativeBuffer b = (NativeBuffer) args[1];
                byte[] zeros = new byte[76];
                b.put(0, zeros, 0, zeros.length);
                b.putInt(0, 76);
                b.putShort(4, (short) 3);
                b.putInt(16, 1);
                b.putInt(20, 1);
                b.putInt(28, ack[0] + 1);
                b.putShort(32, (short) 40);
                b.putInt(40, -1); // cpu
                b.putInt(52, EPERM); // event_data.ack.err
                yield 76L;
            }
            default -> null;
        });
        assertRefusedWith(REFUSED);
    }

    @Test
    void noAnswerFromTheKernel() throws Exception {
        NativeFaults.inject((name, args) -> switch (name) {
            case "send" -> (Long) args[2];
            case "poll" -> 0L;
            default -> null;
        });
        assertRefusedWith("Cannot listen to process events: no answer from the kernel (needs CONFIG_PROC_EVENTS"
                + " and the initial PID and user namespaces)");
    }

    @Test
    void overrunsAreCountedAndReadingGoesOn() throws Exception {
        AtomicInteger recvs = new AtomicInteger();
        NativeFaults.inject((name, args) -> name.equals("recv") && recvs.incrementAndGet() % 3 == 0 ? NativeFaults.fail(ENOBUFS) : null);
        try (ProcConnector connector = ProcConnector.open()) {
            Process p = new ProcessBuilder("/bin/true").start();
            int pid = (int) p.pid();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            ProcEvent e;
            do {
                assertTrue(System.nanoTime() < deadline, "no exit event for " + pid);
                e = connector.next();
            } while (!(e instanceof ProcEvent.Exit x && x.pid() == pid));
            assertTrue(connector.overruns() > 0, "overruns counted");
            assertEquals(0, connector.lostEvents(), "the injected ENOBUFS dropped nothing");
        }
        assertEquals(fdsBefore, openDescriptors(), "descriptors leaked");
    }
}
