package io.jstrace.cli;

import io.jstrace.render.Summary;

/** strace's summary options to a {@link Summary.Options}: -S, -U, -w, -O, each checked when it comes. */
final class SummaryOptions {
    private SummaryOptions() {}

    static Summary.Options of(Options o) {
        Summary.Options s = Summary.Options.defaults().withWallClock(o.wallClock);
        if (o.sortBy != null) s = s.withSortBy(Summary.parseSortBy(o.sortBy));
        if (o.summaryColumns != null) s = s.withColumns(Summary.parseColumns(o.summaryColumns));
        if (o.overhead != null) s = s.withOverhead(timeNanos(o.overhead));
        return s;
    }

    /** -S: strace's set_sortby, whose message comes with the "Try -h" line. */
    static String checkSortBy(String v) {
        try {
            Summary.parseSortBy(v);
            return v;
        } catch (IllegalArgumentException e) {
            throw Options.help(e.getMessage());
        }
    }

    /** -U: strace's set_count_summary_columns. */
    static String checkColumns(String v) {
        try {
            Summary.parseColumns(v);
            return v;
        } catch (IllegalArgumentException e) {
            throw Options.help(e.getMessage());
        }
    }

    /** -O: strace's set_overhead, or its error_opt_arg. */
    static String checkOverhead(String v, String name) {
        if (timeNanos(v) < 0) throw OptionRows.badValue(name, v);
        return v;
    }

    /** -O, inject's delays (strace's parse_ts): microseconds by default, or a number with s, ms, us or ns; -1 when it is none. */
    static long timeNanos(String v) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) return parse(v.substring(0, v.length() - u[0].length()), Long.parseLong(u[1]));
        }
        return parse(v, 1000);
    }

    private static long parse(String number, long scale) {
        try {
            double d = Double.parseDouble(number);
            return d < 0 || Double.isNaN(d) ? -1 : Math.round(d * scale);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
