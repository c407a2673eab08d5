package io.jstrace.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help in strace -h's layout: a synopsis, then sections of entries, each entry its names
 * ({@code -o FILE, --output=FILE}) and what it does, the text from column 17, on the names'
 * line when they leave room. Built from the option tables only ({@link OptionRows},
 * {@link Commands}), so that -h, the man pages and the completion scripts ({@link Docs}) say
 * the same.
 */
final class Usage {
    /** Where an entry's text starts, and the width it wraps at: strace's. */
    static final int TEXT_COLUMN = 17, WIDTH = 80;

    private Usage() {}

    /** One way to write an option: {@code -o} with {@code FILE}, {@code --decode-fds} with an optional {@code path}. */
    record Name(String option, String value, boolean optional) {
        @Override
        public String toString() {
            if (value == null) return option;
            String sep = option.startsWith("--") || option.startsWith("-e ") ? "=" : " ";
            return optional ? option + "[" + sep + value + "]" : option + sep + value;
        }
    }

    record Entry(List<Name> names, String text) {
        String namesText() {
            StringBuilder s = new StringBuilder();
            for (Name n : names) s.append(s.length() > 0 ? ", " : "").append(n);
            return s.toString();
        }
    }

    record Section(String title, List<Entry> entries) {}

    /** A page: the synopsis lines, what the command does, its sections. */
    record Page(String name, List<String> synopsis, String description, List<Section> sections) {}

    /** jstrace's own page: strace's options in strace's sections, then the commands. */
    static Page main() {
        List<Section> sections = new ArrayList<>(OptionRows.sections());
        List<Entry> commands = new ArrayList<>();
        for (Commands.Command c : Commands.ALL) commands.add(new Entry(List.of(new Name(c.name(), null, false)), c.summary()));
        sections.add(new Section("Commands (jstrace COMMAND -h for each one's options)", commands));
        return new Page("jstrace", OptionRows.SYNOPSIS,
                "Trace the system calls and signals of a command or of running processes.", sections);
    }

    /** A subcommand's page, from its option model. */
    static Page of(CommandSpec spec) {
        List<Entry> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            String label = o.arity().max() == 0 ? null : o.paramLabel();
            boolean optional = o.arity().min() == 0 && label != null;
            List<Name> names = new ArrayList<>();
            for (String n : o.names()) names.add(new Name(n, label, optional));
            options.add(new Entry(names, String.join(" ", o.description())));
        }
        String custom = String.join("\n", spec.usageMessage().customSynopsis());
        List<String> synopsis = custom.isEmpty()
                ? List.of(spec.name() + " [OPTIONS] " + spec.positionalParameters().get(0).paramLabel() + " [ARGS...]")
                : custom.strip().lines().map(String::strip).toList();
        return new Page(spec.name(), synopsis, String.join(" ", spec.usageMessage().description()),
                List.of(new Section("Options", options)));
    }

    static void print(Page page, PrintStream out) {
        out.print(text(page));
        out.flush();
    }

    static String text(Page page) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < page.synopsis().size(); i++) { // continued under the command's first word
            String line = page.synopsis().get(i);
            int indent = 7 + line.indexOf(' ') + 1;
            List<String> lines = wrap(line.substring(indent - 7).replaceAll(" (?=[^\\[]*\\])", "\u00a0"),
                    WIDTH - indent); // a [-a COLUMN] stays whole
            lines.replaceAll(l -> l.replace('\u00a0', ' '));
            s.append(i == 0 ? "Usage: " : "   or: ").append(line, 0, indent - 7).append(lines.get(0)).append('\n');
            for (String l : lines.subList(1, lines.size())) s.append(" ".repeat(indent)).append(l).append('\n');
        }
        for (String line : wrap(page.description(), WIDTH)) s.append(line).append('\n');
        for (Section section : page.sections()) {
            s.append('\n').append(section.title()).append(":\n");
            for (Entry e : section.entries()) {
                String names = "  " + e.namesText();
                List<String> lines = wrap(e.text(), WIDTH - TEXT_COLUMN);
                if (names.length() <= TEXT_COLUMN - 2) {
                    s.append(names).append(" ".repeat(TEXT_COLUMN - names.length())).append(lines.get(0)).append('\n');
                    lines = lines.subList(1, lines.size());
                } else {
                    s.append(names).append('\n');
                }
                for (String l : lines) s.append(" ".repeat(TEXT_COLUMN)).append(l).append('\n');
            }
        }
        return s.toString();
    }

    /** {@code text} in lines of at most {@code width} characters, broken at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
