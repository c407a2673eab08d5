package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.render.StackLines;
import io.jstrace.testdata.Gcc;
import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -k}: the stack under each syscall line, on testdata's stack_chain (main -> a -> b ->
 * getpid) built with and without frame pointers and call-frame information, checked against
 * the program's own symbol table ({@code nm}) and against strace 6.1's {@code -k}.
 */
class StackTraceTest {
    private static final Pattern FRAME = Pattern.compile("^ > (\\S+)\\((\\w*)\\+0x([0-9a-f]+)\\) \\[0x([0-9a-f]+)\\]$");

    @TempDir
    Path dir;

    static boolean ptrace() {
        return TestPrograms.ptracePermitted();
    }

    static boolean straceWithStacks() {
        if (!StraceOptionsTest.straceAndPtrace()) return false;
        try {
            Process p = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && v.contains("stack-trace=");
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Every frame of the chain, innermost first: libc's getpid, then b, a and main, each pc
     * inside its function as nm sizes it and at the file offset its symbol says (a PIE's text
     * is at the same offset as its address), and down to _start.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-O0 -fno-omit-frame-pointer", "-O2 -fomit-frame-pointer",
        "-O2 -fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fno-unwind-tables"})
    @EnabledIf("ptrace")
    void walksTheKnownChain(String flags) throws Exception {
        Path prog = build(flags);
        List<String> stack = getpidStack(prog, "chain");
        Map<String, long[]> nm = nm(prog);
        Matcher libc = FRAME.matcher(stack.get(0));
        assertTrue(libc.matches() && libc.group(1).contains("libc.so") && libc.group(2).endsWith("getpid"),
                stack.toString());
        List<String> chain = List.of("b", "a", "main");
        for (int i = 0; i < chain.size(); i++) {
            Matcher m = FRAME.matcher(stack.get(i + 1));
            assertTrue(m.matches(), stack.get(i + 1));
            assertEquals(prog.toString(), m.group(1));
            assertEquals(chain.get(i), m.group(2), stack.toString());
            long[] sym = nm.get(chain.get(i));
            long offset = Long.parseLong(m.group(3), 16);
            assertTrue(offset > 0 && offset <= sym[1], stack.get(i + 1) + " outside " + chain.get(i));
            assertEquals(sym[0] + offset, Long.parseLong(m.group(4), 16), stack.get(i + 1));
        }
        Matcher last = FRAME.matcher(stack.get(stack.size() - 1));
        assertTrue(last.matches() && last.group(1).equals(prog.toString()) && last.group(2).equals("_start"),
                stack.toString());
    }

    /** The same lines as strace's, where libunwind finds call-frame information all the way. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-O0 -fno-omit-frame-pointer", "-O2 -fomit-frame-pointer"})
    @EnabledIf("straceWithStacks")
    void printsWhatStracePrints(String flags) throws Exception {
        Path prog = build(flags);
        for (String mode : List.of("chain", "garbage")) {
            Path[] logs = JstraceProcess.besideStrace(dir, dir, List.of("-k", "-e", "trace=getpid"),
                    List.of(prog.toString(), mode));
            List<String> theirs = Files.readAllLines(logs[1]);
            assertTrue(theirs.size() > 2, theirs.toString());
            assertEquals(theirs.stream().map(StackTraceTest::noPid).toList(),
                    Files.readAllLines(logs[0]).stream().map(StackTraceTest::noPid).toList());
        }
    }

    /**
     * A stack pointer at unmapped memory ends the walk after the frame the registers give,
     * and a pc in an anonymous mapping is strace's unexpected_backtracing_error; the program
     * runs on unharmed.
     */
    @Test
    @EnabledIf("ptrace")
    void unreadableStacksEndTheWalk() throws Exception {
        Path prog = build("-O2 -fomit-frame-pointer");
        List<String> garbage = getpidStack(prog, "garbage");
        assertEquals(1, garbage.size(), garbage.toString());
        Matcher m = FRAME.matcher(garbage.get(0));
        assertTrue(m.matches() && m.group(2).equals("getpid_on_garbage"), garbage.toString());
        List<String> anon = getpidStack(prog, "anon");
        assertEquals(1, anon.size(), anon.toString());
        // the stub's syscall instruction ends 7 bytes into its page
        assertTrue(anon.get(0).matches(" > unexpected_backtracing_error \\[0x7f[0-9a-f]+007\\]"), anon.toString());
    }

