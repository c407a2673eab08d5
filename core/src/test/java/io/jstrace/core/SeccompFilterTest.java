package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@link TraceOptions#seccompFilter}: the launched command runs under a seccomp filter
 * installed by syscall injection, stops only at the selected syscalls, and is otherwise
 * the same command.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class SeccompFilterTest {

    /** What a listener saw: syscall names at enter and exit, and the tracee's Seccomp mode then. */
    private static final class Seen implements TraceListener {
        final List<String> enters = new ArrayList<>();
        final List<String> exits = new ArrayList<>();
        final List<String> seccompModes = new ArrayList<>();
        final List<Integer> execs = new ArrayList<>();
        final List<Integer> exitCodes = new ArrayList<>();

        @Override
        public void onSyscallEnter(SyscallEnter enter, Tracee tracee) {
            enters.add(enter.name());
            seccompModes.add(statusField(tracee.pid(), "Seccomp"));
        }

        @Override
        public void onSyscallExit(SyscallExit exit, Tracee tracee) {
            exits.add(exit.enter().name() + "=" + exit.returnValue());
        }

        @Override
        public void onExec(Exec exec, Tracee tracee) {
            execs.add(exec.pid());
        }

        @Override
        public void onExit(Exit exit, Tracee tracee) {
            if (exit.pid() == exit.tid()) exitCodes.add(exit.status());
        }
    }

    private static String statusField(int pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name + ":")) return line.substring(name.length() + 1).strip();
            }
        } catch (Exception e) {
            return "?";
        }
        return "none";
    }

    private static Seen run(TraceOptions options, String script) throws Exception {
        Seen seen = new Seen();
        TraceSession s = TraceSession.launch(List.of("/bin/sh", "-c", script), options.withInheritedFds(java.util.Set.of()));
        s.addListener(seen);
        int status = s.start();
        assertEquals(3, status, "the command's own exit status");
        return seen;
    }

    private static final String SCRIPT = "i=0; while [ $i -lt 50 ]; do i=$((i+1)); done; "
            + "/bin/true; /bin/echo hi >/dev/null; cat /nonexistent 2>/dev/null; exit 3";

    @Test
    void onlySelectedSyscallsStopAndTheFilterIsInTheTracee() throws Exception {
        TraceOptions o = TraceOptions.defaults().withFollowForks(true).withSeccompFilter(true)
                .withSyscalls(s -> s.name().equals("execve") || s.name().equals("openat"));
        Seen seen = run(o, SCRIPT);
        assertTrue(seen.enters.stream().allMatch(n -> n.equals("execve") || n.equals("openat")), seen.enters.toString());
        assertEquals(4, seen.enters.stream().filter("execve"::equals).count(), seen.enters.toString());
        assertTrue(seen.exits.contains("openat=-2"), "cat's failed open, with its exit: " + seen.exits);
        // Seccomp: 2 is SECCOMP_MODE_FILTER (fs/proc/array.c: task_seccomp); the first
        // execve's enter is the prelude's, before the filter matters, but it is installed.
        assertTrue(seen.seccompModes.stream().allMatch("2"::equals), seen.seccompModes.toString());
        assertEquals(List.of(3), seen.exitCodes.subList(seen.exitCodes.size() - 1, seen.exitCodes.size()));
    }

    @Test
    void sameRecordsAsWithoutTheFilter() throws Exception {
        TraceOptions o = TraceOptions.defaults().withFollowForks(true)
                .withSyscalls(s -> s.name().equals("execve") || s.name().equals("openat") || s.name().equals("exit_group"));
        Seen plain = run(o, SCRIPT);
        Seen filtered = run(o.withSeccompFilter(true), SCRIPT);
        assertEquals(plain.enters, filtered.enters);
        assertEquals(plain.exits.size(), filtered.exits.size());
        assertEquals(plain.execs.size(), filtered.execs.size());
        assertTrue(plain.seccompModes.stream().allMatch("0"::equals), plain.seccompModes.toString());
    }

    @Test
    void nothingSelectedMeansNoSyscallStopsButEveryEvent() throws Exception {
        TraceOptions o = TraceOptions.defaults().withFollowForks(true).withSeccompFilter(true).withSyscalls(s -> false);
        Seen seen = run(o, SCRIPT);
        assertTrue(seen.enters.isEmpty(), seen.enters.toString());
        assertEquals(4, seen.execs.size(), "sh, true, echo, cat: " + seen.execs);
        assertEquals(4, seen.exitCodes.size(), seen.exitCodes.toString());
    }
}
