package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.arch.Arch;
import io.jstrace.core.OpenFile;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.TraceeMemory;
import io.jstrace.syscalls.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table's bookkeeping from a synthetic syscall stream, on a table seeded from this
 * JVM's own /proc/self/fd: descriptors the stream makes are answered by the table (and
 * by {@link ProcHost}) though /proc has no such descriptor.
 */
class FdTrackerTest {
    private static final int SELF = (int) ProcessHandle.current().pid();
    private static final TraceeMemory NO_MEMORY = (a, d, o, l) -> 0;
    private final FdTracker fds = new FdTracker();

    private void exit(int pid, String name, long rv, long... a) {
        long[] r = java.util.Arrays.copyOf(a, 6);
        SyscallTable table = SyscallTable.of(Arch.host());
        int nr = table.number(name);
        SyscallEnter e = new SyscallEnter(pid, pid, 0, nr, table.get(nr), new SyscallArgs(r[0], r[1], r[2], r[3], r[4], r[5]));
        fds.exit(pid, SELF, e, rv, NO_MEMORY);
    }

    @Test
    void seededFromProcThenKeptFromTheStream() {
        FdTracker.Table t = fds.table(SELF, SELF);
        OpenFile zero = t.get(0);
        assertNotNull(zero);
        assertFalse(Files.exists(Path.of("/proc/self/fd/500")));
        exit(SELF, "dup2", 500, 0, 500);
        assertEquals(zero, t.get(500));
        assertFalse(t.closeOnExec(500));
        assertEquals(zero.link(), new ProcHost(SELF, SELF, fds).fdPath(500), "answered by the table, not /proc");
        assertNull(new ProcHost(SELF, SELF, null).fdPath(500), "/proc has no descriptor 500");

        exit(SELF, "fcntl", 600, 500, 1030 /* F_DUPFD_CLOEXEC */, 600);
        assertTrue(t.closeOnExec(600));
        exit(SELF, "fcntl", 0, 600, 2 /* F_SETFD */, 0);
        assertFalse(t.closeOnExec(600));
        exit(SELF, "close_range", 0, 500, 599, 4 /* CLOSE_RANGE_CLOEXEC */);
        assertTrue(t.closeOnExec(500));
        assertFalse(t.closeOnExec(600));
        exit(SELF, "ioctl", 0, 600, 0x5451 /* FIOCLEX */);
        assertTrue(t.closeOnExec(600));
        exit(SELF, "dup3", 700, 600, 700, 02000000);
        exit(SELF, "dup", -9, 12345);
        assertTrue(t.closeOnExec(700));
        exit(SELF, "close", -4 /* EINTR: closed all the same */, 700);
        assertNull(t.get(700));
        exit(SELF, "close_range", 0, 600, 0xffff_ffffL, 0);
        assertNull(t.get(600));
        assertNotNull(t.get(500));
        exit(SELF, "close", 0, 500);
    }

    @Test
    void forkCopiesCloneFilesSharesExecDropsCloseOnExec() {
        FdTracker.Table parent = fds.table(SELF, SELF);
        exit(SELF, "dup2", 500, 0, 500);
        exit(SELF, "fcntl", 501, 0, 1030, 501);
        int child = 1 << 30, sharer = (1 << 30) + 1;
        fds.forked(SELF, SELF, child, 0);
        fds.forked(SELF, SELF, sharer, 0x400 /* CLONE_FILES */);
        exit(child, "close", 0, 500);
        assertNotNull(parent.get(500), "a forked child's close is its own");
        exit(sharer, "close", 0, 500);
        assertNull(parent.get(500), "CLONE_FILES: one table");
        fds.exec(sharer, SELF);
        assertNull(fds.table(sharer, SELF).get(501), "close-on-exec dropped");
        assertNotNull(parent.get(501), "exec unshared the table first");
        assertNotNull(fds.table(child, SELF).get(501));
        fds.exec(child, SELF);
        assertNull(fds.table(child, SELF).get(501));
        fds.forked(SELF, SELF, SELF, 0x10000 /* CLONE_THREAD */);
        assertTrue(parent == fds.table(SELF, SELF), "a thread shares its process's table");
    }

    @Test
    void scmRightsFromControlMessages() {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.nativeOrder());
        b.putLong(0, 20).putInt(8, 1).putInt(12, 1).putInt(16, 7); // one fd, CMSG_ALIGN to 24
        b.putLong(24, 24).putInt(32, 1).putInt(36, 1).putInt(40, 8).putInt(44, 9);
        assertEquals(List.of(7, 8, 9), FdTracker.rights(b.array()));
        b.putInt(32, 0); // SOL_IP: not descriptors
        assertEquals(List.of(7), FdTracker.rights(b.array()));
        b.putLong(0, 1 << 20); // a length beyond the buffer ends the walk
        assertEquals(List.of(), FdTracker.rights(b.array()));
    }

    @Test
    void socketAddresses() {
        byte[] in = {2, 0, 0x1f, (byte) 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        SockAddr a = SockAddr.parse(in);
        assertEquals(8080, a.address().port());
        assertTrue(a.exact());
        in[2] = in[3] = 0;
        assertFalse(SockAddr.parse(in).exact(), "port 0: the kernel picks one");
        byte[] path = {1, 0, 'a', '/', 'b', 0, 'x'};
        assertEquals("a/b", new String(SockAddr.parse(path).address().bytes()));
        byte[] abs = {1, 0, 0, 'n', 0};
        assertEquals(3, SockAddr.parse(abs).address().bytes().length, "an abstract name keeps every byte");
        assertNull(SockAddr.parse(new byte[] {1, 0}).address(), "autobind");
        assertEquals(SockAddr.AF_UNSPEC, SockAddr.parse(new byte[] {0, 0}).family());
    }

    @Test
    void protocolNamesAsTheKernelGivesThem() {
        assertEquals("TCP", ProcHost.protocolName(new OpenFile.Socket(1, 2, 1, 0, null, null, 0)));
        assertEquals("UDPv6", ProcHost.protocolName(new OpenFile.Socket(1, 10, 2, 17, null, null, 0)));
        assertEquals("UDP-Lite", ProcHost.protocolName(new OpenFile.Socket(1, 2, 2, 136, null, null, 0)));
        assertEquals("UDPLITEv6", ProcHost.protocolName(new OpenFile.Socket(1, 10, 2, 136, null, null, 0)));
        assertEquals("UNIX-STREAM", ProcHost.protocolName(new OpenFile.Socket(1, 1, 1, 0, null, null, 0)));
        assertEquals("UNIX", ProcHost.protocolName(new OpenFile.Socket(1, 1, 5, 0, null, null, 0)));
        assertNull(ProcHost.protocolName(new OpenFile.Socket(1, 2, 1, 132 /* SCTP */, null, null, 0)));
    }
}