    /**
     * With -f, every process's stacks, and execve's and exit_group's taken at entry (printed
     * as strace's queue prints them: {@code (+0x0)} for a pc no symbol names), are strace's;
     * processes interleave as they run, so each stack is compared, not their order.
     */
    @Test
    @EnabledIf("straceWithStacks")
    void followsChildrenAndExecs() throws Exception {
        Path prog = build("-O2 -fomit-frame-pointer");
        String script = prog + " chain; " + prog + " chain; exit 3";
        Path[] logs = JstraceProcess.besideStrace(dir, dir,
                List.of("-f", "-k", "-e", "trace=getpid,execve,exit_group", "-e", "signal=none", "-qq"),
                List.of("/bin/sh", "-c", script));
        Map<String, Integer> ours = stacks(logs[0]), theirs = stacks(logs[1]);
        assertTrue(theirs.keySet().stream().anyMatch(s -> s.contains("(+0x0)")), theirs.toString());
        assertTrue(theirs.keySet().stream().anyMatch(s -> s.contains("(b+0x")), theirs.toString());
        assertEquals(theirs, ours);
    }

    /** --json carries each call's frames; laid out again they are the text's lines. */
    @Test
    @EnabledIf("ptrace")
    void jsonCarriesTheFrames() throws Exception {
        Path prog = build("-O2 -fomit-frame-pointer");
        Path log = dir.resolve("text.log"), json = dir.resolve("trace.jsonl");
        var run = JstraceProcess.run(dir, List.of("-k", "-e", "trace=getpid,exit_group", "-o", log.toString(),
                "--json=" + json, prog.toString(), "chain"));
        assertEquals(0, run.exit(), run.stderr());
        StringBuilder rebuilt = new StringBuilder();
        var schema = Schemas.of("jstrace.schema.json");
        int withStack = 0;
        for (String record : Files.readAllLines(json)) {
            assertEquals(null, Schemas.errors(schema, record), record);
            JsonNode r = Schemas.JSON.readTree(record);
            if (!r.get("type").asText().equals("syscall")) continue;
            DecodedSyscall call = JsonRebuild.syscall(r);
            if (!call.stack().frames().isEmpty()) withStack++;
            StackLines.append(call.stack(), call.stackAtEntry(), rebuilt);
        }
        assertEquals(2, withStack);
        String text = Files.readString(log).lines().filter(l -> l.startsWith(" > "))
                .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
        assertTrue(text.contains("(b+0x"), text);
        assertEquals(text, rebuilt.toString());
    }

    private Path build(String flags) {
        return Gcc.build("stack_chain.c", "stack_chain" + flags.replaceAll("[^A-Za-z0-9]", "_"), flags.split(" "));
    }

    /** The frame lines under the one getpid line of {@code prog mode}, traced with -k. */
    private List<String> getpidStack(Path prog, String mode) throws Exception {
        var run = JstraceProcess.run(dir, List.of("-k", "-e", "trace=getpid", prog.toString(), mode));
        assertEquals(0, run.exit(), run.stderr());
        List<String> lines = run.stderr().lines().toList();
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith("getpid()")) at++;
        assertTrue(at < lines.size(), run.stderr());
        List<String> frames = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith(" > "); i++) frames.add(lines.get(i));
        return frames;
    }

    /** {@code nm -S}: each function's value and size. */
    private static Map<String, long[]> nm(Path prog) throws Exception {
        Process p = new ProcessBuilder("nm", "-S", prog.toString()).start();
        Map<String, long[]> out = new HashMap<>();
        for (String l : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 4) out.put(f[3], new long[] {Long.parseLong(f[0], 16), Long.parseLong(f[1], 16)});
        }
        p.waitFor();
        return out;
    }

    /** Each stack (its frame lines, joined) and how many times it was printed. */
    private static Map<String, Integer> stacks(Path log) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        StringBuilder cur = new StringBuilder();
        for (String l : Files.readAllLines(log)) {
            if (l.startsWith(" > ")) {
                cur.append(l).append('\n');
            } else if (cur.length() > 0) {
                out.merge(cur.toString(), 1, Integer::sum);
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) out.merge(cur.toString(), 1, Integer::sum);
        return out;
    }

    private static String noPid(String line) {
        return line.replaceAll("^[0-9]+ +", "").replaceAll("= [0-9]+$", "= PID");
    }
}
