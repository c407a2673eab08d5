package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --color} and {@code NO_COLOR} as strace 7 has them: colours on a terminal only by
 * default (a real pseudo-terminal, made by script(1)), never in a pipe or a file unless
 * forced; {@code always} whatever NO_COLOR says; alignment counted without the codes.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class ColorTest {
    private static final String ESC = "\033[";
    private static final String RESET = ESC + "0m";

    @TempDir
    Path dir;

    /** jstrace {@code args} with {@code env} changes ({@code null}: removed), stdout and stderr pipes. */
    private JstraceProcess.Result run(Map<String, String> env, List<String> args) throws Exception {
        ProcessBuilder pb = JstraceProcess.builder(dir, args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        apply(pb, env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new JstraceProcess.Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1),
                new String(err, StandardCharsets.ISO_8859_1));
    }

    private static void apply(ProcessBuilder pb, Map<String, String> env) {
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("STRACE_COLORS");
        pb.environment().put("TERM", "xterm");
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
    }

    /** jstrace {@code args} on a pseudo-terminal (script -qc): what the terminal received. */
    private String onTerminal(Map<String, String> env, List<String> args) throws Exception {
        StringBuilder cmd = new StringBuilder();
        for (String a : JstraceProcess.builder(dir, args).command()) {
            cmd.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", cmd.toString(), "/dev/null").directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
        apply(pb, env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.replace("\r\n", "\n");
    }

    private static String strip(String s) {
        return s.replaceAll("\033\\[[0-9;]*m", "");
    }

    @Test
    void alwaysColoursNamesResultsErrorsSignalsAndExits() throws Exception {
        JstraceProcess.Result r = run(Map.of(), List.of("--color=always", "-f", "-e", "trace=openat,close",
                "sh", "-c", "cat /nonexistent 2>/dev/null; exit 2"));
        assertEquals(2, r.exit());
        String err = r.stderr();
        assertTrue(err.contains(ESC + "33mopenat" + RESET + "(AT_FDCWD, \"/nonexistent\", O_RDONLY) = "
                + ESC + "31m-1 ENOENT (No such file or directory)" + RESET + "\n"), err);
        assertTrue(err.contains(ESC + "33mclose" + RESET + "(3)"), err);
        assertTrue(err.contains(" = " + ESC + "32m0" + RESET + "\n"), err);
        assertTrue(err.contains("--- " + ESC + "31mSIGCHLD" + RESET + " {si_signo=SIGCHLD"), err);
        assertTrue(err.contains("+++ " + ESC + "36mexited with 1" + RESET + " +++\n"), "cat's exit: " + err);
        assertTrue(err.endsWith("+++ " + ESC + "36mexited with 2" + RESET + " +++\n"), err);
    }

    @Test
    void theCodesTakeNoColumns() throws Exception {
        JstraceProcess.Result colour = run(Map.of(), List.of("--color=always", "-e", "trace=close", "/bin/true"));
        JstraceProcess.Result plain = run(Map.of(), List.of("--color=never", "-e", "trace=close", "/bin/true"));
        assertTrue(colour.stderr().contains(ESC), colour.stderr());
        assertEquals(plain.stderr(), strip(colour.stderr()));
        assertTrue(plain.stderr().startsWith(String.format("%-39s = 0%n", "close(3)")), plain.stderr());
    }

    @Test
    void neverInAPipeOrAFileUnlessForced() throws Exception {
        List<String> trace = List.of("-e", "trace=close", "/bin/true");
        assertFalse(run(Map.of(), trace).stderr().contains("\033"), "auto, stderr a pipe");
        List<String> never = new ArrayList<>(List.of("--color=never"));
        never.addAll(trace);
        assertFalse(run(Map.of(), never).stderr().contains("\033"));
        Path log = dir.resolve("log");
        run(Map.of(), List.of("-o", log.toString(), "-e", "trace=close", "/bin/true"));
        assertFalse(Files.readString(log).contains("\033"), "auto, -o FILE");
        run(Map.of(), List.of("--color", "-o", log.toString(), "-e", "trace=close", "/bin/true"));
        assertTrue(Files.readString(log).contains(ESC + "33mclose"), "--color alone is always");
        List<String> always = new ArrayList<>(List.of("--color=always"));
        always.addAll(trace);
        assertTrue(run(Map.of("NO_COLOR", "1"), always).stderr().contains(ESC + "33mclose"), "always beats NO_COLOR");
        assertTrue(run(Map.of("STRACE_COLORS", "syscall=1;34:retval=bad"), always).stderr()
                .contains(ESC + "1;34mclose" + RESET + "(3)" + " ".repeat(31) + " = " + ESC + "32m0"), "STRACE_COLORS");
    }

    @Test
    void autoOnATerminal() throws Exception {
        List<String> trace = List.of("-e", "trace=close", "/bin/true");
        String tty = onTerminal(Map.of(), trace);
        assertTrue(tty.contains(ESC + "33mclose" + RESET + "(3)"), tty);
        assertFalse(onTerminal(Map.of("NO_COLOR", ""), trace).contains("\033"), "NO_COLOR");
        assertFalse(onTerminal(Map.of("TERM", "dumb"), trace).contains("\033"), "TERM=dumb");
        List<String> never = new ArrayList<>(List.of("--color=never"));
        never.addAll(trace);
        assertFalse(onTerminal(Map.of(), never).contains("\033"), "never");
    }

    @Test
    void aWrongWhenIsAUsageError() throws Exception {
        JstraceProcess.Result r = run(Map.of(), List.of("--color=sometimes", "/bin/true"));
        assertEquals(1, r.exit());
        assertEquals("jstrace: invalid --color argument: 'sometimes'\nTry 'jstrace -h' for more information.\n",
                r.stderr());
    }
}
