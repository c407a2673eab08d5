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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Syscall tampering (-e inject=, -e fault=) beside strace 6.1: the same expressions give
 * the same trace, line for line, and the same refusals. The subject (testdata's
 * tamper_subject) exits with the number of its chdir calls that failed, so the last line
 * says what happened to calls the trace does not show.
 */
class TamperingTest {
    @TempDir
    Path dir;

    static boolean straceAndPtrace() {
        return StraceOptionsTest.straceAndPtrace();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // error, on a range with a step; fault's ENOSYS; the long forms
        "-e|trace=chdir|-e|inject=chdir:error=ENOENT:when=2..5+2", "-e|trace=chdir|--fault=chdir:when=3+",
        "-e|trace=chdir|--inject=chdir:error=13:when=4..6", "-e|trace=chdir|-e|fault=chdir:error=eio:when=1+3",
        // success injection, a replacement syscall, a later expression replacing an earlier one
        "-e|trace=chdir,getppid|-e|inject=chdir:retval=42:when=3+|--inject=getppid:syscall=getpid:retval=0x10",
        "-e|trace=chdir|-e|inject=chdir:error=EPERM|-e|inject=chdir:retval=1:when=2",
        // a signal with the call, alone and with an error
        "-e|trace=chdir|-e|inject=chdir:signal=SIGUSR1:when=2", "-e|trace=chdir|-e|inject=chdir:signal=10:error=EBUSY:when=5",
        // memory written at entry and at exit
        "-e|trace=read,write|-e|inject=read:poke_exit=@arg2=6a7374726163650a|-e|inject=write:poke_enter=@arg2=41",
        "-e|trace=read|-e|inject=read:poke_enter=@arg2=00:retval=1",
        // only traced calls are tampered with: chdir runs, the exit status says 0 failed
        "-e|trace=getppid|-e|inject=chdir,getppid:error=EIO", "-e|trace=none|-e|fault=chdir",
        // counted per tracee, with -f, and under a seccomp filter
        "-f|-e|trace=chdir|-e|fault=chdir:when=2",
        "-f|--seccomp-bpf|-e|trace=chdir,getppid|-e|inject=chdir:error=EPERM:when=1..2|-e|inject=getppid:retval=3"})
    @EnabledIf("straceAndPtrace")
    void tampersAsStraceDoes(String words) throws Exception {
        Path prog = TestPrograms.compile("tamper_subject");
        Path[] logs = JstraceProcess.besideStrace(dir, prog.getParent(), List.of(words.split("\\|")),
                List.of(prog.toString()));
        List<String> theirs = normalised(logs[1]);
        assertTrue(theirs.size() > 1, theirs.toString());
        assertEquals(theirs, normalised(logs[0]));
    }

    private static List<String> normalised(Path log) throws Exception {
        return Files.readString(log, StandardCharsets.ISO_8859_1).lines()
                .map(l -> l.replaceAll("^[0-9]+ +", "PID ").replaceAll("si_pid=[0-9]+", "si_pid=N")
                        .replaceAll(" +=", " ="))
                .toList();
    }

    /** Delays hold the thread for as long as asked: -T shows the entry's, the clock both. */
    @Test
    @EnabledIf("straceAndPtrace")
    void delaysHoldTheThread() throws Exception {
        Path prog = TestPrograms.compile("tamper_subject");
        Path log = dir.resolve("delay.log");
        var r = JstraceProcess.run(prog.getParent(), List.of("-ttt", "-T", "-e", "trace=chdir", "-e",
                "inject=chdir:delay_enter=80ms:delay_exit=60000:when=3", "-o", log.toString(), prog.toString()));
        assertEquals(0, r.exit(), r.stderr());
        Pattern line = Pattern.compile("^([0-9.]+) chdir\\(\"/\"\\) += 0( \\(DELAYED\\))? <([0-9.]+)>$");
        List<double[]> calls = new ArrayList<>(); // {start, -T, delayed}
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                calls.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)),
                        m.group(2) != null ? 1 : 0});
            }
        }
        assertEquals(6, calls.size());
        for (int i = 0; i < 6; i++) assertEquals(i == 2 ? 1 : 0, calls.get(i)[2], "call " + (i + 1));
        // strace's -T ends at the exit stop, before the exit's delay: the entry's 80 ms, not the 140
        double t = calls.get(2)[1];
        assertTrue(t >= 0.080 && t < 0.135, "-T of the delayed call: " + t);
        double gap = calls.get(3)[0] - calls.get(2)[0];
        assertTrue(gap >= 0.140, "from the delayed call to the next: " + gap);
        assertTrue(calls.get(1)[1] < 0.05, "an undelayed call: " + calls.get(1)[1]);
    }

    /** strace's refusals of bad expressions: the same message (argv[0] as its prefix) and exit status. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-e|inject=|true", "-e|inject=:error=1|true", "-e|inject=chdir|true",
        "-e|inject=chdir:error=0|true", "-e|inject=chdir:error=4096|true", "-e|inject=chdir:error=EFOO|true",
        "-e|inject=chdir:retval=1:error=2|true", "-e|inject=chdir:retval=x|true", "-e|inject=chdir:when=0|true",
        "-e|inject=chdir:when=2..1|true", "-e|inject=chdir:when=1..65535|true", "-e|inject=chdir:when=65536|true",
        "-e|inject=chdir:when=1+0|true", "-e|inject=chdir:when=1.2|true", "-e|inject=chdir:signal=0|true",
        "-e|inject=chdir:signal=65|true", "-e|inject=chdir:signal=FOO|true", "-e|inject=chdir:signal=1:signal=2|true",
        "-e|inject=chdir:syscall=chdir:error=1|true", "-e|inject=chdir:syscall=getpid:syscall=getpid:error=1|true",
        "-e|inject=foo:error=1|true", "-e|inject=chdir:poke_enter=@arg1=0|true",
        "-e|inject=chdir:poke_enter=@arg8=00|true", "-e|inject=chdir:poke_exit=arg1=00|true",
        "-e|inject=chdir:poke_enter=@arg1=zz|true", "-e|inject=chdir:delay_enter=-1|true",
        "-e|inject=chdir:delay_exit=1h|true", "-e|inject=chdir:delay_exit=1:delay_exit=2|true",
        "-e|fault=chdir:retval=1|true", "-e|fault=chdir:signal=1|true", "--fault=chdir:foo|true",
        "--inject=chdir:syscall=getpid|true", "-e|inject=chdir:error=1|-e|inject=x|true"})
    @EnabledIf("io.jstrace.cli.StraceOptionsTest#straceInstalled")
    void refusedAsStraceRefusesIt(String words) throws Exception {
        List<String> args = List.of(words.split("\\|", -1));
        List<String> cmd = new ArrayList<>(List.of("strace"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Jstrace(new PrintStream(err, true, StandardCharsets.ISO_8859_1)).run(args.toArray(new String[0]));
        assertEquals(theirs.replaceAll("(?m)^strace: ", "jstrace: "), err.toString(StandardCharsets.ISO_8859_1));
        assertEquals(p.exitValue(), status);
    }
}
