package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * --pidns-translation on a real tracee in a pid namespace of its own (testdata pidns.c:
 * an init, a session leader 2 and a member 3): every id its calls pass or return, and
 * siginfo's si_pid, prints with the same one's id in jstrace's namespace, which the test
 * takes from what the kernel told each process of itself (/proc/self/status NSpid, NSpgid,
 * NSsid), never from jstrace. Twice: with jstrace in the host's namespace, and as the init
 * of a namespace of its own whose /proc is still the host's ({@code unshare -Urpf}), where
 * /proc's numbers are not jstrace's.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class PidnsTranslationTest {
    private static final List<String> OPTIONS = List.of("-f", "-e", "signal=SIGCHLD,SIGUSR1",
            "-e", "trace=getpid,gettid,getpgrp,getpgid,getsid,kill,tgkill,fork,clone");

    @TempDir
    Path dir;

    /** One process's ids, outermost namespace first, as /proc/self/status lists them. */
    private record Ids(int[] pid, int[] pgid, int[] sid) {}

    @Test
    void commentsGiveJstracesIds() throws Exception {
        check(List.of());
    }

    @Test
    void underTheProcOfAnotherNamespace() throws Exception {
        assumeTrue(TestPrograms.onPath("unshare") != null, "no unshare");
        check(List.of("unshare", "-Urpf"));
    }

    @Test
    void withoutTheOptionNoComment() throws Exception {
        var run = run(List.of(), OPTIONS);
        assertFalse(run.log.contains("PID NS"), run.log);
        Ids child = run.ids.get("child");
        // whole, or resumed when another process's call came in between
        assertTrue(run.log.contains(" getpid() = 2\n") || run.log.contains(" <... getpid resumed>) = 2\n"), run.log);
        assertTrue(run.log.contains(" kill(1, 0) = 0\n"), run.log);
        assertEquals(2, child.pid()[child.pid().length - 1]);
    }

    private void check(List<String> prefix) throws Exception {
        List<String> options = new ArrayList<>(List.of("--pidns-translation"));
        options.addAll(OPTIONS);
        Run run = run(prefix, options);
        Ids parent = run.ids.get("parent"), init = run.ids.get("init"), child = run.ids.get("child"),
                grandchild = run.ids.get("grandchild");
        // jstrace's namespace is the parent's own: the innermost of the parent's ids
        int level = parent.pid().length - 1;
        int p = parent.pid()[level], i = init.pid()[level], c = child.pid()[level], g = grandchild.pid()[level];
        assertEquals(List.of(1, 2, 3), List.of(inner(init.pid()), inner(child.pid()), inner(grandchild.pid())));
        // the parent shares jstrace's namespace: no comment
        assertLine(run, p, "getpid() = " + p);
        assertLine(run, p, "fork() = " + i);
        assertLine(run, i, "getpid() = 1" + ns(i));
        assertLine(run, c, "getpid() = 2" + ns(c));
        assertLine(run, c, "gettid() = 2" + ns(c));
        assertLine(run, c, "getpgrp() = 2" + ns(child.pgid()[level]));
        assertLine(run, c, "getsid(0) = 2" + ns(child.sid()[level]));
        assertLine(run, c, "kill(1" + ns(i) + ", 0) = 0");
        assertLine(run, c, "tgkill(2" + ns(c) + ", 2" + ns(c) + ", 0) = 0");
        // the process group and the session by a member's ids
        assertLine(run, g, "getpgid(0) = 2" + ns(grandchild.pgid()[level]));
        assertLine(run, g, "getsid(0) = 2" + ns(grandchild.sid()[level]));
        assertLine(run, g, "kill(-2" + ns(grandchild.pgid()[level]) + ", 0) = 0");
        // clone's result (glibc's fork), and the sender of a signal in its siginfo
        assertTrue(run.lines.stream().anyMatch(l -> l.startsWith(i + " ") && l.contains("clone")
                && l.endsWith(" = 2" + ns(c))), run.log);
        assertLine(run, c, "kill(2" + ns(c) + ", SIGUSR1) = 0");
        assertTrue(run.lines.stream().anyMatch(l -> l.startsWith(c + " --- SIGUSR1 ")
                && l.contains("si_pid=2" + ns(c) + ",")), run.log);
        // the parent's own namespace needs no comment
        assertTrue(run.lines.stream().anyMatch(l -> l.startsWith(p + " --- SIGCHLD ")
                && l.contains("si_pid=" + i + ",")), run.log);
    }

    private static String ns(int ours) {
        return " /* " + ours + " in strace's PID NS */";
    }

    private static int inner(int[] ids) {
        return ids[ids.length - 1];
    }

    private static void assertLine(Run run, int pid, String call) {
        assertTrue(run.lines.contains(pid + " " + call), "no " + pid + " " + call + " in\n" + run.log);
    }

    /** The trace (-o, each run of spaces one space), its lines, and each process's ids. */
    private record Run(String log, List<String> lines, Map<String, Ids> ids) {}

    private Run run(List<String> prefix, List<String> options) throws Exception {
        Path prog = TestPrograms.compile("pidns");
        Path log = dir.resolve("log");
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-o", log.toString(), prog.toString()));
        ProcessBuilder b = JstraceProcess.builder(dir, args);
        b.command().addAll(0, prefix);
        Process proc = b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("jstrace did not finish");
        }
        assumeTrue(proc.exitValue() != 77, "no user and pid namespace for the tracee: " + out);
        assertEquals(0, proc.exitValue(), out);
        Map<String, Ids> ids = new HashMap<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("ids ")) continue;
            String[] f = line.split(" ");
            Map<String, int[]> m = new HashMap<>();
            for (int k = 2; k < f.length; k++) {
                String[] kv = f[k].split("=");
                m.put(kv[0], Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray());
            }
            ids.put(f[1], new Ids(m.get("NSpid"), m.get("NSpgid"), m.get("NSsid")));
        }
        assertEquals(4, ids.size(), out);
        String text = Files.readString(log).replaceAll(" {2,}", " ");
        return new Run(text, joined(text.split("\n")), ids);
    }

    /** The lines, each call interrupted by another process's ({@code <unfinished ...>}) joined with its resumption. */
    private static List<String> joined(String[] lines) {
        Map<String, String> unfinished = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String pid = l.substring(0, Math.max(0, l.indexOf(' ')));
            if (l.endsWith(" <unfinished ...>")) {
                unfinished.put(pid, l.substring(0, l.length() - " <unfinished ...>".length()));
            } else if (l.contains(" resumed>") && unfinished.containsKey(pid)) {
                out.add(unfinished.remove(pid) + l.substring(l.indexOf(" resumed>") + " resumed>".length()));
            } else {
                out.add(l);
            }
        }
        return out;
    }
}
