package io.jstrace.syscalls;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The grammar every strace qualifier's SET shares (strace's basic_filters.c:
 * qualify_tokens and qualify_syscall_tokens): each leading {@code !} inverts the rest;
 * {@code none} or {@code all} alone; otherwise a comma list of tokens, empty ones skipped
 * ({@code -e,mmap}), each read by the qualifier's own reader. A token it does not know is
 * {@code invalid WHAT 'TOKEN'}; a list with no token at all is {@code invalid WHAT 'SET'}.
 */
public final class StraceSet {
    private StraceSet() {}

    /**
     * @param token what one token selects, or {@code null} when it is not one
     * @return whether a key is in the set
     * @throws IllegalArgumentException with strace's message
     */
    public static <K> Predicate<K> parse(String set, String what, Function<String, Set<K>> token) {
        String s = set;
        boolean invert = false;
        while (s.startsWith("!")) {
            invert = !invert;
            s = s.substring(1);
        }
        boolean out = invert;
        if (s.equals("none")) return k -> out;
        if (s.equals("all")) return k -> !out;
        Set<K> keys = new HashSet<>();
        boolean any = false;
        for (String t : s.split(",")) {
            if (t.isEmpty()) continue;
            Set<K> selected = token.apply(t);
            if (selected == null) throw new IllegalArgumentException("invalid " + what + " '" + t + "'");
            keys.addAll(selected);
            any = true;
        }
        if (!any) throw new IllegalArgumentException("invalid " + what + " '" + set + "'");
        return k -> keys.contains(k) != out;
    }
}
