package io.jstrace.syscalls;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * strace's {@code -e trace=} set grammar (strace(1), "Filtering"): a comma list of
 * syscall names, {@code %class}es, {@code /regex}es, {@code all} and {@code none};
 * a leading {@code !} negates the whole set; a {@code ?} before an element ignores it
 * when it matches nothing.
 */
public final class SyscallFilter {
    private SyscallFilter() {}

    /**
     * Parses {@code spec} against {@code table}'s syscalls.
     *
     * @throws IllegalArgumentException with strace's message, e.g. {@code invalid system call 'foo'}
     */
    public static Predicate<SyscallInfo> parse(String spec, SyscallTable table) {
        boolean negate = spec.startsWith("!");
        String body = negate ? spec.substring(1) : spec;
        Set<String> names = new HashSet<>();
        boolean all = false;
        for (String element : body.split(",", -1)) {
            boolean optional = element.startsWith("?");
            String e = optional ? element.substring(1) : element;
            if (e.equals("all")) {
                all = true;
            } else if (!e.equals("none") && !add(e, table, names) && !optional) {
                throw new IllegalArgumentException("invalid system call '" + element + "'");
            }
        }
        boolean everything = all;
        Predicate<SyscallInfo> in = s -> everything || names.contains(s.name());
        return negate ? in.negate() : in;
    }

    /** Adds what {@code e} names; false when it names nothing. */
    private static boolean add(String e, SyscallTable table, Set<String> names) {
        int before = names.size();
        if (e.startsWith("%")) {
            Category c = category(e);
            if (c == null) return false;
            for (SyscallInfo s : SyscallCatalog.all()) {
                if (s.is(c) && table.number(s.name()) >= 0) names.add(s.name());
            }
            return true;
        }
        if (e.startsWith("/")) {
            Pattern p;
            try {
                p = Pattern.compile(e.substring(1));
            } catch (PatternSyntaxException x) {
                throw new IllegalArgumentException("invalid regular expression '" + e.substring(1) + "'");
            }
            for (String n : table.arch().syscalls().names()) {
                if (p.matcher(n).find()) names.add(n);
            }
            return true;
        }
        if (table.number(e) >= 0) {
            names.add(e);
        } else if (e.chars().allMatch(Character::isDigit) && !e.isEmpty()) {
            names.add(table.get(Long.parseLong(e)).name());
        }
        return names.size() > before;
    }

    private static Category category(String e) {
        String name = e.equals("%network") ? "%net" : e;
        for (Category c : Category.values()) {
            if (c.className().equals(name)) return c;
        }
        return null;
    }
}
