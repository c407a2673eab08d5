package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.StraceText;
import io.jstrace.decode.XlatStyle;
import io.jstrace.render.SyscallLine;
import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSON equals the text by construction: every corpus program is traced once with the text
 * and JSON Lines written side by side ({@code -o LOG --json=FILE}); each JSON record is
 * rebuilt into the decoded call a consumer gets from it, laid out by the strace text rules,
 * and must give the text's line exactly, its {@code -e read=/write=} dump lines too. Each
 * program runs with its own options, plus -yy and dumps of every descriptor; plus -v and
 * {@code -X raw}; plus {@code -X verbose}.
 */
class JsonRebuildsTextTest {
    private static final Pattern PID = Pattern.compile("^(\\d+) +(.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. [a-z_0-9]+ resumed>(.*)$");
    private static final String UNFINISHED = " <unfinished ...>";
    private static final Pattern PID_CHANGED = Pattern.compile("^(.*) <pid changed to (\\d+) \\.\\.\\.>$");
    private static final Pattern SUPERSEDED = Pattern.compile("^\\+\\+\\+ superseded by execve in pid (\\d+) \\+\\+\\+$");
    private static final ObjectMapper JSON = Schemas.JSON;

    /** What each run adds to the program's own options, and the text style it asks for. */
    private enum Variant {
        DUMPS(XlatStyle.ABBREV, "-yy", "-e", "read=all", "-e", "write=all"),
        RAW(XlatStyle.RAW, "-v", "-X", "raw"),
        VERBOSE(XlatStyle.VERBOSE, "-X", "verbose");

        final XlatStyle style;
        final List<String> options;

        Variant(XlatStyle style, String... options) {
            this.style = style;
            this.options = List.of(options);
        }
    }

    /** One syscall line of the text, joined again when other lines split it, and its dump lines. */
    private record Line(String text, StringBuilder dumps) {}

    static Stream<Arguments> runs() {
        return TestPrograms.registry().stream()
                .flatMap(r -> Stream.of(Variant.values()).map(v -> Arguments.of(r.name(), r.options(), v)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("runs")
    void everyJsonRecordRebuildsItsTextLine(String name, List<String> options, Variant variant, @TempDir Path dir)
            throws Exception {
        Path program = TestPrograms.compile(name);
        Path log = dir.resolve("text.log"), json = dir.resolve("trace.jsonl");
        List<String> args = new ArrayList<>(options);
        args.addAll(variant.options);
        args.addAll(List.of("-o", log.toString(), "--json=" + json, "./" + program.getFileName()));
        var run = JstraceProcess.run(program.getParent(), args);
        assertTrue(Files.exists(log) && Files.exists(json), "jstrace " + args + ": " + run.stderr());
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        Map<Integer, List<Line>> calls = new TreeMap<>();
        Map<Integer, List<String>> signals = new TreeMap<>();
        boolean prefixed = parse(text, calls, signals);

        SyscallLine layout = new SyscallLine(new StraceText(StraceText.Escape.OCTAL, variant.style));
        StraceText values = new StraceText(StraceText.Escape.OCTAL, variant.style);
        Map<Integer, Integer> seen = new TreeMap<>(), seenSignals = new TreeMap<>();
        int records = 0;
        var schema = Schemas.of("jstrace.schema.json");
        for (String record : Files.readAllLines(json, StandardCharsets.ISO_8859_1)) {
            assertEquals(null, Schemas.errors(schema, record), record);
            JsonNode r = JSON.readTree(record);
            int tid = prefixed ? r.get("tid").asInt() : -1;
            String type = r.get("type").asText();
            if (type.equals("syscall")) {
                DecodedSyscall call = JsonRebuild.syscall(r);
                int k = seen.merge(tid, 1, Integer::sum) - 1;
                List<Line> lines = calls.getOrDefault(tid, List.of());
                assertTrue(k < lines.size(), "no text line for " + record + "\n" + text + run.stderr());
                matches(layout, call, lines.get(k), record);
                records++;
            } else if (type.equals("signal")) {
                int k = seenSignals.merge(tid, 1, Integer::sum) - 1;
                String expected = "--- " + r.get("signal").asText() + " "
                        + (r.has("siginfo") ? values.render(JsonRebuild.value(r.get("siginfo"))) : "") + " ---";
                assertEquals(expected, signals.get(tid).get(k), record);
            }
        }
        for (var e : calls.entrySet()) {
            assertEquals(e.getValue().size(), (int) seen.getOrDefault(e.getKey(), 0), "syscalls of " + e.getKey());
        }
        assertTrue(records > 0, "no syscall in " + json + ": " + run.stderr());
    }

    /** The rebuilt call laid out: its line up to the result, spaces to the column, {@code " = "}, the result. */
    private static void matches(SyscallLine layout, DecodedSyscall call, Line line, String record) {
        StringBuilder upTo = new StringBuilder();
        layout.head(call, upTo);
        layout.tail(call, upTo);
        String t = line.text();
        String rest = t.startsWith(upTo.toString()) ? t.substring(upTo.length()) : null;
        assertTrue(rest != null && rest.matches(" *= " + Pattern.quote(layout.result(call))),
                "text:    " + t + "\nrebuilt: " + upTo + " = " + layout.result(call) + "\nfrom " + record);
        StringBuilder dumps = new StringBuilder();
        SyscallLine.dumps(call.dumps(), dumps);
        assertEquals(line.dumps().toString(), dumps.toString(), record);
    }

    /**
     * Splits the text into each thread's syscall lines, in the order they completed, and its
     * signal lines; whether lines carry pids.
     */
    private static boolean parse(String text, Map<Integer, List<Line>> calls, Map<Integer, List<String>> signals) {
        Map<Integer, String> open = new TreeMap<>();
        Line last = null;
        boolean prefixed = false;
        for (String raw : text.split("\n")) {
            if (raw.isEmpty()) continue;
            int tid = -1;
            String rest = raw;
            Matcher m = PID.matcher(raw);
            if (m.matches()) {
                tid = Integer.parseInt(m.group(1));
                rest = m.group(2);
                prefixed = true;
            }
            if (rest.startsWith(" | ") || rest.startsWith(" * ") || rest.startsWith(" = ")) {
                last.dumps().append(rest).append('\n');
                continue;
            }
            Matcher superseded = SUPERSEDED.matcher(rest);
            if (superseded.matches()) { // the execve of another thread returns in this one
                String head = open.remove(Integer.parseInt(superseded.group(1)));
                if (head != null) open.put(tid, head);
                continue;
            }
            if (rest.startsWith("+++ ")) continue;
            if (rest.startsWith("--- ")) {
                signals.computeIfAbsent(tid, k -> new ArrayList<>()).add(rest);
                continue;
            }
            Matcher changed = PID_CHANGED.matcher(rest);
            if (changed.matches()) {
                open.put(Integer.parseInt(changed.group(2)), changed.group(1));
                continue;
            }
            Matcher resumed = RESUMED.matcher(rest);
            if (resumed.matches()) {
                rest = open.remove(tid) + resumed.group(1);
            } else if (rest.endsWith(UNFINISHED)) {
                open.put(tid, rest.substring(0, rest.length() - UNFINISHED.length()));
                continue;
            }
            last = new Line(rest, new StringBuilder());
            calls.computeIfAbsent(tid, k -> new ArrayList<>()).add(last);
        }
        return prefixed;
    }
}
