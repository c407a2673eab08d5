package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the option parser and the {@code -e} expressions: command lines made of every
 * option of the table, plausible and broken values and qualifying expressions, spliced and
 * mutated. Parsing either fails with the usage error run() reports
 * ({@link Options.UsageError}, or -h's {@link OptionRows.Help}) or yields options whose
 * qualifiers either decode or are refused with one {@link IllegalArgumentException} message
 * (run() prints it as {@code jstrace: MESSAGE}, exit 1): nothing else may escape.
 * Inputs per property: {@code fuzz.tries} (pom.xml; -Pfuzz for many).
 */
class OptionsFuzz {
    private static final String[] VALUES = {"trace=openat,close", "%file", "!%net", "/open.*", "/[", "abbrev=none",
        "verbose=all", "raw=!read", "signal=!SIGCHLD", "signals=SIGUSR1,2", "s=99", "status=failed", "status=bogus",
        "quiet=attach,exit", "quiet=!all", "decode-fds=path,socket", "decode-fds=all", "read=3", "write=all", "read=-1",
        "write=2147483648", "inject=openat:error=ENOENT", "x=y", "=", ",", "!", "trace=", "trace=!", "?%process",
        "%%", "trace=%clock,%creds", "t=execve", "-1", "0", "99999999999", "", " ", "FILE", "raw", "abbrev",
        "quiet", "signal", "%stat", "%lstat", "%fstat", "%%stat", "%memory", "%ipc", "%network", "%desc", "%pure",
        "all", "none", "1,2,3", "\377", "é", "-", "--", "ls", "-l"};

    @Property
    void everyCommandLineIsParsedOrRefusedInOneLine(@ForAll("commandLines") List<String> args) {
        Options o;
        try {
            o = Options.parse(args.toArray(new String[0]));
        } catch (Options.UsageError e) {
            assertNotNull(e.getMessage());
            return;
        } catch (OptionRows.Help e) {
            return;
        } catch (IllegalArgumentException e) { // a qualifier refused as it is read
            assertNotNull(e.getMessage());
            return;
        }
        try {
            assertNotNull(Jstrace.decodeOptions(o));
        } catch (IllegalArgumentException | Options.UsageError e) {
            assertNotNull(e.getMessage());
        }
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        List<String> names = new ArrayList<>();
        for (OptionRows.Row r : OptionRows.ROWS) {
            if (r.letter() != '\0') names.add("-" + r.letter());
            for (String l : r.longNames()) names.add("--" + l);
        }
        Arbitrary<String> option = Arbitraries.of(names);
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(VALUES),
                Arbitraries.strings().withChars("=,!%/-:;^$.*[]()?0123456789abcdefgzA").ofMaxLength(16),
                Combinators.combine(Arbitraries.of(VALUES), Arbitraries.of(VALUES)).as((x, y) -> x + y));
        Arbitrary<String> glued = Combinators.combine(option, value).as((x, y) -> x + (x.startsWith("--") ? "=" : "") + y);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, option),
                net.jqwik.api.Tuple.of(3, value),
                net.jqwik.api.Tuple.of(2, glued),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(8)))
                .list().ofMaxSize(10);
    }
}
