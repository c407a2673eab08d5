package io.jstrace.cli;

import io.jstrace.render.Timing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timing columns and other display options against the system strace: the same program under both with the same
 * flags; times differ run to run, so every digit is replaced by N before comparing —
 * what must match is the layout: columns, widths, precision, alignment.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class LayoutTest {
    @TempDir
    Path dir;

    static boolean straceInstalled() {
        return TestPrograms.onPath("strace") != null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-t", "-tt", "-ttt", "-r", "-T", "-tt -T", "-i", "-f -tt", "--timestamps=unix,ns",
        "--timestamps=time,ms", "--relative-timestamps=ms", "--syscall-times=ns", "-ttt -T -i", "-y", "-n", "-z", "-Z", "-qq",
        "-e status=failed,unfinished", "-e quiet=exit", "-n -tt -i", "-x", "-xx"})
    @EnabledIf("straceInstalled")
    void layoutMatchesStrace(String flags) throws Exception {
        Path prog = TestPrograms.compile("exit_code");
        List<String> options = new ArrayList<>(List.of(flags.split(" ")));
        options.addAll(List.of("-e", "trace=exit_group,writev"));
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), options, List.of(prog.toString()));
        assertEquals(shape(logs[1]), shape(logs[0]));
    }

    @org.junit.jupiter.api.Test
    @EnabledIf("straceInstalled")
    void fdPathsMatchStrace() throws Exception {
        Path[] logs = JstraceProcess.besideStrace(dir, dir, List.of("-y", "-e", "trace=openat,read,close,pipe2", "-e",
                "signal=none"), List.of("/bin/sh", "-c", "cat /etc/hostname | cat >/dev/null"));
        Path ours = logs[0];
        Path theirs = logs[1];
        // inode numbers vary in length: compare with digit runs collapsed, alignment aside
        assertEquals(loose(theirs), loose(ours));
    }

    /** --seccomp-bpf: the same lines as strace's, which stops only at them too. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-f --seccomp-bpf", "--seccomp-bpf"})
    @EnabledIf("straceInstalled")
    void seccompFilteredTraceMatchesStrace(String flags) throws Exception {
        List<String> options = new ArrayList<>(List.of(flags.split(" ")));
        options.addAll(List.of("-e", "trace=execve,openat,exit_group", "-e", "signal=none", "-qq"));
        Path[] logs = JstraceProcess.besideStrace(dir, dir, options,
                List.of("/bin/sh", "-c", "cat /etc/hostname >/dev/null; /bin/true"));
        assertEquals(loose(logs[1]), loose(logs[0]));
    }

    @org.junit.jupiter.api.Test
    void seccompWithoutFollowingIsDisabledWithStracesWarning() throws Exception {
        var r = JstraceProcess.run(dir, List.of("--seccomp-bpf", "-e", "trace=none", "/bin/true"));
        assertEquals("jstrace: --seccomp-bpf cannot be used without -f/--follow-forks, disabling\n+++ exited with 0 +++\n",
                r.stderr());
    }

    private static String loose(Path log) throws Exception {
        return shape(log).replaceAll("N+", "N").replaceAll(" +=", " =");
    }

    /** The log with pids, addresses and digits masked: its layout. */
    private static String shape(Path log) throws Exception {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        return text.replaceAll("0x[0-9a-f]+", "0xADDR").replaceAll("\\[[0-9a-f]{16}\\]", "[IP]").replaceAll("[0-9]", "N");
    }
}
