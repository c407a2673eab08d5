package io.jstrace.view.term;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the recorder needs: a strict parser into {@code Map}, {@code List},
 * {@code String}, {@code Double}/{@code Long}, {@code Boolean} and {@code null}, which
 * throws only {@link Bad} (nesting is bounded, so no input overflows the stack), and
 * string quoting for the writers.
 */
final class Json {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int i;
    private int depth;

    /** Malformed JSON: the message says what and where. */
    static final class Bad extends Exception {
        Bad(String message) {
            super(message);
        }
    }

    private Json(String s) {
        this.s = s;
    }

    /** The one value {@code text} holds (whitespace around it allowed). */
    static Object parse(String text) throws Bad {
        Json p = new Json(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.bad("unexpected text after the value");
        return v;
    }

    private Bad bad(String what) {
        if (i >= s.length() && !what.equals("unexpected end")) return new Bad("unexpected end (" + what + ")");
        return new Bad(what + " at character " + (i + 1));
    }

    private void ws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
    }

    private Object value() throws Bad {
        if (i >= s.length()) throw bad("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return word("true", Boolean.TRUE);
            case 'f': return word("false", Boolean.FALSE);
            case 'n': return word("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw bad("unexpected '" + printable(c) + "'");
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Object word(String w, Object v) throws Bad {
        if (!s.startsWith(w, i)) throw bad("unexpected '" + printable(s.charAt(i)) + "'");
        i += w.length();
        return v;
    }

    private Map<String, Object> object() throws Bad {
        if (++depth > MAX_DEPTH) throw bad("nested too deep");
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            depth--;
            return m;
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"') throw bad("expected a name");
            String k = string();
            ws();
            if (i >= s.length() || s.charAt(i) != ':') throw bad("expected ':'");
            i++;
            ws();
            m.put(k, value());
            ws();
            if (i >= s.length()) throw bad("unexpected end");
            char c = s.charAt(i++);
            if (c == '}') break;
            if (c != ',') throw bad("expected ',' or '}'");
        }
        depth--;
        return m;
    }

    private List<Object> array() throws Bad {
        if (++depth > MAX_DEPTH) throw bad("nested too deep");
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            depth--;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            if (i >= s.length()) throw bad("unexpected end");
            char c = s.charAt(i++);
            if (c == ']') break;
            if (c != ',') throw bad("expected ',' or ']'");
        }
        depth--;
        return l;
    }

    private String string() throws Bad {
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw bad("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw bad("control character in a string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) throw bad("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw bad("short \\u escape");
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0) throw bad("bad \\u escape");
                        v = v * 16 + d;
                    }
                    i += 4;
                    b.append((char) v);
                }
                default -> throw bad("bad escape \\" + printable(e));
            }
        }
    }

    private Object number() throws Bad {
        int start = i;
        if (s.charAt(i) == '-') i++;
        boolean fraction = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') i++;
            else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                fraction = true;
                i++;
            } else break;
        }
        String n = s.substring(start, i);
        try {
            if (!fraction) {
                try {
                    return Long.parseLong(n);
                } catch (NumberFormatException big) {
                    return Double.parseDouble(n);
                }
            }
            double d = Double.parseDouble(n);
            if (Double.isNaN(d) || Double.isInfinite(d) || n.endsWith(".") || n.startsWith(".")) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            i = start;
            throw bad("bad number " + (n.length() > 20 ? n.substring(0, 20) + "..." : n));
        }
    }

    /** {@code v} as a JSON string literal: quotes, backslashes and control characters escaped. */
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String quote(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)
                            && !validSurrogate(v, k)) {
                        b.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String v, int k) {
        char c = v.charAt(k);
        if (Character.isHighSurrogate(c)) return k + 1 < v.length() && Character.isLowSurrogate(v.charAt(k + 1));
        return k > 0 && Character.isHighSurrogate(v.charAt(k - 1));
    }

    // ---- typed access for loaders: a wrong type is Bad, with the field's name

    static Map<?, ?> object(Object v, String what) throws Bad {
        if (v instanceof Map<?, ?> m) return m;
        throw new Bad(what + ": not an object");
    }

    static List<?> array(Object v, String what) throws Bad {
        if (v instanceof List<?> l) return l;
        throw new Bad(what + ": not an array");
    }

    static String string(Object v, String what) throws Bad {
        if (v instanceof String t) return t;
        throw new Bad(what + ": not a string");
    }

    static double number(Object v, String what) throws Bad {
        if (v instanceof Number n) return n.doubleValue();
        throw new Bad(what + ": not a number");
    }

    static long integer(Object v, String what) throws Bad {
        if (v instanceof Long n) return n;
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e18) return d.longValue();
        throw new Bad(what + ": not an integer");
    }
}
