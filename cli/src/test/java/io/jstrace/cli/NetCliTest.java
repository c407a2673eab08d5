package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstrace.testdata.TestPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** {@code jstrace net} as a user runs it, on the net_edges workload. */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class NetCliTest {
    @TempDir
    Path dir;

    private List<String> edges(String account) {
        return List.of(TestPrograms.compile("net_edges").toString(), dir.resolve(account).toString(), "5", "2");
    }

    @Test
    void jsonLinesFollowTheSchemaAndTheWorkload() throws Exception {
        Path out = dir.resolve("net.jsonl");
        List<String> args = new java.util.ArrayList<>(List.of("net", "-j", "-t", "-U", "-l", "-o", out.toString(), "--"));
        args.addAll(edges("account.txt"));
        var r = JstraceProcess.run(dir, args);
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        var schema = Schemas.of("jstrace-net.schema.json");
        for (String l : lines) assertEquals(null, Schemas.errors(schema, l), l);
        List<JsonNode> closes = lines.stream().map(Schemas::parse).filter(n -> n.get("event").asText().equals("close"))
                .toList();
        // 6 connections out (one refused), 6 in, 2 UDP flows, a socketpair's 2 ends, the listener
        assertEquals(7, closes.stream().filter(n -> n.get("dir").asText().equals("out")
                && n.get("proto").asText().equals("tcp")).count());
        assertEquals(6, closes.stream().filter(n -> n.get("dir").asText().equals("in")
                && n.get("proto").asText().equals("tcp")).count());
        assertEquals(1, closes.stream().filter(n -> n.get("errno").asText().equals("ECONNREFUSED")).count());
        long sent = 0;
        for (String l : Files.readAllLines(dir.resolve("account.txt"))) {
            if (l.startsWith("in ")) sent += Long.parseLong(l.replaceAll(".* tx=(\\d+).*", "$1"));
        }
        assertEquals(sent, closes.stream().filter(n -> n.get("dir").asText().equals("in")
                && n.get("proto").asText().equals("tcp"))
                .mapToLong(n -> n.get("tx_bytes").asLong()).sum(), "the server's bytes, all connections");
        assertEquals(1, lines.stream().filter(l -> l.contains("\"event\":\"listen\"")).count());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"state\":\"SYN_SENT\"")));
    }

    /** What jstrace wrote (UTF-8), as JstraceProcess read it (ISO-8859-1). */
    private static String text(String latin1) {
        return new String(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void textWithTracepsArrowsAndFilters() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("net", "-t", "--"));
        args.addAll(edges("a1.txt"));
        var r = JstraceProcess.run(dir, args);
        assertEquals(0, r.exit(), text(r.stderr()));
        assertTrue(text(r.stderr()).startsWith("    PID COMM"), text(r.stderr()));
        assertTrue(text(r.stderr()).contains("→ 127.0.0.1:"), text(r.stderr()));
        assertTrue(text(r.stderr()).contains("← 127.0.0.1:"), text(r.stderr()));
        assertTrue(text(r.stderr()).contains("refused (ECONNREFUSED)"), text(r.stderr()));
        assertTrue(text(r.stderr()).contains("× 127.0.0.1:"), text(r.stderr()));
        assertFalse(text(r.stderr()).contains("LISTEN"), "listeners only with -l");

        args = new java.util.ArrayList<>(List.of("net", "-O", "--"));
        args.addAll(edges("a2.txt"));
        r = JstraceProcess.run(dir, args);
        assertEquals(0, r.exit(), text(r.stderr()));
        assertTrue(text(r.stderr()).contains("→"));
        assertFalse(text(r.stderr()).contains("←") || text(r.stderr()).contains("↔") || text(r.stderr()).contains("×"), text(r.stderr()));

        args = new java.util.ArrayList<>(List.of("net", "-6", "--"));
        args.addAll(edges("a3.txt"));
        r = JstraceProcess.run(dir, args);
        assertEquals(1, text(r.stderr()).lines().count(), "the header alone: every connection is IPv4\n" + text(r.stderr()));
    }

    @Test
    void theCommandsStatusAndUsageErrors() throws Exception {
        assertEquals(3, JstraceProcess.run(dir, List.of("net", "--", "sh", "-c", "exit 3")).exit());
        var system = JstraceProcess.run(dir, List.of("net", "--system", "true"));
        assertEquals(1, system.exit());
        // the first line: a quick exit may race with the native preload's thread (Main), which can complain after it;
        // --system itself: SystemViewsTest
        assertEquals("jstrace: net: need exactly one of CMD [ARGS], -p PID[,PID...] and --system",
                system.stderr().lines().findFirst().orElse(""));
        var none = JstraceProcess.run(dir, List.of("net"));
        assertEquals(1, none.exit());
        assertTrue(none.stderr().startsWith("jstrace: net: need exactly one of CMD"), none.stderr());
        var badPid = JstraceProcess.run(dir, List.of("net", "-p", "12x"));
        assertEquals(1, badPid.exit());
        assertEquals("jstrace: net: -p: not a process id: '12x'", badPid.stderr().lines().findFirst().orElse(""));
        var help = JstraceProcess.run(dir, List.of("net", "-h"));
        assertEquals(0, help.exit());
        assertTrue(help.stdout().contains("-t, --close"), help.stdout());
    }
}
