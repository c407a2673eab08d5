package io.jstrace.view.term;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment a recording's metadata keeps (the seed's {@code GetTraceEnv}). */
public final class TermEnv {
    /** The variables kept, when set. */
    public static final java.util.List<String> NAMES = java.util.List.of("TERM", "LANG", "COLUMNS", "LINES", "SHELL");

    private TermEnv() {}

    /** TERM, LANG, COLUMNS, LINES and SHELL from this process's environment, those that are set. */
    public static Map<String, String> capture() {
        return capture(System.getenv());
    }

    /** The same from {@code env}. */
    public static Map<String, String> capture(Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : NAMES) {
            String v = env.get(n);
            if (v != null) m.put(n, v);
        }
        return m;
    }
}
