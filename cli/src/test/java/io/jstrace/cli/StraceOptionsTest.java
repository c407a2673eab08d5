package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * strace 6.1's command line, with strace itself as the oracle where it is installed: the
 * same words give the same messages and exit status, and the same trace.
 */
class StraceOptionsTest {
    @TempDir
    Path dir;

    static boolean straceInstalled() {
        return TestPrograms.onPath("strace") != null;
    }

    static boolean straceAndPtrace() {
        return straceInstalled() && TestPrograms.ptracePermitted();
    }

    /** Command lines strace refuses before it starts anything; "|" separates the words. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-s|-1|true", "-s|1x|true", "-a|-1|true", "--columns=x|true", "-c|-C|true", "-C|-c|true",
        "-I|5|true", "-I|0|true", "--interruptible=sometimes|true", "-b|foo|true", "-D|-D|-D|-D|true",
        "-e|foo=bar|true", "-e|trace=|true", "-e|trace=,,|true", "-e|trace=!|true", "-e|trace=/^xyzzy|true",
        "-e|trace=open@x|true", "-e|trace=open@64,nosuch|true", "-e|signal=FOO|true", "-e|signal=256|true",
        "-e|status=foo|true", "-e|quiet=foo|true", "-e|q=,|true", "-e|decode-fds=foo|true",
        "-e|decode-pids=foo|true", "-e|read=x|true", "-e|write=-1|true", "-e|kvm=cpu|true", "-p|1|-p|2x|true",
        "--absolute-timestamps=foo|true", "--timestamps=format:unix,precision:xs|true", "--strings-in-hex=x|true",
        "-X|x|true", "--const-print-style=x|true", "-t|--absolute-timestamps|true", "-x|--strings-in-hex|true",
        "-y|--decode-fds|true", "-y|-e|decode-fds=path|true", "-f|--follow-forks|true",
        "-ff|--output-separately|-o|x|true", "-q|-e|quiet=all|true", "-qq|--quiet|true", "-w|true", "-U|name|true",
        "-S|foo|true", "-O|x|true", "-r=ms|true", "--relative-timestamps=xs|true", "--syscall-times=q|true",
        "--daemonize=foo|true", "-D|--daemonize|true", "-D", "-ff|-c|-o|x|true", "-o||cat|-ff|true", "-P", "--gibberish=3",
        "-Q|true", "--st=3|true", "--help=3", "--output", "-p", "-E", "--tips=x|true", "--tips=id:x|true",
        "-c|-w|-U|nothing|true", "-u|:nosuchuser:|true"})
    @EnabledIf("straceInstalled")
    void refusedAsStraceRefusesIt(String words) throws Exception {
        List<String> args = List.of(words.split("\\|", -1));
        Process p = new ProcessBuilder(concat(List.of("strace"), args)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Jstrace(new PrintStream(err, true, StandardCharsets.ISO_8859_1)).run(args.toArray(new String[0]));
        String expected = theirs.replaceAll("(?m)^strace: ", "jstrace: ").replace("'strace -h'", "'jstrace -h'")
                .replace("this build of strace", "this build of jstrace");
        assertEquals(expected, err.toString(StandardCharsets.ISO_8859_1));
        assertEquals(p.exitValue(), status);
    }

    /** What jstrace refuses where strace would go on: one line, exit 1, after strace's own checks. */
    @Test
    void refusalsAreOneLine() {
        assertEquals("jstrace: -D/--daemonize is not supported by jstrace: the tracer cannot leave the command its"
                + " own process\n", refused("-D", "true"));
        assertEquals("jstrace: --tips is not supported by jstrace: strace's tips are strace's own text\n",
                refused("--tips=id:3,format:full", "true"));
        assertEquals("jstrace: -e kvm=vcpu is not supported by jstrace\n", refused("--kvm=vcpu", "true"));
    }

