package io.jstrace.render;

import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * strace's {@code -c}/{@code -C} call summary (src/count.c): per syscall, the time spent
 * in it, its calls and its failures, printed as strace 6.1's table.
 *
 * <p>Only syscalls that returned are counted: one a tracee never came back from (its
 * {@code exit_group}, a call cut short by detaching) has no row, as in strace. Nor has a
 * number no table names ({@code syscall_0x1f4}). When no syscall was counted at all,
 * {@link #print} writes nothing.
 *
 * <p>Rows are keyed by syscall number and name and start in syscall-number order; the
 * sort is stable, so rows that compare equal stay in that order (glibc's merge sort does
 * the same for strace).
 */
public final class Summary implements TraceListener {

    /** A column of the table: {@code -U}. */
    public enum Column {
        TIME_PERCENT("% time"), TOTAL_TIME("seconds"), MIN_TIME("shortest"), MAX_TIME("longest"),
        AVG_TIME("usecs/call"), CALLS("calls"), ERRORS("errors"), NAME("syscall");

        final String header;

        Column(String header) {
            this.header = header;
        }
    }

    /** What rows are ordered by: {@code -S}. Every order but {@link #NAME} is descending. */
    public enum SortBy { TIME, MIN_TIME, MAX_TIME, AVG_TIME, CALLS, ERRORS, NAME, NOTHING }

    /**
     * @param sortBy    {@code -S}; strace's default is {@link SortBy#TIME}
     * @param wallClock {@code -w}: count the wall-clock time from entry to exit rather than
     *                  the system CPU time (which falls back to wall clock when unmeasured)
     * @param columns   {@code -U}, in order; {@link Column#NAME} is appended when missing
     * @param overhead  {@code -O}: nanoseconds taken off every call's time (not below 0)
     */
    public record Options(SortBy sortBy, boolean wallClock, List<Column> columns, long overhead) {
        /** strace's default columns: {@code time-percent,total-time,avg-time,calls,errors,name}. */
        public static final List<Column> DEFAULT_COLUMNS = List.of(Column.TIME_PERCENT, Column.TOTAL_TIME,
                Column.AVG_TIME, Column.CALLS, Column.ERRORS, Column.NAME);

        public Options {
            if (sortBy == null) sortBy = SortBy.TIME;
            if (columns == null || columns.isEmpty()) columns = DEFAULT_COLUMNS;
            Set<Column> set = new LinkedHashSet<>(columns);
            if (set.size() != columns.size()) throw new IllegalArgumentException("duplicate column: " + columns);
            set.add(Column.NAME);
            columns = List.copyOf(set);
            if (overhead < 0) throw new IllegalArgumentException("negative overhead: " + overhead);
        }

        /** strace's defaults: sort by time, system CPU time, default columns, no overhead. */
        public static Options defaults() {
            return new Options(SortBy.TIME, false, DEFAULT_COLUMNS, 0);
        }

        public Options withSortBy(SortBy s) {
            return new Options(s, wallClock, columns, overhead);
        }

        public Options withWallClock(boolean w) {
            return new Options(sortBy, w, columns, overhead);
        }

        public Options withColumns(List<Column> c) {
            return new Options(sortBy, wallClock, c, overhead);
        }

        public Options withOverhead(long nanos) {
            return new Options(sortBy, wallClock, columns, nanos);
        }
    }

    private static final Map<String, Column> ALIASES = new HashMap<>();
    private static final Set<String> NONE_ALIASES = Set.of("none", "nothing");

    static {
        alias(Column.TIME_PERCENT, "time", "time_percent", "time-percent");
        alias(Column.TOTAL_TIME, "time_total", "time-total", "total_time", "total-time");
        alias(Column.MIN_TIME, "min_time", "min-time", "shortest", "time_min", "time-min");
        alias(Column.MAX_TIME, "longest", "max_time", "max-time", "time_max", "time-max");
        alias(Column.AVG_TIME, "avg_time", "avg-time", "time_avg", "time-avg");
        alias(Column.CALLS, "calls", "count");
        alias(Column.ERRORS, "error", "errors");
        alias(Column.NAME, "name", "syscall", "syscall_name", "syscall-name");
    }

    private static void alias(Column c, String... names) {
        for (String n : names) ALIASES.put(n, c);
    }

    /**
     * Parses {@code -S SORTBY} as strace 6.1 does: any column name or alias of {@code -U}
     * ({@code time}, {@code total-time}, {@code min-time}, {@code shortest}, {@code calls},
     * {@code count}, {@code errors}, {@code name}, {@code syscall}, ...) or {@code none} /
     * {@code nothing}. Both percent and total time sort by time.
     *
     * @throws IllegalArgumentException {@code invalid sortby: 'X'}, strace's message
     */
    public static SortBy parseSortBy(String s) {
        if (NONE_ALIASES.contains(s)) return SortBy.NOTHING;
        Column c = ALIASES.get(s);
        if (c == null) throw new IllegalArgumentException("invalid sortby: '" + s + "'");
        return switch (c) {
            case TIME_PERCENT, TOTAL_TIME -> SortBy.TIME;
            case MIN_TIME -> SortBy.MIN_TIME;
            case MAX_TIME -> SortBy.MAX_TIME;
            case AVG_TIME -> SortBy.AVG_TIME;
            case CALLS -> SortBy.CALLS;
            case ERRORS -> SortBy.ERRORS;
            case NAME -> SortBy.NAME;
        };
    }

    /**
     * Parses {@code -U COLUMNS}, a comma-separated list of column names or aliases, as
     * strace 6.1 does; the name column is appended when missing.
     *
     * @throws IllegalArgumentException with strace's message for an unknown or repeated column
     */
    public static List<Column> parseColumns(String s) {
        List<Column> out = new ArrayList<>();
        String[] parts = s.split(",", -1);
        int residual = 0;
        for (String part : parts) {
            Column c = ALIASES.get(part);
            if (c == null) throw new IllegalArgumentException("unknown column name: '" + part + "'");
            if (out.contains(c)) {
                throw new IllegalArgumentException("call summary column has been provided more than once: '"
                        + part + "' (-U option residual: '" + s.substring(residual) + "')");
            }
            out.add(c);
            residual += part.length() + 1;
        }
        if (!out.contains(Column.NAME)) out.add(Column.NAME);
        return List.copyOf(out);
    }

    private static final long NS = 1_000_000_000L;

    /** One row's counts; times in nanoseconds. */
    static final class Counts {
        final long number;
        final String name;
        long calls;
        long errors;
        long time;
        long min = Long.MAX_VALUE;
        long max;
        long avg;

        Counts(long number, String name) {
            this.number = number;
            this.name = name;
        }
    }

    private record Key(long number, String name) {}

    private final Options options;
    private final Map<Key, Counts> counts = new HashMap<>();

    public Summary(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public void onSyscallExit(SyscallExit x, Tracee tracee) {
        // strace counts only numbers inside its table (count.c: scno_in_range); 6.1 even
        // crashes on a gap inside it. Numbers no table names are left out.
        if (x.enter().name().startsWith("syscall_0x")) return;
        long t = x.duration();
        if (!options.wallClock() && x.systemTime() >= 0) t = x.systemTime();
        accumulate(x.enter().number(), x.enter().name(), t, x.failed());
    }

    /** Counts one returned call of {@code name} that took {@code nanos} and failed or not. */
    synchronized void accumulate(long number, String name, long nanos, boolean failed) {
        Counts c = counts.computeIfAbsent(new Key(number, name), k -> new Counts(number, name));
        c.calls++;
        if (failed) c.errors++;
        long t = Math.max(0, nanos - options.overhead());
        c.time += t;
        c.min = Math.min(c.min, t);
        c.max = Math.max(c.max, t);
    }

    /** Whether any call was counted: strace prints no table otherwise. */
    public synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The table as strace prints it, or {@code ""} when nothing was counted. */
    public synchronized String render() {
        if (counts.isEmpty()) return "";
        List<Counts> rows = new ArrayList<>(counts.values());
        rows.sort(Comparator.comparingLong((Counts c) -> c.number).thenComparing(c -> c.name));

        long cum = 0, minAll = Long.MAX_VALUE, minMax = 0, maxAll = 0, avgMax = 0, callCum = 0, errorCum = 0;
        int nameMax = 0;
        for (Counts c : rows) {
            cum += c.time;
            minAll = Math.min(minAll, c.min);
            minMax = Math.max(minMax, c.min);
            maxAll = Math.max(maxAll, c.max);
            callCum += c.calls;
            errorCum += c.errors;
            c.avg = div(c.time, c.calls);
            avgMax = Math.max(avgMax, c.avg);
            nameMax = Math.max(nameMax, c.name.length());
        }
        double floatCum = seconds(cum);

        Comparator<Counts> order = switch (options.sortBy()) {
            case TIME -> Comparator.comparingLong((Counts c) -> c.time).reversed();
            case MIN_TIME -> Comparator.comparingLong((Counts c) -> c.min).reversed();
            case MAX_TIME -> Comparator.comparingLong((Counts c) -> c.max).reversed();
            case AVG_TIME -> Comparator.comparingLong((Counts c) -> c.avg).reversed();
            case CALLS -> Comparator.comparingLong((Counts c) -> c.calls).reversed();
            case ERRORS -> Comparator.comparingLong((Counts c) -> c.errors).reversed();
            case NAME -> Comparator.comparing((Counts c) -> c.name);
            case NOTHING -> null;
        };
        if (order != null) rows.sort(order); // List.sort is stable

        List<Column> cols = options.columns();
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            Column col = cols.get(i);
            int w = switch (col) {
                case TIME_PERCENT -> "100.00".length();
                case TOTAL_TIME -> fixed(floatCum, 6).length();
                case MIN_TIME -> (minMax / NS + ".000000").length();
                case MAX_TIME -> (maxAll / NS + ".000000").length();
                case AVG_TIME -> Long.toUnsignedString(micros(seconds(avgMax))).length();
                case CALLS -> Long.toUnsignedString(callCum).length();
                case ERRORS -> Long.toUnsignedString(errorCum).length();
                case NAME -> nameMax + 1;
            };
            int historic = switch (col) {
                case TOTAL_TIME, AVG_TIME -> 11;
                case CALLS, ERRORS -> 9;
                case NAME -> 16;
                default -> col.header.length();
            };
            width[i] = Math.max(historic, w);
        }
        int last = cols.size() - 1;

        StringBuilder sb = new StringBuilder(128 * (rows.size() + 4));
        for (int i = 0; i <= last; i++) {
            if (i > 0) sb.append(' ');
            Column col = cols.get(i);
            if (col == Column.NAME) {
                sb.append(i == last ? col.header : padRight(col.header, width[i]));
            } else {
                padLeft(sb, col.header, width[i]);
            }
        }
        sb.append('\n');
        divider(sb, width);

        for (Counts c : rows) {
            double t = seconds(c.time);
            double percent = 100.0 * t;
            if (percent != 0.0) percent /= floatCum;
            for (int i = 0; i <= last; i++) {
                if (i > 0) sb.append(' ');
                Column col = cols.get(i);
                String v = switch (col) {
                    case TIME_PERCENT -> fixed(percent, 2);
                    case TOTAL_TIME -> fixed(t, 6);
                    case MIN_TIME -> fixed(seconds(c.min), 6);
                    case MAX_TIME -> fixed(seconds(c.max), 6);
                    case AVG_TIME -> Long.toUnsignedString(micros(seconds(c.avg)));
                    case CALLS -> Long.toUnsignedString(c.calls);
                    case ERRORS -> c.errors == 0 ? "" : Long.toUnsignedString(c.errors);
                    case NAME -> c.name;
                };
                cell(sb, col, v, width[i], i == last);
            }
            sb.append('\n');
        }

        divider(sb, width);
        for (int i = 0; i <= last; i++) {
            if (i > 0) sb.append(' ');
            Column col = cols.get(i);
            String v = switch (col) {
                case TIME_PERCENT -> fixed(100.0, 2);
                case TOTAL_TIME -> fixed(floatCum, 6);
                case MIN_TIME -> fixed(seconds(minAll), 6);
                case MAX_TIME -> fixed(seconds(maxAll), 6);
                case AVG_TIME -> Long.toUnsignedString(micros(floatCum / callCum));
                case CALLS -> Long.toUnsignedString(callCum);
                case ERRORS -> errorCum == 0 ? "" : Long.toUnsignedString(errorCum);
                case NAME -> "total";
            };
            cell(sb, col, v, width[i], i == last);
        }
        sb.append('\n');
        return sb.toString();
    }

    /** Writes the table (nothing when no call was counted). */
    public void print(PrintStream out) {
        out.print(render());
        out.flush();
    }

    /** Writes the table (nothing when no call was counted). */
    public void print(Appendable out) throws java.io.IOException {
        out.append(render());
    }

    private static void cell(StringBuilder sb, Column col, String v, int width, boolean last) {
        if (col == Column.NAME) {
            sb.append(last ? v : padRight(v, width));
        } else {
            padLeft(sb, v, width);
        }
    }

    private static void divider(StringBuilder sb, int[] width) {
        for (int i = 0; i < width.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append("-".repeat(width[i]));
        }
        sb.append('\n');
    }

    private static void padLeft(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) sb.append(' ');
        sb.append(s);
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** strace's ts_div: nanoseconds divided by {@code n}, rounded to nearest. */
    static long div(long nanos, long n) {
        long sec = nanos / NS, nsec = nanos % NS;
        long q = (sec % n * NS + nsec + n / 2) / n;
        return (sec / n) * NS + q;
    }

    /** strace's ts_float: seconds plus nanoseconds / 1e9, as a double. */
    static double seconds(long nanos) {
        return (double) (nanos / NS) + (double) (nanos % NS) / 1000000000.0;
    }

    /** C's {@code (uint64_t) (s * 1e6)}: truncation; NaN (0 calls) as x86-64 gives it. */
    static long micros(double s) {
        double us = s * 1e6;
        if (Double.isNaN(us) || us >= 0x1p63) return Long.MIN_VALUE; // cvttsd2si's "integer indefinite"
        return (long) us;
    }

    /** C's {@code %.Nf}: the double's exact value rounded half-even, as glibc does. */
    static String fixed(double v, int digits) {
        if (Double.isNaN(v)) return "-nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            if (!s.startsWith("-")) s = "-" + s;
        }
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Summary[%d syscalls]", counts.size());
    }
}
