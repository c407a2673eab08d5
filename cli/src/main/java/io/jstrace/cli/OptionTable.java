package io.jstrace.cli;

import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A picocli command model written as a table: one row per option, each bound to a field
 * by a lambda. The fields' own initialisers are the defaults (picocli leaves them be). picocli's annotations describe the same model, but reading them costs
 * start-up some 70 ms (the JDK generates a proxy class per annotation type, and field
 * accessors, at run time); rows cost nothing of the kind.
 *
 * <p>Names are one string, space-separated ({@code "-c --summary-only"}).
 */
final class OptionTable {
    private final CommandSpec spec = CommandSpec.create();

    OptionTable(String name, String description) {
        spec.name(name).interpolateVariables(false); // no ${...} here: a quarter of the model's cost
        spec.usageMessage().sortOptions(false).description(description);
    }

    /** The synopsis line instead of picocli's own; help as wide as the terminal. */
    OptionTable synopsis(String line) {
        spec.usageMessage().customSynopsis(line).autoWidth(true);
        return this;
    }

    /** An option without a value. */
    OptionTable flag(String names, String description, Consumer<Boolean> field) {
        return add(option(names, description, boolean.class, false, field));
    }

    /** An option without a value that may be repeated ({@code -ff}): one element per use. */
    OptionTable counted(String names, String description, Consumer<boolean[]> field) {
        return add(option(names, description, boolean[].class, new boolean[0], field).arity("0"));
    }

    /** An option with a value ({@code -s 64}), converted to {@code type}. */
    <T> OptionTable value(String names, String label, Class<T> type, String description, Consumer<T> field) {
        return add(option(names, description, type, null, field).paramLabel(label));
    }

    /** An option whose value may be left out ({@code --decode-fds}), meaning {@code fallback}. */
    OptionTable optional(String names, String label, String fallback, String description, Consumer<String> field) {
        return add(option(names, description, String.class, null, field).paramLabel(label).arity("0..1")
                .fallbackValue(fallback));
    }

    /** A repeatable option: the list of its values, each use split at {@code split} if not null. */
    OptionTable list(String names, String label, String split, String description, Consumer<List<String>> field) {
        OptionSpec.Builder b = option(names, description, List.class, null, field).paramLabel(label)
                .auxiliaryTypes(String.class);
        return add(split == null ? b : b.splitRegex(split));
    }

    /** The option that asks for the usage help. */
    OptionTable help(String names, String description, Consumer<Boolean> field) {
        return add(option(names, description, boolean.class, false, field).usageHelp(true));
    }

    /** The option that asks for the version. */
    OptionTable version(String names, String description, Consumer<Boolean> field) {
        return add(option(names, description, boolean.class, false, field).versionHelp(true));
    }

    /** Last, the words after the options, as a list: the model is complete. */
    CommandSpec positionals(String label, String description, Consumer<List<String>> field) {
        Binding<List<String>> binding = new Binding<>(null, field);
        spec.addPositional(PositionalParamSpec.builder().paramLabel(label).description(description)
                .arity("0..*").type(List.class).auxiliaryTypes(String.class).hasInitialValue(false).getter(binding)
                .setter(binding).build());
        return spec;
    }

    /**
     * A parser with getopt's rules: options end at the command, short options cluster,
     * and an option's value may begin with '-' ({@code -o -f} writes to the file "-f").
     */
    static CommandLine getopt(CommandSpec spec) {
        // getopt lets an option come again, the last value winning (strace -v -v, -s 8 -s 64)
        return new CommandLine(spec).setStopAtPositional(true).setPosixClusteredShortOptionsAllowed(true)
                .setOverwrittenOptionsAllowed(true)
                .setAllowOptionsAsOptionParameters(true);
    }

    /**
     * getopt_long's optional values (strace's {@code --syscall-times[=PRECISION]}): a value
     * only when attached with '='. picocli would take the next word as the value, the
     * command's name ({@code jstrace --syscall-times ls}), so each bare use before the
     * command gets its fallback value attached here.
     */
    static String[] attachOptionalValues(CommandSpec spec, String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--") || !a.startsWith("-") || a.equals("-")) break; // the command
            OptionSpec o = spec.findOption(a);
            if (o != null && o.arity().min() == 0 && o.arity().max() == 1) out[i] = a + "=" + o.fallbackValue();
            else if (takesNextWord(spec, a)) i++;
        }
        return out;
    }

    /** Whether {@code arg} ({@code -s}, {@code -fo}, {@code --output}) leaves its value to the next word. */
    private static boolean takesNextWord(CommandSpec spec, String arg) {
        if (arg.contains("=")) return false;
        if (arg.startsWith("--")) {
            OptionSpec o = spec.findOption(arg);
            return o != null && o.arity().min() > 0;
        }
        for (int k = 1; k < arg.length(); k++) { // a cluster: the first letter that takes a value ends it
            OptionSpec o = spec.findOption(arg.charAt(k));
            if (o == null) return false;
            if (o.arity().min() > 0) return k == arg.length() - 1;
        }
        return false;
    }

    /** getopt's wording: {@code invalid option -- 'Q'}, {@code option requires an argument -- 'p'}. */
    static String optionMessage(ParameterException e) {
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec opt) {
            return "option requires an argument -- '" + opt.shortestName().substring(1) + "'";
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("--")) return "unrecognized option '" + arg + "'"; // getopt_long's wording
            return "invalid option -- '" + badLetter(arg) + "'";
        }
        String m = e.getMessage();
        if (e.getCause() instanceof CommandLine.TypeConversionException
                && e.getArgSpec() instanceof CommandLine.Model.OptionSpec opt) { // strace.c: error_opt_arg
            return "invalid " + opt.shortestName() + " argument: '" + e.getValue() + "'";
        }
        if (m != null && m.startsWith("Expected parameter for option")) {
            int q = m.indexOf('\'');
            String name = q >= 0 ? m.substring(q + 1, m.indexOf('\'', q + 1)) : "?";
            return "option requires an argument -- '" + name.replace("-", "") + "'";
        }
        return m;
    }

    private static String badLetter(String arg) {
        if (arg.startsWith("--")) return arg.substring(2);
        for (char c : arg.substring(1).toCharArray()) {
            if ("fopseavxyhVtrTiAnzZqcCSUwOXP".indexOf(c) < 0) return String.valueOf(c);
        }
        return arg.length() > 1 ? arg.substring(1, 2) : arg;
    }

    private OptionTable add(OptionSpec.Builder option) {
        spec.addOption(option.build());
        return this;
    }

    private static <T> OptionSpec.Builder option(String names, String description, Class<?> type, T initial,
            Consumer<T> field) {
        Binding<T> binding = new Binding<>(initial, field);
        return OptionSpec.builder(names.split(" ")).description(description).type(type).hasInitialValue(false)
                .getter(binding).setter(binding);
    }

    /** What picocli reads and writes for one option: the value so far, each new one handed to a field. */
    private static final class Binding<T> implements IGetter, ISetter {
        private T value;
        private final Consumer<T> field;

        Binding(T initial, Consumer<T> field) {
            this.value = initial;
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V v) {
            V old = (V) value;
            value = (T) v;
            field.accept(value);
            return old;
        }
    }
}
