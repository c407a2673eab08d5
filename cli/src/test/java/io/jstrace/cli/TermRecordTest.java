package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import io.jstrace.view.term.Trace;
import io.jstrace.view.term.TermEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * {@code jstrace record}, {@code play} and {@code decode} on a real terminal: tmux, on a
 * private server socket with a fixed window size, runs the programs; asciinema 2.2 reads
 * our v2 files. Ground truth: the bytes the program writes (the same command run to a
 * file), the size tmux set, the exit status.
 */
@EnabledIf("available")
class TermRecordTest {
    @TempDir
    Path dir;

    static boolean available() {
        return TestPrograms.ptracePermitted() && TestPrograms.onPath("tmux") != null;
    }

    /** Writes escape sequences and UTF-8 cut across writes, to stdout and stderr, then exits 3. */
    private static final String PROGRAM = "printf 'plain \\033[1;3'; printf '1mred\\033[0m caf\\303'; printf '\\251 "
            + "\\360\\237\\230'; printf '\\200 done\\r\\n'; printf 'to stderr\\n' >&2; ls /nonexistent-jstrace-term; "
            + "i=0; while [ $i -lt 20 ]; do printf 'line %d \\033[K\\n' $i; i=$((i+1)); done; exit 3";

    @Test
    void aRecordingReplaysTheProgramsBytesInEveryFormatAndInAsciinema() throws Exception {
        Path truth = dir.resolve("truth");
        Process p = new ProcessBuilder("sh", "-c", "sh -c " + Tmux.quote(PROGRAM) + " > " + Tmux.quote(truth.toString()) + " 2>&1")
                .start();
        assertEquals(3, p.waitFor());
        // what the terminal received: the pane's line discipline turns each NL into CR NL (ONLCR)
        byte[] want = Files.readString(truth, StandardCharsets.ISO_8859_1).replace("\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Tmux t = new Tmux(dir, "sh")) {
            for (String f : new String[] {"asciicast-v2", "asciicast-v3", "trace"}) {
                Path rec = dir.resolve("rec." + f);
                assertEquals(3, t.run(Tmux.jstrace("record", "-q", "-f", f, "-o", rec.toString(), "--", "sh", "-c", PROGRAM)), f);
                Path played = dir.resolve("played." + f);
                assertEquals(0, t.run(Tmux.jstrace("play", "-s", "100", rec.toString()) + " > " + played), f);
                assertArrayEquals(want, Files.readAllBytes(played), f + ": jstrace play");
                Trace tr = Trace.load(rec);
                TermEvent last = tr.events().get(tr.events().size() - 1);
                if (!f.equals("asciicast-v2")) assertEquals("3", last.text(), f + ": exit status");
                assertEquals(80, tr.metadata().initialSize().width());
                assertEquals(24, tr.metadata().initialSize().height());
                if (f.equals("trace")) {
                    assertTrue(tr.events().stream().anyMatch(e -> e.type() == TermEvent.Type.STDERR && e.fd() == 2
                            && new String(e.data(), StandardCharsets.UTF_8).contains("nonexistent-jstrace-term")));
                    assertTrue(tr.metadata().terminals().keySet().containsAll(List.of(0, 1, 2)));
                }
            }
            // jstrace's own output not a terminal: the metadata says which descriptors were; only those are recorded
            Path rec = dir.resolve("redirected.json"), file = dir.resolve("redirected.out");
            assertEquals(0, t.run(Tmux.jstrace("record", "-q", "-f", "trace", "-o", rec.toString(), "--", "sh", "-c",
                    "echo to-file; echo to-tty >&2") + " > " + file));
            assertEquals("to-file\n", Files.readString(file));
            Trace tr = Trace.load(rec);
            assertEquals(java.util.Set.of(0, 2), tr.metadata().terminals().keySet());
            assertEquals(List.of("to-tty\r\n"), tr.events().stream().filter(e -> e.type().output())
                    .map(e -> new String(e.data(), StandardCharsets.UTF_8)).toList());
            if (TestPrograms.onPath("asciinema") != null) {
                Path cat = dir.resolve("cat.out");
                assertEquals(0, t.run("asciinema cat " + dir.resolve("rec.asciicast-v2") + " > " + cat));
                assertArrayEquals(want, Files.readAllBytes(cat), "asciinema cat");
            }
        }
    }

