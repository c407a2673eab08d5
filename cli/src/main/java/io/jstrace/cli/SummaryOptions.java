package io.jstrace.cli;

import io.jstrace.render.Summary;

/** strace's summary options to a {@link Summary.Options}: -S, -U, -w, -O. */
final class SummaryOptions {
    private SummaryOptions() {}

    static Summary.Options of(Options o) {
        Summary.Options s = Summary.Options.defaults().withWallClock(o.wallClock);
        if (o.sortBy != null) s = s.withSortBy(Summary.parseSortBy(o.sortBy));
        if (o.summaryColumns != null) s = s.withColumns(Summary.parseColumns(o.summaryColumns));
        if (o.overhead != null) s = s.withOverhead(overheadNanos(o.overhead));
        return s;
    }

    /** -O: microseconds by default, or a number with s, ms, us or ns. */
    private static long overheadNanos(String v) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) return parse(v.substring(0, v.length() - u[0].length()), Long.parseLong(u[1]), v);
        }
        return parse(v, 1000, v);
    }

    private static long parse(String number, long scale, String whole) {
        try {
            return Math.round(Double.parseDouble(number) * scale);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid -O argument: '" + whole + "'");
        }
    }
}
