package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.testdata.TestPrograms;
import io.jstrace.view.term.TermEvent;
import io.jstrace.view.term.Trace;
import io.jstrace.view.term.TraceFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tmux showed while a program ran under {@code jstrace record} is what tmux shows when
 * the recording is replayed in a fresh pane of the same size: by {@code asciinema cat}
 * (asciicast v2) and by {@code jstrace play} (every format). Ground truth: the recorded
 * pane itself ({@code capture-pane -e}: every cell with its attributes, the cursor, the
 * alternate screen), read while the program waits for a key (the recording so far, copied
 * then, is replayed) and after it exits (the whole recording).
 */
@EnabledIf("available")
class TermReplayTest {
    @TempDir
    Path dir;

    static boolean available() {
        return TestPrograms.ptracePermitted() && TestPrograms.onPath("tmux") != null;
    }

    /** Keys to type, then the text to wait for on the screen. */
    record Step(List<String> keys, String shows) {
        static Step of(String shows, String... keys) {
            return new Step(List.of(keys), shows);
        }
    }

    /**
     * Records {@code command} in each format in a tmux pane, driving it with {@code steps}
     * (the screen is read after the last but one: the program is waiting; the last makes it
     * exit), and replays each recording, the whole and the part made by then, in fresh panes.
     */
    private void recordAndReplay(String name, List<String> command, List<String> options, int status,
            List<Step> steps) throws Exception {
        boolean asciinema = TestPrograms.onPath("asciinema") != null;
        try (Tmux t = new Tmux(dir, "sleep 1000")) {
            for (String f : new String[] {"asciicast-v2", "asciicast-v3", "trace"}) {
                String what = name + " " + f;
                Path rec = dir.resolve(name + "." + f), rc = dir.resolve(name + "." + f + ".rc");
                List<String> args = new ArrayList<>(List.of("record", "-q", "-f", f, "-o", rec.toString()));
                args.addAll(options);
                args.add("--");
                args.addAll(command);
                String pane = "rec-" + f;
                t.session(pane, "sh -c " + Tmux.quote(Tmux.jstrace(args.toArray(String[]::new)) + "; "
                        + Tmux.statusTo(rc) + "; exec sleep 1000"));
                for (int k = 0; k < steps.size(); k++) {
                    Step s = steps.get(k);
                    if (k == steps.size() - 1) {
                        // the program waits for a key: the screen so far, and the recording so far
                        String mid = stable(t, pane, rec);
                        Path part = dir.resolve(name + ".part." + f);
                        Files.copy(rec, part, StandardCopyOption.REPLACE_EXISTING);
                        if (f.equals("trace")) {
                            // the trace JSON is closed at the end: cut short, it says so in one line
                            TraceFormatException e = assertThrows(TraceFormatException.class, () -> Trace.load(part));
                            assertTrue(e.getMessage().startsWith("trace JSON cut short"), e.getMessage());
                        } else {
                            replay(t, what + " (part)", part, mid, asciinema && f.equals("asciicast-v2"));
                        }
                    }
                    for (String key : s.keys) t.tmux("send-keys", "-t", pane, key);
                    if (s.shows != null) t.waitForText(pane, s.shows);
                }
                assertEquals(status, Tmux.waitFor(rc, 60), what);
                replay(t, what, rec, t.screen(pane), asciinema && f.equals("asciicast-v2"));
                Trace tr = Trace.load(rec);
                assertTrue(tr.events().stream().anyMatch(e -> e.type().output()), what);
            }
        }
    }

    /** The pane's screen once the program has drawn it and the recording has caught up. */
    private static String stable(Tmux t, String pane, Path rec) throws Exception {
        String before = null, now = t.screen(pane);
        long size = -1;
        while (!now.equals(before) || Files.size(rec) != size) {
            size = Files.size(rec);
            Thread.sleep(300);
            before = now;
            now = t.screen(pane);
        }
        return now;
    }

    /** Replays {@code rec} in fresh panes and compares their screens with {@code want}. */
    private void replay(Tmux t, String what, Path rec, String want, boolean alsoAsciinema) throws Exception {
        List<String> players = new ArrayList<>(List.of(Tmux.jstrace("play", "-i", "0.01", rec.toString())));
        if (alsoAsciinema) players.add("asciinema cat " + Tmux.quote(rec.toString()));
        for (String player : players) {
            Path rc = dir.resolve("play" + System.nanoTime());
            String pane = "play" + System.nanoTime();
            t.session(pane, "sh -c " + Tmux.quote(player + "; " + Tmux.statusTo(rc) + "; exec sleep 1000"));
            assertEquals(0, Tmux.waitFor(rc, 60), what + ": " + player);
            assertEquals(want, t.screen(pane), what + " replayed by " + player.substring(0, 40));
            t.tmux("kill-session", "-t", pane);
        }
    }

    @Test
    void sequencesSplitAcrossWritesThroughEveryRoute() throws Exception {
        Path prog = TestPrograms.compile("term_split");
        recordAndReplay("split", List.of(prog.toString()), List.of(), 0, List.of());
    }

    @Test
    void aCursesLikeProgramOnTheAlternateScreen() throws Exception {
        Path prog = TestPrograms.compile("term_redraw");
        recordAndReplay("redraw", List.of(prog.toString(), "good"), List.of(), 7,
                List.of(Step.of("size 80x24"), Step.of("bye", "q")));
    }

    @Test
    void less() throws Exception {
        Path file = dir.resolve("numbers.txt");
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= 300; k++) b.append("line ").append(k).append(k % 7 == 0 ? " seventh\n" : "\n");
        Files.writeString(file, b.toString());
        recordAndReplay("less", List.of("less", file.toString()), List.of(), 0,
                List.of(Step.of("line 23"), Step.of("line 46", "Space"), Step.of("line 5", "/", "seventh", "Enter"),
                        Step.of(null, "q")));
    }

    @Test
    void aShellSessionWithItsInput() throws Exception {
        recordAndReplay("bash", List.of("env", "PS1=$ ", "HISTFILE=/dev/null", "bash", "--norc", "--noprofile", "-i"),
                List.of("-I"), 0,
                List.of(Step.of("$"), Step.of("done-42", "printf '\\033[1;32mgreen\\033[0m\\n'; echo done-$((6*7))", "Enter"),
                        Step.of(null, "exit", "Enter")));
        // -I: what bash read from the terminal, key by key, is in the recording
        StringBuilder typed = new StringBuilder();
        for (TermEvent e : Trace.load(dir.resolve("bash.trace")).events()) {
            if (e.type() == TermEvent.Type.STDIN) typed.append(new String(e.data(), StandardCharsets.UTF_8));
        }
        assertEquals("printf '\\033[1;32mgreen\\033[0m\\n'; echo done-$((6*7))\rexit\r", typed.toString());
    }
}