    private String record(String mode, Path rec) throws Exception {
        Path prog = TestPrograms.compile("term_redraw");
        try (Tmux t = new Tmux(dir, "sh")) {
            Path rc = dir.resolve("rc-" + mode);
            Path s = dir.resolve("rec-" + mode + ".sh");
            Files.writeString(s, Tmux.jstrace("record", "-q", "-f", "trace", "-o", rec.toString(), "--", prog.toString(), mode)
                    + "\necho $? > " + rc + ".tmp; mv " + rc + ".tmp " + rc + "\n");
            t.tmux("send-keys", "-t", "t", "sh " + s, "Enter");
            String screen = "";
            for (int k = 0; k < 400 && !screen.contains("size 80x24"); k++) {
                Thread.sleep(50);
                screen = t.tmux("capture-pane", "-p", "-t", "t");
            }
            assertTrue(screen.contains("size 80x24"), screen + Files.readString(s) + t.tmux("list-windows"));
            t.tmux("resize-window", "-t", "t", "-x", "60", "-y", "20");
            // the correct program redraws for the new size; the planted bug draws the old one again
            String want = mode.equals("good") ? "size 60x20" : "size 80x24";
            for (int k = 0; k < 200 && !screen.contains("----\n" + "-".repeat(20)); k++) {
                Thread.sleep(50);
                screen = t.tmux("capture-pane", "-p", "-t", "t");
                if (mode.equals("good") && screen.contains(want)) break;
            }
            assertTrue(screen.contains(want), screen);
            t.tmux("send-keys", "-t", "t", "q");
            assertEquals(7, Tmux.waitFor(rc, 60));
        }
        Trace tr = Trace.load(rec);
        assertTrue(tr.events().stream().anyMatch(e -> e.type() == TermEvent.Type.RESIZE && e.size().width() == 60
                && e.size().height() == 20), "the size tmux set");
        assertTrue(tr.events().stream().anyMatch(e -> e.type() == TermEvent.Type.MARKER && e.text().startsWith("raw mode")));
        // a window wide enough for a loaded machine (the redraw comes when the program gets the CPU); the correct
        // program reads the size before any redraw, so no window finds an issue in it
        JstraceProcess.Result r = JstraceProcess.run(dir, List.of("decode", "--resize-issues=5s", rec.toString()));
        assertEquals(0, r.exit(), r.stderr());
        return r.stdout();
    }

    @Test
    void resizeIssuesFindThePlantedRedrawBeforeResizeAndNothingInACorrectProgram() throws Exception {
        String bad = record("bad", dir.resolve("bad.json"));
        assertTrue(bad.contains("after the resize to 60x20") && bad.contains("before the program read the new size"), bad);
        String good = record("good", dir.resolve("good.json"));
        assertEquals("no resize issues within 5s\n", good);
        JstraceProcess.Result clears = JstraceProcess.run(dir, List.of("decode", "--clear-screen", dir.resolve("good.json").toString()));
        assertTrue(clears.stdout().contains("alternate screen on") && clears.stdout().contains("(split: begun in event"),
                clears.stdout());
    }

