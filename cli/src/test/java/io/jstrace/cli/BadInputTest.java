package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one strace-style line (two for usage errors), exit 1, nothing left behind. */
class BadInputTest {
    @TempDir
    Path dir;

    /** strace.c: a failed write of the output is one line, and the trace and the command go on. */
    @Test
    void aFullDiskIsOneLineAndTheCommandsStatus() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-o", "/dev/full", "sh", "-c", "exit 3"));
        assertEquals(3, r.exit(), r.stderr());
        assertTrue(!r.stderr().isEmpty() && r.stderr().lines()
                .allMatch(l -> l.equals("jstrace: /dev/full: No space left on device")), r.stderr());
    }

    @Test
    void missingCommand() throws Exception {
        var r = JstraceProcess.run(dir, List.of("no-such-command-xyz"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: Can't stat 'no-such-command-xyz': No such file or directory\n", r.stderr());
    }

    @Test
    void notExecutableIsExecFailureAsInStrace() throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "x");
        var r = JstraceProcess.run(dir, List.of("./data"));
        assertEquals(1, r.exit());
        assertTrue(r.stderr().startsWith("execve(\"./data\", [\"./data\"], 0x"), r.stderr());
        assertTrue(r.stderr().contains("= -1 EACCES (Permission denied)\njstrace: exec: Permission denied\n"
                + "+++ exited with 1 +++\n"), r.stderr());
    }

    /** As strace: the process that cannot be attached is reported, the others traced. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
    void aDeadPidBesideALiveOne() throws Exception {
        // it lives until told, however slowly jstrace starts (a loaded machine): told once attached
        Process waiter = new ProcessBuilder("sh", "-c", "read x; exit 0").start();
        Path err = dir.resolve("attach.err");
        Process j = JstraceProcess.builder(dir, List.of("-e", "trace=none", "-p", Long.toString(waiter.pid()), "-p", "999999"))
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String attached = "jstrace: Process " + waiter.pid() + " attached";
            for (int i = 0; i < 600 && !(Files.exists(err) && Files.readString(err).contains(attached)); i++) {
                Thread.sleep(50);
            }
            waiter.getOutputStream().close();
            assertTrue(j.waitFor(30, TimeUnit.SECONDS));
            assertEquals(List.of(attached, "jstrace: attach: ptrace(PTRACE_SEIZE, 999999): No such process",
                    "+++ exited with 0 +++"), Files.readString(err).lines().toList());
            assertEquals(0, j.exitValue());
        } finally {
            waiter.destroy();
            j.destroy();
        }
    }

    /** strace's error_opt_arg: the option and the value it could not take. */
    @Test
    void aValueThatIsNotANumber() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-s", "-f", "true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: invalid -s argument: '-f'\nTry 'jstrace -h' for more information.\n", r.stderr());
    }

    @Test
    void deadPid() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-p", "999999"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: attach: ptrace(PTRACE_SEIZE, 999999): No such process\n", r.stderr());
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
    void pidWeMayNotTrace() throws Exception {
        // A process another tracer holds: PTRACE_SEIZE fails with EPERM, as for another user's.
        Process holder = new ProcessBuilder("strace", "-o", "/dev/null", "sleep", "30").start();
        try {
            long sleeper = 0;
            for (int i = 0; i < 50 && sleeper == 0; i++) {
                Thread.sleep(100);
                sleeper = holder.descendants().findFirst().map(ProcessHandle::pid).orElse(0L);
            }
            var r = JstraceProcess.run(dir, List.of("-p", Long.toString(sleeper)));
            assertEquals(1, r.exit());
            assertTrue(r.stderr().startsWith("jstrace: attach: ptrace(PTRACE_SEIZE, " + sleeper
                    + "): Operation not permitted ("), r.stderr());
            assertTrue(r.stderr().contains("CAP_SYS_PTRACE") && r.stderr().contains("kernel.yama.ptrace_scope"));
            assertEquals(1, r.stderr().lines().count());
            assertTrue(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false), "the target died");
        } finally {
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
        }
    }

    @Test
    void invalidPid() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-p", "abc"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: Invalid process id: 'abc'\n", r.stderr());
    }

    @Test
    void unknownOption() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-Q", "true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: invalid option -- 'Q'\nTry 'jstrace -h' for more information.\n", r.stderr());
    }

    @Test
    void optionWithoutArgument() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-p"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: option requires an argument -- 'p'\nTry 'jstrace -h' for more information.\n",
                r.stderr());
    }

    @Test
    void nothingToTrace() throws Exception {
        var r = JstraceProcess.run(dir, List.of());
        assertEquals(1, r.exit());
        assertEquals("jstrace: must have PROG [ARGS] or -p PID\nTry 'jstrace -h' for more information.\n",
                r.stderr());
    }

    @Test
    void unknownSyscallInFilter() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-e", "trace=nosuchcall", "true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: invalid system call 'nosuchcall'\n", r.stderr());
    }

    @Test
    void optionsStopAtTheCommand() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-e", "trace=none", "ls", "-d", "/"));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("/\n", r.stdout());
        assertEquals("+++ exited with 0 +++\n", r.stderr());
    }
}
