package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The man pages and the completion scripts the build wrote (target/docs, by {@link Docs}) name
 * exactly the options -h prints, for jstrace and for each command; -h is what jstrace prints.
 */
class DocsTest {
    private static final Path DOCS = Path.of("target/docs");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--?[A-Za-z0-9][A-Za-z0-9-]*");

    /** The option names of a help text: the names column of each entry (up to two spaces). */
    static Set<String> helpOptions(String help) {
        Set<String> names = new TreeSet<>();
        for (String line : help.lines().toList()) {
            if (!line.startsWith("  -")) continue;
            int end = line.indexOf("  ", 2);
            Matcher m = OPTION.matcher(end < 0 ? line : line.substring(0, end));
            while (m.find()) names.add(m.group());
        }
        return names;
    }

    /** The option names of a man page: each .TP entry's bold names. */
    static Set<String> manOptions(String page) {
        Set<String> names = new TreeSet<>();
        List<String> lines = page.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).equals(".TP")) continue;
            Matcher m = Pattern.compile("\\\\fB([^\\\\]*(?:\\\\-[^\\\\]*)*)\\\\fR").matcher(lines.get(i + 1));
            while (m.find()) {
                String name = m.group(1).replace("\\-", "-").split(" ")[0];
                if (name.startsWith("-")) names.add(name);
            }
        }
        return names;
    }

    /** The options bash completes for a command ({@code ''}: jstrace's own). */
    static Set<String> bashOptions(String script, String command) {
        Matcher m = Pattern.compile("\n\\s+" + Pattern.quote(command.isEmpty() ? "''" : command) + "\\) opts='([^']*)'")
                .matcher(script);
        assertTrue(m.find(), command);
        Set<String> names = new TreeSet<>();
        for (String o : m.group(1).split(" ")) names.add(o.replace("=", ""));
        return names;
    }

    /** The options zsh completes for a command: its case branch's _arguments specs. */
    static Set<String> zshOptions(String script, String command) {
        int start = script.indexOf("\n        " + (command.isEmpty() ? "*" : command) + ")\n");
        int end = script.indexOf(";;", start);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\n\\s+'\\*(-[^\\[+=]+)").matcher(script.substring(start, end));
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void manPagesAndCompletionNameTheOptionsHelpNames() throws Exception {
        String bash = Files.readString(DOCS.resolve("completion/jstrace.bash"));
        String zsh = Files.readString(DOCS.resolve("completion/_jstrace"));
        for (var page : Docs.pages().entrySet()) {
            String command = page.getKey();
            Set<String> help = helpOptions(Usage.text(page.getValue()));
            assertTrue(help.size() >= (command.isEmpty() ? 80 : 4), command + ": " + help);
            String man = Files.readString(DOCS.resolve("man/man1/jstrace" + (command.isEmpty() ? "" : "-" + command) + ".1"));
            assertEquals(help, manOptions(man), "man page of " + command);
            assertEquals(help, bashOptions(bash, command), "bash completion of " + command);
            assertEquals(help, zshOptions(zsh, command), "zsh completion of " + command);
        }
        // every option of the parser is in the help
        Set<String> rows = new TreeSet<>();
        for (OptionRows.Row r : OptionRows.ROWS) {
            if (r.letter() != 0) rows.add("-" + r.letter());
            for (String l : r.longNames()) rows.add("--" + l);
        }
        assertEquals(rows, helpOptions(Usage.text(Usage.main())));
    }

    @Test
    void jstraceHPrintsTheHelpAndListsEveryCommand() throws Exception {
        var r = JstraceProcess.run(Path.of("."), List.of("-h"));
        assertEquals(0, r.exit());
        assertEquals(Usage.text(Usage.main()), r.stdout());
        for (String section : List.of("General:", "Startup:", "Tracing:", "Filtering:", "Output format:", "Statistics:",
                "Tampering:", "Miscellaneous:")) {
            assertTrue(r.stdout().contains("\n" + section + "\n"), section);
        }
        assertTrue(r.stdout().contains("\n  -o FILE, --output=FILE\n"), r.stdout());
        for (Commands.Command c : Commands.ALL) {
            assertTrue(r.stdout().contains("\n  " + c.name() + " ".repeat(15 - c.name().length()) + c.summary()),
                    c.name());
        }
        for (Commands.Command c : Commands.ALL) { // each command's -h, from the same model
            var sub = JstraceProcess.run(Path.of("."), List.of(c.name(), "-h"));
            assertEquals(0, sub.exit(), c.name());
            assertEquals(Usage.text(Usage.of(c.spec().get())), sub.stdout(), c.name());
        }
        var v = JstraceProcess.run(Path.of("."), List.of("--version"));
        assertEquals(0, v.exit());
        String pomVersion = Files.readString(Path.of("pom.xml")).replaceAll("(?s).*?<parent>.*?<version>([^<]+)</version>.*", "$1");
        assertTrue(v.stdout().startsWith("jstrace -- version " + pomVersion + "\n"), v.stdout());
    }

    static boolean manAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/man"));
    }

    /** man renders every page without a warning (groff's -ww). */
    @Test
    @EnabledIf("manAvailable")
    void manRendersThePages() throws Exception {
        for (String page : List.of("jstrace", "jstrace-exec", "jstrace-ca")) {
            Process p = new ProcessBuilder("man", "--warnings=w", "-l", "-Tutf8", DOCS.resolve("man/man1/" + page + ".1").toString())
                    .redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes()).replaceAll(".\b", ""); // no overstrikes
            String err = new String(p.getErrorStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), err);
            assertEquals("", err, page);
            assertTrue(out.contains("--output"), out);
        }
    }

    static boolean bashAvailable() {
        return Files.isExecutable(Path.of("/bin/bash"));
    }

    /** bash, given the script and a command line as it splits it, offers syscalls, classes, signals. */
    @Test
    @EnabledIf("bashAvailable")
    void bashCompletesSyscallsClassesAndSignals() throws Exception {
        assertEquals("open,openat open,openat2",
                complete("jstrace -e trace=open,opena", "jstrace", "-e", "trace", "=", "open,opena"));
        assertTrue(complete("jstrace -e trace=%fi", "jstrace", "-e", "trace", "=", "%fi").equals("%file"));
        assertEquals("SIGTERM", complete("jstrace --signals=SIGTE", "jstrace", "--signals", "=", "SIGTE"));
        assertEquals("trace=", complete("jstrace -e tr", "jstrace", "-e", "tr"));
        assertEquals("--string-limit=", complete("jstrace --string-l", "jstrace", "--string-l"));
        assertEquals("--tree", complete("jstrace exec --tr", "jstrace", "exec", "--tr"));
        assertTrue(complete("jstrace ne", "jstrace", "ne").contains("net"));
    }

    static boolean zshAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh"));
    }

    /** zsh reads the script (zsh -n), and a command's branch comes before jstrace's own catch-all. */
    @Test
    @EnabledIf("zshAvailable")
    void zshReadsItsScript() throws Exception {
        Path script = DOCS.resolve("completion/_jstrace");
        Process p = new ProcessBuilder("zsh", "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String text = Files.readString(script);
        assertTrue(text.indexOf("\n        exec)\n") < text.indexOf("\n        *)\n"), "the catch-all comes last");
    }

    private static String complete(String line, String... words) throws Exception {
        StringBuilder script = new StringBuilder(". " + DOCS.resolve("completion/jstrace.bash") + "\nCOMP_WORDS=(");
        for (String w : words) script.append("'").append(w).append("' ");
        script.append(")\nCOMP_CWORD=").append(words.length - 1).append("\nCOMP_LINE='").append(line)
                .append("'\nCOMP_POINT=${#COMP_LINE}\n_jstrace\necho \"${COMPREPLY[*]}\"\n");
        Process p = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.replace("' '", "").strip();
    }
}
