package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The display options (-X, -e abbrev=/verbose=/raw=/read=/write=, -P, -yy) against the
 * system strace: the helper tracee {@code display} under both with the same flags, logs
 * equal once addresses are masked and the return column is ignored.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class DisplayOptionsTest {
    /** Left out: execve's environment and getrandom's bytes differ run to run, set_tid_address is the pid. */
    private static final String TRACE = "trace=!execve,getrandom,set_tid_address";

    @TempDir
    Path dir;

    static boolean straceInstalled() {
        return TestPrograms.onPath("strace") != null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-X raw", "-X verbose", "-X abbrev", "--const-print-style=raw", "-X verbose -v",
        "-e raw=all", "-e raw=openat,read,pread64,mmap,rt_sigaction", "--raw=%file", "-e verbose=none",
        "-e verbose=none -v", "-e abbrev=none", "--abbrev=!newfstatat -v", "--verbose=!writev,readv",
        "-e read=3", "-e write=3", "-e read=all -e write=all", "--read=3 --write=!0,1,2", "-e write=none",
        "-X raw -e write=3", "-v -e abbrev=newfstatat", "-e abbrev=newfstatat -v", "-e verbose=none -e read=3"})
    @EnabledIf("straceInstalled")
    void matchesStrace(String flags) throws Exception {
        assertSameAsStrace(List.of(flags.split(" ")));
    }

    /**
     * -yy and its long forms on descriptors of every kind; inodes, ports and pids differ
     * run to run, so digits are masked.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-yy", "--decode-fds=all", "-e decode-fds=path,socket", "--decode-fds=path,dev",
        "--decode-fds=path,pidfd", "-y", "--decode-fds", "--decode-fds=socket", "-X raw -y", "-X verbose -yy"})
    @EnabledIf("straceInstalled")
    void fdDetailsMatchStrace(String flags) throws Exception {
        Path prog = TestPrograms.compile("display_fds");
        List<String> options = new ArrayList<>(List.of(flags.split(" ")));
        options.addAll(List.of("-e", "trace=openat,close,write,read,accept,listen"));
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), options, List.of(prog.toString()));
        List<String> theirs = digitsMasked(logs[1]);
        assertEquals(theirs, digitsMasked(logs[0]));
        if (flags.equals("-yy")) {
            assertTrue(theirs.contains("accept(N<TCP:[N.N.N.N:N]>, NULL, NULL) = N<TCP:[N.N.N.N:N->N.N.N.N:N]>"),
                    theirs.toString());
        }
    }

    private static List<String> digitsMasked(Path log) throws Exception {
        return normalised(log).stream().map(l -> l.replaceAll("[0-9]+", "N")).toList();
    }

    /** -P with the file's absolute path: its openat names it relatively, so only the fd calls match. */
    @Test
    @EnabledIf("straceInstalled")
    void tracePathMatchesStraceByDescriptor() throws Exception {
        Path prog = TestPrograms.compile("display");
        Path file = prog.resolveSibling("display.tmp");
        List<String> lines = assertSameAsStrace(List.of("-P", file.toString()));
        assertTrue(lines.contains("read(3, \"hexabcdefghijklmnopqrstuvwxyz012\"..., 256) = 149"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("openat(")), lines.toString());
    }

    /** -P with the relative name the program uses: the path calls match, the descriptor calls do not. */
    @Test
    @EnabledIf("straceInstalled")
    void tracePathMatchesStraceByName() throws Exception {
        Path prog = TestPrograms.compile("display");
        Files.writeString(prog.resolveSibling("display.tmp"), "");
        List<String> lines = assertSameAsStrace(List.of("-P", "display.tmp", "-P", "/dev/null"));
        assertTrue(lines.contains("write(3, \"elsewhere\", 9) = 9"), lines.toString());
    }

    /** strace judges rename by its first argument only, poll by its descriptors, dup2 by both. */
    @Test
    @EnabledIf("straceInstalled")
    void tracePathLooksWhereStraceLooks() throws Exception {
        Path prog = TestPrograms.compile("display");
        Files.writeString(prog.resolveSibling("display.tmp"), "");
        List<String> renamed = assertSameAsStrace(List.of("-P", "display.tmp2"));
        assertEquals(List.of("rename(\"display.tmp2\", \"display.tmp\") = 0", "+++ exited with 0 +++"), renamed);
        List<String> byFd = assertSameAsStrace(List.of("-P", prog.resolveSibling("display.tmp").toString()));
        assertTrue(byFd.contains("poll([{fd=3, events=POLLIN}], 1, 0) = 1 ([{fd=3, revents=POLLIN}])"), byFd.toString());
        assertTrue(byFd.contains("dup2(3, 7) = 7"), byFd.toString());
    }

    private List<String> assertSameAsStrace(List<String> flags) throws Exception {
        Path prog = TestPrograms.compile("display");
        List<String> options = new ArrayList<>(flags);
        options.addAll(List.of("-e", TRACE));
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), options, List.of(prog.toString()));
        List<String> theirs = normalised(logs[1]);
        assertEquals(theirs, normalised(logs[0]));
        return theirs;
    }

    /**
     * The log with addresses and file times (each run rewrites the file) masked, and the
     * padding before {@code =} collapsed.
     */
    private static List<String> normalised(Path log) throws Exception {
        return Files.readString(log, StandardCharsets.ISO_8859_1).lines()
                .map(l -> l.replaceAll("(st_[amc]time(_nsec)?=)\\d+( /\\* [^*]* \\*/)?", "$1T")
                        .replaceAll("0x[0-9a-f]{5,}", "0xADDR").replaceAll(" +=", " ="))
                .toList();
    }

    @Test
    void badConstPrintStyleIsAUsageError() throws Exception {
        var r = JstraceProcess.run(dir, List.of("-X", "hex", "true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: invalid -X argument: 'hex'\nTry 'jstrace -h' for more information.\n", r.stderr());
        r = JstraceProcess.run(dir, List.of("--const-print-style=hex", "true"));
        assertEquals("jstrace: invalid --const-print-style argument: 'hex'\nTry 'jstrace -h' for more information.\n",
                r.stderr());
    }

    /** strace 6.1 has --read and --write, not --read-data: getopt_long's message for it. */
    @Test
    void unknownLongOptionIsUnrecognized() throws Exception {
        var r = JstraceProcess.run(dir, List.of("--read-data=3", "true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: unrecognized option '--read-data=3'\nTry 'jstrace -h' for more information.\n",
                r.stderr());
    }

    @Test
    void badSetsNameWhatIsWrong() throws Exception {
        assertEquals("jstrace: invalid system call 'nosuch'\n", JstraceProcess.run(dir,
                List.of("-e", "raw=nosuch", "true")).stderr());
        assertEquals("jstrace: invalid system call 'nosuch'\n", JstraceProcess.run(dir,
                List.of("--abbrev=open,nosuch", "true")).stderr());
        assertEquals("jstrace: invalid descriptor 'x'\n", JstraceProcess.run(dir,
                List.of("-e", "read=x", "true")).stderr());
        assertEquals("jstrace: invalid descriptor '-1'\n", JstraceProcess.run(dir,
                List.of("--write=-1", "true")).stderr());
        assertEquals("jstrace: invalid decode-fds 'foo'\n", JstraceProcess.run(dir,
                List.of("--decode-fds=foo", "true")).stderr());
    }

    @Test
    void symlinkedTracePathIsResolvedAndSaidSo() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        var r = JstraceProcess.run(dir, List.of("-P", link.toString(), "-e", "trace=none", "true"));
        assertEquals("jstrace: Requested path \"" + link + "\" resolved into \"" + target.toRealPath() + "\"\n"
                + "+++ exited with 0 +++\n", r.stderr());
        r = JstraceProcess.run(dir, List.of("-P", link.toString(), "-e", "quiet=path-resolution", "-e",
                "trace=none", "true"));
        assertEquals("+++ exited with 0 +++\n", r.stderr());
    }
}
