package io.jstrace.view.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder's one parser across events: clears in every form, split anywhere; resize issues. */
class TermDecoderTest {
    private static final Metadata MD = new Metadata(Instant.EPOCH, "t", List.of("x"), Map.of(), new Size(80, 24), null);

    /** Each clear form, between text, and what the decoder must name it. */
    private static final String[][] CLEARS = {
        {"\033[2J", "erase display (all) ESC[2J"},
        {"\033[3J", "erase display and scrollback ESC[3J"},
        {"\033[H\033[J", "cursor home, erase below (ESC[H ESC[J)"},
        {"\033c", "full reset ESC c"},
        {"\033[?1049h", "alternate screen on (ESC[?1049h)"},
        {"\033[?1049l", "alternate screen off (ESC[?1049l)"},
        {"\033[!p", "soft reset ESC[!p"},
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<TermEvent> split(byte[] all, int... cuts) {
        List<TermEvent> l = new ArrayList<>();
        int from = 0;
        for (int c : cuts) {
            l.add(TermEvent.output(l.size(), TermEvent.Type.STDOUT, java.util.Arrays.copyOfRange(all, from, c)));
            from = c;
        }
        l.add(TermEvent.output(l.size(), TermEvent.Type.STDOUT, java.util.Arrays.copyOfRange(all, from, all.length)));
        return l;
    }

    @Test
    void everyClearIsFoundWhereverItIsSplit() {
        for (String[] c : CLEARS) {
            byte[] all = bytes("before é" + c[0] + "after");
            int seqStart = bytes("before é").length, seqEnd = seqStart + c[0].length();
            for (int cut = 0; cut <= all.length; cut++) {
                Trace t = new Trace(MD, split(all, cut));
                List<Decoder.Clear> found = t.clears();
                assertEquals(1, found.size(), c[1] + " cut at " + cut + ": " + found);
                assertEquals(c[1], found.get(0).form());
                int expectEvent = cut >= seqEnd ? 0 : 1;
                assertEquals(expectEvent, found.get(0).event(), "cut at " + cut);
                boolean splitInside = cut > seqStart && cut < seqEnd;
                assertEquals(splitInside ? 0 : expectEvent, found.get(0).startEvent(), "cut at " + cut);
            }
        }
    }

    @Test
    void everyClearIsFoundWhenEveryByteIsAWriteOfItsOwn() {
        StringBuilder s = new StringBuilder("x");
        for (String[] c : CLEARS) s.append(c[0]).append("y");
        byte[] all = bytes(s.toString());
        int[] cuts = new int[all.length - 1];
        for (int k = 0; k < cuts.length; k++) cuts[k] = k + 1;
        List<Decoder.Clear> found = new Trace(MD, split(all, cuts)).clears();
        assertEquals(CLEARS.length, found.size(), found.toString());
        // the seed's FindClearScreen: the events in which each clear completes (its last byte: a write of its own)
        int[] at = new Trace(MD, split(all, cuts)).findClearScreen();
        assertEquals(CLEARS.length, at.length);
        for (int k = 0; k < at.length; k++) assertEquals(found.get(k).event(), at[k]);
        for (int k = 0; k < CLEARS.length; k++) assertEquals(CLEARS[k][1], found.get(k).form());
        // the seed's per-event search (bytes.Contains ESC[2J per event) finds none of them here
        int naive = 0;
        for (TermEvent e : split(all, cuts)) if (new String(e.data(), StandardCharsets.ISO_8859_1).contains("\033[2J")) naive++;
        assertEquals(0, naive);
    }

    @Test
    void sequencesAreSpelledOutForPeople() {
        List<TermEvent> ev = split(bytes("\033[1;31mred\033[0m\r\n\033]0;my title\007\033]8;;https://x.example\033\\"
                + "link\033]8;;\033\\\033[?2004h\033[?2026h\033]52;c;aGVsbG8=\007\033[38;2;1;2;3m\033[?1000h\033[?1006h\033[3A"), 5);
        StringBuilder all = new StringBuilder();
        for (Decoder.Decoded d : new Trace(MD, ev).decode()) all.append(d.text()).append('\n');
        String s = all.toString();
        for (String want : new String[] {"ESC[1;31m (bold, red)", "\"red\"", "reset", "CR LF",
                "set icon name and window title: \"my title\"", "hyperlink to \"https://x.example\"", "hyperlink end",
                "bracketed paste on", "synchronized output on", "clipboard write (5 bytes)", "foreground #010203",
                "(sequence continues)", "mouse click tracking on", "SGR mouse on", "cursor up 3"}) {
            assertTrue(s.contains(want), want + " in\n" + s);
        }
    }

    @Test
    void modesAreSummarised() {
        Decoder d = new Decoder();
        d.accept(0, TermEvent.output(0, TermEvent.Type.STDOUT, bytes("\033[?25l\033[?2004h\033[?25h")));
        assertEquals("[Mode[number=25, name=cursor visible, set=1, reset=1, onAtEnd=true], "
                + "Mode[number=2004, name=bracketed paste, set=1, reset=0, onAtEnd=true]]", d.modes().toString());
    }

    private static List<TermEvent> redraw(boolean good) {
        long ms = 1_000_000;
        List<TermEvent> l = new ArrayList<>();
        l.add(new TermEvent(0, TermEvent.Type.WINSIZE, 1, 1, 1, null, new Size(80, 24), null));
        l.add(TermEvent.output(1 * ms, TermEvent.Type.STDOUT, bytes("\033[H\033[2J\033[24;80Hx")));
        l.add(TermEvent.resize(100 * ms, new Size(40, 10)));
        if (good) {
            l.add(new TermEvent(101 * ms, TermEvent.Type.WINSIZE, 1, 1, 1, null, new Size(40, 10), null));
            l.add(TermEvent.output(102 * ms, TermEvent.Type.STDOUT, bytes("\033[H\033[2J\033[10;40Hx")));
        } else {
            l.add(TermEvent.output(101 * ms, TermEvent.Type.STDOUT, bytes("\033[H\033[2J")));
            l.add(new TermEvent(102 * ms, TermEvent.Type.WINSIZE, 1, 1, 1, null, new Size(40, 10), null));
            l.add(TermEvent.output(103 * ms, TermEvent.Type.STDOUT, bytes("\033[24;80Hx")));
        }
        return l;
    }

    @Test
    void aRedrawBeforeTheResizeIsReadIsFoundAndACorrectOneIsNot() {
        List<String> bad = new Trace(MD, redraw(false)).findResizeIssues(250_000_000);
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("erase display (all) ESC[2J at 0.101000s, 1.0ms after the resize to 40x10"), bad.get(0));
        assertTrue(bad.get(1).contains("row 24 column 80") && bad.get(1).contains("old size"), bad.get(1));
        assertEquals(List.of(), new Trace(MD, redraw(true)).findResizeIssues(250_000_000));
        // outside the window: not a resize issue
        assertEquals(1, new Trace(MD, redraw(false)).findResizeIssues(500_000).size());
    }
}
