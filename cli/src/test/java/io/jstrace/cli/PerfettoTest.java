package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --perfetto on forking and threaded programs, checked against the text of the same run. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class PerfettoTest {
    private static final Pattern ENTRY = Pattern.compile("^(\\d+) +(\\w+)\\(");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"fork", "threads", "vfork", "exec_thread"})
    @SuppressWarnings("unchecked")
    void slicesAreWellFormedAndMatchTheText(String name) throws Exception {
        Path prog = TestPrograms.compile(name);
        Path timeline = dir.resolve("trace.json");
        Path log = dir.resolve("trace.log");
        var r = JstraceProcess.run(prog.getParent(),
                List.of("-f", "--perfetto=" + timeline, "-o", log.toString(), "./" + name));
        assertTrue(r.stderr().isEmpty(), r.stderr());
        Map<String, Object> doc = Schemas.JSON.copy()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readValue(Files.readString(timeline), Map.class);
        List<Map<String, Object>> events = (List<Map<String, Object>>) doc.get("traceEvents");
        Map<String, List<String>> slices = new HashMap<>();
        Map<String, BigDecimal> trackEnd = new HashMap<>();
        events.stream().filter(e -> "X".equals(e.get("ph")))
                .sorted((a, b) -> ((BigDecimal) a.get("ts")).compareTo((BigDecimal) b.get("ts")))
                .forEach(e -> {
                    for (String f : List.of("ts", "dur")) assertTrue(e.get(f) instanceof BigDecimal, f + " " + e);
                    for (String f : List.of("pid", "tid")) assertTrue(e.get(f) instanceof Integer, f + " " + e);
                    String track = e.get("tid").toString();
                    BigDecimal ts = (BigDecimal) e.get("ts");
                    BigDecimal end = trackEnd.get(track);
                    assertTrue(end == null || end.compareTo(ts) <= 0, "overlap on " + track + " at " + e);
                    trackEnd.put(track, ts.add((BigDecimal) e.get("dur")));
                    slices.computeIfAbsent(track, k -> new ArrayList<>()).add((String) e.get("name"));
                });
        Map<String, List<String>> fromText = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = ENTRY.matcher(line);
            if (m.find()) fromText.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        assertEquals(fromText, slices);
        assertTrue(events.stream().anyMatch(e -> "thread_name".equals(e.get("name"))), "no thread names");
        boolean forks = name.equals("fork") || name.equals("vfork");
        if (forks) assertTrue(events.stream().anyMatch(e -> "s".equals(e.get("ph"))), "no flow from parent to child");
    }
}