    /**
     * -Y beside strace on a shell that starts, signals and reaps a child: every pid and the
     * prefixes with the task's name, the child's once it is gone.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Y", "--decode-pids=comm"})
    @EnabledIf("straceAndPtrace")
    void pidsWithTheirCommandNames(String option) throws Exception {
        Path[] logs = JstraceProcess.besideStrace(dir, dir, List.of(option, "-f", "-e", "trace=kill,wait4", "-e", "signal=none"),
                List.of("/bin/sh", "-c", "sleep 0.1 & kill -0 $$; wait"));
        List<String> theirs = normalised(logs[1]).stream().map(l -> l.replaceAll("[0-9]+", "N")).toList();
        assertTrue(theirs.contains("N<sh> kill(N<sh>, N) = N"), theirs.toString());
        assertTrue(theirs.contains("N<sleep> +++ exited with N +++"), theirs.toString());
        assertEquals(theirs, normalised(logs[0]).stream().map(l -> l.replaceAll("[0-9]+", "N")).toList());
    }

    private static String refused(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Jstrace(new PrintStream(err, true, StandardCharsets.ISO_8859_1)).run(args);
        assertEquals(1, status);
        return err.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sets in every spelling strace 6.1 takes, traced beside strace: the same lines. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--trace=openat,close", "-e|trace=read|-e|trace=openat,close", "-eopenat,,close",
        "-e,openat", "-e|t=!!openat", "-e|trace=openat@64,close", "-e|trace=?nosuch,openat", "-e|trace=/^clos?e$,/openat",
        "-e|trace=%desc", "-edesc", "-e|trace=file", "--trace=write|--status=successful", "--trace=access,openat|-z|-Z",
        "--trace=access,openat|--failed-only", "--trace=kill|--signal=!SIGUSR1", "--trace=kill|--signals=none",
        "--trace=openat|-e|s=all", "--trace=kill|-e|signal=!!usr1", "--trace=openat|--quiet=all",
        "--trace=openat|--silence=exit", "--trace=openat|-e|q=!all", "--trace=openat|--decode-fds=path",
        "--trace=openat|-e|decode-fd=none", "--trace=newfstatat|--no-abbrev|--abbrev=newfstatat", "--trace=openat|--columns=60",
        "--trace=openat|--string-limit=4", "--trace=openat|-s|8|-s|5", "--trace=openat|-a|10|-a|70",
        "--trace=openat|--strings-in-hex", "--trace=write|--strings-in-hex=non-ascii", "--trace=write|-xx",
        "--trace=write|--strings-in-hex=non-ascii-chars",
        "--trace=openat|-X|raw|-X|abbrev", "--trace=openat|--output-append-mode",
        "--trace=openat|-F"})
    @EnabledIf("straceAndPtrace")
    void setsAsStraceReadsThem(String words) throws Exception {
        Path prog = TestPrograms.compile("display");
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), List.of(words.split("\\|")),
                List.of(prog.toString()));
        List<String> theirs = normalised(logs[1]);
        assertTrue(theirs.size() > 1, theirs.toString());
        assertEquals(theirs, normalised(logs[0]));
    }

    /** --absolute-timestamps=FORMAT,PRECISION in its spellings: the shape of strace's stamp. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--absolute-timestamps", "--absolute-timestamps=format:unix,precision:ms",
        "--timestamps=unix,ns", "--absolute-timestamps=precision:s", "--absolute-timestamps=TIME,US", "-ttt",
        "--timestamps=none"})
    @EnabledIf("straceAndPtrace")
    void timestampsAsStraceWritesThem(String words) throws Exception {
        Path prog = TestPrograms.compile("display");
        List<String> options = new ArrayList<>(List.of(words.split("\\|")));
        options.addAll(List.of("-e", "trace=openat"));
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), options, List.of(prog.toString()));
        assertEquals(stampsMasked(logs[1]), stampsMasked(logs[0]));
    }

    private static List<String> stampsMasked(Path log) throws Exception {
        return normalised(log).stream().map(l -> l.replaceAll("[0-9]", "N")).toList();
    }

    /**
     * -E sets, replaces and removes variables of the command's environment, in order, as
     * strace does; the command is still found in the tracer's own PATH (strace.c
     * startup_child: getenv), not the one -E gives it.
     */
    @Test
    @EnabledIf("straceAndPtrace")
    void environmentChanges() throws Exception {
        List<String> opts = List.of("-e", "trace=none", "-qq", "-E", "JS_A=1", "-E", "HOME=/nowhere", "-E", "JS_A=2",
                "-E", "JS_B=x", "-E", "JS_B", "--env=PATH=/nowhere");
        List<String> cmd = List.of("sh", "-c", "echo \"$JS_A|$HOME|${JS_B-unset}|$PATH\"");
        var ours = JstraceProcess.run(dir, concat(opts, cmd));
        Process p = new ProcessBuilder(concat(concat(List.of("strace"), opts), cmd)).start();
        String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals("2|/nowhere|unset|/nowhere\n", theirs);
        assertEquals(theirs, ours.stdout());
    }

