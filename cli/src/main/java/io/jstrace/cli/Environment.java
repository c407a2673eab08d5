package io.jstrace.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code -E VAR=VAL} and {@code -E VAR} on the command's environment, as strace.c's
 * init() applies them: VAR=VAL replaces VAR where it stands or is added at the end,
 * VAR alone removes every VAR, in the order given.
 */
final class Environment {
    private Environment() {}

    /** The environment with {@code changes} made, or {@code null} (this JVM's own, exactly) when there are none. */
    static List<String> of(List<String> changes) {
        if (changes.isEmpty()) return null;
        List<String> env = inherited();
        for (String c : changes) {
            int eq = c.indexOf('=');
            String var = eq < 0 ? c : c.substring(0, eq);
            if (eq < 0) {
                env.removeIf(e -> named(e, var)); // remove_from_env: every entry
                continue;
            }
            int at = 0;
            while (at < env.size() && !named(env.get(at), var)) at++; // add_to_env: the first entry
            if (at < env.size()) env.set(at, c);
            else env.add(c);
        }
        return env;
    }

    private static boolean named(String entry, String var) {
        return entry.startsWith(var) && (entry.length() == var.length() || entry.charAt(var.length()) == '=');
    }

    /**
     * The environment jstrace was given, exactly and in order (the launcher's saved copy, or
     * /proc/self/environ), each entry as lossless text ({@link io.jstrace.core.TraceeText}).
     */
    private static List<String> inherited() {
        List<String> env = new ArrayList<>();
        for (byte[] e : io.jstrace.core.internal.Launcher.inheritedEnvironment()) {
            if (e.length > 0) env.add(io.jstrace.core.TraceeText.text(e));
        }
        return env;
    }
}
