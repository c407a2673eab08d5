package io.jstrace.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jstrace.render.Summary.Column;
import io.jstrace.render.Summary.Options;
import io.jstrace.render.Summary.SortBy;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's {@code -c} output for the same calls. */
class SummaryTest {
    private static final String HEAD = "% time     seconds  usecs/call     calls    errors syscall\n"
            + "------ ----------- ----------- --------- --------- ----------------\n";
    private static final String DASH = "------ ----------- ----------- --------- --------- ----------------\n";

    private static Summary summary(Options o) {
        return new Summary(o);
    }

    @Test
    void readsAndWrite() {
        Summary s = summary(Options.defaults());
        s.accumulate(0, "read", 100_000, false);
        s.accumulate(1, "write", 100_000, false);
        s.accumulate(0, "read", 150_000, true);
        s.accumulate(0, "read", 50_000, false);
        assertEquals(HEAD
                + " 75.00    0.000300         100         3         1 read\n"
                + " 25.00    0.000100         100         1           write\n"
                + DASH
                + "100.00    0.000400         100         4         1 total\n", s.render());
    }

    private static io.jstrace.core.SyscallExit exit(long nr, String name, long ret, long wall, long system) {
        io.jstrace.syscalls.SyscallInfo info = name == null ? io.jstrace.syscalls.SyscallInfo.unknown(nr)
                : io.jstrace.syscalls.SyscallCatalog.get(name);
        var enter = new io.jstrace.core.SyscallEnter(1, 1, 0, nr, info, new io.jstrace.core.SyscallArgs(0, 0, 0, 0, 0, 0));
        return new io.jstrace.core.SyscallExit(1, 1, wall, enter, ret, wall, system);
    }

    @Test
    void listenerUsesSystemTimeUnlessWallClockOrUnmeasured() {
        Summary cpu = summary(Options.defaults());
        Summary wall = summary(Options.defaults().withWallClock(true));
        for (Summary s : List.of(cpu, wall)) {
            s.onSyscallExit(exit(0, "read", -11, 5_000, 1_000), null); // EAGAIN
            s.onSyscallExit(exit(1, "write", 3, 4_000, -1), null); // unmeasured: wall clock
            s.onSyscallExit(exit(500, null, -38, 9_000, 9_000), null); // unknown: not counted
        }
        assertEquals(HEAD
                + " 80.00    0.000004           4         1           write\n"
                + " 20.00    0.000001           1         1         1 read\n"
                + DASH
                + "100.00    0.000005           2         2         1 total\n", cpu.render());
        assertEquals(HEAD
                + " 55.56    0.000005           5         1         1 read\n"
                + " 44.44    0.000004           4         1           write\n"
                + DASH
                + "100.00    0.000009           4         2         1 total\n", wall.render());
    }