    /** -b execve: the command's own exec is traced, the next one detaches, as strace does (exit 0, "detached"). */
    @Test
    @EnabledIf("straceAndPtrace")
    void detachOnExecve() throws Exception {
        List<String> args = List.of("-b", "execve", "-e", "trace=execve", "/bin/sh", "-c", "exec /bin/sh -c 'exit 3'");
        var ours = JstraceProcess.run(dir, args);
        Process p = new ProcessBuilder(concat(List.of("strace"), args)).start();
        String theirs = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(0, p.waitFor());
        assertEquals(0, ours.exit(), ours.stderr());
        assertTrue(theirs.contains(" detached\n <detached ...>"), theirs);
        assertEquals(masked(theirs).replace("strace:", "jstrace:"), masked(ours.stderr()));
    }

    private static String masked(String trace) {
        return trace.replaceAll("0x[0-9a-f]+", "0xADDR").replaceAll("/\\* \\d+ vars \\*/", "/* N vars */")
                .replaceAll("Process \\d+", "Process N");
    }

    /** -p with a command: both traced, each line with its pid, as strace does. */
    @Test
    @EnabledIf("straceAndPtrace")
    void attachBesideACommand() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "4").start(); // outlives a JVM start under load
        try {
            Path log = dir.resolve("log");
            var r = JstraceProcess.run(dir, List.of("-o", log.toString(), "-e", "trace=exit_group", "-p",
                    Long.toString(sleeper.pid()), "/bin/sh", "-c", "kill -0 " + sleeper.pid() + "; exit 4"));
            assertEquals(4, r.exit(), r.stderr());
            assertEquals("", r.stderr()); // with -o and a command, -q is implied: no "attached" line
            String trace = Files.readString(log);
            assertTrue(trace.lines().anyMatch(l -> l.matches("\\d+ +exit_group\\(4\\) += \\?")), trace);
            assertTrue(trace.lines().anyMatch(l -> l.matches(sleeper.pid() + " +\\+\\+\\+ exited with 0 \\+\\+\\+")),
                    trace); // it ran on to its end
        } finally {
            sleeper.destroyForcibly();
        }
    }

    /**
     * The descriptors: a command started without stdin finds it closed, and once the
     * command has started jstrace holds no end of a pipe it was given as stdout (strace.c:
     * redirect_standard_fds), so the reader sees EOF when the command closes its own.
     */
    @Test
    @EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
    void standardDescriptorsAsStraceLeavesThem() throws Exception {
        String java = JstraceProcess.builder(dir, List.of()).command().subList(0, 4).stream()
                .map(w -> "'" + w + "'").reduce((a, b) -> a + " " + b).orElseThrow();
        String main = Main.class.getName();
        Process closedStdin = new ProcessBuilder("sh", "-c", "exec <&-; exec " + java + " -Djstrace.fds=1,2 " + main
                + " -qq -enone /bin/sh -c 'if [ -e /proc/self/fd/0 ]; then echo open; else echo closed; fi'").start();
        assertEquals("closed\n", new String(closedStdin.getInputStream().readAllBytes()));
        closedStdin.waitFor(30, TimeUnit.SECONDS);

        Process pipe = new ProcessBuilder("sh", "-c", "exec " + java + " -Djstrace.fds=0,1,2 " + main
                + " -qq -enone /bin/sh -c 'exec >&-; sleep 5'").start();
        long start = System.nanoTime();
        pipe.getInputStream().readAllBytes(); // EOF: no one holds the pipe's write end any more
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(pipe.isAlive(), "jstrace was expected to still be tracing the sleep");
        assertTrue(waited < 4500, "EOF came after " + waited + " ms");
        pipe.destroy();
        pipe.waitFor(30, TimeUnit.SECONDS);
    }

    /** The name in the messages is the one jstrace was invoked by, as strace's argv[0]. */
    @Test
    void messagesBeginWithTheInvokedName() throws Exception {
        List<String> cmd = new ArrayList<>(JstraceProcess.builder(dir, List.of()).command());
        cmd.add(1, "-Djstrace.argv0=/some/where/jstrace");
        cmd.addAll(List.of("-s", "x", "true"));
        Process p = new ProcessBuilder(cmd).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(1, p.waitFor());
        assertEquals("/some/where/jstrace: invalid -s argument: 'x'\nTry '/some/where/jstrace -h' for more"
                + " information.\n", err);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The log with addresses and file times masked, and the padding before {@code =} collapsed. */
    private static List<String> normalised(Path log) throws Exception {
        return Files.readString(log, StandardCharsets.ISO_8859_1).lines()
                .map(l -> l.replaceAll("(st_[amc]time(_nsec)?=)\\d+( /\\* [^*]* \\*/)?", "$1T")
                        .replaceAll("0x[0-9a-f]{5,}", "0xADDR").replaceAll(" +=", " =").replaceAll("^[0-9]+ +", "PID "))
                .toList();
    }
}
