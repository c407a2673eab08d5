package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.Tracefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uprobes through tracefs: trace_pipe's lines as the kernel prints them, and a real probe
 * on libc's unlinkat, hit by rm(1) (which this test never traces), with the path it was
 * given and the result; everything removed at close.
 */
class UprobesTest {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final Uprobes.Probe CTRL = new Uprobes.Probe("SSL_ctrl_0", Path.of("/x.so"), 0x35e80, false,
            List.of("ssl=%di:x64", "cmd=%si:s32", "name=+0(%cx):string"), "cmd == 55");
    private static final Uprobes.Probe READ_RET = new Uprobes.Probe("SSL_read_0_r", Path.of("/x.so"), 0x35470, true,
            List.of("ret=$retval:s32"), null);

    @Test
    void anEntryLineGivesItsProcessThreadAndValues() {
        Uprobes u = Uprobes.parserFor(List.of(CTRL, READ_RET));
        Uprobes.Hit h = u.parse("            curl-16634   (  16630) [001] DBZff 41839.056776: SSL_ctrl_0: "
                + "(0x7f799953fe80) ssl=0x5572f15eaa90 cmd=55 name=\"a.test\"");
        assertEquals(16630, h.pid());
        assertEquals(16634, h.tid());
        assertEquals("curl", h.comm());
        assertEquals(Map.of("ssl", "0x5572f15eaa90", "cmd", "55", "name", "a.test"), h.values());
        assertEquals(List.of("ssl", "cmd", "name"), List.copyOf(h.values().keySet()));
    }

    @Test
    void aReturnLineAndACommandNameWithDashesAndSpaces() {
        Uprobes u = Uprobes.parserFor(List.of(CTRL, READ_RET));
        Uprobes.Hit h = u.parse(" isc-net-0000 x-12   (  11) [000] .... 5.000001: SSL_read_0_r: "
                + "(0x7f7999903b9d <- 0x7f799953f470) ret=-1");
        assertEquals("isc-net-0000 x", h.comm());
        assertEquals(12, h.tid());
        assertEquals(11, h.pid());
        assertEquals("-1", h.values().get("ret"));
    }

    @Test
    void aStringWithSpacesAndQuotesIsCutAtTheNextName() {
        Map<String, String> v = Uprobes.values(" a=\"x \" b=1\" b=2", List.of("a", "b"));
        assertEquals("x \" b=1", v.get("a"));
        assertEquals("2", v.get("b"));
    }

    @Test
    void lostEventsAreCountedAndOtherLinesSkipped() {
        Uprobes u = Uprobes.parserFor(List.of(CTRL));
        assertNull(u.parse("CPU:1 [LOST 123 EVENTS]"));
        assertNull(u.parse("           <...>-5     (      5) [000] ..... 1.000000: tracing_mark_write: jstrace: closing"));
        assertNull(u.parse("garbage"));
        assertNull(u.parse("  x-1 (1) [0] 1.5: other_event: (0x1) a=1"));
        assertEquals(123, u.lostEvents());
    }

    @Test
    void definitionsAreTheKernelsSyntax() {
        assertEquals(List.of("p:jstrace_0/SSL_ctrl_0 /x.so:0x35e80 ssl=%di:x64 cmd=%si:s32 name=+0(%cx):string",
                "r:jstrace_0/SSL_read_0_r /x.so:0x35470 ret=$retval:s32"),
                Uprobes.parserFor(List.of(CTRL, READ_RET)).definitions());
    }

    /** Root, a kernel with uprobe events, tracefs mounted (as Uprobes.open mounts it when it is not) and libc. */
    static boolean usable() {
        try {
            return Files.isWritable(Tracefs.root("uprobe_events").resolve("uprobe_events")) && libc() != null;
        } catch (TraceException e) {
            return false;
        }
    }

    private static Path libc() {
        for (String d : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64")) {
            Path p = Path.of(d, "libc.so.6");
            if (Files.exists(p)) return p;
        }
        return null;
    }

    @Test
    void aProbeOnLibcIsHitByAProcessNobodyTraces(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(usable(), "needs root and tracefs with uprobe_events");
        long offset = Uprobes.functionOffsets(libc(), Set.of("unlinkat")).get("unlinkat");
        // int unlinkat(int dirfd, const char *pathname, int flags)
        List<Uprobes.Probe> probes = List.of(
                new Uprobes.Probe("unlinkat", libc(), offset, false, List.of("dirfd=%di:s32", "path=+0(%si):string"),
                        null),
                new Uprobes.Probe("unlinkat_r", libc(), offset, true, List.of("ret=$retval:s32"), null));
        Path file = dir.resolve("victim with spaces");
        Files.writeString(file, "x");
        List<Uprobes.Hit> hits = new ArrayList<>();
        String group;
        Process rm;
        try (Uprobes u = Uprobes.open(probes)) {
            group = u.group();
            rm = new ProcessBuilder("rm", file.toString(), dir.resolve("missing").toString()).start();
            rm.waitFor(30, TimeUnit.SECONDS);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    for (Uprobes.Hit h; (h = u.next()) != null; ) {
                        if (h.pid() == rm.pid()) hits.add(h);
                        if (hits.size() == 4) return;
                    }
                } catch (TraceException e) {
                    throw new RuntimeException(e);
                }
            });
            reader.get(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(file));
        assertEquals(List.of("unlinkat", "unlinkat_r", "unlinkat", "unlinkat_r"), hits.stream().map(Uprobes.Hit::event).toList());
        assertEquals(file.toString(), hits.get(0).values().get("path"));
        assertEquals("0", hits.get(1).values().get("ret"));
        assertEquals(dir.resolve("missing").toString(), hits.get(2).values().get("path"));
        assertEquals("-1", hits.get(3).values().get("ret"));
        assertTrue(hits.stream().allMatch(h -> h.tid() == rm.pid() && h.comm().equals("rm")), hits.toString());
        long now = System.currentTimeMillis() * 1_000_000L;
        assertTrue(Math.abs(now - hits.get(0).epochNs()) < 60_000_000_000L, "a time of today: " + hits.get(0).epochNs());
        assertFalse(Files.readString(TRACEFS.resolve("uprobe_events")).contains(group + "/"));
        assertFalse(Files.exists(TRACEFS.resolve("instances").resolve(group)));
    }

    @Test
    void closingWakesABlockedReader() throws Exception {
        Assumptions.assumeTrue(usable(), "needs root and tracefs with uprobe_events");
        long offset = Uprobes.functionOffsets(libc(), Set.of("unlinkat")).get("unlinkat");
        Uprobes u = Uprobes.open(List.of(new Uprobes.Probe("unlinkat", libc(), offset, false, List.of("dirfd=%di:s32"),
                "dirfd == -12345"))); // never true: nothing comes
        CompletableFuture<Uprobes.Hit> next = CompletableFuture.supplyAsync(() -> {
            try {
                return u.next();
            } catch (TraceException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        u.close();
        assertNull(next.get(10, TimeUnit.SECONDS));
        assertFalse(Files.readString(TRACEFS.resolve("uprobe_events")).contains(u.group() + "/"));
    }
}