    @Test
    void attachingRecordsFromThenOnAndDetachingLeavesTheProgramRunning() throws Exception {
        try (Tmux t = new Tmux(dir, "sh -c 'i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.1; done'")) {
            int pid = Integer.parseInt(t.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").trim());
            Thread.sleep(1000);
            Path rec = dir.resolve("attach.json");
            Process j = JstraceProcess.builder(dir, List.of("record", "-q", "-f", "trace", "-o", rec.toString(), "-p",
                    Integer.toString(pid))).redirectErrorStream(true).redirectOutput(dir.resolve("attach.out").toFile())
                    .start();
            // recording (the file streams): then SIGTERM detaches
            for (int k = 0; k < 600 && countOf(rec, "\"type\":\"stdout\"") < 8; k++) Thread.sleep(50);
            j.destroy();
            assertTrue(j.waitFor(30, TimeUnit.SECONDS));
            String out = Files.readString(dir.resolve("attach.out"));
            assertEquals(128 + 15, j.exitValue(), out); // detached on SIGTERM, it dies of it as strace -p does
            Trace tr = Trace.load(rec);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            for (TermEvent e : tr.events()) if (e.type().output()) o.writeBytes(e.data());
            Matcher m = Pattern.compile("tick (\\d+)\r\n").matcher(o.toString(StandardCharsets.UTF_8));
            List<Integer> ticks = new ArrayList<>();
            while (m.find()) ticks.add(Integer.parseInt(m.group(1)));
            assertTrue(ticks.size() >= 5, ticks.toString());
            assertTrue(ticks.get(0) > 3, "recorded from the attach on: " + ticks);
            for (int k = 1; k < ticks.size(); k++) assertEquals(ticks.get(k - 1) + 1, ticks.get(k), ticks.toString());
            // still running, untouched, after the detach: not traced, not stopped, no seccomp filter left behind
            Thread.sleep(700);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertTrue(status.contains("\nTracerPid:\t0\n") && status.contains("\nSeccomp:\t0\n"), status);
            assertFalse(status.contains("(tracing stop)") || status.contains("(stopped)"), status);
            String screen = t.tmux("capture-pane", "-p", "-t", "t");
            Matcher last = Pattern.compile("tick (\\d+)").matcher(screen);
            int latest = 0;
            while (last.find()) latest = Integer.parseInt(last.group(1));
            assertTrue(latest > ticks.get(ticks.size() - 1) + 2, "ticks went on: " + latest + " after " + ticks);
        }
    }

    private static int countOf(Path file, String s) throws IOException {
        if (!Files.exists(file)) return 0;
        return Files.readString(file).split(Pattern.quote(s), -1).length - 1;
    }

    @Test
    void aLaunchedCommandRunsUnderTheRecordersSeccompFilter() throws Exception {
        // /proc/PID/status says which seccomp mode a process is in: 2 is a filter (proc(5))
        Path rec = dir.resolve("seccomp.json");
        try (Tmux t = new Tmux(dir, "sh")) {
            assertEquals(0, t.run(Tmux.jstrace("record", "-q", "-f", "trace", "-o", rec.toString(), "--", "grep",
                    "-E", "^(Seccomp|Seccomp_filters):", "/proc/self/status")));
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (TermEvent e : Trace.load(rec).events()) if (e.type().output()) o.writeBytes(e.data());
        assertTrue(o.toString(StandardCharsets.UTF_8).startsWith("Seccomp:\t2\r\nSeccomp_filters:\t1\r\n"), o.toString());
    }

    @Test
    void playWaitsAtMarkersForEnterAndCapsIdleTime() throws Exception {
        // a 30 s pause before the marker: -i 0.2 plays it in 0.2 s
        Path cast = dir.resolve("marked.cast");
        Files.writeString(cast, "{\"version\":3,\"term\":{\"cols\":80,\"rows\":24}}\n[0.1, \"o\", \"before\"]\n"
                + "[30.0, \"m\", \"here\"]\n[0.1, \"o\", \"after\"]\n");
        long t0 = System.nanoTime();
        Process p = JstraceProcess.builder(dir, List.of("play", "-m", "-i", "0.2", cast.toString())).start();
        java.io.InputStream out = p.getInputStream();
        byte[] first = out.readNBytes(6);
        assertEquals("before", new String(first, StandardCharsets.UTF_8));
        Thread.sleep(1000);
        assertEquals(0, out.available(), "waits at the marker");
        p.getOutputStream().write('\n');
        p.getOutputStream().flush();
        assertEquals("after", new String(out.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "the 30 s idle time capped");
    }

    @Test
    void badFilesGiveOneLineAndAFailureStatus() throws Exception {
        Files.writeString(dir.resolve("foreign"), "PK\u0003\u0004 not a recording");
        Files.writeString(dir.resolve("cut.cast"), "{\"version\":2,\"width\":80,\"height\":24}\n[0.5, \"o\", \"ab");
        Files.writeString(dir.resolve("cut.json"), "{\"metadata\":{},\n\"events\":[\n{\"ts\":1,\"type\":\"stdout\"}");
        Files.writeString(dir.resolve("corrupt.cast"), "{\"version\":3,\"term\":{\"cols\":80,\"rows\":24}}\n"
                + "[0.1, \"o\", \"ok\"]\n[0.1, \"o\" \"no comma\"]\n[0.1, \"o\", \"after\"]\n");
        Files.writeString(dir.resolve("corrupt.json"), "{\"metadata\":{\"run_id\":\"r\"},\n\"events\":[\n"
                + "{\"ts\":1,\"type\":\"stdout\",\"data\":\"aGk=\"},\n{\"ts\":2,\"type\":\"stdout\",\"data\":\"#%!\"}\n]}\n");
        byte[] noise = new byte[4096];
        new java.util.Random(15).nextBytes(noise);
        noise[0] = '{';
        Files.write(dir.resolve("noise"), noise);
        Files.writeString(dir.resolve("empty"), "");
        for (String cmd : new String[] {"play", "decode"}) {
            for (String f : new String[] {"foreign", "cut.cast", "cut.json", "corrupt.cast", "corrupt.json", "noise",
                    "empty", "missing"}) {
                JstraceProcess.Result r = JstraceProcess.run(dir, List.of(cmd, f));
                assertEquals(1, r.exit(), cmd + " " + f);
                assertTrue(r.stderr().startsWith("jstrace: " + f + ": "), r.stderr());
                assertEquals(1, r.stderr().split("\n").length, r.stderr());
                assertFalse(r.stderr().contains("Exception"), r.stderr());
            }
        }
        JstraceProcess.Result r = JstraceProcess.run(dir, List.of("decode", "--resize-issues=soon", "x"));
        assertEquals(1, r.exit());
        assertTrue(r.stderr().startsWith("jstrace: decode: --resize-issues: not a duration"), r.stderr());
    }
}