    @Test
    void printWritesTheSameText() {
        Summary s = summary(Options.defaults());
        s.accumulate(0, "read", 1_000, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(s.render(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nothingCountedPrintsNothing() {
        Summary s = summary(Options.defaults());
        assertEquals("", s.render());
        assertEquals(true, s.isEmpty());
    }

    @Test
    void allZeroTimes() {
        // strace -c /bin/true: system time is often 0 for every call
        Summary s = summary(Options.defaults());
        s.accumulate(12, "brk", 0, false);
        s.accumulate(0, "read", 0, false);
        s.accumulate(21, "access", 0, true);
        assertEquals(HEAD
                + "  0.00    0.000000           0         1           read\n"
                + "  0.00    0.000000           0         1           brk\n"
                + "  0.00    0.000000           0         1         1 access\n"
                + DASH
                + "100.00    0.000000           0         3         1 total\n", s.render());
    }

    @Test
    void sortByCallsKeepsSyscallNumberOrderForTies() {
        Summary s = summary(Options.defaults().withSortBy(SortBy.CALLS));
        s.accumulate(59, "execve", 5_000, false);
        s.accumulate(1, "write", 1_000, false);
        s.accumulate(3, "close", 1_000, false);
        s.accumulate(3, "close", 1_000, false);
        assertEquals(HEAD
                + " 25.00    0.000002           1         2           close\n"
                + " 12.50    0.000001           1         1           write\n"
                + " 62.50    0.000005           5         1           execve\n"
                + DASH
                + "100.00    0.000008           2         4           total\n", s.render());
    }

    @Test
    void sortByNameAndNothing() {
        Summary byName = summary(Options.defaults().withSortBy(SortBy.NAME));
        Summary unsorted = summary(Options.defaults().withSortBy(SortBy.NOTHING));
        for (Summary s : List.of(byName, unsorted)) {
            s.accumulate(257, "openat", 3_000, true);
            s.accumulate(0, "read", 1_000, false);
            s.accumulate(3, "close", 2_000, false);
        }
        assertEquals(List.of("close", "openat", "read"), names(byName.render()));
        assertEquals(List.of("read", "close", "openat"), names(unsorted.render()));
    }

    @Test
    void longNamesWidenTheNameColumnButTheLastColumnIsNotPadded() {
        Summary s = summary(Options.defaults().withColumns(List.of(Column.NAME, Column.CALLS)));
        s.accumulate(334, "rseq", 0, false);
        s.accumulate(439, "faccessat2_long_name_x", 0, false);
        assertEquals("syscall                     calls\n"
                + "----------------------- ---------\n"
                + "rseq                            1\n"
                + "faccessat2_long_name_x          1\n"
                + "----------------------- ---------\n"
                + "total                           2\n", s.render());
    }

    @Test
    void minMaxColumns() {
        Summary s = summary(Options.defaults().withColumns(
                List.of(Column.MIN_TIME, Column.MAX_TIME, Column.CALLS)).withSortBy(SortBy.MAX_TIME));
        s.accumulate(0, "read", 1_500, false);
        s.accumulate(0, "read", 2_500_000_000L, false);
        s.accumulate(1, "write", 7_000, false);
        // "2.000000" is wider than "longest"
        assertEquals("shortest  longest     calls syscall\n"
                + "-------- -------- --------- ----------------\n"
                + "0.000002 2.500000         2 read\n"
                + "0.000007 0.000007         1 write\n"
                + "-------- -------- --------- ----------------\n"
                + "0.000002 2.500000         3 total\n", s.render());
    }

    @Test
    void wideValuesWidenColumns() {
        Summary s = summary(Options.defaults());
        s.accumulate(7, "poll", 123_456_789_012_345L, false);
        assertEquals("% time       seconds   usecs/call     calls    errors syscall\n"
                + "------ ------------- ------------ --------- --------- ----------------\n"
                + "100.00 123456.789012 123456789012         1           poll\n"
                + "------ ------------- ------------ --------- --------- ----------------\n"
                + "100.00 123456.789012 123456789012         1           total\n", s.render());
    }

    @Test
    void overheadIsTakenOffAndClampedAtZero() {
        Summary s = summary(Options.defaults().withOverhead(2_000));
        s.accumulate(0, "read", 5_000, false);
        s.accumulate(0, "read", 1_000, false);
        assertEquals(HEAD
                + "100.00    0.000003           1         2           read\n"
                + DASH
                + "100.00    0.000003           1         2           total\n", s.render());
    }

    @Test
    void cFormatting() {
        assertEquals("0.12", Summary.fixed(0.125, 2));
        assertEquals("0.38", Summary.fixed(0.375, 2));
        assertEquals("1.00", Summary.fixed(1.005, 2));
        assertEquals("100.00", Summary.fixed(100.0, 2));
        assertEquals(2, Summary.div(5, 3)); // rounded to nearest
        assertEquals(1_666_666_667L, Summary.div(5_000_000_000L, 3));
    }

    @Test
    void parsing() {
        assertEquals(SortBy.TIME, Summary.parseSortBy("time"));
        assertEquals(SortBy.TIME, Summary.parseSortBy("total-time"));
        assertEquals(SortBy.MIN_TIME, Summary.parseSortBy("shortest"));
        assertEquals(SortBy.MAX_TIME, Summary.parseSortBy("max-time"));
        assertEquals(SortBy.AVG_TIME, Summary.parseSortBy("avg_time"));
        assertEquals(SortBy.CALLS, Summary.parseSortBy("count"));
        assertEquals(SortBy.ERRORS, Summary.parseSortBy("error"));
        assertEquals(SortBy.NAME, Summary.parseSortBy("syscall"));
        assertEquals(SortBy.NOTHING, Summary.parseSortBy("nothing"));
        assertEquals("invalid sortby: 'foo'",
                assertThrows(IllegalArgumentException.class, () -> Summary.parseSortBy("foo")).getMessage());
        assertEquals(List.of(Column.CALLS, Column.MIN_TIME, Column.NAME), Summary.parseColumns("calls,shortest"));
        assertEquals(List.of(Column.NAME, Column.CALLS), Summary.parseColumns("name,calls"));
        assertEquals("unknown column name: 'none'",
                assertThrows(IllegalArgumentException.class, () -> Summary.parseColumns("calls,none")).getMessage());
        assertEquals("call summary column has been provided more than once: 'count' (-U option residual: "
                + "'count,name')",
                assertThrows(IllegalArgumentException.class, () -> Summary.parseColumns("calls,count,name"))
                        .getMessage());
    }

    private static List<String> names(String table) {
        List<String> out = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 2; i < lines.length - 2; i++) {
            String[] f = lines[i].trim().split(" +");
            out.add(f[f.length - 1]);
        }
        return out;
    }

    // ---- the oracle: strace -C -w -T --syscall-times=ns prints every call's wall-clock time
    // to the nanosecond, then a summary of those same times; feeding the former to Summary
    // must give the latter byte for byte.

    private static final Pattern LINE = Pattern.compile(
            "^(?:\\d+ +)?\\[ *(\\d+)\\] (?:<\\.\\.\\. )?([a-z_0-9]+)[( ].*<(\\d+)\\.(\\d{9})>$");
    private static final Pattern FAILED = Pattern.compile("\\) += (?:-1|\\?) (E[A-Z0-9_]+) .*<[0-9.]+>$");

    private static boolean haveStrace() {
        return new File("/usr/bin/strace").canExecute();
    }

    private static void oracle(List<String> straceOpts, Options options, String... command) throws Exception {
        assumeTrue(haveStrace(), "strace not installed");
        Path out = Files.createTempFile("summary", ".txt");
        try {
            List<String> cmd = new ArrayList<>(List.of("strace", "-n", "-C", "-w", "-T", "--syscall-times=ns",
                    "-o", out.toString()));
            cmd.addAll(straceOpts);
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            List<String> lines = Files.readAllLines(out);
            int table = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("% time") || lines.get(i).startsWith("shortest")
                        || lines.get(i).startsWith("syscall") || lines.get(i).startsWith("calls")) {
                    table = i;
                    break;
                }
            }
            if (table < 0) {
                table = lines.size();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("---")) {
                        table = i - 1;
                        break;
                    }
                }
            }
            Summary s = new Summary(options.withWallClock(true));
            for (String l : lines.subList(0, table)) {
                Matcher m = LINE.matcher(l);
                if (!m.matches()) continue;
                long ns = Long.parseLong(m.group(3)) * 1_000_000_000L + Long.parseLong(m.group(4));
                s.accumulate(Long.parseLong(m.group(1)), m.group(2), ns, FAILED.matcher(l).find());
            }
            StringBuilder expected = new StringBuilder();
            for (String l : lines.subList(table, lines.size())) expected.append(l).append('\n');
            assertEquals(expected.toString(), s.render(), String.join(" ", cmd));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void oracleLs() throws Exception {
        oracle(List.of(), Options.defaults(), "ls", "/", "/nonexistent");
    }

    @Test
    void oracleSortByCalls() throws Exception {
        oracle(List.of("-S", "calls"), Options.defaults().withSortBy(SortBy.CALLS), "ls", "/usr/bin");
    }

    @Test
    void oracleFollowForks() throws Exception {
        oracle(List.of("-f"), Options.defaults(), "sh", "-c", "ls >/dev/null; ls /nonexistent; cat /etc/passwd");
    }

    @Test
    void oracleSortByErrorsNameNothingAvg() throws Exception {
        for (String by : List.of("errors", "name", "nothing", "avg-time", "min-time", "max-time")) {
            oracle(List.of("-S", by), Options.defaults().withSortBy(Summary.parseSortBy(by)),
                    "sh", "-c", "ls /nonexistent /etc; cat /nonexistent");
        }
    }

    @Test
    void oracleThreadsSignalsAndRestarts() throws Exception {
        // threads, an interrupted sleep (ERESTART_RESTARTBLOCK counts as an error), restart_syscall
        oracle(List.of("-f"), Options.defaults(), "sh", "-c",
                "(sleep 0.3 & p=$!; sleep 0.1; kill -STOP $p; sleep 0.05; kill -CONT $p; wait $p);"
                        + " cat /nonexistent 2>/dev/null; ls -R /etc >/dev/null 2>&1; true");
    }

    @Test
    void oracleColumns() throws Exception {
        String u = "calls,min-time,max-time,errors,name,avg-time,total-time,time-percent";
        oracle(List.of("-U", u, "-S", "max-time"),
                Options.defaults().withColumns(Summary.parseColumns(u)).withSortBy(SortBy.MAX_TIME),
                "ls", "/", "/nonexistent");
        oracle(List.of("-U", "errors,calls"), Options.defaults().withColumns(Summary.parseColumns("errors,calls")),
                "ls", "/", "/nonexistent");
    }
}
