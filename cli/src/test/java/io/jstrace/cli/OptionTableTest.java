package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The option rows reach their fields as picocli's annotations did, and -h reads as before. */
class OptionTableTest {
    private static Options parse(String... args) {
        Options o = new Options();
        CommandLine cl = OptionTable.getopt(o.spec());
        cl.parseArgs(OptionTable.attachOptionalValues(cl.getCommandSpec(), args));
        return o;
    }

    @Test
    void defaultsAreTheFieldsOwn() {
        Options o = parse("true");
        assertEquals(32, o.stringLimit);
        assertEquals(40, o.column);
        assertEquals(0, o.follow.length);
        assertFalse(o.verbose);
        assertNull(o.output);
        assertEquals(List.of(), o.pids);
        assertEquals(List.of("true"), o.command);
    }

    @Test
    void eachKindOfRow() {
        Options o = parse("-ff", "-qq", "-s", "64", "-v", "-o", "f", "-p", "1,2", "-p", "3", "-e", "trace=open",
                "-e", "abbrev=none", "--decode-fds", "-X", "raw", "--summary-interval", "0.5", "-ttt");
        assertArrayEquals(new boolean[] {true, true}, o.follow);
        assertEquals(2, o.quiet.length);
        assertEquals(3, o.timestamps.length);
        assertEquals(64, o.stringLimit);
        assertTrue(o.verbose);
        assertEquals("f", o.output);
        assertEquals(List.of("1", "2", "3"), o.pids);
        assertEquals(List.of("trace=open", "abbrev=none"), o.expressions);
        assertEquals("path", o.decodeFds);
        assertEquals("raw", o.constPrintStyle);
        assertEquals(0.5, o.summaryInterval);
    }

    @Test
    void longNamesAndOptionalValues() {
        Options o = parse("--summary-only", "--const-print-style=verbose", "--decode-fds=all", "--timestamps=unix,ns",
                "--syscall-times", "ls");
        assertTrue(o.summaryOnly);
        assertEquals("verbose", o.constPrintStyle);
        assertEquals("all", o.decodeFds);
        assertEquals("unix,ns", o.timestampsLong);
        assertEquals("", o.syscallTimesLong);
        assertEquals(List.of("ls"), o.command);
    }

    /** As getopt_long: an optional value must be attached, the next word is the command. */
    @Test
    void anOptionalValueIsNeverTheNextWord() {
        Options o = parse("--decode-fds", "--timestamps", "-f", "--relative-timestamps", "ls", "--syscall-times");
        assertEquals("path", o.decodeFds);
        assertEquals("", o.timestampsLong);
        assertEquals("", o.relativeLong);
        assertNull(o.syscallTimesLong);
        assertEquals(List.of("ls", "--syscall-times"), o.command);
    }

    @Test
    void aValueThatLooksLikeAnOptionalOneIsLeftAlone() {
        assertEquals("--decode-fds", parse("-o", "--decode-fds", "true").output);
        assertEquals("--decode-fds", parse("-fo", "--decode-fds", "true").output);
        assertEquals("--decode-fds", parse("--perfetto", "--decode-fds", "true").perfetto);
        assertNull(parse("-o", "--decode-fds", "true").decodeFds);
    }

    @Test
    void optionsStopAtTheCommand() {
        Options o = parse("-f", "ls", "-l", "-f");
        assertEquals(1, o.follow.length);
        assertEquals(List.of("ls", "-l", "-f"), o.command);
    }

    @Test
    void aBadValueIsAParameterException() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("-s", "many", "true"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("-Q", "true"));
    }

    @Test
    void helpLooksAsItDidWithAnnotations() {
        String help = new CommandLine(new Options().spec()).getUsageMessage();
        assertTrue(help.startsWith("Usage: jstrace [-ACcfhinqrtTvVwxyzZ] [-a COLUMN]"), help);
        assertFalse(help.contains("Usage: Usage"), help);
        assertTrue(help.contains("      [PROG [ARGS]...]       the command to run under trace\n"), help);
        assertTrue(help.contains("\n  -f                         follow forks"), help);
        assertTrue(help.contains("\n  -s=STRSIZE                 print at most"), help);
        assertTrue(help.contains("\n      --decode-fds[=SET]     what descriptors"), help);
        assertTrue(help.contains("-e trace=%file;"), help);
        assertFalse(help.contains("PARAM"), help);
    }

    @Test
    void execViewRows() {
        ExecOptions o = new ExecOptions();
        OptionTable.getopt(o.spec()).parseArgs("-p", "7", "--tree", "-u", "0", "make", "-j2");
        assertEquals(7, o.pid);
        assertTrue(o.tree);
        assertEquals(0, o.uid);
        assertEquals(List.of("make", "-j2"), o.command);
    }
}
