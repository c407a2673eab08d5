package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.Exec;
import io.jstrace.core.Exit;
import io.jstrace.core.NativeFaults;
import io.jstrace.core.NewChild;
import io.jstrace.core.SignalExit;
import io.jstrace.core.SignalStop;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceException;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.core.Tracee;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.Ptrace;
import io.jstrace.testdata.TestPrograms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: one row per hostile scenario, run against real processes. Each row
 * says what strace 6.1 does (measured on this machine's strace) and asserts that jstrace
 * does the same or better: no tracee is left stopped or traced, no output is lost
 * silently, and the exit status is right.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
@Timeout(60)
class FaultMatrixTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    /** A scenario, what strace does in it, and the check that jstrace does as well. */
    record Row(String scenario, String strace, Check check) {
        @Override
        public String toString() {
            return scenario;
        }
    }

    interface Check {
        void run(FaultMatrixTest t) throws Exception;
    }

    static Stream<Row> rows() {
        return Stream.of(
                // ---- the tracee killed at each kind of stop
                new Row("tracee SIGKILLed at a syscall-enter-stop", "+++ killed by SIGKILL +++, exit 137",
                        t -> t.killedAt("enter", "syscall_storm 0 100")),
                new Row("tracee SIGKILLed at a syscall-exit-stop", "+++ killed by SIGKILL +++, exit 137",
                        t -> t.killedAt("exit", "syscall_storm 0 100")),
                new Row("tracee SIGKILLed at a signal-delivery-stop", "+++ killed by SIGKILL +++, exit 137",
                        t -> t.killedAt("signal", "/bin/sh -c 'trap : USR1; kill -USR1 $$; exit 4'")),
                new Row("tracee SIGKILLed at a group-stop", "+++ killed by SIGKILL +++, exit 137",
                        t -> t.killedAt("group", "/bin/sh -c 'kill -STOP $$; exit 4'")),
                new Row("tracee SIGKILLed at its PTRACE_EVENT_EXEC stop", "+++ killed by SIGKILL +++, exit 137",
                        t -> t.killedAt("exec", "/bin/sh -c 'exec /bin/true'")),
                new Row("new child SIGKILLed at its first stop (fork event)",
                        "child +++ killed by SIGKILL +++, the parent reaps 137",
                        t -> t.killedAt("child", "/bin/sh -c '/bin/true; exit $?'")),
                // ---- threads and processes in numbers
                new Row("exec from a non-leader thread while 8 threads are in read()",
                        "other threads end, +++ superseded by execve +++, exit 5", FaultMatrixTest::execFromThread),
                new Row("1000 threads alive at once", "1000 getppid calls, 1001 exits, exit 0",
                        FaultMatrixTest::thousandThreads),
                new Row("fork storm bounded by ulimit -u as nobody", "forks fail EAGAIN, the shell's own status",
                        FaultMatrixTest::forkStorm),
                // ---- job control signals to the tracee
                new Row("SIGSTOP to the tracee, then SIGCONT", "--- stopped by SIGSTOP ---, runs on after SIGCONT",
                        t -> t.stopped("STOP")),
                new Row("SIGTSTP to the tracee, then SIGCONT", "--- stopped by SIGTSTP ---, runs on after SIGCONT",
                        t -> t.stopped("TSTP")),
                new Row("SIGTTIN to the tracee, then SIGCONT", "--- stopped by SIGTTIN ---, runs on after SIGCONT",
                        t -> t.stopped("TTIN")),
                new Row("SIGCONT to a running tracee", "--- SIGCONT {...} ---, exit 0", t -> t.stopped("CONT")),
                // ---- jstrace killed
                new Row("SIGKILL to jstrace, launched command", "the command runs on untraced",
                        t -> t.tracerKilled(List.of(), true)),
                new Row("SIGKILL to jstrace -o FILE, launched command", "the command runs on untraced",
                        t -> t.tracerKilled(List.of("-o", "LOG"), true)),
                new Row("SIGKILL to jstrace -f --seccomp-bpf -e trace=openat",
                        "the command dies with it (PTRACE_O_EXITKILL: its filter would fail calls with ENOSYS)",
                        t -> t.tracerKilled(List.of("-f", "--seccomp-bpf", "-e", "trace=openat", "-o", "LOG"), false)),
                new Row("SIGKILL to jstrace -f -e trace=openat (the default filter)",
                        "the command dies with it (its filter, installed by default, would fail calls with ENOSYS)",
                        t -> t.tracerKilled(List.of("-f", "-e", "trace=openat", "-o", "LOG"), false)),
                new Row("SIGKILL to jstrace -f --seccomp-bpf=never -e trace=openat",
                        "the command runs on untraced (no filter: as strace without --seccomp-bpf)",
                        t -> t.tracerKilled(List.of("-f", "--seccomp-bpf=never", "-e", "trace=openat", "-o", "LOG"), true)),
                new Row("SIGKILL to jstrace -f (every syscall traced: no filter)", "the command runs on untraced",
                        t -> t.tracerKilled(List.of("-f", "-o", "LOG"), true)),
                new Row("SIGKILL to jstrace --kill-on-exit", "the command dies with it (PTRACE_O_EXITKILL)",
                        t -> t.tracerKilled(List.of("--kill-on-exit", "-o", "LOG"), false)),
                new Row("SIGTERM to jstrace --kill-on-exit -f, trace on stderr",
                        "the command and its child are killed, not detached; jstrace dies of SIGTERM",
                        FaultMatrixTest::killOnExitTerminated),
                new Row("SIGKILL to jstrace -p PID", "the process runs on untraced, not stopped",
                        FaultMatrixTest::attachedTracerKilled),
                // ---- faults injected into the native layer
                new Row("ESRCH at every ptrace request and memory read (the tracee vanished)",
                        "the vanished tracee's records end, the rest goes on",
                        FaultMatrixTest::vanishingEverywhere),
                new Row("EINTR from every other waitpid", "retried: the same records",
                        FaultMatrixTest::interruptedWaits),
                new Row("EAGAIN from posix_spawn", "strace: fork: Resource temporarily unavailable, exit 1",
                        FaultMatrixTest::spawnFails),
                new Row("EAGAIN from pipe2 (no waker)", "(no such call) the trace is whole",
                        FaultMatrixTest::wakerFails),
                new Row("EPERM from PTRACE_SEIZE", "attach: ptrace(PTRACE_SEIZE, PID): Operation not permitted, exit 1",
                        FaultMatrixTest::seizeRefused),
                new Row("EPERM from process_vm_readv", "arguments print as addresses, nothing lost",
                        FaultMatrixTest::memoryUnreadable),
                // ---- where the trace goes
                new Row("-o /dev/full", "strace: /dev/full: No space left on device per failed write; exit 0",
                        FaultMatrixTest::devFull),
                new Row("trace to a pipe whose reader is gone", "dies of SIGPIPE (141); the command gets SIGPIPE",
                        FaultMatrixTest::closedPipe),
                new Row("trace to a slow reader", "every line arrives", FaultMatrixTest::slowReader),
                // ---- tracees that fight back or hide
                new Row("-f of strace (a tracer under a tracer)", "inner PTRACE_TRACEME fails EPERM: strace's exit 1",
                        t -> t.tracerUnderTracer(true)),
                new Row("strace under jstrace without -f", "inner strace traces its child: exit 0",
                        t -> t.tracerUnderTracer(false)),
                new Row("setuid program, jstrace run by nobody", "exec without the setuid: euid stays 65534",
                        FaultMatrixTest::setuidUnprivileged),
                new Row("-f of a command in a new pid namespace (unshare -pf)", "every process, host pids, exit 7",
                        FaultMatrixTest::pidNamespace),
                new Row("-p of a process in another pid namespace", "attached, detached: runs on untraced",
                        FaultMatrixTest::attachInNamespace),
                new Row("-p of a zombie", "attach: ptrace(PTRACE_SEIZE, PID): Operation not permitted, exit 1",
                        FaultMatrixTest::attachZombie),
                new Row("-p of a dead pid", "attach: ptrace(PTRACE_SEIZE, PID): No such process, exit 1",
                        FaultMatrixTest::attachDead),
                new Row("library: attach to a child of this JVM", "(no such case) refused, the child untouched",
                        FaultMatrixTest::attachOwnChild));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        row.check().run(this);
    }

    @AfterEach
    void restore() {
        NativeFaults.restore();
    }

    // ---- the tracee killed at a stop (library: the listener runs while the tracee is stopped)

    private void killedAt(String stop, String command) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        List<Integer> killed = Collections.synchronizedList(new ArrayList<>());
        List<String> ends = Collections.synchronizedList(new ArrayList<>());
        TraceListener l = new TraceListener() {
            void kill(int tid, boolean now) {
                if (now && killed.isEmpty()) {
                    killed.add(tid);
                    Native.libc().kill(tid, 9);
                }
            }

            public void onSyscallEnter(SyscallEnter e, Tracee t) {
                kill(e.tid(), stop.equals("enter") && e.name().equals("getppid") && seen.incrementAndGet() == 50);
            }

            public void onSyscallExit(SyscallExit x, Tracee t) {
                kill(x.tid(), stop.equals("exit") && x.enter().name().equals("getppid") && seen.incrementAndGet() == 50);
            }

            public void onSignal(SignalStop s, Tracee t) {
                kill(s.tid(), stop.equals(s.groupStop() ? "group" : "signal"));
            }

            public void onExec(Exec e, Tracee t) {
                kill(e.tid(), stop.equals("exec") && seen.incrementAndGet() == 2);
            }

            public void onNewChild(NewChild c, Tracee t) {
                kill(c.childTid(), stop.equals("child"));
            }

            public void onExit(Exit x, Tracee t) {
                ends.add(x.pid() + " exited " + x.status());
            }

            public void onSignalExit(SignalExit x, Tracee t) {
                ends.add(x.pid() + " killed " + x.signal().number());
            }
        };
        List<String> argv = command.startsWith("/bin/sh")
                ? List.of("/bin/sh", "-c", command.substring(command.indexOf('\'') + 1, command.length() - 1))
                : List.of(TestPrograms.compile(command.split(" ")[0]).toString(), command.split(" ")[1],
                        command.split(" ")[2]);
        int status;
        try (TraceSession s = TraceSession.launch(argv, TraceOptions.defaults().withFollowForks(true))) {
            s.addListener(l);
            status = s.startAsync().get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, killed.size(), "killed at a " + stop + " stop");
        int victim = killed.get(0);
        assertTrue(ends.contains(victim + " killed 9"), ends.toString());
        if (stop.equals("child")) {
            assertEquals(137, status, "the shell's $? of its killed child");
        } else {
            assertEquals(137, status);
        }
        assertGone(victim);
    }

    // ---- numbers

    private void execFromThread() throws Exception {
        Path log = dir.resolve("log");
        var r = jstrace(List.of("-f", "-o", log.toString(), TestPrograms.compile("exec_busy").toString(), "8"));
        assertEquals(5, r.exit(), r.stderr());
        String text = Files.readString(log);
        assertTrue(text.contains("+++ superseded by execve in pid "), text);
        assertTrue(text.strip().endsWith("+++ exited with 5 +++"), text);
        assertTrue(count(text, "read(3, ") > 0, "readers were in read(): " + text); // most, on a loaded machine
    }

    private void thousandThreads() throws Exception {
        Path log = dir.resolve("log");
        var r = jstrace(List.of("-f", "-e", "trace=getppid", "-o", log.toString(),
                TestPrograms.compile("thousand_threads").toString(), "1000"));
        assertEquals(0, r.exit(), r.stderr());
        String text = Files.readString(log);
        assertEquals(1000, count(text, "getppid()") + count(text, "getppid resumed>"), "every call, finished");
        assertEquals(1001, count(text, "+++ exited with 0 +++"));
    }

    private void forkStorm() throws Exception {
        List<String> command = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "prlimit", "--nproc=30:30", TestPrograms.compile("bounded_fork_storm").toString(), "80");
        Process plain = new ProcessBuilder(command).redirectErrorStream(true).start();
        plain.getInputStream().readAllBytes();
        int truth = plain.waitFor();
        Path log = dir.resolve("log");
        List<String> args = new ArrayList<>(List.of("-f", "-e", "trace=fork,vfork,clone,clone3", "-o", log.toString()));
        args.addAll(command);
        var r = jstrace(args);
        assertEquals(truth, r.exit(), "as many forks as untraced; " + r.stderr());
        assertTrue(truth > 0 && truth < 30, "bounded: " + truth);
        String text = Files.readString(log);
        assertEquals(80 - truth, count(text, "EAGAIN (Resource temporarily unavailable)"), "forks failed: " + text);
        assertNoStackTrace(r);
    }

    // ---- job control

    /**
     * Whether SIGsig stops an untraced sleep here: a stop signal other than SIGSTOP sent to a
     * process of an orphaned process group is discarded (kernel/signal.c, get_signal:
     * is_current_pgrp_orphaned), and a test may well run in one.
     */
    private static boolean stopsUntraced(String sig) throws Exception {
        Process p = new ProcessBuilder("/bin/sleep", "5").start();
        try {
            Thread.sleep(100);
            new ProcessBuilder("kill", "-" + sig, "" + p.pid()).start().waitFor();
            for (int i = 0; i < 20; i++) {
                String s = state((int) p.pid());
                if (s != null && s.startsWith("T")) return true;
                Thread.sleep(10);
            }
            return false;
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private void stopped(String sig) throws Exception {
        boolean stops = !sig.equals("CONT") && stopsUntraced(sig);
        Path log = dir.resolve("log");
        Process j = JstraceProcess.builder(dir, List.of("-o", log.toString(), "/bin/sleep", "0.5")).start();
        int pid = launchedChild(j, "sleep");
        ProcessHandle tracee = ProcessHandle.of(pid).orElseThrow();
        try {
            new ProcessBuilder("kill", "-" + sig, "" + pid).start().waitFor();
            if (stops) {
                Thread.sleep(800); // stopped: sleep's half second passes, it does not end
                assertTrue(j.isAlive(), "the tracee stays stopped until SIGCONT");
                new ProcessBuilder("kill", "-CONT", "" + pid).start().waitFor();
            }
            assertTrue(j.waitFor(20, TimeUnit.SECONDS));
        } finally { // a failed row leaves nothing stopped behind
            if (j.isAlive()) j.destroyForcibly().waitFor();
            tracee.destroyForcibly();
        }
        assertEquals(0, j.exitValue(), new String(j.getErrorStream().readAllBytes()));
        String text = Files.readString(log);
        assertTrue(text.contains("--- SIG" + sig + " {si_signo=SIG" + sig + ", si_code=SI_USER"), text);
        if (stops) {
            assertTrue(text.contains("--- stopped by SIG" + sig + " ---"), text);
            assertTrue(text.contains("--- SIGCONT {si_signo=SIGCONT"), text);
        } else {
            assertFalse(text.contains("--- stopped by"), "discarded untraced, discarded traced: " + text);
        }
        assertTrue(text.strip().endsWith("+++ exited with 0 +++"), text);
    }

    // ---- jstrace killed

    /**
     * strace's --kill-on-exit: a detach request (SIGTERM, trace on stderr) kills the tracees
     * rather than letting them go, and jstrace still dies of the signal.
     */
    private void killOnExitTerminated() throws Exception {
        Path done = dir.resolve("done");
        // the trace to a file: Process.destroy would close a pipe, and jstrace die of SIGPIPE
        Process j = JstraceProcess.builder(dir, List.of("--kill-on-exit", "-f", "/bin/sh", "-c",
                "/bin/sleep 3; echo > " + done + "; cat /dev/null"))
                .redirectError(dir.resolve("stderr").toFile()).start();
        int pid = launchedChild(j, "echo > ");
        ProcessHandle sleep = null;
        for (int i = 0; i < 400 && sleep == null; i++) {
            sleep = ProcessHandle.of(pid).flatMap(h -> h.children().findAny()).orElse(null);
            if (sleep == null) Thread.sleep(25);
        }
        assertTrue(sleep != null, "the command forked its sleep");
        j.toHandle().destroy(); // SIGTERM
        assertTrue(j.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(128 + 15, j.exitValue(), "jstrace dies of SIGTERM");
        for (int i = 0; i < 200 && (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                || sleep.isAlive()); i++) {
            Thread.sleep(25);
        }
        assertFalse(sleep.isAlive(), "the command's child was killed");
        Thread.sleep(3500);
        assertFalse(Files.exists(done), "the command did not run on");
    }

    private void tracerKilled(List<String> options, boolean commandSurvives) throws Exception {
        Path done = dir.resolve("done");
        List<String> args = new ArrayList<>();
        for (String o : options) args.add(o.equals("LOG") ? dir.resolve("log").toString() : o);
        args.addAll(List.of("/bin/sh", "-c", "/bin/sleep 0.5; echo > " + done + "; cat /dev/null"));
        Process j = JstraceProcess.builder(dir, args).start();
        int pid = launchedChild(j, "echo > ");
        // past its execve's stop, where jstrace lets go of PTRACE_O_EXITKILL: the command has
        // forked its sleep (it could not before jstrace resumed it from that stop)
        for (int i = 0; i < 400 && ProcessHandle.of(pid).map(h -> h.children().findAny().isEmpty()).orElse(false); i++) {
            Thread.sleep(25);
        }
        j.destroyForcibly().waitFor();
        for (int i = 0; i < 300 && !Files.exists(done); i++) Thread.sleep(50); // a loaded machine is slow
        assertEquals(commandSurvives, Files.exists(done), "the command ran on");
        assertUntraced(pid);
    }

    private void attachedTracerKilled() throws Exception {
        ProcessHandle h = orphan("while :; do /bin/sleep 0.05; done");
        int pid = (int) h.pid();
        try {
            Process j = JstraceProcess.builder(dir, List.of("-f", "-o", dir.resolve("log").toString(), "-p", "" + pid))
                    .start();
            awaitTracer(pid, j.pid());
            j.destroyForcibly().waitFor();
            assertUntraced(pid);
            assertTrue(Files.exists(Path.of("/proc/" + pid)), "runs on");
        } finally {
            h.destroyForcibly();
        }
    }

    // ---- native faults (the library, in this JVM)

    private static final List<String> SHELL = List.of("/bin/sh", "-c", "trap : USR1; kill -USR1 $$; /bin/true; exit 3");

    /** Traces SHELL; the records as "kind pid name", the session's status last. */
    private static List<String> traceShell(List<Throwable> errors) throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (TraceSession s = TraceSession.launch(SHELL, TraceOptions.defaults().withFollowForks(true))) {
            s.onError(errors::add);
            s.addListener(new TraceListener() {
                public void onSyscallExit(SyscallExit x, Tracee t) {
                    seen.add("syscall " + x.enter().name());
                }

                public void onExit(Exit x, Tracee t) {
                    seen.add("exit " + x.status());
                }

                public void onSignalExit(SignalExit x, Tracee t) {
                    seen.add("killed " + x.signal().number());
                }
            });
            seen.add("status " + s.startAsync().get(20, TimeUnit.SECONDS));
        }
        seen.sort(null); // two processes: their records interleave as they run
        return seen;
    }

    private void vanishingEverywhere() throws Exception {
        long[] requests = {Ptrace.PTRACE_GET_SYSCALL_INFO, Ptrace.PTRACE_SYSCALL, Ptrace.PTRACE_GETEVENTMSG,
                Ptrace.PTRACE_GETSIGINFO, Ptrace.PTRACE_CONT};
        for (long request : requests) {
            for (int nth : new int[] {1, 7}) {
                AtomicInteger calls = new AtomicInteger();
                List<Integer> victims = new ArrayList<>();
                NativeFaults.inject((name, args) -> {
                    if (name.equals("ptrace") && ((Number) args[0]).longValue() == request
                            && calls.incrementAndGet() == nth) {
                        victims.add((Integer) args[1]);
                        Native.libc().kill((Integer) args[1], 9);
                        return NativeFaults.fail(Ptrace.ESRCH);
                    }
                    return null;
                });
                List<String> seen = traceShell(new ArrayList<>());
                NativeFaults.restore();
                assertTrue(seen.contains("status 3") || seen.contains("status 137"), request + "#" + nth + ": " + seen);
                for (int v : victims) assertGone(v);
            }
        }
        AtomicInteger reads = new AtomicInteger();
        NativeFaults.inject((name, args) -> name.equals("process_vm_readv") && reads.incrementAndGet() == 3
                ? kill9AndFail((Integer) args[0]) : null);
        List<String> seen = traceShell(new ArrayList<>());
        assertTrue(seen.contains("status 3") || seen.contains("status 137"), seen.toString());
    }

    private static Long kill9AndFail(int pid) {
        Native.libc().kill(pid, 9);
        return NativeFaults.fail(Ptrace.ESRCH);
    }

    private void interruptedWaits() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        List<String> clean = traceShell(errors);
        AtomicInteger calls = new AtomicInteger();
        NativeFaults.inject(every("waitpid", calls, Ptrace.EINTR));
        assertEquals(clean, traceShell(errors));
        assertTrue(calls.get() > 10, "waitpid calls " + calls);
        assertEquals(List.of(), errors);
        assertTrue(clean.contains("status 3"), clean.toString());
    }

    /** Fails every other call of {@code function} with {@code errno}. */
    private static BiFunction<String, Object[], Long> every(String function, AtomicInteger calls, int errno) {
        return (name, args) -> name.equals(function) && calls.incrementAndGet() % 2 == 0 ? NativeFaults.fail(errno) : null;
    }

    private void spawnFails() throws Exception {
        NativeFaults.inject((name, args) -> name.equals("posix_spawn") ? 11L : null); // returns the error
        TraceSession s = TraceSession.launch(List.of("/bin/true"), TraceOptions.defaults());
        TraceException e = assertThrows(TraceException.class, s::start);
        assertTrue(e.getMessage().contains("posix_spawn"), e.getMessage());
    }

    private void wakerFails() throws Exception {
        List<String> clean = traceShell(new ArrayList<>());
        NativeFaults.inject((name, args) -> name.equals("pipe2") ? NativeFaults.fail(11) : null);
        assertEquals(clean, traceShell(new ArrayList<>()));
    }

    private void seizeRefused() throws Exception {
        ProcessHandle h = orphan("exec /bin/sleep 60");
        int pid = (int) h.pid();
        try {
            NativeFaults.inject((name, args) -> name.equals("ptrace")
                    && ((Number) args[0]).longValue() == Ptrace.PTRACE_SEIZE ? NativeFaults.fail(Ptrace.EPERM) : null);
            TraceSession s = TraceSession.attach(List.of(pid), TraceOptions.defaults());
            TraceException e = assertThrows(TraceException.class, s::start);
            assertTrue(e.getMessage().startsWith("attach: ptrace(PTRACE_SEIZE, " + pid + "): Operation not permitted"),
                    e.getMessage());
            assertUntraced(pid);
        } finally {
            h.destroyForcibly();
        }
    }

    private void memoryUnreadable() throws Exception {
        List<String> clean = traceShell(new ArrayList<>());
        // The launch reads the prelude's stack once; every read after that fails.
        AtomicInteger reads = new AtomicInteger();
        NativeFaults.inject((name, args) -> name.equals("process_vm_readv") && reads.incrementAndGet() > 1
                ? NativeFaults.fail(Ptrace.EPERM) : null);
        List<Throwable> errors = new ArrayList<>();
        assertEquals(clean, traceShell(errors));
        assertEquals(List.of(), errors);
        // Unreadable at the launch: the command cannot get its arguments and is not run without.
        NativeFaults.inject((name, args) -> name.equals("process_vm_readv") ? NativeFaults.fail(Ptrace.EPERM) : null);
        assertEquals(List.of("exit 1", "status 1"), traceShell(errors));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().startsWith("cannot hand the command its arguments"), errors.toString());
    }

    // ---- output

    private void devFull() throws Exception {
        var r = jstrace(List.of("-o", "/dev/full", "/bin/sh", "-c", "exit 6"));
        assertEquals(6, r.exit(), "the command's status");
        assertTrue(r.stderr().startsWith("jstrace: /dev/full: No space left on device\n"), r.stderr());
        assertEquals(r.stderr().lines().count(), count(r.stderr(), "No space left on device"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    private void closedPipe() throws Exception {
        Path done = dir.resolve("done");
        Process j = JstraceProcess.builder(dir, List.of("/bin/sh", "-c", "/bin/sleep 0.5; echo > " + done)).start();
        j.getErrorStream().close();
        assertTrue(j.waitFor(60, TimeUnit.SECONDS));
        assertEquals(141, j.exitValue(), "died of SIGPIPE as strace does");
        Thread.sleep(700);
        assertFalse(Files.exists(done), "the command got SIGPIPE too");
    }

    private void slowReader() throws Exception {
        Process j = JstraceProcess.builder(dir, List.of("-e", "trace=getppid",
                TestPrograms.compile("syscall_storm").toString(), "0", "3000")).start();
        StringBuilder out = new StringBuilder();
        try (InputStream in = j.getErrorStream()) {
            byte[] b = new byte[512];
            for (int n; (n = in.read(b)) > 0; Thread.sleep(1)) out.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
        }
        assertTrue(j.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, j.exitValue());
        assertEquals(3000, count(out.toString(), "getppid()"), "every line arrived");
        assertTrue(out.toString().endsWith("+++ exited with 0 +++\n"));
    }

    // ---- tracees that fight back or hide

    private void tracerUnderTracer(boolean follow) throws Exception {
        assertNotNull(TestPrograms.onPath("strace"));
        List<String> options = follow ? List.of("-f") : List.of();
        List<String> inner = List.of("strace", "-o", "/dev/null", "/bin/true");
        List<String> straceRun = new ArrayList<>(List.of("strace", "-o", "/dev/null"));
        straceRun.addAll(options);
        straceRun.addAll(inner);
        Process truth = new ProcessBuilder(straceRun).redirectErrorStream(true).start();
        truth.getInputStream().readAllBytes();
        Path log = dir.resolve("log");
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-o", log.toString()));
        args.addAll(inner);
        var r = jstrace(args);
        assertEquals(truth.waitFor(), r.exit(), "the inner strace's status, as under strace; " + r.stderr());
        assertEquals(follow ? 1 : 0, r.exit());
        if (follow) assertTrue(Files.readString(log).contains("EPERM (Operation not permitted)"));
        assertNoStackTrace(r);
    }

    private void setuidUnprivileged() throws Exception {
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "jstrace-setuid");
        try {
            Files.setAttribute(shared, "unix:mode", 01777); // nobody writes the log there
            Path id = shared.resolve("id");
            Files.copy(Path.of("/usr/bin/id"), id);
            Files.setAttribute(id, "unix:mode", 04755);
            List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups"));
            Process plain = new ProcessBuilder(concat(asNobody, List.of(id.toString(), "-u"))).start();
            assertEquals("0", new String(plain.getInputStream().readAllBytes()).strip(), "setuid works untraced");
            List<String> cmd = new ArrayList<>(asNobody);
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", readableClassPath(shared), Main.class.getName(),
                    "-o", shared.resolve("log").toString(), id.toString(), "-u"));
            Process j = new ProcessBuilder(cmd).directory(shared.toFile()).start();
            String out = new String(j.getInputStream().readAllBytes()).strip();
            String err = new String(j.getErrorStream().readAllBytes());
            assertEquals(0, j.waitFor(), err);
            assertEquals("" + NOBODY, out, "traced by an unprivileged tracer, the setuid bit is not honoured");
        } finally {
            try (var files = Files.walk(shared)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The test class path, its jars copied where user nobody can read them. */
    private static String readableClassPath(Path shared) throws IOException {
        Path jars = Files.createDirectories(shared.resolve("cp"));
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(":")) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                entries.add(e);
            } else if (Files.isRegularFile(p)) {
                Path copy = jars.resolve(entries.size() + "-" + p.getFileName());
                Files.copy(p, copy);
                entries.add(copy.toString());
            }
        }
        return String.join(":", entries);
    }

    private void pidNamespace() throws Exception {
        Path log = dir.resolve("log");
        var r = jstrace(List.of("-f", "-e", "trace=execve", "-o", log.toString(), "unshare", "-pf", "/bin/sh", "-c",
                "/bin/sh -c 'exit 7'; exit $?"));
        assertEquals(7, r.exit(), r.stderr());
        String text = Files.readString(log);
        assertEquals(3, count(text, "+++ exited with 7 +++"), "unshare, its child and the inner shell: " + text);
        assertEquals(3, count(text, "execve("), "unshare, sh, sh: " + text);
    }

    private void attachInNamespace() throws Exception {
        ProcessHandle outerHandle = orphan("exec unshare -pf /bin/sh -c 'while :; do /bin/sleep 0.05; done'");
        int outer = (int) outerHandle.pid();
        ProcessHandle innerHandle = null;
        int inner = -1;
        try {
            for (int i = 0; i < 100 && inner < 0; i++) {
                inner = ProcessHandle.of(outer).flatMap(h -> h.children().findFirst()).map(h -> (int) h.pid()).orElse(-1);
                if (inner < 0) Thread.sleep(20);
            }
            assertTrue(inner > 0);
            innerHandle = ProcessHandle.of(inner).orElseThrow();
            List<String> execs = Collections.synchronizedList(new ArrayList<>());
            TraceSession s = TraceSession.attach(List.of(inner), TraceOptions.defaults().withFollowForks(true));
            s.addListener(new TraceListener() {
                public void onExec(Exec e, Tracee t) {
                    execs.add("exec");
                }
            });
            var done = s.startAsync();
            for (int i = 0; i < 100 && execs.size() < 2; i++) Thread.sleep(20);
            s.detach();
            assertEquals(0, done.get(10, TimeUnit.SECONDS));
            assertTrue(execs.size() >= 2, "the namespace's sleeps were seen: " + execs);
            assertUntraced(inner);
            Thread.sleep(100);
            for (ProcessHandle h : ProcessHandle.of(inner).orElseThrow().children().toList()) assertUntraced((int) h.pid());
        } finally {
            // by handle, which checks the start time: a pid is never killed after reuse
            if (innerHandle != null) innerHandle.destroyForcibly(); // the namespace's init: all in it die
            outerHandle.destroyForcibly();
        }
    }

    private void attachZombie() throws Exception {
        ProcessHandle h = orphan("/bin/sleep 0.01 & exec /bin/sleep 60");
        int parent = (int) h.pid();
        try {
            int zombie = -1;
            for (int i = 0; i < 100 && zombie < 0; i++) {
                Thread.sleep(20);
                for (ProcessHandle c : h.children().toList()) {
                    String st = state((int) c.pid());
                    if (st != null && st.startsWith("Z")) zombie = (int) c.pid();
                }
            }
            assertTrue(zombie > 0, "a zombie");
            var r = jstrace(List.of("-p", "" + zombie));
            assertEquals(1, r.exit());
            assertTrue(r.stderr().startsWith("jstrace: attach: ptrace(PTRACE_SEIZE, " + zombie
                    + "): Operation not permitted (it is a zombie"), r.stderr());
            assertFalse(r.stderr().contains("Exception"), r.stderr());
        } finally {
            h.destroyForcibly();
        }
    }

    private void attachDead() throws Exception {
        var r = jstrace(List.of("-p", "99999999"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: attach: ptrace(PTRACE_SEIZE, 99999999): No such process\n", r.stderr());
    }

    private void attachOwnChild() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "read _; exit 7").start();
        TraceSession s = TraceSession.attach(List.of((int) p.pid()), TraceOptions.defaults());
        assertThrows(TraceException.class, s::start);
        assertUntraced((int) p.pid());
        p.getOutputStream().close();
        assertEquals(7, p.waitFor());
    }

    // ---- helpers

    private JstraceProcess.Result jstrace(List<String> args) throws Exception {
        return JstraceProcess.run(dir, args);
    }

    /**
     * A process that is not our child (so the JDK does not wait for it): sh -c SCRIPT. Its
     * handle kills it only if it is still the same process (destroy checks the start time).
     */
    private ProcessHandle orphan(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "/bin/sh -c \"$0\" >/dev/null 2>&1 </dev/null & echo $!", script)
                .start();
        int pid = Integer.parseInt(new String(p.getInputStream().readAllBytes()).strip());
        p.waitFor();
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** The command jstrace {@code j} launched, once it runs traced with {@code word} in its command line. */
    private static int launchedChild(Process j, String word) throws Exception {
        for (int i = 0; i < 400; i++) {
            for (ProcessHandle h : j.toHandle().children().toList()) {
                int pid = (int) h.pid();
                String cmdline;
                try {
                    cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue;
                }
                if (cmdline.contains(word) && !cmdline.contains("kill -STOP") && tracedBy(pid, j.pid())) {
                    return pid;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("jstrace launched no traced " + word);
    }

    private static void awaitTracer(int pid, long tracer) throws Exception {
        for (int i = 0; i < 400 && !tracedBy(pid, tracer); i++) Thread.sleep(25);
        assertTrue(tracedBy(pid, tracer), "traced by " + tracer);
    }

    /** Whether a thread of process {@code tracer} traces {@code pid} (TracerPid is the tracer thread's id). */
    private static boolean tracedBy(int pid, long tracer) {
        String t = field(pid, "TracerPid:");
        return t != null && !t.equals("0") && Files.exists(Path.of("/proc/" + tracer + "/task/" + t));
    }

    /** The process is gone, or runs on untraced and not stopped by a tracer. */
    private static void assertUntraced(int pid) throws Exception {
        for (int i = 0; i < 40 && !"0".equals(field(pid, "TracerPid:")) && field(pid, "TracerPid:") != null; i++) {
            Thread.sleep(25);
        }
        String tracer = field(pid, "TracerPid:");
        if (tracer == null) return;
        assertEquals("0", tracer, "pid " + pid + " still traced");
        assertFalse(state(pid).startsWith("t"), "pid " + pid + " left in a tracing stop: " + state(pid));
    }

    private static void assertNoStackTrace(JstraceProcess.Result r) {
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    private static void assertGone(int pid) throws Exception {
        for (int i = 0; i < 40 && Files.exists(Path.of("/proc/" + pid)); i++) Thread.sleep(25);
        String s = state(pid);
        assertTrue(s == null || s.startsWith("Z"), "pid " + pid + " is " + s);
    }

    private static String state(int pid) {
        return field(pid, "State:");
    }

    private static String field(int pid, String name) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith(name)).map(l -> l.substring(name.length()).strip()).findFirst()
                    .orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) n++;
        return n;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> c = new ArrayList<>(a);
        c.addAll(b);
        return c;
    }
}
