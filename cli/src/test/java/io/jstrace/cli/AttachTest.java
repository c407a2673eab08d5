package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** -p on real processes: after SIGINT jstrace detaches and each process is as it was. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class AttachTest {
    @TempDir
    Path dir;

    private final List<Process> targets = new ArrayList<>();

    @AfterEach
    void killTargets() {
        targets.forEach(Process::destroyForcibly);
    }

    private long start(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        targets.add(p);
        if (command[0].endsWith("busy_threads")) {
            new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        } else {
            Thread.sleep(200);
        }
        return p.pid();
    }

    /** Attaches, waits for the notice, sends SIGINT; returns jstrace's exit status and stderr. */
    private JstraceProcess.Result attachAndInterrupt(long pid, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-p", Long.toString(pid)));
        Process j = JstraceProcess.builder(dir, args).start();
        var err = new BufferedReader(new InputStreamReader(j.getErrorStream(), StandardCharsets.ISO_8859_1));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("attached")) break;
        }
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(j.pid())).start().waitFor();
        assertTrue(j.waitFor(20, TimeUnit.SECONDS), "jstrace did not exit after SIGINT");
        seen.append(new String(j.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        return new JstraceProcess.Result(j.exitValue(), "", seen.toString());
    }

    private static char state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private static long threads(long pid) throws Exception {
        try (var s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return s.count();
        }
    }

    @Test
    void sleepingProcessKeepsSleeping() throws Exception {
        long pid = start("sleep", "60");
        var r = attachAndInterrupt(pid);
        assertEquals(130, r.exit(), r.stderr());
        assertTrue(r.stderr().startsWith("jstrace: Process " + pid + " attached\n"), r.stderr());
        assertTrue(r.stderr().contains("restart_syscall(<... resuming interrupted clock_nanosleep ...>"), r.stderr());
        assertTrue(r.stderr().contains("jstrace: Process " + pid + " detached\n <detached ...>\n"), r.stderr());
        assertEquals('S', state(pid));
    }

    @Test
    void stoppedProcessStaysStopped() throws Exception {
        long pid = start("sleep", "60");
        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        Thread.sleep(100);
        assertEquals('T', state(pid));
        var r = attachAndInterrupt(pid);
        assertEquals(130, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("jstrace: Process " + pid + " detached"), r.stderr());
        Thread.sleep(100);
        assertEquals('T', state(pid));
        new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
        Thread.sleep(100);
        assertEquals('S', state(pid));
    }

    @Test
    void busyMultithreadedProcessRunsOn() throws Exception {
        long pid = start(TestPrograms.compile("busy_threads").toString());
        var r = attachAndInterrupt(pid, "-f", "-o", "/dev/null");
        assertEquals(130, r.exit(), r.stderr());
        assertTrue(r.stderr().startsWith("jstrace: Process " + pid + " attached with 4 threads\n"), r.stderr());
        assertEquals(4, r.stderr().lines().filter(l -> l.endsWith(" detached")).count(), r.stderr());
        Thread.sleep(100);
        assertEquals(4, threads(pid));
        char s = state(pid);
        assertTrue(s == 'R' || s == 'S', "state " + s);
        long ticks = cpuTicks(pid);
        Thread.sleep(300);
        assertTrue(cpuTicks(pid) > ticks, "the process no longer runs");
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
