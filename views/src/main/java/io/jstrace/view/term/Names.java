package io.jstrace.view.term;

import java.util.ArrayList;
import java.util.List;

/** Names of DEC private modes and SGR attributes, for people. */
final class Names {
    private Names() {}

    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    static String decMode(int n) {
        return switch (n) {
            case 1 -> "application cursor keys";
            case 3 -> "132 columns";
            case 5 -> "reverse video";
            case 6 -> "origin mode";
            case 7 -> "autowrap";
            case 12 -> "blinking cursor";
            case 25 -> "cursor visible";
            case 47 -> "alternate screen";
            case 1000 -> "mouse click tracking";
            case 1002 -> "mouse drag tracking";
            case 1003 -> "mouse motion tracking";
            case 1004 -> "focus events";
            case 1005 -> "UTF-8 mouse";
            case 1006 -> "SGR mouse";
            case 1015 -> "urxvt mouse";
            case 1047 -> "alternate screen";
            case 1048 -> "saved cursor";
            case 1049 -> "alternate screen (cursor saved)";
            case 2004 -> "bracketed paste";
            case 2026 -> "synchronized output";
            default -> "mode ?" + n;
        };
    }

    /** SGR parameters (-1 for an empty one) by name: {@code bold, red}. */
    static String sgr(int[] v) {
        if (v.length == 0) return "reset attributes";
        List<String> names = new ArrayList<>();
        for (int k = 0; k < v.length; k++) {
            int n = Math.max(0, v[k]);
            if ((n == 38 || n == 48 || n == 58) && k + 1 < v.length) {
                String which = n == 38 ? "foreground" : n == 48 ? "background" : "underline colour";
                if (v[k + 1] == 5 && k + 2 < v.length) {
                    names.add(which + " colour " + Math.max(0, v[k + 2]));
                    k += 2;
                    continue;
                }
                if (v[k + 1] == 2 && k + 4 < v.length) {
                    names.add(String.format("%s #%02x%02x%02x", which, Math.max(0, v[k + 2]) & 0xff,
                            Math.max(0, v[k + 3]) & 0xff, Math.max(0, v[k + 4]) & 0xff));
                    k += 4;
                    continue;
                }
            }
            names.add(switch (n) {
                case 0 -> "reset";
                case 1 -> "bold";
                case 2 -> "dim";
                case 3 -> "italic";
                case 4 -> "underline";
                case 5 -> "blink";
                case 7 -> "reverse";
                case 8 -> "hidden";
                case 9 -> "strikethrough";
                case 21 -> "double underline";
                case 22 -> "normal intensity";
                case 23 -> "not italic";
                case 24 -> "not underlined";
                case 25 -> "not blinking";
                case 27 -> "not reversed";
                case 28 -> "visible";
                case 29 -> "not struck";
                case 39 -> "default foreground";
                case 49 -> "default background";
                default -> {
                    if (n >= 30 && n <= 37) yield COLOURS[n - 30];
                    if (n >= 40 && n <= 47) yield "on " + COLOURS[n - 40];
                    if (n >= 90 && n <= 97) yield "bright " + COLOURS[n - 90];
                    if (n >= 100 && n <= 107) yield "on bright " + COLOURS[n - 100];
                    yield "SGR " + n;
                }
            });
        }
        return String.join(", ", names);
    }
}
