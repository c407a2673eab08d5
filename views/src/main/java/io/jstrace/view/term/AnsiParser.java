package io.jstrace.view.term;

import java.nio.charset.StandardCharsets;

/**
 * Paul Williams' DEC ANSI parser state machine (https://vt100.net/emu/dec_ansi_parser),
 * fed byte by byte and stateful across {@link #feed} calls, so a sequence split across
 * two writes is one sequence. Text is decoded as UTF-8 in the ground state (a character
 * split across writes is carried over); C1 controls are recognised only in their 7-bit
 * forms (ESC + letter), as a UTF-8 terminal does. Strings (OSC, DCS, SOS/PM/APC) are kept
 * up to {@link #MAX_STRING} bytes, the rest dropped. Never throws on any input.
 */
public final class AnsiParser {
    /** Longest OSC/DCS string kept. */
    public static final int MAX_STRING = 1 << 16;
    private static final int MAX_PARAMS = 32;

    /** What the parser found; every method has an empty default. */
    public interface Handler {
        /** A printable character (code point). */
        default void print(int codePoint) {}

        /** A C0 control (0x00-0x1f, 0x7f is ignored as the machine says). */
        default void execute(int control) {}

        /**
         * A control sequence {@code ESC [ private params intermediates final}.
         *
         * @param privateMarker one of {@code < = > ?} or 0
         * @param params        the parameters as written ({@code "1;31"}, {@code "38:2:1:2:3"})
         */
        default void csi(char privateMarker, String params, String intermediates, char fin) {}

        /** An escape sequence {@code ESC intermediates final} (not CSI, OSC, DCS, ST). */
        default void esc(String intermediates, char fin) {}

        /** An operating system command's string (between {@code ESC ]} and BEL or ST). */
        default void osc(String data) {}

        /** A device control string: its parameters, intermediates, final and data. */
        default void dcs(char privateMarker, String params, String intermediates, char fin, String data) {}

        /** An SOS, PM or APC string ({@code kind} X, ^ or _). */
        default void string(char kind, String data) {}
    }

    private enum State {
        GROUND, ESCAPE, ESCAPE_INTERMEDIATE, CSI_ENTRY, CSI_PARAM, CSI_INTERMEDIATE, CSI_IGNORE, DCS_ENTRY, DCS_PARAM,
        DCS_INTERMEDIATE, DCS_PASSTHROUGH, DCS_IGNORE, OSC_STRING, SOS_PM_APC_STRING
    }

    private final Handler h;
    private State state = State.GROUND;
    private final StringBuilder params = new StringBuilder(), intermediates = new StringBuilder();
    private char privateMarker;
    private char dcsFinal;
    private char stringKind;
    private final java.io.ByteArrayOutputStream string = new java.io.ByteArrayOutputStream();
    private int utf8Need, utf8Cp, utf8Have;
    private int paramCount;
    /** The event a sequence in progress started in, for callers that care about splits. */
    private int sequenceStart = -1, current = -1;

    public AnsiParser(Handler handler) {
        this.h = handler;
    }

    /** Whether the parser is in the middle of a sequence or a character. */
    public boolean inSequence() {
        return state != State.GROUND || utf8Need > 0;
    }

