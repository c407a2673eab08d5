package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.arch.Arch;
import io.jstrace.syscalls.SyscallTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@link HostFacts} read from the live system, and the fixed ones tests use. */
class HostFactsTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void liveFactsOfThisJvm() throws Exception {
        HostFacts h = HostFacts.of(SELF, SELF);
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString(), h.fdPath(0));
        assertNull(h.fdPath(99999));
        assertNull(h.fdPath(-1));
        assertEquals(Path.of("").toAbsolutePath().toRealPath().toString(), h.cwd());
        assertEquals(Files.readString(Path.of("/proc/self/comm")).trim(), h.comm());
        Map<String, String> info = h.fdInfo(0);
        assertTrue(info.containsKey("flags") && info.containsKey("pos"), info.toString());
        assertEquals(Map.of(), h.fdInfo(99999));
        assertTrue(h.optmemMax() > 0);
        HostFacts.FileStat devNullStat = null;
        try (java.io.FileInputStream open = new java.io.FileInputStream("/dev/null")) {
            // /dev/null is char 1:3 (Documentation/admin-guide/devices.txt)
            for (String fd : new java.io.File("/proc/self/fd").list()) {
                if ("/dev/null".equals(h.fdPath(Integer.parseInt(fd)))) devNullStat = h.fdStat(Integer.parseInt(fd));
            }
        }
        assertNotNull(devNullStat);
        assertTrue(devNullStat.isDevice() && !devNullStat.isBlockDevice());
        assertEquals(0x103, devNullStat.rdev());
    }

    @Test
    @EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
    void blockedSyscallOfASleepingProcess() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            HostFacts h = HostFacts.of((int) p.pid(), (int) p.pid());
            SyscallTable table = SyscallTable.of(Arch.host());
            long nr = -1;
            for (int k = 0; k < 100 && (nr == -1 || !table.get(nr).name().contains("sleep")); k++) {
                Thread.sleep(20);
                nr = h.blockedSyscall();
            }
            assertTrue(Set.of("clock_nanosleep", "nanosleep").contains(table.get(nr).name()), "syscall " + nr);
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void fixedFactsAnswerOnlyWhatTheyWereTold() {
        Sockets.Inet tcp = new Sockets.Inet(new byte[] {127, 0, 0, 1}, 80, new byte[4], 0);
        HostFacts other = new FixedHostFacts().fd(0, "/dev/null");
        FixedHostFacts h = new FixedHostFacts().fd(3, "socket:[42]").socketProtocol(3, "TCP").inet(42, tcp).cwd("/tmp")
                .comm("cat").fdInfo(4, Map.of("Pid", "7")).blockedSyscall(61).optmemMax(20480).process(7, other);
        assertEquals("socket:[42]", h.fdPath(3));
        assertNull(h.fdPath(4));
        assertEquals("TCP", h.socketProtocol(3));
        assertEquals(tcp, h.inetSocket(2, 6, 42));
        assertNull(h.unixSocket(42));
        assertEquals("7", h.fdInfo(4).get("Pid"));
        assertEquals(61, h.blockedSyscall());
        assertEquals("/dev/null", h.process(7).fdPath(0));
        assertEquals(HostFacts.NONE, h.process(8));
        assertNull(HostFacts.NONE.cwd());
        assertEquals(-1, HostFacts.NONE.blockedSyscall());
        FdTable table = FdTable.of(Map.of(5, new OpenFile.Pipe(9)), Set.of(5));
        assertEquals("pipe:[9]", new FixedHostFacts().fds(table).fdPath(5));
        assertTrue(table.closeOnExec(5));
    }

    @Test
    void linksNameTheirKind() {
        assertEquals(new OpenFile.Pipe(12), OpenFile.ofLink("pipe:[12]"));
        assertEquals(new OpenFile.Tty("/dev/pts/3"), OpenFile.ofLink("/dev/pts/3"));
        assertEquals(new OpenFile.File("/etc/passwd"), OpenFile.ofLink("/etc/passwd"));
        assertEquals(new OpenFile.Special("pidfd", "anon_inode:[pidfd]"), OpenFile.ofLink("anon_inode:[pidfd]"));
        assertEquals("memfd", ((OpenFile.Special) OpenFile.ofLink("/memfd:x (deleted)")).kind());
        assertEquals(77, ((OpenFile.Socket) OpenFile.ofLink("socket:[77]")).inode());
        assertEquals(new OpenFile.Other("net:[4026531840]"), OpenFile.ofLink("net:[4026531840]"));
        for (String l : new String[] {"pipe:[12]", "/dev/pts/3", "anon_inode:[eventfd]", "socket:[77]"}) {
            assertEquals(l, OpenFile.ofLink(l).link());
        }
    }
}
