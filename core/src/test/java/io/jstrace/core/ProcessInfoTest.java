package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProcessInfo read from the real /proc, for this JVM and for children whose truth the test knows. */
class ProcessInfoTest {
    /** /proc's start time is in clock ticks, truncated: up to one tick (10 ms) early. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) p.destroyForcibly().waitFor();
    }

    private Process start(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().put("JSTRACE_PROCINFO", "a=b c");
        Process p = pb.start();
        children.add(p);
        return p;
    }

    /** Waits until the child runs its own program rather than the JDK's spawn helper. */
    private static ProcessInfo awaitComm(int pid, String comm) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Optional<ProcessInfo> info = ProcessInfo.read(pid);
            if (info.isPresent() && info.get().comm().equals(comm)) return info.get();
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never became " + comm);
    }

    @Test
    void thisJvm() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        long now = System.nanoTime();
        ProcessInfo info = ProcessInfo.read((int) self.pid()).orElseThrow();
        long uptime = TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());

        assertEquals(self.pid(), info.pid());
        assertEquals(self.parent().orElseThrow().pid(), info.ppid());
        assertEquals(self.info().command().orElseThrow(), info.exe());
        assertEquals(self.info().arguments().map(List::of).orElseThrow(), info.argv().subList(1, info.argv().size()));
        assertEquals(Path.of("").toAbsolutePath().toString(), info.cwd());
        assertEquals("java", info.comm());
        assertEquals(new com.sun.security.auth.module.UnixSystem().getUid(), info.uid());
        assertEquals(new com.sun.security.auth.module.UnixSystem().getGid(), info.gid());
        // the JVM's uptime is not on the monotonic clock: a second either way
        long jvmStart = now - uptime;
        assertTrue(Math.abs(info.startTimeNs() - jvmStart) < TimeUnit.SECONDS.toNanos(1) && info.startTimeNs() < now,
                "started " + (jvmStart - info.startTimeNs()) / 1_000_000 + " ms before the JVM's uptime began");
        assertFalse(info.truncated());
    }

    @Test
    void sleepingChildWithSpacesAndAnEmptyArgument(@TempDir Path dir) throws Exception {
        long before = System.nanoTime();
        Process p = start(dir, "/bin/sh", "-c", "read line", "arg with spaces", "", "last");
        long after = System.nanoTime();
        int pid = (int) p.pid();
        ProcessInfo info = awaitComm(pid, "sh");

        assertEquals(List.of("/bin/sh", "-c", "read line", "arg with spaces", "", "last"), info.argv());
        assertEquals(Path.of("/bin/sh").toRealPath().toString(), info.exe());
        assertEquals(dir.toRealPath().toString(), info.cwd());
        assertEquals(ProcessHandle.current().pid(), info.ppid());
        assertTrue(before - TICK_NANOS <= info.startTimeNs() && info.startTimeNs() <= after,
                before + " <= " + info.startTimeNs() + " <= " + after);
        assertFalse(info.truncated());
        assertEquals("a=b c", ProcessInfo.environ(pid).get("JSTRACE_PROCINFO"));
        assertEquals(System.getenv("PATH"), ProcessInfo.environ(pid).get("PATH"));
    }

    @Test
    void aCommandLineLongerThanWhatIsReadIsTruncated() throws Exception {
        String big = "x".repeat(100_000);
        Process p = start(null, "/bin/sh", "-c", "read line", big, big, "end");
        ProcessInfo info = awaitComm((int) p.pid(), "sh");
        assertTrue(info.truncated());
        assertEquals(List.of("/bin/sh", "-c", "read line", big), info.argv().subList(0, 4));
        assertTrue(info.argv().size() == 5 && info.argv().get(4).length() < big.length(), "cut in the second big one");
    }

    @Test
    void aZombieIsTruncated() throws Exception {
        // the shell becomes sleep 30, which never reaps the short sleep it inherits (the
        // shell itself would, had that one ended before the exec)
        Process p = start(null, "/bin/sh", "-c", "/bin/sleep 0.3 & echo $!; exec /bin/sleep 30");
        int zombie = Integer.parseInt(new BufferedReader(new InputStreamReader(p.getInputStream())).readLine());
        ProcessInfo info = null;
        for (int i = 0; i < 500; i++) {
            info = ProcessInfo.read(zombie).orElseThrow();
            // mid-execve cmdline reads empty too, before the new comm and for a moment after it
            // (begin_new_exec names the task before the loader sets up its arguments): a
            // zombie is the one without a program as well, and (do_exit releases the memory
            // before the file system: exit_mm, then exit_fs) without a working directory
            if (info.argv().isEmpty() && info.comm().equals("sleep") && info.exe() == null && info.cwd() == null) break;
            Thread.sleep(10);
        }
        assertEquals(List.of(), info.argv());
        assertEquals("sleep", info.comm());
        assertNull(info.exe());
        assertTrue(info.truncated(), info.toString());
        assertEquals(Map.of(), ProcessInfo.environ(zombie));
    }

    @Test
    void aKernelThreadHasNoProgramAndIsNotTruncated() {
        ProcessInfo kthreadd = ProcessInfo.read(2).orElseThrow();
        org.junit.jupiter.api.Assumptions.assumeTrue(kthreadd.comm().equals("kthreadd"), "pid 2 is " + kthreadd.comm());
        assertNull(kthreadd.exe());
        assertEquals(List.of(), kthreadd.argv());
        assertEquals(0, kthreadd.ppid());
        assertFalse(kthreadd.truncated(), "a kernel thread has no program: nothing is missing");
    }

    @Test
    void aVanishedProcessIsEmpty() throws Exception {
        Process p = new ProcessBuilder("/bin/true").start();
        p.waitFor();
        assertEquals(Optional.empty(), ProcessInfo.read((int) p.pid()));
        assertEquals(Map.of(), ProcessInfo.environ((int) p.pid()));
        // not Files.readString: it reads a sysctl file one byte at a time, and gets "3"
        int pidMax = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).strip());
        assertEquals(Optional.empty(), ProcessInfo.read(pidMax + 1), "pid_max " + pidMax);
    }
}
