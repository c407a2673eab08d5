package io.jstrace.view.term;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a recording's output for people and analyses it, with one {@link AnsiParser}
 * across all events: a sequence split across writes is decoded once, in the event that
 * completes it. Feed events in order with {@link #accept}; read {@link #clears()},
 * {@link #resizeIssues(long)} and {@link #modes()} after.
 */
public final class Decoder {
    /** A screen clear in any form, or an alternate-screen switch. */
    public record Clear(int event, long ts, int startEvent, String form) {}

    /** A DEC private mode's history: how often set and reset, and whether it was on at the end. */
    public record Mode(int number, String name, int set, int reset, boolean onAtEnd) {}

    /** An output event with its control sequences spelled out. */
    public record Decoded(int index, TermEvent event, String text) {}

    private final AnsiParser parser;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final List<Clear> clears = new ArrayList<>();
    private final Map<Integer, int[]> modes = new LinkedHashMap<>();
    private final List<TermEvent> timeline = new ArrayList<>();
    private final List<long[]> cursorMoves = new ArrayList<>(); // {ts, row, col}
    private final List<Long> fullRedrawTs = new ArrayList<>();
    private int index = -1;
    private long ts;
    private boolean home; // the last action put the cursor home
    private int homeStart; // the event the cursor-home sequence began in
    private final boolean keepTimeline;

    /** A decoder that keeps what the analyses need (clears, resizes, sizes read, cursor moves: small). */
    public Decoder() {
        this(true);
    }

    Decoder(boolean keepTimeline) {
        this.keepTimeline = keepTimeline;
        this.parser = new AnsiParser(new Actions());
    }

    /** Decodes event {@code index}: its text, with controls named; output, input and the rest alike. */
    public Decoded accept(int index, TermEvent e) {
        this.index = index;
        this.ts = e.ts();
        out.setLength(0);
        switch (e.type()) {
            case STDOUT, STDERR -> {
                parser.feed(e.data(), 0, e.data().length, index);
                flushText();
                if (parser.inSequence()) out.append(out.length() > 0 ? " " : "").append("(sequence continues)");
            }
            case STDIN -> out.append(quoteInput(e.data()));
            case RESIZE -> {
                out.append("resize to ").append(e.size());
                if (keepTimeline) timeline.add(e);
            }
            case WINSIZE -> {
                out.append("read window size ").append(e.size());
                if (keepTimeline) timeline.add(e);
            }
            case SIGNAL -> out.append(e.text());
            case MARKER -> out.append("marker: ").append(e.text());
            case EXIT -> out.append("exit status ").append(e.text());
        }
        return new Decoded(index, e, out.toString());
    }

    private static String quoteInput(byte[] data) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : data) {
            int c = x & 0xff;
            if (c == 0x1b) b.append("\\e");
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
            else b.append((char) c);
        }
        return b.append('"').toString();
    }

    private void flushText() {
        if (text.length() == 0) return;
        sep();
        out.append('"').append(text).append('"');
        text.setLength(0);
    }

    private void sep() {
        if (out.length() > 0) out.append(' ');
    }

    private void action(String spelled, String meaning) {
        flushText();
        sep();
        out.append(spelled);
        if (meaning != null && !meaning.isEmpty()) out.append(" (").append(meaning).append(')');
    }

    private void clear(String form) {
        clear(form, parser.sequenceStart() < 0 ? index : parser.sequenceStart());
    }

    private void clear(String form, int start) {
        clears.add(new Clear(index, ts, start, form));
        fullRedrawTs.add(ts);
    }

    /** Every clear and alternate-screen switch seen so far, in order. */
    public List<Clear> clears() {
        return List.copyOf(clears);
    }

    /** The DEC private modes set or reset so far, by first appearance. */
    public List<Mode> modes() {
        List<Mode> l = new ArrayList<>();
        for (Map.Entry<Integer, int[]> m : modes.entrySet()) {
            int[] v = m.getValue();
            l.add(new Mode(m.getKey(), Names.decMode(m.getKey()), v[0], v[1], v[2] == 1));
        }
        return l;
    }

    /**
     * Resize problems: a clear or full redraw within {@code windowNanos} after a resize
     * that came before the program read the new size (when the recording has the sizes
     * read, as the trace format does; else every clear within the window, as the seed's
     * {@code FindResizeIssues}), and cursor moves outside the new size after the program
     * read it (a frame drawn for the old size).
     */
    public List<String> resizeIssues(long windowNanos) {
        List<String> issues = new ArrayList<>();
        boolean sizesRead = timeline.stream().anyMatch(e -> e.type() == TermEvent.Type.WINSIZE);
        for (int k = 0; k < timeline.size(); k++) {
            TermEvent r = timeline.get(k);
            if (r.type() != TermEvent.Type.RESIZE) continue;
            long readAt = Long.MAX_VALUE, nextResize = Long.MAX_VALUE;
            for (int j = k + 1; j < timeline.size(); j++) {
                TermEvent e = timeline.get(j);
                if (e.type() == TermEvent.Type.RESIZE) {
                    nextResize = e.ts();
                    break;
                }
                if (e.type() == TermEvent.Type.WINSIZE && e.size().equals(r.size()) && readAt == Long.MAX_VALUE) {
                    readAt = e.ts();
                }
            }
            for (Clear c : clears) {
                if (c.ts() < r.ts() || c.ts() - r.ts() > windowNanos || c.ts() >= nextResize) continue;
                if (sizesRead && c.ts() >= readAt) continue; // redrawn after reading the new size: right
                issues.add(String.format("%s at %s, %s after the resize to %s at %s%s", c.form(), time(c.ts()),
                        duration(c.ts() - r.ts()), r.size(), time(r.ts()),
                        sizesRead ? ", before the program read the new size" : ""));
            }
            if (readAt == Long.MAX_VALUE) continue;
            for (long[] m : cursorMoves) {
                if (m[0] < readAt || m[0] >= nextResize) continue;
                if (m[1] > r.size().height() || m[2] > r.size().width()) {
                    issues.add(String.format("cursor moved to row %d column %d at %s, outside the %s window the"
                            + " program read at %s: a frame drawn for the old size", m[1], m[2], time(m[0]),
                            r.size(), time(readAt)));
                }
            }
        }
        return issues;
    }

    static String time(long ns) {
        return String.format("%d.%06ds", ns / 1_000_000_000, (ns % 1_000_000_000) / 1000);
    }

    static String duration(long ns) {
        // Locale.ROOT: a JVM in a locale with a decimal comma, as a library's may be, prints 1.5ms still
        return ns >= 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1fms", ns / 1e6) : (ns / 1000) + "us";
    }

    private static int[] params(String p) {
        if (p.isEmpty()) return new int[0];
        String[] parts = p.split("[;:]", -1);
        int[] r = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String s = parts[k];
            if (s.isEmpty()) r[k] = -1;
            else {
                long v = 0;
                for (int c = 0; c < s.length() && v < 100_000; c++) {
                    char d = s.charAt(c);
                    if (d >= '0' && d <= '9') v = v * 10 + (d - '0');
                }
                r[k] = (int) Math.min(v, 100_000);
            }
        }
        return r;
    }

    private static int p(int[] ps, int k, int dflt) {
        return k < ps.length && ps[k] > 0 ? ps[k] : dflt;
    }

    private static int p0(int[] ps, int k) {
        return k < ps.length && ps[k] >= 0 ? ps[k] : 0;
    }

    private final class Actions implements AnsiParser.Handler {
        @Override
        public void print(int cp) {
            home = false;
            if (cp == '"' || cp == '\\') text.append('\\');
            text.appendCodePoint(cp);
        }

        @Override
        public void execute(int c) {
            String n = switch (c) {
                case 0x07 -> "BEL";
                case 0x08 -> "BS";
                case 0x09 -> "HT";
                case 0x0a -> "LF";
                case 0x0b -> "VT";
                case 0x0c -> "FF";
                case 0x0d -> "CR";
                case 0x0e -> "SO";
                case 0x0f -> "SI";
                case 0x18 -> "CAN";
                case 0x1a -> "SUB";
                default -> String.format("^%c", (char) (c + 0x40));
            };
            if (c != 0x0d) home = false;
            flushText();
            sep();
            out.append(n);
        }

        @Override
        public void csi(char priv, String ps, String inter, char fin) {
            String spelled = "ESC[" + (priv == 0 ? "" : String.valueOf(priv)) + ps + inter + fin;
            int[] v = params(ps);
            boolean wasHome = home;
            home = false;
            String meaning;
            if (priv == '?' && inter.isEmpty() && (fin == 'h' || fin == 'l')) {
                boolean on = fin == 'h';
                StringBuilder m = new StringBuilder();
                for (int n : v) {
                    if (n < 0) continue;
                    int[] st = modes.computeIfAbsent(n, x -> new int[3]);
                    st[on ? 0 : 1]++;
                    st[2] = on ? 1 : 0;
                    if (m.length() > 0) m.append(", ");
                    m.append(Names.decMode(n)).append(on ? " on" : " off");
                    if (n == 1049 || n == 47 || n == 1047) clear(on ? "alternate screen on (ESC[?" + n + "h)" : "alternate screen off (ESC[?" + n + "l)");
                }
                meaning = m.toString();
            } else if (priv == 0 && inter.isEmpty()) {
                meaning = switch (fin) {
                    case 'A' -> "cursor up " + p(v, 0, 1);
                    case 'B' -> "cursor down " + p(v, 0, 1);
                    case 'C' -> "cursor forward " + p(v, 0, 1);
                    case 'D' -> "cursor back " + p(v, 0, 1);
                    case 'E' -> "cursor to start of line, " + p(v, 0, 1) + " down";
                    case 'F' -> "cursor to start of line, " + p(v, 0, 1) + " up";
                    case 'G', '`' -> "cursor to column " + p(v, 0, 1);
                    case 'd' -> "cursor to row " + p(v, 0, 1);
                    case 'H', 'f' -> {
                        int row = p(v, 0, 1), col = p(v, 1, 1);
                        if (keepTimeline && cursorMoves.size() < 1_000_000) cursorMoves.add(new long[] {ts, row, col});
                        home = row == 1 && col == 1;
                        homeStart = parser.sequenceStart();
                        yield home ? "cursor home" : "cursor to row " + row + " column " + col;
                    }
                    case 'J' -> {
                        int n = p0(v, 0);
                        if (n == 2) clear("erase display (all) ESC[2J");
                        else if (n == 3) clear("erase display and scrollback ESC[3J");
                        else if (n == 0 && wasHome) clear("cursor home, erase below (ESC[H ESC[J)", homeStart);
                        yield switch (n) {
                            case 0 -> "erase display (below)";
                            case 1 -> "erase display (above)";
                            case 2 -> "erase display (all)";
                            case 3 -> "erase display (all, and scrollback)";
                            default -> "erase display (" + n + ")";
                        };
                    }
                    case 'K' -> switch (p0(v, 0)) {
                        case 0 -> "erase line (right)";
                        case 1 -> "erase line (left)";
                        case 2 -> "erase line (all)";
                        default -> "erase line";
                    };
                    case 'L' -> "insert " + p(v, 0, 1) + " lines";
                    case 'M' -> "delete " + p(v, 0, 1) + " lines";
                    case 'P' -> "delete " + p(v, 0, 1) + " characters";
                    case '@' -> "insert " + p(v, 0, 1) + " characters";
                    case 'X' -> "erase " + p(v, 0, 1) + " characters";
                    case 'S' -> "scroll up " + p(v, 0, 1);
                    case 'T' -> "scroll down " + p(v, 0, 1);
                    case 'm' -> Names.sgr(v);
                    case 'r' -> v.length == 0 ? "scroll region: whole screen"
                            : "scroll region rows " + p(v, 0, 1) + " to " + (v.length > 1 && v[1] > 0 ? v[1] : "bottom");
                    case 's' -> "save cursor";
                    case 'u' -> "restore cursor";
                    case 'n' -> p0(v, 0) == 6 ? "report cursor position" : "device status report";
                    case 'c' -> "device attributes";
                    case 't' -> "window operation " + ps;
                    case 'h' -> "set mode " + ps;
                    case 'l' -> "reset mode " + ps;
                    default -> null;
                };
            } else if (inter.equals("!") && fin == 'p') {
                clear("soft reset ESC[!p");
                meaning = "soft terminal reset";
            } else if (inter.equals(" ") && fin == 'q') {
                meaning = "cursor style " + p0(v, 0);
            } else if (priv == '>' && fin == 'c') {
                meaning = "secondary device attributes";
            } else {
                meaning = null;
            }
            action(spelled, meaning);
        }

        @Override
        public void esc(String inter, char fin) {
            home = false;
            String meaning = null;
            if (inter.isEmpty()) {
                meaning = switch (fin) {
                    case 'c' -> {
                        clear("full reset ESC c");
                        yield "full reset";
                    }
                    case '7' -> "save cursor";
                    case '8' -> "restore cursor";
                    case 'D' -> "index";
                    case 'E' -> "next line";
                    case 'M' -> "reverse index";
                    case 'H' -> "set tab stop";
                    case '=' -> "keypad application mode";
                    case '>' -> "keypad numeric mode";
                    default -> null;
                };
            } else if (inter.equals("#") && fin == '8') {
                meaning = "screen alignment test (fills the screen)";
            } else if (inter.length() == 1 && "()*+".indexOf(inter.charAt(0)) >= 0) {
                meaning = "G" + "()*+".indexOf(inter.charAt(0)) + " charset " + (fin == '0' ? "DEC line drawing"
                        : fin == 'B' ? "ASCII" : String.valueOf(fin));
            }
            action("ESC" + inter + fin, meaning);
        }

        @Override
        public void osc(String data) {
            home = false;
            int semi = data.indexOf(';');
            String cmd = semi < 0 ? data : data.substring(0, semi), arg = semi < 0 ? "" : data.substring(semi + 1);
            String meaning = switch (cmd) {
                case "0" -> "set icon name and window title: " + Json.quote(arg);
                case "1" -> "set icon name: " + Json.quote(arg);
                case "2" -> "set window title: " + Json.quote(arg);
                case "4" -> "set palette colour";
                case "7" -> "current directory: " + Json.quote(arg);
                case "8" -> {
                    int s2 = arg.indexOf(';');
                    String uri = s2 < 0 ? "" : arg.substring(s2 + 1);
                    yield uri.isEmpty() ? "hyperlink end" : "hyperlink to " + Json.quote(uri);
                }
                case "10" -> "foreground colour";
                case "11" -> "background colour";
                case "52" -> {
                    int s2 = arg.indexOf(';');
                    String payload = s2 < 0 ? arg : arg.substring(s2 + 1);
                    if (payload.equals("?")) yield "clipboard read request";
                    int n;
                    try {
                        n = Base64.getDecoder().decode(payload).length;
                    } catch (IllegalArgumentException e) {
                        n = -1;
                    }
                    yield "clipboard write" + (n >= 0 ? " (" + n + " bytes)" : "");
                }
                case "133" -> "shell integration mark " + arg;
                default -> null;
            };
            String shown = data.length() > 80 ? data.substring(0, 80) + "..." : data;
            action("ESC]" + Json.quote(shown).replaceAll("^\"|\"$", "") + " ST", meaning);
        }

        @Override
        public void dcs(char priv, String ps, String inter, char fin, String data) {
            home = false;
            String meaning = null;
            if (priv == '=' && fin == 's') meaning = ps.equals("1") ? "synchronized update begin" : "synchronized update end";
            else if (fin == 'q' && inter.isEmpty()) meaning = "sixel graphics";
            action("ESCP" + (priv == 0 ? "" : String.valueOf(priv)) + ps + inter + fin + "... ST (" + data.length()
                    + " bytes)", meaning);
        }

        @Override
        public void string(char kind, String data) {
            action("ESC" + kind + "... ST (" + data.getBytes(StandardCharsets.UTF_8).length + " bytes)",
                    kind == '_' ? "application program command" : kind == '^' ? "privacy message" : "start of string");
        }
    }
}
