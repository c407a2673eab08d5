package io.jstrace.cli;

import io.jstrace.arch.Arch;
import io.jstrace.core.Injection;
import io.jstrace.core.Injection.Outcome;
import io.jstrace.core.Injection.Poke;
import io.jstrace.syscalls.Category;
import io.jstrace.syscalls.Errno;
import io.jstrace.syscalls.Signal;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * strace's {@code -e inject=SET:TOKEN:...} and {@code -e fault=} (man strace, "Tampering";
 * filter_qualify.c, parse_inject_token), in its grammar and with its messages. A later
 * expression replaces an earlier one for the syscalls they share.
 */
final class Injections {
    private Injections() {}

    /** MAX_ERRNO (include/linux/err.h): the largest error a call can return. */
    private static final int MAX_ERRNO = 4095;
    /** The largest signal number (NSIG_BYTES * 8 on Linux). */
    private static final int MAX_SIGNAL = 64;

    /** One expression parsed: the syscalls it names and what is done to them. */
    record Parsed(Predicate<SyscallInfo> set, Injection injection, String warning) {}

    /**
     * Parses the SET of {@code -e inject=SET} ({@code fault}: of {@code -e fault=SET}, whose
     * only tokens are error=, syscall= and when=, and whose error is ENOSYS by default).
     *
     * @throws Options.UsageError with strace's message: {@code invalid inject argument '...'}
     */
    static Parsed parse(String expression, boolean fault) {
        String what = fault ? "fault argument" : "inject argument";
        Tokens t = new Tokens();
        String[] parts = expression.split(":");
        // an empty SET is the trace set grammar's error; its tokens are not read
        String name = expression.isEmpty() || expression.startsWith(":") ? "" : parts[0];
        if (!name.isEmpty()) {
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].isEmpty()) continue; // strtok: empty tokens are none
                if (!t.token(parts[i], fault)) throw invalid(what, expression);
            }
        }
        Predicate<SyscallInfo> set = Qualifiers.syscallSet(name);
        if (t.outcome == Outcome.NONE && t.signal == 0 && t.delayEnter < 0 && t.delayExit < 0 && t.pokeEnter == null
                && t.pokeExit == null) {
            if (!fault) throw invalid(what, expression);
            t.outcome = Outcome.ERROR;
            t.value = 38; // ENOSYS
        }
        Injection inj = new Injection(t.outcome, t.value, t.syscall, t.signal, Math.max(0, t.delayEnter),
                Math.max(0, t.delayExit), t.pokeEnter == null ? List.of() : t.pokeEnter,
                t.pokeExit == null ? List.of() : t.pokeExit, t.first, t.last, t.step);
        return new Parsed(set, inj, t.warning);
    }

    private static Options.UsageError invalid(String what, String expression) {
        return Options.die("invalid " + what + " '" + expression + "'");
    }

    /** What each syscall of the host gets, the later expressions replacing the earlier ones; empty for none. */
    static Map<String, Injection> bySyscall(List<String> expressions) {
        Map<String, Injection> out = new HashMap<>();
        SyscallTable table = SyscallTable.of(Arch.host());
        for (String e : expressions) {
            String q = Qualifiers.qualifierOf(e);
            if (!q.equals("inject") && !q.equals("fault")) continue;
            Parsed p = parse(e.substring(e.indexOf('=') + 1), q.equals("fault"));
            for (String name : Arch.host().syscalls().names()) {
                if (name != null && p.set().test(table.get(table.number(name)))) out.put(name, p.injection());
            }
        }
        return out;
    }

    /** The tokens of one expression as they come (filter_qualify.c, parse_inject_token). */
    private static final class Tokens {
        Outcome outcome = Outcome.NONE;
        long value;
        String syscall;
        int signal;
        long delayEnter = -1, delayExit = -1;
        List<Poke> pokeEnter, pokeExit;
        int first = 1, last = Injection.LAST_INF, step = 1;
        String warning;

        boolean token(String token, boolean fault) {
            int eq = token.indexOf('=');
            if (eq < 0) return false;
            String v = token.substring(eq + 1);
            switch (token.substring(0, eq + 1)) {
                case "when=":
                    return when(v);
                case "syscall=":
                    return replacement(v);
                case "error=":
                    return error(v);
                default:
                    if (fault) return false;
            }
            return switch (token.substring(0, eq + 1)) {
                case "retval=" -> retval(v);
                case "signal=" -> signal(v);
                case "poke_enter=" -> pokeEnter == null && (pokeEnter = pokes(v)) != null;
                case "poke_exit=" -> pokeExit == null && (pokeExit = pokes(v)) != null;
                case "delay_enter=" -> delayEnter < 0 && (delayEnter = SummaryOptions.timeNanos(v)) >= 0;
                case "delay_exit=" -> delayExit < 0 && (delayExit = SummaryOptions.timeNanos(v)) >= 0;
                default -> false;
            };
        }

        /**
         * {@code FIRST[..LAST][+[STEP]]}: FIRST alone is that call only, {@code +} alone a step
         * of 1, a range without a step every call in it.
         */
        private boolean when(String v) {
            Strtol f = Strtol.of(v, 0);
            if (f.value < 1 || f.value > 0xffff || !f.endsIn("+.")) return false;
            first = (int) f.value;
            int at = f.end;
            if (at < v.length() && v.charAt(at) == '.') {
                if (at + 1 >= v.length() || v.charAt(at + 1) != '.') return false;
                Strtol l = Strtol.of(v, at + 2);
                if (l.value < first || l.value >= Injection.LAST_INF || !l.endsIn("+")) return false;
                last = (int) l.value;
                at = l.end;
            } else {
                last = Injection.LAST_INF;
            }
            if (at < v.length()) { // '+'
                String s = v.substring(at + 1);
                if (s.isEmpty()) {
                    step = 1;
                } else {
                    long n = Strtol.uintUpto(s, 0xffff);
                    if (n < 1) return false;
                    step = (int) n;
                }
            } else {
                step = last == Injection.LAST_INF ? 0 : 1;
            }
            return true;
        }

        /** Only a side-effect-free syscall ({@code %pure}) may run in the call's place. */
        private boolean replacement(String v) {
            if (syscall != null) return false;
            SyscallTable table = SyscallTable.of(Arch.host());
            int nr = table.number(v);
            if (nr < 0 || !table.get(nr).is(Category.PURE)) return false;
            syscall = v;
            return true;
        }

        /** A number in 1..4095 or an errno name, in any case. */
        private boolean error(String v) {
            if (outcome != Outcome.NONE) return false;
            long n = Strtol.uintUpto(v, MAX_ERRNO);
            if (n < 0) {
                Errno e = Errno.named(v.toUpperCase(Locale.ROOT));
                n = e == null ? -1 : e.number();
            }
            if (n < 1) return false;
            outcome = Outcome.ERROR;
            value = n;
            return true;
        }

        /** strtoull(3) in base 0; one that looks like a negated errno is warned about (strace's words). */
        private boolean retval(String v) {
            if (outcome != Outcome.NONE) return false;
            BigInteger n = Strtol.strtoull(v);
            if (n == null) return false;
            outcome = Outcome.RETVAL;
            value = n.longValue();
            if (value < 0 && value >= -MAX_ERRNO) {
                warning = "Inadvertent injection of error " + -value + " is possible for retval=" + n;
            }
            return true;
        }

        /** A number up to 255 or a name, with or without SIG, in any case; then 1..64. */
        private boolean signal(String v) {
            if (signal != 0) return false;
            long n;
            if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
                n = Strtol.uintUpto(v, 255);
            } else {
                String name = v.toUpperCase(Locale.ROOT);
                Signal s = name.isEmpty() ? null : Signal.named(name);
                n = s == null ? -1 : s.number();
            }
            if (n < 1 || n > MAX_SIGNAL) return false;
            signal = (int) n;
            return true;
        }

        /** {@code @argN=HEX,@argM=HEX...}: N in 1..7, an even number of hex digits, at most 2048. */
        private static List<Poke> pokes(String v) {
            if (v.isEmpty()) return null;
            List<Poke> out = new ArrayList<>();
            for (String p : v.split(",")) {
                if (p.isEmpty()) continue;
                if (!p.startsWith("@arg") || p.length() < 6 || p.charAt(4) < '1' || p.charAt(4) > '7'
                        || p.charAt(5) != '=') {
                    return null;
                }
                String hex = p.substring(6);
                if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 2048) return null;
                byte[] data = new byte[hex.length() / 2];
                for (int i = 0; i < data.length; i++) {
                    int hi = Character.digit(hex.charAt(2 * i), 16), lo = Character.digit(hex.charAt(2 * i + 1), 16);
                    if (hi < 0) return null;
                    data[i] = (byte) (lo < 0 ? hi : hi << 4 | lo); // sscanf's %2hhx stops at a non-digit
                }
                out.add(new Poke(p.charAt(4) - '0', data));
            }
            return out;
        }
    }

    /** The C library's number parsing as strace uses it (strtoll, strtoull; src/string_to_uint.c). */
    private record Strtol(long value, int end, String s) {
        /** strtoll(s + from, &end, 10): -1 when there are no digits, or the value is negative or too big. */
        static Strtol of(String s, int from) {
            int i = from;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            boolean negative = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
            int digits = i;
            long v = 0;
            boolean overflow = false;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                if (v > (Long.MAX_VALUE - 9) / 10) overflow = true;
                v = v * 10 + (s.charAt(i++) - '0');
            }
            if (i == digits) return new Strtol(-1, from, s);
            return new Strtol(negative && v != 0 || overflow ? -1 : v, i, s);
        }

        /** Whether the number is all there is, or is followed by one of {@code endings}. */
        boolean endsIn(String endings) {
            return end == s.length() || endings.indexOf(s.charAt(end)) >= 0;
        }

        /** string_to_uint_upto: the whole of {@code s} a number up to {@code max}, or -1. */
        static long uintUpto(String s, long max) {
            if (s.isEmpty()) return -1;
            Strtol r = of(s, 0);
            return r.value < 0 || r.value > max || r.end != s.length() ? -1 : r.value;
        }

        /** strtoull(s, &end, 0) consuming all of {@code s}: a negative number wraps; {@code null} when invalid. */
        static BigInteger strtoull(String s) {
            int i = 0;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            boolean negative = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
            boolean hex = s.startsWith("0x", i) || s.startsWith("0X", i);
            boolean octal = !hex && s.startsWith("0", i) && i + 1 < s.length();
            int radix = hex ? 16 : octal ? 8 : 10;
            String digits = s.substring(i + (hex ? 2 : octal ? 1 : 0));
            if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) return null;
            BigInteger v = new BigInteger(digits, radix);
            BigInteger max = BigInteger.ONE.shiftLeft(64);
            if (v.compareTo(max) >= 0) return null; // ERANGE
            return negative && v.signum() != 0 ? max.subtract(v) : v;
        }
    }
}
