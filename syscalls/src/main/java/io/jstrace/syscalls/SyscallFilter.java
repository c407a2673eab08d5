package io.jstrace.syscalls;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * strace's {@code -e trace=} set grammar (strace(1), "Filtering"; basic_filters.c):
 * {@link StraceSet}'s leading {@code !}s, {@code all}, {@code none} and comma list, whose
 * tokens are syscall names, numbers, {@code %class}es (and the legacy names without
 * {@code %}: desc, file, memory, process, signal, ipc, network, all),
 * {@code /regex}es, each optionally followed by a personality ({@code open@64}) and
 * preceded by {@code ?}s (the token may match nothing).
 */
public final class SyscallFilter {
    private SyscallFilter() {}

    /** strace's PERSONALITY_DESIGNATORS per architecture: the first is the native one, the only one traced here. */
    private static final Map<String, List<String>> PERSONALITIES = Map.of(
            "x86_64", List.of("64", "32", "x32"), "aarch64", List.of("64", "32"));

    /** The class names strace 6.1 still takes without {@code %} (basic_filters.c: "legacy class names"). */
    private static final List<String> LEGACY_CLASSES = List.of("desc", "file", "memory", "process", "signal", "ipc",
            "network");

    /**
     * Parses {@code spec} against {@code table}'s syscalls.
     *
     * @throws IllegalArgumentException with strace's message, e.g. {@code invalid system call 'foo'}
     */
    public static Predicate<SyscallInfo> parse(String spec, SyscallTable table) {
        Predicate<String> in = StraceSet.parse(spec, "system call", t -> token(t, table));
        return s -> in.test(s.name());
    }

    /** The names one token selects, or {@code null} when it selects none and is not optional. */
    private static Set<String> token(String t, SyscallTable table) {
        boolean optional = false;
        while (t.startsWith("?")) {
            optional = true;
            t = t.substring(1);
        }
        Set<String> names = new HashSet<>();
        boolean found;
        int at = t.lastIndexOf('@');
        if (at >= 0) {
            List<String> designators = PERSONALITIES.getOrDefault(table.arch().name(), List.of("64"));
            String p = t.substring(at + 1);
            if (!designators.contains(p)) {
                throw new IllegalArgumentException("incorrect personality designator '" + p
                        + "' in qualification '" + t + "'");
            }
            // another personality's syscalls are never traced here: valid, selecting nothing of ours
            Set<String> native_ = new HashSet<>();
            found = add(t.substring(0, at), table, native_);
            if (p.equals(designators.get(0))) names = native_;
        } else {
            found = add(t, table, names);
        }
        return found || optional ? names : null;
    }

    /** Adds what {@code e} names; false when it names nothing. */
    private static boolean add(String e, SyscallTable table, Set<String> names) {
        if (!e.isEmpty() && Character.isDigit(e.charAt(0))) {
            if (!e.chars().allMatch(Character::isDigit) || e.length() > 9) return false;
            SyscallInfo s = table.get(Long.parseLong(e));
            if (table.number(s.name()) < 0) return false;
            names.add(s.name());
            return true;
        }
        if (e.startsWith("/")) return regex(e.substring(1), table, names);
        Category c = category(e);
        if (c != null || e.equals("all")) {
            for (SyscallInfo s : SyscallCatalog.all()) {
                if ((c == null || s.is(c)) && table.number(s.name()) >= 0) names.add(s.name());
            }
            return true;
        }
        if (table.number(e) < 0) return false;
        names.add(e);
        return true;
    }

    private static boolean regex(String re, SyscallTable table, Set<String> names) {
        Pattern p;
        try {
            p = Pattern.compile(re);
        } catch (PatternSyntaxException x) {
            throw new IllegalArgumentException("regcomp: " + re + ": " + x.getDescription());
        }
        boolean found = false;
        for (String n : table.arch().syscalls().names()) {
            if (p.matcher(n).find()) found |= names.add(n) || true;
        }
        return found;
    }

    private static Category category(String e) {
        String name = LEGACY_CLASSES.contains(e) ? "%" + e : e;
        if (name.equals("%network")) name = "%net";
        for (Category c : Category.values()) {
            if (c.className().equals(name)) return c;
        }
        return null;
    }
}