    /** The index passed to {@link #feed(byte[], int, int, int)} when the sequence just dispatched began. */
    public int sequenceStart() {
        return sequenceStart < 0 ? current : sequenceStart;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length, current);
    }

    /** Feeds {@code len} bytes of {@code data} from {@code off}, part of event {@code event}. */
    public void feed(byte[] data, int off, int len, int event) {
        current = event;
        for (int k = off; k < off + len; k++) step(data[k] & 0xff);
    }

    private void enter(State s) {
        if (state == State.GROUND && s != State.GROUND) sequenceStart = current;
        state = s;
        switch (s) {
            case ESCAPE, CSI_ENTRY, DCS_ENTRY -> clear();
            case OSC_STRING, SOS_PM_APC_STRING, DCS_PASSTHROUGH -> string.reset();
            case GROUND -> {}
            default -> {}
        }
    }

    private void clear() {
        params.setLength(0);
        intermediates.setLength(0);
        privateMarker = 0;
        paramCount = 0;
    }

    private void leaveString() {
        // exit actions of the string states: osc_end, unhook
        if (state == State.OSC_STRING) h.osc(string.toString(StandardCharsets.UTF_8));
        else if (state == State.DCS_PASSTHROUGH) {
            h.dcs(privateMarker, params.toString(), intermediates.toString(), dcsFinal, string.toString(StandardCharsets.UTF_8));
        } else if (state == State.SOS_PM_APC_STRING) h.string(stringKind, string.toString(StandardCharsets.UTF_8));
    }

    private void collectString(int b) {
        if (string.size() < MAX_STRING) string.write(b);
    }

    private void step(int b) {
        // "anywhere" transitions
        if (b == 0x1b) {
            flushUtf8();
            leaveString();
            state = State.GROUND; // a new sequence starts here
            enter(State.ESCAPE);
            return;
        }
        if (b == 0x18 || b == 0x1a) {
            flushUtf8();
            leaveString();
            h.execute(b);
            state = State.GROUND;
            sequenceStart = -1;
            return;
        }
        switch (state) {
            case GROUND -> ground(b);
            case ESCAPE -> {
                if (b < 0x20) h.execute(b);
                else if (b <= 0x2f) {
                    intermediates.append((char) b);
                    state = State.ESCAPE_INTERMEDIATE;
                } else if (b == '[') enter(State.CSI_ENTRY);
                else if (b == ']') enter(State.OSC_STRING);
                else if (b == 'P') enter(State.DCS_ENTRY);
                else if (b == 'X' || b == '^' || b == '_') {
                    stringKind = (char) b;
                    enter(State.SOS_PM_APC_STRING);
                } else if (b < 0x7f) {
                    if (b != '\\') h.esc("", (char) b); // ESC \ is ST: it ended a string
                    toGround();
                } else if (b >= 0x80) toGround(); // not a 7-bit sequence: drop it
            }
            case ESCAPE_INTERMEDIATE -> {
                if (b < 0x20) h.execute(b);
                else if (b <= 0x2f) collectIntermediate(b);
                else if (b < 0x7f) {
                    h.esc(intermediates.toString(), (char) b);
                    toGround();
                } else if (b >= 0x80) toGround();
            }
            case CSI_ENTRY -> {
                if (b < 0x20) h.execute(b);
                else if (b <= 0x2f) {
                    collectIntermediate(b);
                    state = State.CSI_INTERMEDIATE;
                } else if (b <= 0x39 || b == 0x3b) {
                    param(b);
                    state = State.CSI_PARAM;
                } else if (b == 0x3a) {
                    param(b);
                    state = State.CSI_PARAM;
                } else if (b <= 0x3f) {
                    privateMarker = (char) b;
                    state = State.CSI_PARAM;
                } else if (b < 0x7f) csiDispatch(b);
                else if (b >= 0x80) toGround();
            }
            case CSI_PARAM -> {
                if (b < 0x20) h.execute(b);
                else if (b <= 0x2f) {
                    collectIntermediate(b);
                    state = State.CSI_INTERMEDIATE;
                } else if (b <= 0x3b) param(b);
                else if (b <= 0x3f) state = State.CSI_IGNORE;
                else if (b < 0x7f) csiDispatch(b);
                else if (b >= 0x80) toGround();
            }
            case CSI_INTERMEDIATE -> {
                if (b < 0x20) h.execute(b);
                else if (b <= 0x2f) collectIntermediate(b);
                else if (b <= 0x3f) state = State.CSI_IGNORE;
                else if (b < 0x7f) csiDispatch(b);
                else if (b >= 0x80) toGround();
            }
            case CSI_IGNORE -> {
                if (b < 0x20) h.execute(b);
                else if (b >= 0x40 && b < 0x7f) toGround();
                else if (b >= 0x80) toGround();
            }
            case DCS_ENTRY, DCS_PARAM, DCS_INTERMEDIATE -> dcsHead(b);
            case DCS_PASSTHROUGH -> {
                if (b != 0x7f) collectString(b);
            }
            case DCS_IGNORE -> {}
            case OSC_STRING -> {
                if (b == 0x07) { // xterm: BEL ends an OSC
                    leaveString();
                    toGround();
                } else if (b >= 0x20 && b != 0x7f) collectString(b);
            }
            case SOS_PM_APC_STRING -> {
                if (b != 0x7f) collectString(b);
            }
        }
    }

    private void dcsHead(int b) {
        if (b < 0x20 || b == 0x7f) return; // ignored in the DCS head
        if (b <= 0x2f) {
            collectIntermediate(b);
            state = State.DCS_INTERMEDIATE;
        } else if (b <= 0x3b) {
            if (state == State.DCS_INTERMEDIATE) state = State.DCS_IGNORE;
            else {
                param(b);
                state = State.DCS_PARAM;
            }
        } else if (b <= 0x3f) {
            if (state == State.DCS_ENTRY) {
                privateMarker = (char) b;
                state = State.DCS_PARAM;
            } else state = State.DCS_IGNORE;
        } else if (b < 0x7f) {
            dcsFinal = (char) b;
            enter(State.DCS_PASSTHROUGH);
        } else state = State.DCS_IGNORE;
    }

    private void collectIntermediate(int b) {
        if (intermediates.length() < 8) intermediates.append((char) b);
    }

    private void param(int b) {
        if (b == ';' && ++paramCount >= MAX_PARAMS) return;
        if (params.length() < 256) params.append((char) b);
    }

    private void csiDispatch(int b) {
        h.csi(privateMarker, params.toString(), intermediates.toString(), (char) b);
        toGround();
    }

    private void toGround() {
        state = State.GROUND;
        sequenceStart = -1;
    }

    private void ground(int b) {
        if (b < 0x20) {
            flushUtf8();
            h.execute(b);
        } else if (b < 0x7f) {
            flushUtf8();
            h.print(b);
        } else if (b == 0x7f) {
            flushUtf8();
        } else if (utf8Need > 0 && (b & 0xc0) == 0x80) {
            utf8Cp = (utf8Cp << 6) | (b & 0x3f);
            if (++utf8Have == utf8Need) {
                int cp = utf8Cp;
                utf8Need = 0;
                h.print(cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? cp : 0xfffd);
            }
        } else {
            flushUtf8();
            if (b >= 0xc2 && b <= 0xdf) start(1, b & 0x1f);
            else if (b >= 0xe0 && b <= 0xef) start(2, b & 0x0f);
            else if (b >= 0xf0 && b <= 0xf4) start(3, b & 0x07);
            else h.print(0xfffd);
        }
    }

    private void start(int need, int bits) {
        utf8Need = need;
        utf8Have = 0;
        utf8Cp = bits;
    }

    /** An unfinished UTF-8 character is one replacement character. */
    private void flushUtf8() {
        if (utf8Need > 0) {
            utf8Need = 0;
            h.print(0xfffd);
        }
    }
}
