package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        List<String> args = new ArrayList<>(List.of(flags.split(" ")));
        args.addAll(List.of("-e", "trace=exit_group,writev", "-o"));
        Path ours = dir.resolve("jstrace.log");
        Path theirs = dir.resolve("strace.log");
        List<String> j = new ArrayList<>(args);
        j.addAll(List.of(ours.toString(), prog.toString()));
        JstraceProcess.run(prog.getParent(), j);
        List<String> s = new ArrayList<>(List.of("strace"));
        s.addAll(args);
        s.addAll(List.of(theirs.toString(), prog.toString()));
        Process p = new ProcessBuilder(s).start(); // stdout a pipe, as jstrace's is in JstraceProcess
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(shape(theirs), shape(ours));
    }

    @org.junit.jupiter.api.Test
    @EnabledIf("straceInstalled")
    void fdPathsMatchStrace() throws Exception {
        List<String> args = List.of("-y", "-e", "trace=openat,read,close,pipe2", "-e", "signal=none", "-o");
        List<String> command = List.of("/bin/sh", "-c", "cat /etc/hostname | cat >/dev/null");
        Path ours = dir.resolve("jstrace.log");
        Path theirs = dir.resolve("strace.log");
        List<String> j = new ArrayList<>(args);
        j.add(ours.toString());
        j.addAll(command);
        JstraceProcess.run(dir, j);
        List<String> s = new ArrayList<>(List.of("strace"));
        s.addAll(args);
        s.add(theirs.toString());
        s.addAll(command);
        new ProcessBuilder(s).directory(dir.toFile()).start().waitFor(30, TimeUnit.SECONDS);
        // inode numbers vary in length: compare with digit runs collapsed, alignment aside
        assertEquals(loose(theirs), loose(ours));
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
